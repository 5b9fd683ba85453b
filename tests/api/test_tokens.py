"""Writing through the API: a personal, revocable key limited to chosen territories."""

import pytest
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.opendata.models import Dataset
from smartregion.territories import api_tokens
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import ApiToken

from ..factories import UserFactory

NEW = {
    "title": "Baumkataster",
    "description": "Alle Stadtbäume",
    "theme": "ENVI",
    "publisher": "Grünflächenamt",
    "access": "open",
    "distributions": [{"access_url": "https://x.example/baeume.csv", "file_type": "CSV"}],
}


@pytest.fixture
def editor(jena, ilmenau):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    territory_roles.grant_territory_role(user=user, territory=ilmenau, role=TerritoryRoleKind.EDITOR)
    return user


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_a_key_writes_only_in_its_territories_and_stops_when_revoked(client, editor, jena, ilmenau):
    token, key = api_tokens.create_api_token(user=editor, name="Fachverfahren", territories=[jena])
    assert ApiToken.objects.get().key_hash != key and key not in str(ApiToken.objects.values_list())
    url = reverse("dataset-list")
    assert client.post(url, {**NEW, "territory": jena.ars}, content_type="application/json").status_code in (401, 403)
    created = client.post(url, {**NEW, "territory": jena.ars}, content_type="application/json", **_auth(key))
    assert created.status_code == 201, created.content
    dataset = Dataset.objects.get()
    assert dataset.territory == jena and dataset.distributions.get().file_type == "CSV"
    assert dataset.history.first().history_user == editor
    elsewhere = client.post(url, {**NEW, "territory": ilmenau.ars}, content_type="application/json", **_auth(key))
    assert elsewhere.status_code == 403 and Dataset.objects.count() == 1
    token.refresh_from_db()
    assert token.last_used_at is not None
    api_tokens.revoke_api_token(token)
    refused = client.post(url, {**NEW, "territory": jena.ars}, content_type="application/json", **_auth(key))
    assert refused.status_code == 401 and refused.json()["detail"]


def test_updates_need_the_read_revision_and_conflicts_are_409(client, editor, jena):
    _token, key = api_tokens.create_api_token(user=editor, name="GIS", territories=[jena])
    created = client.post(reverse("dataset-list"), {**NEW, "territory": jena.ars}, content_type="application/json",
                          **_auth(key)).json()  # fmt: skip
    url = reverse("dataset-detail", args=[created["id"]])
    missing = client.patch(url, {"title": "Neu"}, content_type="application/json", **_auth(key))
    assert missing.status_code == 400 and "revision" in missing.json()
    first = client.patch(url, {"title": "Baumkataster 2026", "revision": created["revision"]},
                         content_type="application/json", **_auth(key))  # fmt: skip
    assert first.status_code == 200 and first.json()["revision"] == created["revision"] + 1
    stale = client.patch(url, {"title": "Alt", "revision": created["revision"]}, content_type="application/json",
                         **_auth(key))  # fmt: skip
    assert stale.status_code == 409 and stale.json()["current"]["title"] == "Baumkataster 2026"
    assert Dataset.objects.get().title == "Baumkataster 2026"


def test_keys_are_made_on_the_profile_shown_once_and_only_for_own_territories(client, editor, jena):
    client.force_login(editor)
    page = client.post(reverse("access:api_tokens"), {"name": "Fachverfahren", "territories": [jena.pk]})
    text = page.content.decode()
    assert "nur jetzt angezeigt" in text and "srh_" in text
    token = ApiToken.objects.get()
    assert client.get(reverse("access:api_tokens")).content.decode().count("srh_") == 0
    client.post(reverse("access:api_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    with pytest.raises(api_tokens.TokenRefused):
        api_tokens.create_api_token(user=UserFactory(), name="x", territories=[jena])
