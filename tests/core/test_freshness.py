"""core.freshness: generations per model, kept values that follow them (ADR 0023)."""

import datetime
import re

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from smartregion.core import freshness
from smartregion.core.freshness import Kept, generations, label_of
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.network.models import Network, NetworkMember
from smartregion.projects.models import Project
from smartregion.territories.models import Territory

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _generation(model) -> str:
    return generations((label_of(model),))[0]


def test_save_delete_and_links_move_the_generation_of_their_model(jena):
    network = network_services.create_network(name="Netz", slug="netz")
    before = _generation(Network), _generation(NetworkMember)
    member = network_services.add_member(network, jena)
    assert _generation(NetworkMember) != before[1]
    assert _generation(Network) == before[0]  # another model's generation stays

    before = _generation(NetworkMember)
    member.delete()
    assert _generation(NetworkMember) != before

    project = Project.objects.first()
    before = _generation(Project)
    project.domains.clear()
    assert _generation(Project) != before  # m2m_changed: the model holding the relation moves


def test_bulk_writes_move_the_generation_when_the_helper_is_called(jena):
    before = _generation(Territory)
    Territory.objects.filter(pk=jena.pk).update(short_name="Jena (neu)")  # no signal
    assert _generation(Territory) == before
    freshness.bulk_written(Territory)
    assert _generation(Territory) != before


def test_a_login_moves_nothing():
    user = UserFactory()
    before = _generation(type(user))
    user.save(update_fields=["last_login"])
    assert _generation(type(user)) == before


def test_a_change_in_a_transaction_moves_the_shared_generation_after_commit(jena):
    """Inside a transaction only the writer sees its change (other workers cannot read the rows yet, and a
    write to the shared generation would lock it until commit); the commit publishes it. The test's own
    transaction never commits, so the callback waiting for it is called directly."""
    shared = caches[freshness.GENERATIONS]
    key = freshness._key(label_of(Territory))
    before = _generation(Territory)  # stored by the first read, if the cache had none
    published = shared.get(key)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            jena.save()
    assert not [query for query in queries.captured_queries if "smartregion_cache" in query["sql"]]
    assert _generation(Territory) != before  # this thread sees its own change
    assert shared.get(key) == published  # the others do not, yet
    waiting = [func for _sids, func, _robust in connection.run_on_commit if isinstance(func, freshness._AfterCommit)]
    assert len(waiting) == 1 and label_of(Territory) in waiting[0].labels  # one for the transaction
    waiting[0]()
    assert shared.get(key) != published


