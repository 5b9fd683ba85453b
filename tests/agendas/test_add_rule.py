"""Issue 19: starting an agenda asks one rule (agendas.add_agenda) on the territory page and in the form.

Before, the territory page asked "editor of this very territory" while the form offered alliances to the editors of
their members and asked nothing: the page hid the link from people the form let in.
"""

import pytest
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.agendas.models import Agenda
from smartregion.network import services as network_services
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance():
    admin = UserFactory(is_superuser=True)
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    members = [Territory.objects.get(ags="16068014"), Territory.objects.get(ags="16068053")]
    return network_services.create_alliance_in_network(
        network, by=admin, name="Verbund", alliance_type="ile", members=members
    )


def _editor_of(territory):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=territory, role=TerritoryRoleKind.EDITOR)
    return user


def _create(client, territory):
    data = {"territory": territory.pk, "title": "Verbundagenda", "start_year": 2027, "target_year": 2031}
    return client.post(reverse("agendas:create"), data)


def test_a_member_editor_may_start_the_alliances_agenda_on_the_page_and_in_the_form(client, alliance):
    member_editor = _editor_of(alliance.members.first())
    assert member_editor.has_perm("agendas.add_agenda", alliance)
    client.force_login(member_editor)
    page = client.get(reverse("territories:detail", args=[alliance.code])).content.decode()
    assert f"{reverse('agendas:create')}?gebiet={alliance.code}" in page
    response = _create(client, alliance)
    assert response.status_code == 302
    assert Agenda.objects.get(title="Verbundagenda").territory == alliance


def test_an_editor_elsewhere_may_not_start_it(client, alliance, jena):
    outsider = _editor_of(jena)
    assert not outsider.has_perm("agendas.add_agenda", alliance)
    client.force_login(outsider)
    page = client.get(reverse("territories:detail", args=[alliance.code])).content.decode()
    assert f"?gebiet={alliance.code}" not in page
    assert _create(client, alliance).status_code == 200  # not among the form's choices
    assert not Agenda.objects.filter(title="Verbundagenda").exists()
