"""Injection payloads in every text field come back escaped, on every page (issue 8).

The objects of tests/test_permissions.py (`one_of_everything`) are built once; then every CharField and TextField of
every model of the product (projects, territories, assessments, agendas, events, datasets, guides, users …)
is overwritten in the database — bypassing forms, as an import or an old row would — with HTML and
script payloads. Every page is then fetched as a visitor and as a platform admin (who sees every
draft and private part), and no HTML answer may contain the payload unescaped.
"""

import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import reverse

from .test_permissions import CASES, _build_world, _resolve_kwargs, stored_files  # noqa: F401

MARKER = "<xss-probe"
PAYLOAD = "<xss-probe>\"'><script>xss_probe()</script><img src=x onerror=xss_probe()>"
# Values that address objects or steer logic; a payload there would only make pages 404.
KEPT = {"slug", "code", "key", "ars", "ags", "external_id", "password", "session_key", "key_hash", "geometry"}
KEPT_TYPES = (models.SlugField, models.EmailField, models.URLField, models.GenericIPAddressField, models.FilePathField)


def _unique_together(model) -> set[str]:
    names = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()) or ())
    return names


def _poisoned_fields(model):
    unique = _unique_together(model)
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or isinstance(field, KEPT_TYPES):
            continue
        if field.choices or field.unique or field.primary_key or field.name in KEPT | unique:
            continue
        yield field


def poison_every_text_field() -> list[str]:
    poisoned = []
    for model in apps.get_models():
        if not model.__module__.startswith("smartregion.") or model._meta.proxy:
            continue
        values = {}
        for field in _poisoned_fields(model):
            limit = field.max_length or len(PAYLOAD)
            values[field.attname] = PAYLOAD[:limit] if limit >= len(MARKER) + 1 else None
        values = {name: value for name, value in values.items() if value}
        if values and model._base_manager.update(**values):  # only a table with rows carries the payload
            poisoned += [f"{model._meta.label}.{name}" for name in values]
    return poisoned


POISONED: list[str] = []


@pytest.fixture(scope="module")
def one_of_everything(django_db_setup, django_db_blocker):
    """The permission walk's objects (its `stored_files` fixture uses this name), then poisoned."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = _build_world()
            POISONED[:] = poison_every_text_field()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_payload_reaches_the_fields_that_people_write(db, one_of_everything):
    """Read back from the rows: every row of these models holds the payload (not only the update was sent)."""
    for expected in ("projects.Project.title", "projects.Project.summary", "territories.Territory.name",
                     "agendas.Measure.description", "events.Event.description", "opendata.Dataset.title",
                     "toolkit.Guide.body", "accounts.User.full_name", "participation.Comment.text"):  # fmt: skip
        assert expected in POISONED
        label, name = expected.rsplit(".", 1)
        values = list(apps.get_model(label)._base_manager.values_list(name, flat=True))
        assert values and all(value.startswith(MARKER) for value in values), expected


def test_the_payload_is_shown_as_text(db, client, one_of_everything):
    """The pages below must not pass only because the payload never reached them."""
    _users, objects = one_of_everything
    for page in (objects["project"].get_absolute_url(), objects["jena"].get_absolute_url()):
        body = client.get(page).content.decode()
        assert "&lt;xss-probe&gt;" in body, page


GET_CASES = [case for case in CASES if case[2] == "get"]


@pytest.mark.parametrize("role", ["anonymous", "platform_admin"])
@pytest.mark.parametrize(("name", "kwargs"), [(c[0], c[1]) for c in GET_CASES], ids=[c[0] for c in GET_CASES])
def test_pages_escape_injected_text(db, client, one_of_everything, stored_files, role, name, kwargs):  # noqa: F811
    users, objects = one_of_everything
    if users[role] is not None:
        client.force_login(users[role])
    response = client.get(reverse(name, kwargs=_resolve_kwargs(kwargs, objects)))
    assert response.status_code < 500, f"{name}: {response.status_code}"
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        assert MARKER not in body, f"{name} as {role}: unescaped payload near {body[body.find(MARKER) - 80 :][:200]!r}"
        assert "<script>xss_probe" not in body