@pytest.mark.skipif(
    caches.settings["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache",
    reason="generations in Redis: one MGET, counted in tests/core/test_redis.py",
)
def test_generations_are_read_once_per_request_in_one_query(db):
    generations(tuple(Kept.all_labels()))  # they exist (the first read after an empty cache stores them)
    # As Django's test client does: request_started also runs close_old_connections, which on PostgreSQL
    # (CONN_MAX_AGE > 0) closes the connection holding this test's transaction (autocommit differs from
    # its setting); the read then failed safely ("values are rebuilt") and no query was captured.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as queries:
            generations((label_of(Territory),))
            generations((label_of(Project), label_of(Network)))
            generations((freshness.ANY,))
        assert len(queries) == 1
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_kept_value_is_built_once_until_a_model_it_depends_on_changes(jena):
    built = []
    value = Kept("test-territories", lambda: built.append(1) or len(built), depends_on=(Territory,), cache=None,
                 in_process=True)  # fmt: skip
    try:
        assert value.get() == value.get() == 1
        Project.objects.first().save()  # not a dependency
        assert value.get() == 1
        jena.save()
        assert value.get() == 2
    finally:
        del Kept.registry["test-territories"]


# --- every registered kept value, with every model it depends on ---------------------------------


@pytest.fixture
def network(jena):
    network = network_services.create_network(name="Netz", slug="netz")
    network_services.add_member(network, jena)
    network_roles.grant_network_role(user=UserFactory(), network=network)
    return network


def _probe(network):
    from smartregion.projects.similarity import Probe

    return (Probe.of(Project.objects.prefetch_related("domains", "keywords").first()), 6)


_TODAY = datetime.date(2026, 12, 3)


def _agenda(network):
    """An agenda in consultation with a goal on a matrix cell and a measure with money, a milestone, a KPI and a
    funding programme, of a territory with a submitted self-assessment."""
    from decimal import Decimal

    from smartregion.agendas import services as agenda_services
    from smartregion.agendas.enums import BudgetSource
    from smartregion.assessments.models import Cell
    from smartregion.funding.models import FundingProgramme

    from ..assessments.conftest import submitted

    place, editor = network.territories.first(), UserFactory(is_superuser=True)
    agenda = agenda_services.create_agenda(
        territory=place, title="Agenda", start_year=2026, target_year=2030, by=editor
    )
    goal = agenda_services.add_goal(agenda, by=editor, title="Offene Daten", description="", target_year=2029)
    agenda_services.set_goal_target(goal, cell=Cell.objects.first(), target_level=3, by=editor)
    programme = FundingProgramme.objects.create(code="T-AG", name="Programm", level="Bund", status="offen")
    plan = agenda_services.MeasurePlan(
        budgets={(2026, BudgetSource.OWN_SHARE): Decimal("1000")},
        milestones=[{"title": "Start", "due_on": _TODAY}],
        kpis=[{"name": "Datensätze", "unit": "Anzahl", "baseline": Decimal(1), "target": Decimal(9)}],
    )
    measure = agenda_services.add_measure(
        agenda, by=editor, plan=plan, title="Datenportal", starts_on=_TODAY, ends_on=_TODAY, funding_programme=programme
    )
    measure.goals.set([goal])
    agenda = agenda_services.open_consultation(agenda, starts_on=_TODAY, ends_on=_TODAY, by=editor)
    return (agenda, submitted(place, by=editor, visibility="public"), "", _TODAY)


# How each kept value is read. A kept value without an entry here fails the test below.
READS = {
    "actor-facts": lambda network: (),
    "agenda-document": _agenda,
    "catalog-search": lambda network: ("Parksensoren", (("status", "betrieb"), ("feld", None)), "relevanz", True),
    "dashboard": lambda network: (network, None, True),
    "dashboard-page": lambda network: (network, None),
    "dcat-project-catalogue-modified": lambda network: (),
    "dcat-holdings-facts": lambda network: (),
    "dcat-page-holdings": lambda network: ("https://hub.example", 1, "ttl"),
    "funding-gaps": lambda network: (network, datetime.date(2026, 12, 3)),
    "germany-outlines": lambda network: (),
    "glossary-linker": lambda network: (),
    "keyword-counts": lambda network: (),
    "matches": lambda network: ("Parksensoren Innenstadt", (), network.territories.first(), (), "", _TODAY, 10),
    "network-cooperation": lambda network: (network,),
    "network-cooperation-section": lambda network: (network,),
    "network-events-section": lambda network: (network, True, 0),
    "network-overview": lambda network: (network, True),
    "offering-catalogue": lambda network: (),
    "programme-catalogue": lambda network: (),
    "similar-projects": _probe,
}


def test_every_kept_value_has_a_read_in_this_test():
    import smartregion.urls  # noqa: F401 - imports every module that keeps a value

    registered = {name for name in Kept.registry if not name.startswith("test-")}
    assert registered - set(READS) == set()


def _cases():
    import smartregion.urls  # noqa: F401

    return [(name, model) for name, value in sorted(Kept.registry.items()) for model in value.depends_on]


@pytest.mark.parametrize(("name", "model"), _cases(), ids=lambda case: getattr(case, "__name__", str(case)))
def test_changing_a_model_rebuilds_every_value_kept_from_it(name, model, network):
    value = Kept.registry[name]
    parts = READS[name](network)
    value.get(*parts)
    builds = value.builds
    value.get(*parts)
    assert value.builds == builds  # kept

    if isinstance(model, str):  # a higher app's model, named by its label
        model = apps.get_model(model)
    row = model._base_manager.order_by("pk").first()
    if row is not None and not model._meta.auto_created:
        row.save()  # a real write: the signal moves the generation
    else:
        # No row of it in the test database, or a link table (Django sends no save signal for those; links
        # move their models through m2m_changed, tested above): the helper every bulk write calls.
        freshness.bulk_written(model)
    value.get(*parts)
    assert value.builds == builds + 1


def test_a_missing_value_is_built_once_while_the_others_wait_for_it(settings):
    """Eight readers of a cold value at once (a coordinator's colleagues opening the dashboard after a change):
    one builds, the others wait for its result. A process-memory cache in front, as in production ("pages"):
    the claim must be in the cache every worker shares."""
    import threading

    settings.CACHES = {
        **settings.CACHES,
        "shared-test": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared-test"},
        "layered-test": {
            "BACKEND": "smartregion.core.layeredcache.LayeredCache",
            "LOCATION": "layered-test",
            "OPTIONS": {"SHARED": "shared-test"},
        },
    }
    settings.PAGE_CACHE_SECONDS = 60
    building, release, builds = threading.Event(), threading.Event(), []

    def slow_build():
        builds.append(threading.get_ident())
        building.set()
        assert release.wait(10)
        return "Übersicht"

    # No model: the generations live in the database cache, which the threads cannot share with the test.
    value = Kept("test-single-flight", slow_build, depends_on=(), cache="layered-test")
    results = []
    try:
        first = threading.Thread(target=lambda: results.append(value.get()))
        first.start()
        assert building.wait(10)
        others = [threading.Thread(target=lambda: results.append(value.get())) for _ in range(7)]
        for thread in others:
            thread.start()
        release.set()
        for thread in [first, *others]:
            thread.join(30)
        assert results == ["Übersicht"] * 8
        assert len(builds) == 1
    finally:
        del Kept.registry["test-single-flight"]
        caches["shared-test"].clear()


def test_a_builder_that_fails_lets_the_next_reader_build(settings):
    settings.CACHES = {
        **settings.CACHES,
        "plain-test": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "plain-test"},
    }
    settings.PAGE_CACHE_SECONDS = 60
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database gone")
        return 42

    value = Kept("test-flaky", flaky, depends_on=(Territory,), cache="plain-test")
    try:
        with pytest.raises(RuntimeError):
            value.get()
        assert value.get() == 42  # the failed build's claim is gone: no waiting for it
        assert len(attempts) == 2
    finally:
        del Kept.registry["test-flaky"]
        caches["plain-test"].clear()


