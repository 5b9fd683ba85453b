"""Browsable change history (who, when, what) on top of django-simple-history."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[Change]
    subject: str = ""


# Which models have a browsable history page, and the permission that guards it. Each app registers
# its own models in AppConfig.ready() (core names no domain model): "app_label.modelname" -> permission.
_permissions: dict[str, str] = {}


def register(model_label: str, permission: str) -> None:
    """Give a model (by its "app_label.ModelName") a history page guarded by `permission`."""
    _permissions[model_label.lower()] = permission


def permission_for(app_label: str, model_name: str) -> str | None:
    """The permission guarding a model's history page, or None when it has none."""
    return _permissions.get(f"{app_label}.{model_name}".lower())


KIND_LABELS = {"+": gettext_lazy("angelegt"), "~": gettext_lazy("geändert"), "-": gettext_lazy("gelöscht")}


def history_entries(obj, *, limit: int = 200) -> list[HistoryEntry]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = type(obj)._meta.get_field(change.field)
                changes.append(Change(str(field.verbose_name), change.old, change.new))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else _("System"),
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def combined_entries(sources, *, limit: int = 300) -> list[HistoryEntry]:
    """The history of a whole document made of several models, newest first.

    `sources` are (historical queryset, record → subject label) pairs; each record is compared with
    the previous record of the same object, so removed parts keep their history too.
    """
    rows = []
    for queryset, subject_of in sources:
        previous_of = {}
        for record in queryset.select_related("history_user").order_by("history_date", "history_id"):
            key = record.instance_type._meta.pk.attname
            object_id = getattr(record, key)
            before = previous_of.get(object_id)
            changes = []
            if before is not None:
                for change in record.diff_against(before).changes:
                    field = record.instance_type._meta.get_field(change.field)
                    changes.append(Change(str(field.verbose_name), change.old, change.new))
            previous_of[object_id] = record
            user = record.history_user
            entry = HistoryEntry(
                when=record.history_date,
                who=str(user) if user else _("System"),
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
                subject=subject_of(record),
            )
            rows.append((record.history_date, entry))
    rows.sort(key=lambda row: row[0], reverse=True)
    return [entry for _when, entry in rows[:limit]]
