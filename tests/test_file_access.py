"""Every stored file and every non-public event detail goes through its owner's rule (issue 19, finding 4).

The file-serving URLs are found from the URL configuration, not from a list: every view whose code hands a
stored file out (`file_response` / `FileResponse`). Each must have its cases here, and every FileField of every
model must be served by one of them. Each file is then fetched as every role, and the MEDIA location itself
serves nothing. Events are walked the same way: page, .ics, the network's feed, the API (detail and list), the
events list, the network page and the host's territory page, as every role, asserting whether the event is there
and whether its online access is.
"""

import importlib
import inspect
from datetime import date, timedelta

import icalendar
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse
from django.utils import timezone
from django.views import static

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.events import services as events
from smartregion.events.models import Registration
from smartregion.events.services import EventRefused
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from .factories import UserFactory

ROLES = [
    "anonymous",
    "citizen",  # signed up, no role
    "participant",  # a citizen with a confirmed place at the public event
    "editor",  # editor of Jena (a member of the network and a partner)
    "territory_admin",  # admin of Jena
    "coordinator",  # coordinates the network
    "platform_admin",
    "partner_editor",  # editor of Ilmenau: a partner, not in the network
]
OK, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, "login"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PUBLIC_LINK = "https://konferenz.example/offen-4711"
INTERNAL_LINK = "https://konferenz.example/intern-0815"


def everyone(status):
    return dict.fromkeys(ROLES, status)


def but(status, *roles, others):
    return {**everyone(others), **dict.fromkeys(roles, status)}


JENAS_PEOPLE = ("editor", "territory_admin", "coordinator", "platform_admin")
IN_NETWORK = JENAS_PEOPLE  # Jena's people, the network's coordinator, platform admins

# (url name, kwargs: object keys resolved to their pk, expected answer per role)
FILE_CASES = [
    ("projects:attachment", {"pk": "project", "attachment_id": "attachment"}, everyone(OK)),
    (
        "projects:attachment",
        {"pk": "draft_project", "attachment_id": "draft_attachment"},
        but(OK, *JENAS_PEOPLE, others=NOT_FOUND),
    ),
    ("agendas:concept_document", {"pk": "agenda", "concept_pk": "concept"}, everyone(OK)),
    (
        "agendas:concept_document",
        {"pk": "draft_agenda", "concept_pk": "draft_concept"},
        but(OK, *JENAS_PEOPLE, others=NOT_FOUND),
    ),
    ("toolkit:attachment", {"attachment_id": "guide_attachment", "name": "vorlage.pdf"}, everyone(OK)),
    (
        "toolkit:attachment",
        {"attachment_id": "draft_guide_attachment", "name": "vorlage.pdf"},
        but(OK, "coordinator", "platform_admin", others=NOT_FOUND),
    ),
    (
        "events:partnership_agreement",
        {"pk": "partnership"},
        {**but(OK, *JENAS_PEOPLE, "partner_editor", others=FORBIDDEN), "anonymous": LOGIN},
    ),
    ("events:partnership_agreement", {"pk": "public_partnership"}, everyone(OK)),
    # A file built in the task queue: its owner only (a job shows the object as she saw it), signed in.
    ("jobs:download", {"pk": "job"}, {**but(OK, "editor", others=NOT_FOUND), "anonymous": LOGIN}),
]

# Every FileField of the product and the URL that serves it.
SERVED_BY = {
    "projects.ProjectAttachment.file": "projects:attachment",
    "agendas.ExistingConcept.document": "agendas:concept_document",
    "toolkit.GuideAttachment.file": "toolkit:attachment",
    "events.Partnership.agreement": "events:partnership_agreement",
    "jobs.Job.result": "jobs:download",
}
# Stored files nobody downloads, with the reason.
NEVER_SERVED = {
    "jobs.Job.source": "an upload for an import job: read by the worker, then deleted (ADR 0026, addendum)",
}
# Stored files without a model field: written by scheduled tasks, public, served through file_response
# (url name, kwargs, how the file begins).
TASK_FILE_CASES = [
    ("dcat_catalog_file", {}, b"<http"),  # the whole DCAT catalogue (Turtle, full addresses)
    ("projects:catalogue_file", {"fmt": "csv"}, "\ufeffid;".encode()),  # the published project catalogue
]
STORED_BY_TASKS = {case[0] for case in TASK_FILE_CASES}


