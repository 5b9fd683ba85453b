"""Files built as jobs (ADR 0026) in the embedded default: no broker, so the click on "PDF erstellen" builds the
file in the request and leads straight to it; the same job row, task and download view as with a worker
(tests/jobs/test_worker.py runs them through a real one). A delivery is idempotent; a job is its owner's."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.agendas import services as agenda_services
from smartregion.jobs import services, tasks
from smartregion.jobs.enums import JobState
from smartregion.jobs.models import Job
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory
from ..matching.test_funding_gaps import gap_network  # noqa: F401  (a network of three with a coordinator)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(jena):
    user = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def agenda(jena, editor):
    return agenda_services.create_agenda(
        territory=jena, title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=editor
    )


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _stored_files(job) -> list[str]:
    """The job's files in the default storage (a folder of MEDIA_ROOT, or the S3 bucket: make test-production)."""
    try:
        return sorted(default_storage.listdir(f"jobs/{job.pk}")[1])
    except FileNotFoundError:
        return []


def test_without_a_broker_the_click_builds_the_pdf_in_process_and_leads_to_the_file(client, agenda, editor):
    client.force_login(editor)
    response = client.post(reverse("jobs:start", args=["agenda-pdf", agenda.pk]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:download", args=[job.pk])
    assert (job.state, job.attempts, job.requested_by, job.kind) == (JobState.DONE, 1, editor, "agenda-pdf")
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="digitalisierungskonzept-jena-2026.pdf"' in download["Content-Disposition"]
    assert "Digitale Agenda Jena" in _pdf_text(b"".join(download.streaming_content))


def test_the_docx_and_the_monitoring_report_are_jobs_too(client, agenda, editor):
    import docx

    client.force_login(editor)
    client.post(reverse("jobs:start", args=["agenda-docx", agenda.pk]))
    client.post(reverse("jobs:start", args=["monitoring-pdf", agenda.pk]))
    word, monitoring = Job.objects.order_by("created_at")
    document = docx.Document(io.BytesIO(client.get(reverse("jobs:download", args=[word.pk])).getvalue()))
    assert "Digitale Agenda Jena" in "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert monitoring.file_name == "monitoring-digitalisierungskonzept-jena-2026.pdf"
    assert "Monitoring" in _pdf_text(client.get(reverse("jobs:download", args=[monitoring.pk])).getvalue())


def test_the_buttons_on_the_agenda_ask_for_jobs(client, agenda, editor):
    client.force_login(editor)
    html = client.get(reverse("agendas:detail", args=[agenda.pk])).content.decode()
    assert f'action="{reverse("jobs:start", args=["agenda-pdf", agenda.pk])}"' in html
    assert "PDF für den Rat erstellen" in html


def test_a_second_delivery_of_the_task_delivers_nothing(agenda, editor):
    job = services.create_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)
    assert services.run_job(job.pk) is True
    job.refresh_from_db()
    first = job.result.read()
    assert services.run_job(job.pk) is False  # acknowledged late: delivered again after a worker died
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    assert _stored_files(job) == ["digitalisierungskonzept-jena-2026.pdf"]
    assert job.result.read() == first


def test_a_job_left_running_by_a_dead_worker_is_built_again_into_one_file(agenda, editor):
    job = services.create_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)
    path = job.result.field.generate_filename(job, "digitalisierungskonzept-jena-2026.pdf")
    job.result.storage.save(path, io.BytesIO(b"half a file"))  # written before the worker was killed
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1)
    assert services.run_job(job.pk) is True
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert _stored_files(job) == ["digitalisierungskonzept-jena-2026.pdf"]
    assert job.result.read().startswith(b"%PDF")


def test_a_job_whose_object_is_gone_fails_and_says_so(client, agenda, editor):
    job = services.create_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)
    agenda_services.delete_agenda(agenda, by=editor)
    tasks.run_job.apply(args=[str(job.pk)])
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "DoesNotExist" in job.error
    client.force_login(editor)
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Die Datei konnte nicht erstellt werden." in html
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_job_is_its_owners_only(client, agenda, editor, jena):
    job = tasks.start_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)
    colleague = UserFactory()
    territory_roles.grant_territory_role(user=colleague, territory=jena, role=TerritoryRoleKind.EDITOR)
    client.force_login(colleague)  # may export the agenda herself, but this file was built as the editor saw it
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    client.force_login(editor)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_the_owner_who_lost_the_right_gets_the_file_no_more(client, agenda, editor):
    job = tasks.start_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)  # a draft: team only
    territory_roles.revoke_territory_role(user=editor, territory=agenda.territory)
    client.force_login(editor)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_asking_for_a_draft_one_may_not_see_is_404_and_for_another_kind_too(client, agenda):
    client.force_login(UserFactory())
    assert client.post(reverse("jobs:start", args=["agenda-pdf", agenda.pk])).status_code == 404
    assert client.post(reverse("jobs:start", args=["no-such-kind", agenda.pk])).status_code == 404
    assert not Job.objects.exists()


def test_with_a_broker_the_click_queues_and_the_page_polls(client, agenda, editor, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # the task is sent after commit: captured here, not sent
    client.force_login(editor)
    response = client.post(reverse("jobs:start", args=["agenda-pdf", agenda.pk]))
    job = Job.objects.get()
    assert job.state == JobState.QUEUED
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Ihr Auftrag wartet auf einen freien Platz." in html
    assert f'hx-get="{reverse("jobs:detail", args=[job.pk])}" hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html  # without JavaScript
    part = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<div id="job-status"') and "<html" not in part
    services.run_job(job.pk)  # what the worker does
    done = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done  # polling stops
    assert reverse("jobs:download", args=[job.pk]) in done


def test_the_white_paper_is_a_job_for_coordinators(client, gap_network):  # noqa: F811
    network = gap_network["network"]
    client.force_login(gap_network["coordinator"])
    response = client.post(reverse("jobs:start", args=["whitepaper-pdf", network.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:download", args=[job.pk])
    assert "Förderlücken" in _pdf_text(client.get(response["Location"]).getvalue())
    client.force_login(UserFactory())
    assert client.post(reverse("jobs:start", args=["whitepaper-pdf", network.pk])).status_code == 403


def test_old_jobs_are_deleted_with_their_files(agenda, editor):
    job = tasks.start_job(kind=tasks.registry.get("agenda-pdf"), obj=agenda, by=editor)
    assert services.delete_old_jobs(days=1) == 0
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at.replace(year=job.created_at.year - 1))
    assert services.delete_old_jobs(days=1) == 1
    assert not Job.objects.exists() and _stored_files(job) == []
