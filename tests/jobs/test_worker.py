"""The queue's production path with a real worker (ADR 0026): `celery -A smartregion worker` as a process, Redis as
broker (DB 4 here, QUEUE_TEST_REDIS_URL), PostgreSQL as the database both sides share (a transactional test: the
worker sees committed rows only). A PDF asked for through the view is built by the worker and downloadable; a
worker killed with SIGKILL in the middle of a task leaves it unacknowledged, and after a restart it is delivered
again and the file is stored exactly once; a task delivered twice builds once; an uploaded project list is
imported by the worker and its page shows the counts."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.agendas import services as agenda_services
from smartregion.jobs import tasks
from smartregion.jobs.enums import JobState
from smartregion.jobs.models import Job
from smartregion.projects.models import Project
from smartregion.territories import roles as territory_roles
from smartregion.territories.importer import import_register
from smartregion.territories.models import Territory

from ..conftest import CENSUS_FILE, register_subset
from ..factories import UserFactory
from .broker import KEY_PREFIX, WORKER_BROKER, Keys, sending_to

ROOT = Path(__file__).resolve().parent.parent.parent
BROKER = WORKER_BROKER
VISIBILITY_SECONDS = 2  # an unacknowledged task goes to another worker after this long
DEADLINE_SECONDS = 120  # generous: the machine may be busy; each wait ends as soon as its condition holds

pytestmark = pytest.mark.django_db(transaction=True)


def _redis() -> Keys:
    import redis

    return Keys(redis.Redis.from_url(BROKER))


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("a real worker needs a database it shares: DATABASE_URL=postgres://… (make test-postgres)")


@pytest.fixture
def broker(settings):
    _needs_postgresql()
    with sending_to(BROKER, settings):
        yield


class Worker:
    """`celery -A smartregion worker` in its own process group, against the test database and broker."""

    def __init__(self, name: str):
        database = connection.settings_dict
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "CELERY_BROKER_URL": BROKER,
            "CELERY_TASK_ALWAYS_EAGER": "false",  # make test-production runs its own tasks eagerly; a worker does not
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
            "CELERY_KEY_PREFIX": KEY_PREFIX,
            "CELERY_WORKER_CONCURRENCY": "1",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CACHE_KEY_PREFIX": settings.CACHE_KEY_PREFIX,
            "DJANGO_DEBUG": "true",
        }
        self.name = name
        self.process = None

    def start(self):
        command = [sys.executable, "-m", "celery", "-A", "smartregion", "worker", "--loglevel=INFO",
                   "--without-gossip", "--without-mingle", "-n", f"{self.name}@%h"]  # fmt: skip
        self.log = open(Path(settings.MEDIA_ROOT).parent / f"{self.name}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def kill(self):
        """SIGKILL to the worker and its pool process: nothing is acknowledged, nothing cleaned up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
            self.log.close()

    def output(self) -> str:
        return (Path(settings.MEDIA_ROOT).parent / f"{self.name}.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def workers(broker):
    started = []

    def start(name):
        worker = Worker(name).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for(condition, what: str, worker=None):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = worker.output()[-3000:] if worker else ""
    raise AssertionError(f"not within {DEADLINE_SECONDS} s: {what}\n{log}")


@pytest.fixture
def agenda_and_editor():
    """Written before the broker is switched on: these writes send no warm-up (core.queue.rewarm_after)."""
    _needs_postgresql()
    import_register(register_subset({"16"}).encode(), census_source=CENSUS_FILE, partial=True)
    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    editor = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    agenda = agenda_services.create_agenda(
        territory=jena, title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=editor
    )
    return agenda, editor


def _files(job) -> list[str]:
    """The files in the job's folder, wherever the default storage keeps them (disk, or the S3 bucket of make
    test-production)."""
    try:
        return sorted(default_storage.listdir(f"jobs/{job.pk}")[1])
    except FileNotFoundError:
        return []


def _state(job) -> str:
    return Job.objects.values_list("state", flat=True).get(pk=job.pk)


def _queue_empty() -> bool:
    redis = _redis()
    return redis.llen("celery") == 0 and redis.hlen("unacked") == 0


def test_a_pdf_asked_for_in_the_page_is_built_by_the_worker_and_downloadable(client, agenda_and_editor, workers):
    agenda, editor = agenda_and_editor
    worker = workers("pdf")
    client.force_login(editor)
    response = client.post(reverse("jobs:start", args=["agenda-pdf", agenda.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])  # to the progress page, not the file
    wait_for(lambda: _state(job) == JobState.DONE, "the worker builds the PDF", worker)
    page = client.get(response["Location"]).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    tasks.run_job.delay(str(job.pk))  # the same task delivered once more
    wait_for(_queue_empty, "the worker takes the second delivery", worker)
    wait_for(lambda: worker.output().count("succeeded") >= 2, "the worker finishes the second delivery", worker)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    assert _files(job) == ["digitalisierungskonzept-jena-2026.pdf"]


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            " AND query LIKE %s",
            ['%"jobs_job"%FOR UPDATE%'],
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_during_the_task_delivers_the_file_once_after_a_restart(client, agenda_and_editor, workers):
    import psycopg

    agenda, editor = agenda_and_editor
    client.force_login(editor)
    client.post(reverse("jobs:start", args=["agenda-pdf", agenda.pk]))
    job = Job.objects.get()
    assert job.state == JobState.QUEUED and _redis().llen("celery") == 1  # sent, no worker yet
    database = connection.settings_dict
    # Another session holds the job's row: the worker's task starts and waits there, in the middle of its run.
    holder = psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=database["NAME"]
    )
    try:
        holder.execute("SELECT id FROM jobs_job WHERE id = %s FOR UPDATE", [job.pk])
        first = workers("first")
        wait_for(_waiting_on_a_lock, "the worker's task waits for the job's row", first)
        assert _redis().hlen("unacked") == 1  # received, not acknowledged (acks_late)
        first.kill()
    finally:
        holder.rollback()
        holder.close()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.QUEUED, 0)  # the killed run committed nothing

    second = workers("second")
    wait_for(lambda: _state(job) == JobState.DONE, "the restarted worker gets the task again and builds", second)
    job.refresh_from_db()
    assert job.attempts == 1
    assert _files(job) == ["digitalisierungskonzept-jena-2026.pdf"]
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    wait_for(_queue_empty, "the task is acknowledged", second)


def test_an_uploaded_project_list_is_imported_by_the_worker_and_the_page_shows_the_counts(
    client, agenda_and_editor, workers
):
    from ..projects.test_import import GOOD, make_csv

    worker = workers("import")
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("projekte.csv", make_csv([GOOD, {**GOOD, "titel": "Digitaler Bauhof"}]), "text/csv")
    response = client.post(reverse("projects:import"), {"file": upload, "publish": "on"})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    wait_for(lambda: _state(job) == JobState.DONE, "the worker imports the file", worker)
    imported = Project.objects.filter(title__in=[GOOD["titel"], "Digitaler Bauhof"])
    assert [project.is_published for project in imported] == [True, True]
    page = client.get(response["Location"]).content.decode()
    assert "2 angelegt, 0 aktualisiert, 0 unverändert." in page
    wait_for(lambda: _files(job) == [] and not default_storage.exists(f"jobs/{job.pk}/upload/projekte.csv"),
             "the uploaded file is deleted once imported", worker)  # fmt: skip
