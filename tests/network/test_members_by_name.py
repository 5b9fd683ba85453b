"""Events as coordinators run them (issue 20, finding 6): a member is added to a network by its name too; a name
several territories match shows them (name, kind, Kreis) to choose from."""

from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory


def test_a_member_is_added_by_a_unique_name_or_by_its_key(client, coordinator, network):
    client.force_login(coordinator)
    url = reverse("network:add_member", args=[network.slug])
    assert client.post(url, {"key": "Arnstadt"}).status_code == 302
    assert network.members.filter(territory__ags="16070004").exists()  # Arnstadt, Stadt: the exact name
    assert client.post(url, {"key": "16052000"}).status_code == 302
    assert network.members.filter(territory__ags="16052000").exists()  # Gera by its AGS
    response = client.post(url, {"key": "Nirgendwohausen"}, follow=True)
    assert "Keine Gebietskörperschaft heißt „Nirgendwohausen“." in response.content.decode()


def test_a_name_of_a_town_and_its_kreis_is_ambiguous(client, coordinator, network):
    client.force_login(coordinator)
    response = client.post(reverse("network:add_member", args=[network.slug]), {"key": "Gotha"})
    assert response.status_code == 200
    assert {t.kind for t in response.context["candidates"] if t.short_name == "Gotha"} == {"gemeinde", "kreis"}


def test_an_ambiguous_name_shows_the_candidates_with_kind_and_kreis_to_choose_from(client, coordinator, network):
    client.force_login(coordinator)
    url = reverse("network:add_member", args=[network.slug])
    response = client.post(url, {"key": "Saalfeld"})
    assert response.status_code == 200
    candidates = response.context["candidates"]
    saalfeld = Territory.objects.get(ags="16073077")
    assert saalfeld in candidates and len(candidates) > 1
    page = response.content.decode()
    assert "Saalfeld/Saale, Stadt" in page and "Saalfeld-Rudolstadt" in page
    row = page[page.index("Saalfeld/Saale, Stadt") :].split("</tr>", 1)[0]
    assert saalfeld.display_kind in row and saalfeld.kreis.short_name in row
    assert f'name="territory" value="{saalfeld.pk}"' in row
    assert not network.members.filter(territory=saalfeld).exists()
    assert client.post(url, {"territory": saalfeld.pk}).status_code == 302
    assert network.members.filter(territory=saalfeld).exists()
    again = client.post(url, {"key": "Saalfeld"}).content.decode()
    table = again.split("<tbody", 1)[1]
    assert "schon Mitglied" in table.split("Saalfeld/Saale, Stadt", 1)[1].split("</tr>", 1)[0]


def test_members_are_added_only_by_the_coordination(client, members, network):
    editor = UserFactory()
    territory_roles.grant_territory_role(user=editor, territory=members[0], role=TerritoryRoleKind.EDITOR)
    client.force_login(editor)
    response = client.post(reverse("network:add_member", args=[network.slug]), {"key": "Saalfeld"})
    assert response.status_code == 403