# Tables that are no model: derived from a model and rewritten with it, or the caches' own.
DERIVED_TABLES = {
    "projects_fulltext": "projects.project",  # SQLite's full-text index of the catalogue
    "projects_match_index": "projects.project",
    "projects_match_term": "projects.project",
    "projects_match_trigram": "projects.project",
}
NOT_DATA = {"smartregion_cache", "smartregion_limits", "django_session"}
TABLE = re.compile(r'(?:FROM|JOIN)\s+"?([a-z_0-9]+)\b"?(?!\s*\()', re.IGNORECASE)  # not a function's call
COMMON_TABLE = re.compile(r'(?:WITH|,)\s+"?([a-z_0-9]+)"?\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(', re.IGNORECASE)


def _tables_read(sql: str) -> set[str]:
    """The tables a query reads: its FROM and JOIN names less its own common tables (the catalogue ranking)."""
    return set(TABLE.findall(sql)) - set(COMMON_TABLE.findall(sql))


def _labels_of_table() -> dict[str, set]:
    """table → the labels whose generation moves when a row of it changes (a link table: both ends too)."""
    labels = {table: {label} for table, label in DERIVED_TABLES.items()}
    for model in apps.get_models(include_auto_created=True):
        own = {label_of(model)}
        if model._meta.auto_created:  # a link table: m2m_changed moves both models
            own |= {label_of(field.related_model) for field in model._meta.fields if field.is_relation}
        labels.setdefault(model._meta.db_table, set()).update(own)
    return labels


def _something_to_match(network):
    """A published project, an expert and an open programme on the topic, so that every step of a match runs."""
    from smartregion.actors import services as actor_services
    from smartregion.funding.models import Deadline, FundingProgramme
    from smartregion.projects import services as project_services
    from smartregion.taxonomy.models import Domain

    admin, mobility = UserFactory(is_superuser=True), Domain.objects.get(key="mobilitaet")
    place = network.territories.first()
    project = project_services.create_project(
        by=admin, lead_territory=place, title="Parksensoren Innenstadt", summary="Freie Stellplätze.",
        primary_domain=mobility, status="betrieb",
    )  # fmt: skip
    project_services.publish_project(project, by=admin)
    actor_services.create_actor(
        by=admin, name="Parkraum-Expertin", sector="wirtschaft", domains=[mobility], keywords=["Parksensoren"]
    )
    programme = FundingProgramme.objects.create(
        code="T-PARK", name="Parken digital", level="Bund", applicants=["kreisfreie Stadt"], status="offen"
    )
    programme.domains.set([mobility])
    Deadline.objects.create(programme=programme, closes_on=_TODAY + datetime.timedelta(days=30), label="Stichtag")


# The kept values whose model list is checked against the tables their build reads.
CHECKED_READS = ("agenda-document", "catalog-search", "matches")


@pytest.mark.parametrize("name", CHECKED_READS)
def test_a_kept_value_names_every_model_its_build_reads(name, network):
    """A table read but not named would leave the value stale after a change to it."""
    _something_to_match(network)
    value = Kept.registry[name]
    named = set(value.labels)
    parts = READS[name](network)
    with CaptureQueriesContext(connection) as captured:
        value.build(*parts)
    tables = set().union(*(_tables_read(query["sql"]) for query in captured.captured_queries))
    by_table = _labels_of_table()
    unknown = sorted(table for table in tables - NOT_DATA if table not in by_table)
    unnamed = sorted(table for table in tables - NOT_DATA if table in by_table and not by_table[table] & named)
    assert tables - NOT_DATA, "the build read nothing: the check would prove nothing"
    assert (unknown, unnamed) == ([], [])


def test_the_tables_of_a_query_leave_out_its_common_tables_and_functions():
    sql = (
        'WITH flagged AS MATERIALIZED (SELECT "projects_project"."id" FROM "projects_project" '
        'JOIN "taxonomy_domain" ON true), hits AS MATERIALIZED (SELECT * FROM flagged) '
        "SELECT * FROM hits CROSS JOIN websearch_to_tsquery('german', %s) AS ranking_query"
    )
    assert _tables_read(sql) == {"projects_project", "taxonomy_domain"}