# --- Discovery --------------------------------------------------------------------------------------


def _patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield (namespace + pattern.name if pattern.name else None), pattern.callback


def _code_of(callback):
    target = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or inspect.unwrap(callback)
    try:
        return inspect.getsource(target)
    except (OSError, TypeError):
        return ""


def file_serving_url_names() -> set[str]:
    """URL names whose view hands a stored file out (the product's admin site excluded: platform admins only)."""
    names = set()
    for name, callback in _patterns(get_resolver()):
        if name is None or name.startswith("admin:"):
            continue
        code = _code_of(callback)
        if "file_response(" in code or "attachment_response(" in code or "FileResponse(" in code:
            names.add(name)
    return names


def test_every_file_serving_url_is_walked():
    found = file_serving_url_names()
    walked = {case[0] for case in FILE_CASES + TASK_FILE_CASES}
    assert found == walked, "a view serves stored files without rows in FILE_CASES or TASK_FILE_CASES"
    assert found == set(SERVED_BY.values()) | STORED_BY_TASKS


def test_every_stored_file_field_has_its_view():
    fields = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert fields == set(SERVED_BY) | set(NEVER_SERVED)


def test_no_url_serves_the_media_folder_even_with_debug():
    import smartregion.urls as root_urls

    try:
        with override_settings(DEBUG=True):
            reloaded = importlib.reload(root_urls)
            callbacks = [callback for _name, callback in _patterns(get_resolver(reloaded))]
            assert static.serve not in [inspect.unwrap(callback) for callback in callbacks]
    finally:
        importlib.reload(root_urls)
        clear_url_caches()


