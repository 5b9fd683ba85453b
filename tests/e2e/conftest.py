"""Real-browser tests: Debian's Chromium driven by Playwright, with axe-core for accessibility."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe-4.10.3.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason="Chromium not installed: apt-get install chromium"))


def pytest_terminal_summary(terminalreporter):
    """Summary lines the browser tests record (record_property("summary", …)): how much the form check covered.
    Reports carry them from xdist workers too."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                if name == "summary" and report.when == "call":
                    terminalreporter.write_line(f"{value} ({outcome})")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, thuringia):
    # axe-core is injected as a script, which the strict CSP would refuse: bypass it for the scan.
    context = browser.new_context(bypass_csp=True, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def thuringia(transactional_db):
    """The real register of Thuringia and the outlines (live-server tests start from an empty database)."""
    from django.core.management import call_command

    from smartregion.territories.importer import import_register
    from tests.conftest import CENSUS_FILE, register_subset

    import_register(register_subset({"16"}).encode(), census_source=CENSUS_FILE, partial=True)
    call_command("import_boundaries", level=["land", "kreis"], verbosity=0)


def serious_accessibility_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def catalog(transactional_db, thuringia):
    """Bavaria's register too, the Handlungsfelder and the real projects of both Länder."""
    from django.core.management import call_command

    from smartregion.projects.importer import import_records
    from smartregion.territories.importer import import_register
    from tests.conftest import CENSUS_FILE, register_subset, shipped_project_rows

    import_register(register_subset({"09"}).encode(), census_source=CENSUS_FILE, partial=True)
    call_command("load_taxonomy", verbosity=0)
    import_records(shipped_project_rows())


def log_in(page, base_url, email, password):
    page.goto(base_url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
