"""The roles, invitations, requests for access and API keys leave accounts (ADR 0024): territories and network
now hold them (their migrations territories 0002 and network 0006 take them over, tables unchanged). The content
types move along, so that notifications, permissions and admin log entries about these rows stay attached."""

from django.db import migrations

MOVED = {
    "territoryrole": "territories",
    "historicalterritoryrole": "territories",
    "accessrequest": "territories",
    "historicalaccessrequest": "territories",
    "apitoken": "territories",
    "networkrole": "network",
    "historicalnetworkrole": "network",
    "invitation": "network",
    "historicalinvitation": "network",
}


def _move(apps, schema_editor, *, back: bool) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app_label in MOVED.items():
        old, new = ("accounts", app_label) if not back else (app_label, "accounts")
        if content_type.objects.using(db).filter(app_label=new, model=model).exists():
            continue  # made already (post_migrate of an earlier run): the old one is left as it is
        content_type.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _move(apps, schema_editor, back=False)


def move_content_types_back(apps, schema_editor):
    _move(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_language_email_confirmed"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("territories", "0002_roles_access_requests_api_tokens_from_accounts"),
        ("network", "0006_roles_and_invitations_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # the tables stay as they are (db_table / table_name name them); only Django's picture of them moves
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="apitoken",
                    name="territories",
                ),
                migrations.RemoveField(
                    model_name="apitoken",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="historicalaccessrequest",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="historicalaccessrequest",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalaccessrequest",
                    name="requester",
                ),
                migrations.RemoveField(
                    model_name="historicalaccessrequest",
                    name="territory",
                ),
                migrations.RemoveField(
                    model_name="historicalinvitation",
                    name="accepted_by",
                ),
                migrations.RemoveField(
                    model_name="historicalinvitation",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalinvitation",
                    name="invited_by",
                ),
                migrations.RemoveField(
                    model_name="historicalinvitation",
                    name="network",
                ),
                migrations.RemoveField(
                    model_name="historicalinvitation",
                    name="territory",
                ),
                migrations.RemoveField(
                    model_name="historicalnetworkrole",
                    name="granted_by",
                ),
                migrations.RemoveField(
                    model_name="historicalnetworkrole",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalnetworkrole",
                    name="network",
                ),
                migrations.RemoveField(
                    model_name="historicalnetworkrole",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="historicalterritoryrole",
                    name="granted_by",
                ),
                migrations.RemoveField(
                    model_name="historicalterritoryrole",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalterritoryrole",
                    name="territory",
                ),
                migrations.RemoveField(
                    model_name="historicalterritoryrole",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="accepted_by",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="invited_by",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="network",
                ),
                migrations.RemoveField(
                    model_name="invitation",
                    name="territory",
                ),
                migrations.RemoveField(
                    model_name="networkrole",
                    name="granted_by",
                ),
                migrations.RemoveField(
                    model_name="networkrole",
                    name="network",
                ),
                migrations.RemoveField(
                    model_name="networkrole",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="territoryrole",
                    name="granted_by",
                ),
                migrations.RemoveField(
                    model_name="territoryrole",
                    name="territory",
                ),
                migrations.RemoveField(
                    model_name="territoryrole",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="AccessRequest",
                ),
                migrations.DeleteModel(
                    name="ApiToken",
                ),
                migrations.DeleteModel(
                    name="HistoricalAccessRequest",
                ),
                migrations.DeleteModel(
                    name="HistoricalInvitation",
                ),
                migrations.DeleteModel(
                    name="HistoricalNetworkRole",
                ),
                migrations.DeleteModel(
                    name="HistoricalTerritoryRole",
                ),
                migrations.DeleteModel(
                    name="Invitation",
                ),
                migrations.DeleteModel(
                    name="NetworkRole",
                ),
                migrations.DeleteModel(
                    name="TerritoryRole",
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
