"""The roles leave accounts without losing a row (ADR 0024).

An installation at the old state (TerritoryRole, NetworkRole, Invitation, AccessRequest and ApiToken in
accounts) with rows in every table is migrated forward; the rows are then read through the models in their
new apps (territories, network), history rows included, a notification about an invitation still finds it
(its content type moved along), and the role predicates of accounts.rules see the roles.

Migrations run for real (MigrationExecutor): a transactional test, run by pytest-django after the others.
Also on PostgreSQL (`make test-postgres`, or DATABASE_URL=postgres://… pytest tests/test_roles_migration.py).
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("accounts", "0006_user_language_email_confirmed"),
    ("territories", "0001_initial"),
    ("network", "0005_walk_in_attendees"),
    ("events", None),  # before its own app was made
]
MOVED_TABLES = {
    "accounts_territoryrole",
    "accounts_historicalterritoryrole",
    "accounts_networkrole",
    "accounts_historicalnetworkrole",
    "accounts_invitation",
    "accounts_historicalinvitation",
    "accounts_accessrequest",
    "accounts_historicalaccessrequest",
    "accounts_apitoken",
    "accounts_apitoken_territories",
}


MOVING_APPS = {label for label, _name in BEFORE}


def _migrate(targets):
    """Migrate the three apps to `targets`; the models of every app as they are then."""
    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in MOVING_APPS]
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes + others).apps


def _latest():
    return [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] in MOVING_APPS]


def _old_rows(old) -> dict:
    """Rows of every moved model, written through the models as they were before the move."""
    now = timezone.now()
    user = old.get_model("accounts", "User").objects.create(email="umzug@kommune.example", password="!")
    # its own territory: a transactional test after others may find the database emptied of the test world
    territory = old.get_model("territories", "Territory").objects.create(
        code="169990000001", ars="169990000001", name="Umzugsdorf", short_name="Umzugsdorf", search_name="umzugsdorf",
        kind="gemeinde",
    )  # fmt: skip
    network = old.get_model("network", "Network").objects.create(name="Umzugsnetz", slug="umzugsnetz")
    territory_role = old.get_model("accounts", "TerritoryRole").objects.create(
        user=user, territory=territory, role="admin"
    )
    old.get_model("accounts", "HistoricalTerritoryRole").objects.create(
        id=territory_role.pk,
        user_id=user.pk,
        territory_id=territory.pk,
        role="admin",
        created_at=now,
        updated_at=now,
        history_date=now,
        history_type="+",
    )
    network_role = old.get_model("accounts", "NetworkRole").objects.create(
        user=user, network=network, role="coordinator"
    )
    invitation = old.get_model("accounts", "Invitation").objects.create(
        email="neu@kommune.example",
        token="umzug-token",
        territory=territory,
        territory_role="editor",
        invited_by=user,
        expires_at=now + timedelta(days=7),
    )
    access_request = old.get_model("accounts", "AccessRequest").objects.create(
        territory=territory, requester=user, role="editor", message="Bitte um Zugang", status="offen"
    )
    token = old.get_model("accounts", "ApiToken").objects.create(
        user=user, name="Geodaten", prefix="abcd1234", key_hash="f" * 64
    )
    token.territories.add(territory)
    invitation_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="accounts", model="invitation")
    old.get_model("notifications", "Notification").objects.create(
        recipient=user,
        kind="einladung",
        content_type=invitation_type,
        object_id=invitation.pk,
        subject="Einladung",
        body="…",
        key="umzug",
    )
    return {
        "user": user.pk,
        "territory": territory.pk,
        "network": network.pk,
        "territory_role": territory_role.pk,
        "network_role": network_role.pk,
        "invitation": invitation.pk,
        "invitation_type": invitation_type.pk,
        "access_request": access_request.pk,
        "token": token.pk,
    }


def test_the_moved_models_keep_their_tables_rows_history_and_content_types():
    latest = _latest()
    old = _migrate(BEFORE)
    assert "territoryrole" in old.all_models["accounts"]  # the state before the move
    ids = _old_rows(old)

    _migrate(latest)
    ContentType.objects.clear_cache()

    from smartregion.accounts.models import User
    from smartregion.accounts.rules import forget_roles, is_network_coordinator, is_territory_admin
    from smartregion.network.models import Invitation, Network, NetworkRole
    from smartregion.notifications.models import Notification
    from smartregion.territories.models import AccessRequest, ApiToken, Territory, TerritoryRole

    assert set(connection.introspection.table_names()) >= MOVED_TABLES
    role = TerritoryRole.objects.get(pk=ids["territory_role"])
    assert (role.user_id, role.territory_id, role.role) == (ids["user"], ids["territory"], "admin")
    assert list(TerritoryRole.history.filter(id=role.pk).values_list("history_type", flat=True)) == ["+"]
    network_role = NetworkRole.objects.get(pk=ids["network_role"])
    assert (network_role.user_id, network_role.network_id) == (ids["user"], ids["network"])
    invitation = Invitation.objects.get(pk=ids["invitation"])
    assert (invitation.token, invitation.territory_id, invitation.network_id) == ("umzug-token", ids["territory"], None)
    access_request = AccessRequest.objects.get(pk=ids["access_request"])
    assert (access_request.requester_id, access_request.status) == (ids["user"], "offen")
    token = ApiToken.objects.get(pk=ids["token"])
    assert list(token.territories.values_list("pk", flat=True)) == [ids["territory"]]

    # a notification about the invitation still finds it: the content type moved to network with its id
    assert ContentType.objects.get_for_model(Invitation).pk == ids["invitation_type"]
    assert Notification.objects.get(key="umzug").target == invitation
    assert not ContentType.objects.filter(app_label="accounts", model="invitation").exists()

    # the role predicates (accounts.rules) read the moved roles through territories' and network's registrations
    user = User.objects.get(pk=ids["user"])
    forget_roles(user)
    assert is_territory_admin(user, Territory.objects.get(pk=ids["territory"]))
    assert is_network_coordinator(user, Network.objects.get(pk=ids["network"]))


def test_the_move_can_be_undone_and_done_again():
    """Backwards (a rollback of a release) and forwards again: the content types go back and forth."""
    latest = _latest()
    old = _migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    assert content_type.objects.filter(app_label="accounts", model="territoryrole").exists()
    assert not content_type.objects.filter(app_label="territories", model="territoryrole").exists()
    _migrate(latest)
    ContentType.objects.clear_cache()
    assert ContentType.objects.filter(app_label="territories", model="territoryrole").exists()
    assert not ContentType.objects.filter(app_label="accounts", model="territoryrole").exists()
