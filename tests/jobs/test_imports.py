"""Imports as jobs (ADR 0026, addendum): an uploaded file becomes a job whose worker imports it with the
uploader's rights. Without a broker the page shows the report at once (as before the queue); with one the
person goes to the job's page, which polls and then shows the counts or every row error. The file waits in the
shared storage until it is read and is deleted afterwards; a second delivery imports nothing twice; a person
who lost the right meanwhile gets a failed job and nothing written. tests/jobs/test_worker.py runs an import
through a real worker."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.jobs import services, tasks
from smartregion.jobs.enums import JobState
from smartregion.jobs.models import Job
from smartregion.opendata.models import Dataset
from smartregion.projects.models import Project
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory
from ..opendata.test_inventory import HEADER
from ..projects.test_import import GOOD, make_csv

pytestmark = pytest.mark.django_db


def _file(content: bytes, name: str = "projekte.csv"):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _uploads(job) -> list[str]:
    try:
        return default_storage.listdir(f"jobs/{job.pk}/upload")[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def admin():
    return UserFactory(is_superuser=True, full_name="Ada Admin")


@pytest.fixture
def queued(settings):
    """A broker named: the task is sent after the commit, which a test's transaction never reaches — the test
    then does what the worker does (`services.run_job`)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


def test_without_a_broker_the_page_shows_the_report_at_once_and_keeps_no_file(client, admin):
    client.force_login(admin)
    response = client.post(reverse("projects:import"), {"file": _file(make_csv([GOOD])), "publish": "on"})
    assert response.status_code == 200
    assert "1 angelegt, 0 aktualisiert, 0 unverändert." in response.content.decode()
    job = Job.objects.get()
    assert (job.kind, job.state, job.report) == (
        "projects-import",
        JobState.DONE,
        {"created": 1, "updated": 0, "unchanged": 0},
    )
    assert (job.object_label, job.requested_by) == ("projekte.csv", admin)
    assert Project.objects.get(title=GOOD["titel"]).is_published
    assert not job.source and _uploads(job) == []


def test_with_a_broker_the_upload_waits_for_the_worker_and_the_page_shows_the_counts(
    client, admin, queued, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    response = client.post(reverse("projects:import"), {"file": _file(make_csv([GOOD]))})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.state == JobState.QUEUED and job.options == {"publish": False, "file_name": "projekte.csv"}
    assert not Project.objects.filter(title=GOOD["titel"]).exists()  # nothing imported in the request
    assert _uploads(job) == ["projekte.csv"]  # in the shared storage, for whichever node runs the worker
    waiting = client.get(response["Location"]).content.decode()
    assert "Ihr Auftrag wartet auf einen freien Platz." in waiting
    assert "das Ergebnis erscheint hier, sobald die Datei importiert ist" in waiting

    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_job(job.pk) is True  # what the worker does
    project = Project.objects.get(title=GOOD["titel"])
    assert not project.is_published  # the page's choice travels with the job
    done = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done
    assert "Die Datei ist importiert. 1 angelegt, 0 aktualisiert, 0 unverändert." in done
    assert f'href="{reverse("projects:import")}"' in done and "Weitere Datei importieren" in done
    job.refresh_from_db()
    assert not job.source and _uploads(job) == []  # read, imported, deleted

    assert services.run_job(job.pk) is False  # a second delivery
    assert Project.objects.filter(title=GOOD["titel"]).count() == 1


def test_a_refused_file_reports_every_row_error_on_the_job_page_and_writes_nothing(client, admin, queued):
    client.force_login(admin)
    rows = [{**GOOD, "ags": "123"}, GOOD, {**GOOD, "titel": "", "ags": "16070029"}]
    response = client.post(reverse("projects:import"), {"file": _file(make_csv(rows), "fehler.csv")})
    job = Job.objects.get()
    services.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    lines = sorted({error["line"] for error in job.report["errors"]})
    assert lines == [2, 4]
    page = client.get(response["Location"]).content.decode()
    assert "nichts wurde gespeichert" in page and "Zeile 2" in page and "Zeile 4" in page
    assert not Project.objects.filter(title=GOOD["titel"]).exists()  # the good row 3 is not written either
    assert 'href="/jobs/' not in page  # no download for an import


def test_the_report_says_zeile_in_the_readers_language(client, admin, queued):
    client.force_login(admin)
    client.post(reverse("projects:import"), {"file": _file(make_csv([{**GOOD, "ags": "123"}]))})
    job = Job.objects.get()
    services.run_job(job.pk)
    with translation.override("en"):
        page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Row 2" in page and "Zeile 2" not in page
    assert "1 error – nothing was saved" in page


def test_an_uploader_who_lost_the_right_gets_a_failed_job_and_nothing_is_written(client, jena, queued):
    editor = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    client.force_login(editor)
    text = "\r\n".join([HEADER, "Baumkataster;Alle Stadtbäume;;Grünflächenamt;open;jährlich;CSV;;;"])
    upload = SimpleUploadedFile("daten.csv", text.encode(), "text/csv")
    response = client.post(reverse("opendata:import", args=[jena.code]), {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.object_id == str(jena.pk)
    territory_roles.revoke_territory_role(user=editor, territory=jena)
    tasks.run_job.apply(args=[str(job.pk)])  # the worker asks the permission again
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "PermissionDenied" in job.error
    assert not Dataset.objects.exists()
    assert "Die Datei konnte nicht importiert werden." in client.get(response["Location"]).content.decode()


def test_an_import_job_is_its_uploaders_only(client, admin, queued):
    client.force_login(admin)
    response = client.post(reverse("projects:import"), {"file": _file(make_csv([GOOD]))})
    other = UserFactory(is_superuser=True)
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404
