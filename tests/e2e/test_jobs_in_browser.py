"""A file built on the task queue, in the browser (ADR 0026): the editor clicks "PDF für den Rat erstellen", sees
the progress page (it polls by itself with htmx), and downloads the file when it appears. With a broker in Redis
(DB 5 here); on PostgreSQL a real `celery -A smartregion worker` builds it, on SQLite (the worker cannot share
the test's database) the test does the worker's part (`jobs.services.run_job`). JOB_SCREENSHOTS=dir keeps the
screenshots of the waiting and the finished page there."""

import os
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from tests.jobs.broker import BROWSER_BROKER, sending_to

from .conftest import log_in, serious_accessibility_violations


@pytest.fixture
def queued(settings):
    with sending_to(BROWSER_BROKER, settings):
        yield


def test_pdf_erstellen_progress_then_download(page, live_server, queued, tmp_path):
    from django.core.management import call_command
    from pypdf import PdfReader

    from smartregion.agendas import services as agenda_services
    from smartregion.jobs import services as job_services
    from smartregion.jobs.models import Job
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(email="redaktion@jena.example", full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=editor, territory=jena, role="editor")
    agenda = agenda_services.create_agenda(
        territory=jena, title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=editor
    )
    shots = Path(os.environ.get("JOB_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server.url, editor.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/digitalagenda/{agenda.pk}/")
    for width, height in ((360, 740), (1280, 900)):  # the buttons sit among the links of the contents box
        page.set_viewport_size({"width": width, "height": height})
        actions = page.locator("nav .actions").first
        boxes = [
            actions.locator("a, button").nth(i).bounding_box() for i in range(actions.locator("a, button").count())
        ]
        assert len(boxes) >= 4 and not _overlapping(boxes), boxes
        actions.screenshot(path=str(shots / f"agenda-actions-{width}.png"))
    page.get_by_role("button", name="PDF für den Rat erstellen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalisierungskonzept als PDF für den Rat")
    expect(page.get_by_text("Ihr Auftrag wartet auf einen freien Platz.")).to_be_visible()
    expect(page.get_by_role("link", name="Stand neu laden")).to_be_visible()
    page.screenshot(path=str(shots / "job-waiting.png"), full_page=True)
    assert serious_accessibility_violations(page) == []

    job = Job.objects.get()
    if connection.vendor == "postgresql":
        from tests.jobs.test_worker import Worker

        worker = Worker("browser")
        worker.env["CELERY_BROKER_URL"] = BROWSER_BROKER
        worker.start()
    else:
        worker = None
        job_services.run_job(job.pk)  # what the worker does
    try:
        download_button = page.get_by_role("link", name="digitalisierungskonzept-jena-2026.pdf herunterladen")
        expect(download_button).to_be_visible(timeout=120_000)  # htmx polls every 2 s and swaps it in
    finally:
        if worker:
            worker.stop()
    expect(page.get_by_text("Die Datei ist fertig.")).to_be_visible()
    page.screenshot(path=str(shots / "job-done.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download_info:
        download_button.click()
    pdf = download_info.value
    assert pdf.suggested_filename == "digitalisierungskonzept-jena-2026.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(pdf.path()).pages)
    assert "Digitale Agenda Jena" in text


def _overlapping(boxes) -> bool:
    def apart(a, b):
        return (
            a["x"] + a["width"] <= b["x"] + 1
            or b["x"] + b["width"] <= a["x"] + 1
            or a["y"] + a["height"] <= b["y"] + 1
            or b["y"] + b["height"] <= a["y"] + 1
        )

    return any(not apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_an_import_waits_for_the_worker_then_shows_every_row_error(page, live_server, queued, tmp_path):
    """A coordinator uploads a project list with two wrong rows: the job's page waits, then lists both errors
    with their rows (nothing imported); the corrected file is imported and counted."""
    import io

    from django.core.management import call_command

    from smartregion.jobs import services as job_services
    from smartregion.jobs.models import Job
    from smartregion.projects.models import Project
    from tests.factories import TEST_PASSWORD, UserFactory
    from tests.projects.test_import import GOOD, make_csv

    call_command("load_taxonomy", verbosity=0)
    admin = UserFactory(email="plattform@smartregion.example", full_name="Petra Plattform", is_superuser=True)
    shots = Path(os.environ.get("JOB_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server.url, admin.email, TEST_PASSWORD)

    def upload(content: bytes, name: str):
        page.goto(f"{live_server.url}/projekte/import/")
        page.set_input_files("input[type=file]", {"name": name, "mimeType": "text/csv", "buffer": content})
        page.get_by_role("button", name="Prüfen und importieren").click()
        expect(page.get_by_text("Ihr Auftrag wartet auf einen freien Platz.")).to_be_visible()
        return Job.objects.order_by("-created_at").first()

    wrong = make_csv([{**GOOD, "ags": "123"}, GOOD, {**GOOD, "titel": "", "ags": "16070029"}])
    job = upload(wrong, "fehler.csv")
    page.screenshot(path=str(shots / "import-waiting.png"), full_page=True)
    job_services.run_job(job.pk)  # what the worker does (tests/jobs/test_worker.py runs a real one)
    expect(page.get_by_text("2 Fehler – nichts wurde gespeichert")).to_be_visible(timeout=30_000)  # polled in
    errors = page.locator(".import-errors li")
    expect(errors).to_have_count(2)
    assert errors.nth(0).inner_text().startswith("Zeile 2") and errors.nth(1).inner_text().startswith("Zeile 4")
    page.screenshot(path=str(shots / "import-errors.png"), full_page=True)
    assert serious_accessibility_violations(page) == []
    assert not Project.objects.filter(title=GOOD["titel"]).exists()

    page.get_by_role("link", name="Weitere Datei importieren").click()
    job = upload(io.BytesIO(make_csv([GOOD])).getvalue(), "projekte.csv")
    job_services.run_job(job.pk)
    expect(page.get_by_text("1 angelegt, 0 aktualisiert, 0 unverändert.")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(shots / "import-done.png"), full_page=True)
    assert Project.objects.filter(title=GOOD["titel"]).count() == 1
