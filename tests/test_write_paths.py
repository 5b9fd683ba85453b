"""Every write path asks the same rule as the single-object pages (issue 19): imports with crafted files, the
Bestandsaufnahme, the API with keys of covered and uncovered territories, and the single-object writes, walked as
every role of the permission walk plus a coordinator of another network (Bavaria, which does not include Jena).

Each case names what a write would change (`state`) and what no write on that path may ever change (`kept`:
another territory's objects, deleted ones). A refused role must leave both as they were; an allowed role changes
`state` only. `one_of_everything` is the permission walk's fixture, built once for this module, rolled back at the end.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.core.models import AccessibilityFeedback
from smartregion.events.models import FollowUp
from smartregion.funding.models import FundingProgramme
from smartregion.matching.models import GapRecommendation
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.opendata import services as opendata_services
from smartregion.opendata.models import Dataset
from smartregion.projects.models import Project
from smartregion.territories import api_tokens
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory
from smartregion.toolkit import services as toolkit_services
from smartregion.toolkit.models import StocktakeEntry

from . import test_permissions as walk
from .factories import UserFactory
from .projects.test_import import GOOD, make_csv

ROLES = [*walk.ROLES, "other_coordinator"]
OK, REDIRECT, FORBIDDEN, LOGIN = walk.OK, walk.REDIRECT, walk.FORBIDDEN, walk.LOGIN
JENA_AGS, MUENCHEN_AGS = "16053000", "09162000"


def answers(default=FORBIDDEN, **by_role):
    """Anonymous visitors are sent to the login page unless said otherwise."""
    return {**dict.fromkeys(ROLES, default), "anonymous": LOGIN, **by_role}


def api_answers(**by_role):
    """A write without a key: 401 for nobody signed in, 403 for a session; with a key as given."""
    return {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": 401, **by_role}


@pytest.fixture(scope="module")
def one_of_everything(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            users, objects = walk._build_world()
            yield _extend(users, objects)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _extend(users, objects):
    """A Bavarian network with München, its coordinator (who also edits München, so that she holds an API key),
    the walk's objects given import keys, another territory's dataset and stocktake entry, deleted objects."""
    admin = users["platform_admin"]
    muenchen = Territory.objects.get(ags=MUENCHEN_AGS)
    bayern = network_services.create_network(name="Testnetz Bayern", slug="testnetz-bayern", by=admin)
    network_services.add_member(bayern, muenchen, by=admin)
    other = UserFactory()
    network_roles.grant_network_role(user=other, network=bayern)
    territory_roles.grant_territory_role(user=other, territory=muenchen, role=TerritoryRoleKind.EDITOR)
    territory_roles.grant_territory_role(user=admin, territory=muenchen, role=TerritoryRoleKind.EDITOR)
    users = {**users, "other_coordinator": other}
    Project.objects.filter(pk=objects["draft"].pk).update(external_id="WELT-ENTWURF")
    common = {"by": admin, "description": "d", "publisher": "Amt", "theme": "TRAN", "access": "open"}
    deleted_programme = FundingProgramme.objects.create(code="FP-DEL", name="Eingestellt", level="Bund")
    deleted_programme.delete()
    deleted_dataset = opendata_services.create_dataset(territory=objects["jena"], title="Alt", **common)
    deleted_dataset.delete()
    muenchen_stocktake = toolkit_services.stocktake_for(muenchen, by=admin)
    keys = {
        role: api_tokens.create_api_token(user=users[role], name="Fachverfahren", territories=[territory])[1]
        for role, territory in [
            ("editor", objects["jena"]),
            ("territory_admin", objects["jena"]),
            ("other_coordinator", muenchen),
            ("platform_admin", muenchen),
        ]
    }
    objects = {
        **objects,
        "muenchen": muenchen,
        "muenchen_dataset": opendata_services.create_dataset(territory=muenchen, title="Münchner Daten", **common),
        "deleted_dataset": deleted_dataset,
        "deleted_programme": deleted_programme,
        "muenchen_entry": toolkit_services.add_entry(
            muenchen_stocktake, kind="actor", title="Stadtwerke München", data={"role": "Betrieb"}, by=admin
        ),
        "keys": keys,
    }
    return users, objects


# --- What a write may change --------------------------------------------------------------------------------


def _project(pk):
    project = Project.all_objects.get(pk=pk)
    return (project.title, project.summary, project.publication, project.lead_territory_id, project.history.count())


def _dataset(pk):
    dataset = Dataset.all_objects.get(pk=pk)
    return (dataset.title, dataset.territory_id, dataset.description, dataset.deleted_at, dataset.revision)


def _datasets_of(territory):
    return sorted(Dataset.all_objects.filter(territory=territory).values_list("pk", "title", "revision"))


def _programmes():
    return sorted(FundingProgramme.all_objects.values_list("code", "name", "status", "deleted_at", "revision"))


def _entries(territory):
    return sorted(StocktakeEntry.objects.filter(stocktake__territory=territory).values_list("pk", "title", "revision"))


def _recommendations(network):
    return sorted(GapRecommendation.objects.filter(network=network).values_list("grouping", "key", "text", "revision"))


def _jobs_of(agenda):
    from smartregion.jobs.models import Job

    return sorted(Job.objects.filter(kind__startswith="agenda", object_id=str(agenda.pk)).values_list("pk", "state"))


def _follow_up(pk):
    follow_up = FollowUp.objects.get(pk=pk)
    return (follow_up.status, follow_up.note, follow_up.revision)


def _follow_up_task(pk):
    follow_up = FollowUp.objects.get(pk=pk)
    return (follow_up.title, follow_up.owner_territory_id, follow_up.due_on, follow_up.event_id)


# --- Crafted files -------------------------------------------------------------------------------------------


def _file(name, content: bytes):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def _project_file(*rows):
    return {"file": _file("projekte.csv", make_csv([{**GOOD, **row} for row in rows])), "publish": "on"}


JENAS_PROJECTS = (  # the finding's file: Jena's draft by id, Jena's published project by title + AGS
    {"id": "WELT-ENTWURF", "titel": "Übernommen", "kommune": "Jena", "ags": JENA_AGS, "kurzbeschreibung": "Neu."},
    {"titel": "Testprojekt Jena", "kommune": "Jena", "ags": JENA_AGS, "kurzbeschreibung": "Neu."},
)
PROGRAMME_HEADER = "id;name;ebene;antragsberechtigt;status\r\n"
DATASET_HEADER = "titel;beschreibung;herausgeber;zugang\r\n"


@dataclass
class Write:
    id: str
    url: Callable
    method: str
    expected: dict
    data: Callable = lambda objects: {}
    state: Callable = lambda objects: None  # what an allowed write changes
    writes: tuple = ()  # the roles whose write goes through (state changes)
    kept: Callable = lambda objects: None  # what no write on this path may change
    with_key: bool = False  # send the role's API key


def _url(name, **kwargs):
    return lambda objects: reverse(name, kwargs={key: value(objects) for key, value in kwargs.items()})


def _pk(key):
    return lambda objects: objects[key].pk


def _code(key):
    return lambda objects: objects[key].code


JENA_CURATORS = ("coordinator", "platform_admin")
JENA_EDITORS = ("editor", "territory_admin", "platform_admin")
ANY_COORDINATOR = ("coordinator", "other_coordinator", "platform_admin")


def _both_jena_projects(objects):
    return (_project(objects["draft"].pk), _project(objects["project"].pk))


WRITES = [
    # Issue 19, finding 1: the importer matched rows across all projects and asked nothing.
    Write(
        "project-import-names-jenas-projects",
        _url("projects:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: _project_file(*JENAS_PROJECTS),
        state=_both_jena_projects,
        writes=JENA_CURATORS,
    ),
    Write(
        "project-import-new-project-for-jena",
        _url("projects:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: _project_file({"titel": "Neu in Jena", "kommune": "Jena", "ags": JENA_AGS}),
        state=lambda objects: Project.all_objects.filter(title="Neu in Jena").count(),
        writes=JENA_CURATORS,
    ),
    Write(
        "project-import-moves-jenas-draft-to-muenchen",
        _url("projects:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: _project_file(
            {"id": "WELT-ENTWURF", "titel": "Testprojekt Jena", "ags": MUENCHEN_AGS, "land_code": "09"}
        ),
        state=lambda objects: _project(objects["draft"].pk),
        writes=("platform_admin",),  # Jena's coordinator may change the draft, not give it a Bavarian lead
    ),
    Write(
        "project-import-without-territory-key",
        _url("projects:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: _project_file({"titel": "Irgendwo", "kommune": "Region Mitte", "ags": ""}),
        state=lambda objects: Project.all_objects.filter(title="Irgendwo").count(),
        writes=("platform_admin",),
    ),
    # The single-object rule the importer now asks, for the Bavarian coordinator too.
    Write(
        "project-edit-jenas",
        _url("projects:edit", pk=_pk("project")),
        "post",
        answers(editor=OK, territory_admin=OK, coordinator=OK, platform_admin=OK),
        state=lambda objects: _project(objects["project"].pk),
    ),
    Write(
        "project-publish-jenas-draft",
        _url("projects:publish", pk=_pk("draft")),
        "post",
        answers(
            404,
            anonymous=LOGIN,
            editor=REDIRECT,
            territory_admin=REDIRECT,
            coordinator=REDIRECT,
            platform_admin=REDIRECT,
        ),  # fmt: skip
        state=lambda objects: _project(objects["draft"].pk),
        writes=("editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    Write(
        "project-delete-jenas",
        _url("projects:delete", pk=_pk("project")),
        "post",
        answers(editor=REDIRECT, territory_admin=REDIRECT, coordinator=REDIRECT, platform_admin=REDIRECT),
        state=lambda objects: Project.objects.filter(pk=objects["project"].pk).exists(),
        writes=("editor", "territory_admin", "coordinator", "platform_admin"),
    ),
    # Funding programmes: platform-wide, coordinators and admins; a deleted programme is never reached.
    Write(
        "programme-import-names-a-deleted-programme",
        _url("funding:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: {
            "file": _file(
                "programme.csv",
                (
                    PROGRAMME_HEADER + "FP-001;Geändert;Bund;Gemeinde;offen\r\nFP-DEL;Wieder da;Bund;Gemeinde;offen\r\n"
                ).encode(),
            )
        },
        kept=lambda objects: _programmes(),
    ),
    Write(
        "programme-import-changes-a-programme",
        _url("funding:import"),
        "post",
        answers(coordinator=OK, other_coordinator=OK, platform_admin=OK),
        data=lambda objects: {
            "file": _file("programme.csv", (PROGRAMME_HEADER + "FP-001;Geändert;Bund;Gemeinde;offen\r\n").encode())
        },
        state=lambda objects: _programmes(),
        writes=ANY_COORDINATOR,
        kept=lambda objects: [row for row in _programmes() if row[0] == "FP-DEL"],
    ),
    # The data inventory's import: new datasets of the URL's territory only, whatever the titles say.
    Write(
        "dataset-import-for-jena-with-other-titles",
        _url("opendata:import", code=_code("jena")),
        "post",
        answers(editor=REDIRECT, territory_admin=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {
            "file": _file(
                "daten.csv", (DATASET_HEADER + "Münchner Daten;neu;Amt;open\r\nAlt;neu;Amt;open\r\n").encode()
            )
        },
        state=lambda objects: _datasets_of(objects["jena"]),
        writes=JENA_EDITORS,
        kept=lambda objects: (
            _datasets_of(objects["muenchen"]),
            _dataset(objects["deleted_dataset"].pk),
            _dataset(objects["open_dataset"].pk),
        ),
    ),
    Write(
        "dataset-import-for-muenchen",
        _url("opendata:import", code=_code("muenchen")),
        "post",
        answers(other_coordinator=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {"file": _file("daten.csv", (DATASET_HEADER + "Neu;neu;Amt;open\r\n").encode())},
        state=lambda objects: _datasets_of(objects["muenchen"]),
        writes=("other_coordinator", "platform_admin"),
        kept=lambda objects: _datasets_of(objects["jena"]),
    ),
    # The Bestandsaufnahme: the territory's editors; an entry is reached only through its own territory.
    Write(
        "stocktake-add-entry-jena",
        _url("toolkit:stocktake", code=_code("jena"), step=lambda objects: "akteure"),
        "post",
        answers(editor=REDIRECT, territory_admin=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {"title": "IHK Ostthüringen", "sector": "wirtschaft", "role": "Beratung"},
        state=lambda objects: _entries(objects["jena"]),
        writes=JENA_EDITORS,
        kept=lambda objects: _entries(objects["muenchen"]),
    ),
    Write(
        "stocktake-remove-muenchens-entry-through-jena",
        _url("toolkit:stocktake_entry_remove", code=_code("jena"), entry_id=_pk("muenchen_entry")),
        "post",
        answers(editor=404, territory_admin=404, platform_admin=404),
        kept=lambda objects: (_entries(objects["muenchen"]), _entries(objects["jena"])),
    ),
    Write(
        "stocktake-edit-muenchens-entry",
        _url("toolkit:stocktake_entry", code=_code("muenchen"), entry_id=_pk("muenchen_entry")),
        "post",
        answers(other_coordinator=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {
            "title": "Stadtwerke München GmbH",
            "sector": "wirtschaft",
            "role": "Betrieb",
            "revision": objects["muenchen_entry"].revision,
        },  # fmt: skip
        state=lambda objects: _entries(objects["muenchen"]),
        writes=("other_coordinator", "platform_admin"),
        kept=lambda objects: _entries(objects["jena"]),
    ),
    # Events (issue 20, finding 6): where a follow-up stands is recorded by the network's coordination and the
    # people of its owner territory (Jena), not by another network's coordinator; walk-ins by the coordination.
    Write(
        "follow-up-status-of-jenas-follow-up",
        _url("events:follow_up_edit", slug=lambda objects: objects["network"].slug, pk=_pk("follow_up")),
        "post",
        answers(editor=REDIRECT, territory_admin=REDIRECT, coordinator=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {
            "title": objects["follow_up"].title,
            "owner_territory": objects["jena"].pk,
            "due_on": objects["follow_up"].due_on.isoformat(),
            "status": "in-arbeit",
            "note": "angefragt",
            "revision": objects["follow_up"].revision,
        },  # fmt: skip
        state=lambda objects: _follow_up(objects["follow_up"].pk),
        writes=("editor", "territory_admin", "coordinator", "platform_admin"),
        kept=lambda objects: _follow_up_task(objects["follow_up"].pk),
    ),
    # Issue 22: a network's recommendation per group of funding gaps is written by its coordination only.
    Write(
        "funding-gap-recommendation-of-the-walks-network",
        _url(
            "funding_gaps:recommendation_edit",
            slug=lambda objects: objects["network"].slug,
            grouping=lambda objects: "handlungsfeld",
            key=lambda objects: "verwaltung",
        ),
        "post",
        answers(coordinator=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {"text": "Ein Landesprogramm fehlt.", "revision": "0"},
        state=lambda objects: _recommendations(objects["network"]),
        writes=JENA_CURATORS,
        kept=lambda objects: sorted(GapRecommendation.objects.exclude(network=objects["network"]).values_list("pk")),
    ),
    Write(
        "walk-in-at-the-networks-workshop",
        _url("events:walk_in", slug=lambda objects: objects["network"].slug, pk=_pk("event")),
        "post",
        answers(coordinator=REDIRECT, platform_admin=REDIRECT),
        data=lambda objects: {"name": "Dora Gast", "organisation": "IHK"},
        state=lambda objects: sorted(objects["event"].walk_ins.values_list("name", flat=True)),
        writes=("coordinator", "platform_admin"),
    ),
    # The API: a key writes only in the territories it covers, and its person must pass the form's rule.
    Write(
        "api-create-dataset-in-jena",
        _url("dataset-list"),
        "post",
        api_answers(editor=201, territory_admin=201),
        data=lambda objects: {**API_DATASET, "territory": objects["jena"].ars},
        state=lambda objects: _datasets_of(objects["jena"]),
        writes=("editor", "territory_admin"),
        kept=lambda objects: _datasets_of(objects["muenchen"]),
        with_key=True,
    ),
    Write(
        "api-create-dataset-in-muenchen",
        _url("dataset-list"),
        "post",
        api_answers(other_coordinator=201, platform_admin=201),
        data=lambda objects: {**API_DATASET, "territory": objects["muenchen"].ars},
        state=lambda objects: _datasets_of(objects["muenchen"]),
        writes=("other_coordinator", "platform_admin"),
        kept=lambda objects: _datasets_of(objects["jena"]),
        with_key=True,
    ),
    Write(
        "api-patch-jenas-dataset",
        _url("dataset-detail", pk=_pk("open_dataset")),
        "patch",
        api_answers(editor=OK, territory_admin=OK),
        data=lambda objects: {"title": "Fahrplan 2027", "revision": objects["open_dataset"].revision},
        state=lambda objects: _dataset(objects["open_dataset"].pk),
        writes=("editor", "territory_admin"),
        kept=lambda objects: _datasets_of(objects["muenchen"]),
        with_key=True,
    ),
    Write(
        "api-put-jenas-dataset",
        _url("dataset-detail", pk=_pk("open_dataset")),
        "put",
        api_answers(editor=OK, territory_admin=OK),
        data=lambda objects: {
            **API_DATASET,
            "territory": objects["jena"].ars,
            "revision": objects["open_dataset"].revision,
        },  # fmt: skip
        state=lambda objects: _dataset(objects["open_dataset"].pk),
        writes=("editor", "territory_admin"),
        with_key=True,
    ),
    Write(
        "api-move-jenas-dataset-to-muenchen",
        _url("dataset-detail", pk=_pk("open_dataset")),
        "patch",
        api_answers(editor=400, territory_admin=400),  # the territory of a dataset does not change
        data=lambda objects: {"territory": objects["muenchen"].ars, "revision": objects["open_dataset"].revision},
        kept=lambda objects: (_dataset(objects["open_dataset"].pk), _datasets_of(objects["muenchen"])),
        with_key=True,
    ),
    Write(
        "api-patch-muenchens-dataset",
        _url("dataset-detail", pk=_pk("muenchen_dataset")),
        "patch",
        api_answers(other_coordinator=OK, platform_admin=OK),
        data=lambda objects: {"title": "Münchner Daten 2027", "revision": objects["muenchen_dataset"].revision},
        state=lambda objects: _dataset(objects["muenchen_dataset"].pk),
        writes=("other_coordinator", "platform_admin"),
        kept=lambda objects: _datasets_of(objects["jena"]),
        with_key=True,
    ),
    Write(
        "api-patch-a-deleted-dataset",
        _url("dataset-detail", pk=_pk("deleted_dataset")),
        "patch",
        api_answers(editor=404, territory_admin=404, other_coordinator=404, platform_admin=404),
        data=lambda objects: {"title": "Wieder da", "revision": objects["deleted_dataset"].revision},
        kept=lambda objects: _dataset(objects["deleted_dataset"].pk),
        with_key=True,
    ),
    Write(
        "api-delete-jenas-dataset",
        _url("dataset-detail", pk=_pk("open_dataset")),
        "delete",
        api_answers(editor=405, territory_admin=405, other_coordinator=405, platform_admin=405),
        kept=lambda objects: _dataset(objects["open_dataset"].pk),
        with_key=True,
    ),
    # Files built as jobs (ADR 0026): asking writes a job row only for those who may export the draft agenda.
    Write(
        "job-for-jenas-draft-agenda",
        _url("jobs:start", kind=lambda objects: "agenda-pdf", object_id=_pk("agenda_draft")),
        "post",
        answers(404, **dict.fromkeys((*JENA_EDITORS, "coordinator"), REDIRECT)),
        state=lambda objects: _jobs_of(objects["agenda_draft"]),
        writes=(*JENA_EDITORS, "coordinator"),
        kept=lambda objects: _jobs_of(objects["agenda"]),
    ),
]
WRITES += [
    # The accessibility statement's feedback form: anyone may write (a message); only operators record answers.
    Write(
        "accessibility-feedback-message",
        _url("core:accessibility"),
        "post",
        dict.fromkeys(ROLES, REDIRECT),
        data=lambda objects: {"email": "walk@example.org", "message": "Kontrast zu gering"},
        state=lambda objects: AccessibilityFeedback.objects.filter(email="walk@example.org").count(),
        writes=tuple(ROLES),
    ),
    Write(
        "accessibility-feedback-answered",
        _url("core:accessibility_feedback_answered", pk=_pk("accessibility_feedback")),
        "post",
        answers(platform_admin=REDIRECT),
        state=lambda objects: AccessibilityFeedback.objects.get(pk=objects["accessibility_feedback"].pk).answered_at,
        writes=("platform_admin",),
    ),
]
API_DATASET = {
    "title": "Baumkataster",
    "description": "Alle Stadtbäume",
    "theme": "ENVI",
    "publisher": "Grünflächenamt",
    "access": "open",
    "distributions": [{"access_url": "https://x.example/baeume.csv", "file_type": "CSV"}],
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", WRITES, ids=[case.id for case in WRITES])
def test_role_writes_only_what_the_rule_allows(db, client, one_of_everything, role, case):
    users, objects = one_of_everything
    if users[role] is not None:
        client.force_login(users[role])
    url = case.url(objects)
    data = case.data(objects)
    before, kept = case.state(objects), case.kept(objects)
    headers = {}
    if case.with_key and role in objects["keys"]:
        client.logout()  # the key alone speaks for the person
        headers["HTTP_AUTHORIZATION"] = f"Token {objects['keys'][role]}"
    if case.method == "post" and not url.startswith("/api/"):
        response = client.post(url, data, **headers)
    else:
        response = getattr(client, case.method)(url, data, content_type="application/json", **headers)
    want = case.expected[role]
    if want == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, f"{role} {case.method.upper()} {url}: {response.content[:300]!r}"
    assert case.kept(objects) == kept, f"{role} changed what no write here may change"
    if role in case.writes:
        assert case.state(objects) != before, f"{role} was allowed but nothing was written"
    else:
        assert case.state(objects) == before, f"{role} was refused but something was written"


def test_every_role_is_walked():
    assert set(ROLES) - set(walk.ROLES) == {"other_coordinator"}
    assert all(set(case.expected) == set(ROLES) for case in WRITES)


def test_the_finding_file_reports_both_rows_to_the_bavarian_coordinator(client, db, one_of_everything):
    """What the Bavarian coordinator reads: both rows refused with their line and the owner."""
    users, objects = one_of_everything
    client.force_login(users["other_coordinator"])
    html = client.post(reverse("projects:import"), _project_file(*JENAS_PROJECTS)).content.decode()
    refused = "gehört zu Jena, Stadt; Sie dürfen es nicht ändern."
    assert f"Zeile 2, Spalte „id“: Das Projekt mit der Kennung „WELT-ENTWURF“ {refused}" in html
    assert f"Zeile 3, Spalte „titel“: Das Projekt „Testprojekt Jena“ {refused}" in html


def test_the_dataset_importer_asks_the_rule_itself(db, one_of_everything):
    """Not only its page: a call with a person who may not add datasets to the territory writes nothing."""
    from smartregion.opendata.importer import DatasetImportError, import_datasets

    users, objects = one_of_everything
    before = _datasets_of(objects["jena"])
    with pytest.raises(DatasetImportError) as raised:
        import_datasets((DATASET_HEADER + "Neu;neu;Amt;open\r\n").encode(), territory=objects["jena"],
                        by=users["other_coordinator"], file_name="daten.csv")  # fmt: skip
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 1: Sie dürfen für Jena, Stadt keine Datenbestände eintragen."
    ]
    assert _datasets_of(objects["jena"]) == before
