"""An edit page sent back unchanged writes nothing: no new revision, no empty history entry (core.editing.changed).

The browser form check (tests/e2e/test_forms_in_browser.py) saves every edit page unchanged in a real browser;
this is the same rule without a browser, for one plain edit view and one built on save_edit.
"""

from django.forms.models import model_to_dict
from django.urls import reverse

from smartregion.glossary import services as glossary_services
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.toolkit import services as toolkit_services

from ..factories import UserFactory


def _coordinator():
    user = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=user)
    network_roles.grant_network_role(user=user, network=network)
    return user


def test_an_unchanged_term_is_not_saved_again_and_a_changed_one_is(client, db):
    coordinator = _coordinator()
    names = {"term_de": "LoRaWAN", "term_en": "LoRaWAN", "definition_de": "Funk", "definition_en": "Radio"}
    term = glossary_services.create_term(by=coordinator, slug="lorawan", **names)
    client.force_login(coordinator)
    url = reverse("glossary:edit", args=[term.slug])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    assert client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert (term.revision, term.history.count()) == (1, 1)
    assert client.post(url, {**data, "definition_de": "Funknetz"}).status_code == 302
    term.refresh_from_db()
    assert (term.definition_de, term.revision, term.history.count()) == ("Funknetz", 2, 2)


def test_an_unchanged_recommendation_through_save_edit_is_not_saved_again(client, db):
    coordinator = _coordinator()
    recommendation = toolkit_services.create_recommendation(
        by=coordinator, slug="empfehlung", title="E", why="w", how="h"
    )
    client.force_login(coordinator)
    url = reverse("toolkit:recommendation_edit", args=[recommendation.slug])
    form = client.get(url).context["form"]
    data = {name: value for name, value in ((n, form[n].value()) for n in form.fields) if value is not None}
    assert client.post(url, data).status_code == 302
    stored = type(recommendation).objects.get(pk=recommendation.pk)
    assert model_to_dict(stored) == model_to_dict(recommendation) and stored.history.count() == 1
