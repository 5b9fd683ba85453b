"""Shared fixtures: the real register of Bavaria and Thuringia, loaded once per test worker."""

import csv
import io
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from smartregion.core.csvio import read_rows
from smartregion.projects.importer import import_records
from smartregion.territories.importer import import_register
from smartregion.territories.models import Territory

from .factories import UserFactory

DATA = Path(__file__).resolve().parent.parent / "smartregion" / "data"
REGISTER_FILE = DATA / "register" / "gemeinden_de_2024-12-31.csv"
CENSUS_FILE = DATA / "register" / "zensus2022_bevoelkerung_gemeinden.csv"
PROJECTS_FILE = DATA / "smart-city" / "projekte_kommunen_v2.csv"  # v2: the 227 of v1 unchanged and 254 more
TEST_LANDS = {"09", "16"}  # Bayern and Thüringen


def register_subset(lands=TEST_LANDS) -> str:
    """The real register rows of some Länder, as CSV text."""
    with REGISTER_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for row in reader if row["land_code"] in lands)
    return output.getvalue()


def pytest_configure(config):
    """`make test-production` (ADR 0025): the suite with Redis, an S3 bucket and the task queue's broker switched
    on. Each test worker gets a Redis database of its own (the one CACHE_URL and CELERY_BROKER_URL name, counted
    down by the worker's number) and a folder of its own in the bucket; the first process starts moto's S3
    server when TEST_S3_SERVER=moto."""
    from django.conf import settings

    from .services import MotoServer

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        # Settings of this process, and the environment of the processes it starts (a Celery worker, a
        # settings check), alike.
        number = int(worker.removeprefix("gw"))
        for cache in settings.CACHES.values():
            if cache["BACKEND"] == "smartregion.core.rediscache.RedisCache":
                cache["LOCATION"] = _redis_database(cache["LOCATION"], number)
        for variable in ("CACHE_URL", "THROTTLE_CACHE_URL", "PAGE_CACHE_URL", "CELERY_BROKER_URL"):
            if os.environ.get(variable, "").startswith(("redis://", "rediss://")):
                os.environ[variable] = _redis_database(os.environ[variable], number)
        if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
            settings.CELERY_BROKER_URL = _redis_database(settings.CELERY_BROKER_URL, number)
        if settings.STORAGE_S3_BUCKET:
            options = settings.STORAGES["default"]["OPTIONS"]
            options["location"] = os.environ["STORAGE_S3_PREFIX"] = "/".join(
                part for part in (options["location"], worker) if part
            )
    elif os.environ.get("TEST_S3_SERVER") == "moto" and settings.STORAGE_S3_BUCKET:
        import boto3

        options = settings.STORAGES["default"]["OPTIONS"]
        server = config._moto_server = MotoServer(port=urlsplit(options["endpoint_url"]).port).start()
        boto3.client(
            "s3",
            endpoint_url=server.url,
            aws_access_key_id=options["access_key"],
            aws_secret_access_key=options["secret_key"],
            region_name=options["region_name"],
        ).create_bucket(Bucket=options["bucket_name"])


def pytest_unconfigure(config):
    server = getattr(config, "_moto_server", None)
    if server is not None:
        server.stop()


def _redis_database(url: str, worker: int) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    if base - worker < 0:
        raise pytest.UsageError(f"{url}: not enough Redis databases below it for test worker {worker}")
    return urlunsplit(parts._replace(path=f"/{base - worker}"))


@pytest.fixture(scope="session")
def register_csv() -> str:
    return register_subset()


def _is_test_database(connection) -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name.rsplit("/", 1)[-1].startswith("test")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        # The test world is loaded into the test database only, never into the one DATABASE_URL names.
        if not _is_test_database(connection):
            raise RuntimeError(f"refusing to load the test data into {connection.settings_dict['NAME']}")
        import_register(register_subset().encode(), census_source=CENSUS_FILE, file_name="test-subset.csv")
        from django.core.management import call_command

        call_command("import_boundaries", level=["land", "kreis"], verbosity=0)
        call_command("load_taxonomy", verbosity=0)
        call_command("load_matrix", verbosity=0)
        import_records(shipped_project_rows(TEST_LANDS))
        import smartregion.urls  # noqa: F401 - every module with a kept value registers it
        from smartregion.core import freshness

        freshness.generations(tuple(freshness.Kept.all_labels()))  # stored once, as on a running server


def shipped_project_rows(lands=TEST_LANDS):
    """The real compiled project list, restricted to the Länder loaded in tests."""
    rows, errors = read_rows(PROJECTS_FILE)
    assert not errors
    return [(line, row) for line, row in rows if row["land_code"] in lands]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, tmp_path):
    """Argon2 is slow by design; tests of other things need not pay for it. Uploads go to a temp dir."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # a test's transaction never commits: notification mails go out at once (tests/notifications checks the
    # after-commit path on a committing database)
    settings.NOTIFICATIONS_SEND_AT_ONCE = True


def _uses_database(request) -> bool:
    """Whether the test reaches the database: pytest-django's database fixtures (db, transactional_db and the
    rest) all request its `_django_db_helper`; the browser tests' live server opens the database itself."""
    fixtures = set(request.fixturenames)
    return (
        "_django_db_helper" in fixtures
        or "live_server" in fixtures
        or request.node.get_closest_marker("django_db") is not None
    )


