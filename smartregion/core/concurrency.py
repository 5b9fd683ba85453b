"""Detect concurrent edits instead of silently overwriting them (optimistic locking)."""

from dataclasses import dataclass

from django.db import transaction


@dataclass
class FieldConflict:
    name: str
    label: str
    theirs: object
    mine: object


class EditConflict(Exception):
    """Raised when somebody else saved the object after the editor loaded it."""

    def __init__(self, *, current, attempted, fields):
        self.current = current
        self.attempted = attempted
        self.fields = fields
        super().__init__(f"{type(current).__name__} {current.pk} was changed by somebody else")

    @property
    def differences(self) -> list[FieldConflict]:
        result = []
        for name in self.fields:
            field = type(self.current)._meta.get_field(name)
            theirs = getattr(self.current, name)
            mine = getattr(self.attempted, name)
            if theirs != mine:
                result.append(FieldConflict(name, str(field.verbose_name), theirs, mine))
        return result


def save_revision(instance, *, expected_revision: int, fields: list[str], change_reason: str = ""):
    """Save `instance` if nobody saved it since `expected_revision`; otherwise raise EditConflict.

    The row is locked for the duration of the check (SELECT … FOR UPDATE on PostgreSQL; SQLite
    serialises writers through BEGIN IMMEDIATE), so two simultaneous saves cannot both win.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._base_manager.select_for_update().get(pk=instance.pk)
        if current.revision != expected_revision:
            raise EditConflict(current=current, attempted=instance, fields=fields)
        instance.revision = current.revision + 1
        if change_reason:
            instance._change_reason = change_reason
        instance.save()
    return instance