# --- One object of every kind ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def one_of_everything(django_db_setup, django_db_blocker, media_root):
    """Built once per module inside a transaction rolled back at the end; each test runs in a savepoint."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def as_role(one_of_everything, client, settings, media_root):
    settings.MEDIA_ROOT = media_root
    users, _objects = one_of_everything

    def login(role):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login


def _build_world():
    jena = Territory.objects.get(ags="16053000")
    ilmenau = Territory.objects.get(ags="16070029")
    admin = UserFactory(is_superuser=True, is_staff=True)
    network = network_services.create_network(name="Dateinetz", slug="dateinetz", by=admin)
    network_services.add_member(network, jena, by=admin)
    users = {role: UserFactory() for role in ROLES if role not in ("anonymous", "platform_admin")}
    users.update(anonymous=None, platform_admin=admin)
    territory_roles.grant_territory_role(user=users["editor"], territory=jena, role=TerritoryRoleKind.EDITOR)
    territory_roles.grant_territory_role(user=users["territory_admin"], territory=jena, role=TerritoryRoleKind.ADMIN)
    territory_roles.grant_territory_role(user=users["partner_editor"], territory=ilmenau, role=TerritoryRoleKind.EDITOR)
    network_roles.grant_network_role(user=users["coordinator"], network=network)
    objects = {"network": network, "jena": jena}
    objects.update(_projects(jena, admin))
    objects.update(_agendas(jena, admin))
    objects.update(_guides(admin))
    objects.update(_partnerships(network, jena, ilmenau, admin))
    objects.update(_events(network, jena, admin, users["participant"]))
    objects["job"] = _job(objects["draft_agenda"], users["editor"])
    _nightly_files()
    return users, objects


def _nightly_files():
    """What celery beat writes at night: the whole DCAT catalogue and the published project catalogue."""
    from smartregion.opendata.full_export import store_full_catalogue
    from smartregion.projects.catalogue_files import store_catalogue_files

    store_full_catalogue()
    store_catalogue_files()


def _job(agenda, owner):
    from smartregion.jobs.enums import JobState
    from smartregion.jobs.models import Job

    job = Job.objects.create(kind="agenda-pdf", object_id=str(agenda.pk), object_label=agenda.title,
                             requested_by=owner, language="de", state=JobState.DONE, file_name="rat.pdf",
                             content_type="application/pdf")  # fmt: skip
    job.result.save("rat.pdf", ContentFile(PDF))
    return job


def _projects(jena, admin):
    from smartregion.projects import services as project_services
    from smartregion.projects.models import ProjectAttachment
    from smartregion.taxonomy.models import Domain

    result = {}
    for key, publish in (("project", True), ("draft_project", False)):
        project = project_services.create_project(
            by=admin,
            lead_territory=jena,
            title=f"Dateiprojekt {key}",
            summary="s",
            primary_domain=Domain.objects.first(),
        )
        if publish:
            project = project_services.publish_project(project, by=admin)
        attachment = ProjectAttachment(
            project=project, kind="document", title="Plan", content_type="application/pdf", size=len(PDF)
        )
        attachment.file.save("plan.pdf", ContentFile(PDF), save=False)
        attachment.save()
        result[key] = project
        result[key.replace("project", "attachment")] = attachment
    return result


def _agendas(jena, admin):
    from smartregion.agendas import services as agenda_services

    agenda = agenda_services.create_agenda(territory=jena, title="Offen", start_year=2026, target_year=2030, by=admin)
    draft = agenda_services.create_agenda(territory=jena, title="Entwurf", start_year=2027, target_year=2031, by=admin)
    today = date.today()
    agenda_services.open_consultation(
        agenda, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=9), by=admin
    )
    result = {"agenda": agenda, "draft_agenda": draft}
    for key, owner in (("concept", agenda), ("draft_concept", draft)):
        concept = agenda_services.add_concept(owner, by=admin, kind="klimaschutz", title="Klima", summary="k")
        concept.document.save("konzept.pdf", ContentFile(PDF))
        result[key] = concept
    return result


def _guides(admin):
    from smartregion.toolkit import services as toolkit_services
    from smartregion.toolkit.models import GuideAttachment

    values = {
        "title": "Leitfaden", "kind": "leitfaden", "summary": "S", "body": "B", "authors": "A",
        "as_of": date(2026, 1, 1), "review_due": date(2027, 1, 1),
    }  # fmt: skip
    result = {}
    for key, published in (("guide_attachment", True), ("draft_guide_attachment", False)):
        guide = toolkit_services.create_guide(by=admin, slug=f"datei-{published}", published=published, **values)
        attachment = GuideAttachment(
            guide=guide, kind="document", title="Vorlage", content_type="application/pdf", size=len(PDF)
        )
        attachment.file.save("vorlage.pdf", ContentFile(PDF), save=False)
        attachment.save()
        result[key] = attachment
    return result


def _partnerships(network, jena, ilmenau, admin):
    result = {}
    for key, public in (("partnership", False), ("public_partnership", True)):
        partnership = events.create_partnership(
            partners=[jena, ilmenau], by=admin, network=network, topic=f"Rechenzentrum {key}",
            starts_on=date(2026, 1, 1), agreement_public=public,
        )  # fmt: skip
        partnership.agreement.save("vereinbarung.pdf", ContentFile(PDF))
        result[key] = partnership
    return result


def _events(network, jena, admin, participant):
    start = timezone.now() + timedelta(days=20)
    common = {"network": network, "by": admin, "host": jena, "starts_at": start, "ends_at": start + timedelta(hours=2)}
    public = events.create_event(
        kind="workshop", title="Offener Workshop", audience="oeffentlich", online_url=PUBLIC_LINK, **common
    )
    internal = events.create_event(
        kind="netzwerktreffen", title="Internes Netzwerktreffen", audience="netzwerk", online_url=INTERNAL_LINK,
        place="Rathaus", same_day_confirmed=True, **common,
    )  # fmt: skip
    events.register(public, user=participant)
    return {"public_event": public, "internal_event": internal}


def _kwargs(kwargs, objects):
    return {key: objects[value].pk if value in objects else value for key, value in kwargs.items()}


# --- Files -------------------------------------------------------------------------------------------


def _check(response, want, url):
    if want == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url
    else:
        assert response.status_code == want, url
    if want == OK:
        assert response.streaming and b"".join(response.streaming_content) == PDF, url


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "expected"), FILE_CASES, ids=[f"{c[0]}-{c[1]}" for c in FILE_CASES])
def test_every_stored_file_as_every_role(db, one_of_everything, as_role, role, name, kwargs, expected):
    client = as_role(role)
    url = reverse(name, kwargs=_kwargs(kwargs, one_of_everything[1]))
    _check(client.get(url), expected[role], f"{role} {url}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "start"), TASK_FILE_CASES, ids=[case[0] for case in TASK_FILE_CASES])
def test_the_nightly_public_files_for_every_role(db, one_of_everything, as_role, role, name, kwargs, start):
    """Public for everybody, and public data only: the draft project is in neither file."""
    response = as_role(role).get(reverse(name, kwargs=kwargs))
    assert response.status_code == OK and response.streaming
    content = b"".join(response.streaming_content)
    assert content.startswith(start)
    assert one_of_everything[1]["draft_project"].title.encode() not in content


@pytest.mark.parametrize("role", ROLES)
def test_no_stored_file_is_reachable_by_its_path(db, one_of_everything, as_role, role):
    client = as_role(role)
    stored = [
        getattr(obj, field.name).name
        for obj in one_of_everything[1].values()
        for field in getattr(getattr(obj, "_meta", None), "fields", [])
        if isinstance(field, models.FileField) and getattr(obj, field.name)
    ]
    assert len(stored) == 9
    for name in stored:
        assert client.get(f"/media/{name}").status_code == 404, name


# --- Events ------------------------------------------------------------------------------------------

SEES_INTERNAL = set(IN_NETWORK)
SEES_PUBLIC_LINK = SEES_INTERNAL | {"participant"}


@pytest.mark.parametrize("role", ROLES)
def test_every_event_detail_as_every_role(db, one_of_everything, as_role, role):
    client = as_role(role)
    objects = one_of_everything[1]
    network, public, internal = objects["network"], objects["public_event"], objects["internal_event"]
    sees_internal = role in SEES_INTERNAL
    for event, link, visible, sees_link in (
        (public, PUBLIC_LINK, True, role in SEES_PUBLIC_LINK),
        (internal, INTERNAL_LINK, sees_internal, sees_internal),
    ):
        page = client.get(reverse("events:detail", args=[network.slug, event.pk]))
        ics = client.get(reverse("events:ics", args=[network.slug, event.pk]))
        api = client.get(reverse("event-detail", args=[event.pk]))
        report = client.get(reverse("events:workshop_report", args=[network.slug, event.pk]))
        want = OK if visible else NOT_FOUND
        assert (page.status_code, ics.status_code, api.status_code, report.status_code) == (want,) * 4, event
        if visible:
            assert (link in page.content.decode()) is sees_link, (event, "page")
            parsed = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")[0]
            assert (link in f"{parsed.get('DESCRIPTION')} {parsed.get('LOCATION')}") is sees_link, (event, "ics")
            assert api.json()["online_url"] == (link if sees_link else ""), (event, "api")

    feed = client.get(reverse("events:list_ics", args=[network.slug])).content.decode()
    assert "Offener Workshop" in feed and "Internes Netzwerktreffen" not in feed
    assert PUBLIC_LINK not in feed and INTERNAL_LINK not in feed  # the feed is public: no access links at all

    listed = {
        row["title"]: row for row in client.get(reverse("event-list"), {"network": network.slug}).json()["results"]
    }
    assert ("Internes Netzwerktreffen" in listed) is sees_internal
    assert listed["Offener Workshop"]["online_url"] == (PUBLIC_LINK if role in SEES_PUBLIC_LINK else "")
    for page in (
        reverse("events:list", args=[network.slug]),
        network.get_absolute_url(),
        objects["jena"].get_absolute_url(),
    ):
        text = client.get(page).content.decode()
        assert "Offener Workshop" in text, page
        assert ("Internes Netzwerktreffen" in text) is sees_internal, page
        assert PUBLIC_LINK not in text and INTERNAL_LINK not in text, page


@pytest.mark.parametrize("role", ROLES)
def test_only_the_network_registers_for_an_internal_event(db, one_of_everything, as_role, role):
    client = as_role(role)
    users, objects = one_of_everything
    internal = objects["internal_event"]
    response = client.post(reverse("events:register", args=[objects["network"].slug, internal.pk]))
    registered = Registration.objects.filter(event=internal, status=Registration.Status.CONFIRMED)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    elif role in SEES_INTERNAL:
        assert response.status_code == 302 and registered.filter(user=users[role]).exists()
        assert INTERNAL_LINK in client.get(internal.get_absolute_url()).content.decode()
    else:
        assert response.status_code == 404 and not registered.filter(user=users[role]).exists()
        with pytest.raises(EventRefused):  # nor through the service (any other path)
            events.register(internal, user=users[role])
        assert not registered.filter(user=users[role]).exists()