@pytest.fixture(autouse=True)
def _clean_caches(request):
    """Caches are on in every test, as in production (core.freshness keeps them fresh), and every test
    starts with them empty: no page, kept value or per-process copy of another test. A test without the
    database asks for no database setup (it would write the test world wherever the settings point)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    from smartregion.core import freshness

    caches["pages"]._local.clear()  # process memory in front of the shared cache
    shared = caches["default"]
    if not _uses_database(request):
        freshness.forget_all()
        yield
        freshness.forget_all()
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        if isinstance(shared, DatabaseCache):
            # Everything but the generations (tokens: a test's values are gone, so nothing old is reached).
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(shared._table)
                cursor.execute(f"DELETE FROM {table} WHERE cache_key NOT LIKE %s", ["%:generation:%"])  # noqa: S608
        else:
            shared.clear()
    freshness.forget_all()
    yield
    freshness.forget_all()


@pytest.fixture
def page_cache(db):
    """Kept for the tests that name it: the caches are on in every test now (they need the database)."""


@pytest.fixture(autouse=True)
def _german_by_default():
    """Requests activate their language for the thread; start every test in German again."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _empty_limit_counters(request):
    """Rate-limit counters (core.limits) live in their own table, which the flush after a browser test
    does not empty: a later test in the same minute would start with somebody else's count."""
    from django.core.cache import caches

    if not _uses_database(request):
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        caches["throttle"].clear()


@pytest.fixture
def jena(db) -> Territory:
    return Territory.objects.get(ags="16053000")


@pytest.fixture
def ilmenau(db) -> Territory:
    return Territory.objects.get(ags="16070029")


@pytest.fixture
def ilm_kreis(db) -> Territory:
    return Territory.objects.get(ars="16070")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory, worker_id):
    """A real OpenID Connect provider (django-oauth-toolkit) on loopback, one per test worker, with its own
    SQLite database (tests/oidc_provider/). OIDC_TEST_PROVIDER_PORT fixes the port (plus the worker's number)."""
    from tests.oidc_provider.server import TestProvider, free_port

    fixed = os.environ.get("OIDC_TEST_PROVIDER_PORT")
    worker = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    provider = TestProvider(
        tmp_path_factory.mktemp("oidc-provider"),
        int(fixed) + worker if fixed else free_port(),
        callback_paths=("/oidc/callback/", "/oidc/callback/land/"),  # the single provider, or "land" of two
    )
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def second_oidc_provider(tmp_path_factory, worker_id):
    """Another provider beside `oidc_provider` (a Kreis' service beside the Land's), with its own client id and
    the callback of the key "kreis"; its port is OIDC_TEST_PROVIDER_PORT + 50 + the worker's number if fixed."""
    from tests.oidc_provider.server import TestProvider, free_port

    fixed = os.environ.get("OIDC_TEST_PROVIDER_PORT")
    worker = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    provider = TestProvider(
        tmp_path_factory.mktemp("oidc-provider-kreis"),
        int(fixed) + 50 + worker if fixed else free_port(),
        client_id="smart-region-hub-kreis",
        callback_paths=("/oidc/callback/kreis/",),
    )
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_settings(settings, oidc_provider):
    """The platform configured for the test provider (what an operator sets in the environment)."""
    for name, value in oidc_provider.settings_for_platform().items():
        setattr(settings, name, value)
    settings.OIDC_PROVIDER_NAME = "Test-Anmeldedienst"
    settings.SITE_URL = "http://testserver"  # the redirect URIs are built from it (registered at the provider)
    return settings


@pytest.fixture
def two_providers_settings(settings, oidc_provider, second_oidc_provider):
    """The platform with two providers by key (OIDC_PROVIDERS=land,kreis), the single-provider variables unset."""
    settings.OIDC_PROVIDERS = {
        "land": oidc_provider.provider_settings("Thüringer Landesportal"),
        "kreis": second_oidc_provider.provider_settings("Nubus des Ilm-Kreises"),
    }
    settings.SITE_URL = "http://testserver"
    return settings


@pytest.fixture
def without_nightly_files():
    """No file the nightly tasks write (the whole DCAT catalogue, the published project catalogue) in the default
    storage: on disk each test has its own folder, but a worker's folder of the S3 bucket keeps other tests' files."""
    from django.core.files.storage import default_storage

    from smartregion.opendata.full_export import VERSIONS as DCAT_FILE
    from smartregion.projects.catalogue_files import VERSIONS as CATALOGUE_FILES

    for versions in (DCAT_FILE, *CATALOGUE_FILES.values()):
        for name in versions.names():
            default_storage.delete(name)
