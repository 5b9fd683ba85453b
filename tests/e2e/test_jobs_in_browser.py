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
