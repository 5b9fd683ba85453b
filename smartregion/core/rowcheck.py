"""An import row's values checked against the model's columns before the database sees them.

Importers build plain values from text and save them without a form. Whatever the database would refuse
(PostgreSQL: a text longer than its column, a number beyond its integer type, a negative number in a
positive column, a NUL character) or SQLite would silently keep, is reported here as a `RowError` with the
line and the file's column name, so that a file is refused with a message instead of a server error.
Integer ranges are the narrowest of the supported engines (PostgreSQL's), so that a file imports on SQLite
exactly when it imports on PostgreSQL. See docs/adr/0018-bad-input.md.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.backends.base.operations import BaseDatabaseOperations

from .csvio import NUL_CHARACTER, RowError

INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def field_errors(model, values: dict, *, line: int, columns: dict[str, str] | None = None) -> list[RowError]:
    """One RowError per value of `values` ({field name: value}) that `model`'s column would not hold.

    `columns` names the file's column for a field (default: the field name). Relations are left to the caller.
    """
    errors = []
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.is_relation or not field.concrete:
            continue
        problem = value_problem(field, value)
        if problem:
            errors.append(RowError(line, problem, (columns or {}).get(name, name)))
    return errors


def value_problem(field, value) -> str:
    """Why `field`'s column would not hold `value` (German, for the import report), or ""."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if any("\x00" in text for text in _texts(value)):
        return NUL_CHARACTER
    limits = INTEGER_RANGES.get(field.get_internal_type())
    if limits is not None and isinstance(value, int):
        low, high = limits
        if not low <= value <= high:
            shown = str(value) if len(str(value)) <= 30 else f"{str(value)[:27]}…"
            return f"„{shown}“ liegt außerhalb des erlaubten Bereichs ({low} bis {high})."
    try:
        field.run_validators(value)
    except ValidationError as error:
        return " ".join(str(message) for message in error.messages)
    return ""


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
