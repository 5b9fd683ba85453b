"""The base of every app's `filters.py`: one django-filter FilterSet per list, used by the page (its form), the
exports and the REST API (validation, and the parameters in the OpenAPI schema via drf-spectacular).

The set declares the parameters – name, type, label, choices. The query work stays in the app's `queries.py`:
`filter_queryset` hands the cleaned values to the set's `query(queryset, values)`, where a chosen object
(Handlungsfeld, Land) arrives as its key, as the address carries it.

`refuse` and `check_parameters` give the API's answer to a query parameter it does not know: 400 in the common
error format (`detail`, `allowed`), used by the API's filter backend and by views without a FilterSet.
"""

import re

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.drainage import set_override
from rest_framework.exceptions import ValidationError

# The keys a select sends: Land ARS, Handlungsfeld keys (ASCII letters, digits, hyphens).
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
LAND_PATTERN = r"^[0-9]{2}$"
ARS_PATTERN = r"^[0-9]{2,12}$"


class KeyChoiceField(forms.ModelChoiceField):
    """A select of objects shown by a readable attribute (`label_attribute`) and sent by their key.

    The value is the key itself, checked against the key's form (`pattern`) only: a well-formed key that names
    no object matches nothing (an empty list), as in the catalog's filters; the select offers the existing ones.
    """

    def __init__(self, *args, label_attribute: str = "name", pattern: str = KEY_PATTERN, **kwargs):
        self.label_attribute = label_attribute
        self.pattern = pattern
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return str(getattr(obj, self.label_attribute))

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not re.fullmatch(self.pattern, value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return value

    def validate(self, value):
        forms.Field.validate(self, value)


class KeyChoiceFilter(django_filters.ModelChoiceFilter):
    """One object chosen by its key (`to_field_name`)."""

    field_class = KeyChoiceField


def key_filter(label, *, queryset, key: str, field_name: str, pattern: str = KEY_PATTERN, **kwargs):
    """A select of `queryset` sent by `key` (a Land by its ARS, a Handlungsfeld by its key)."""
    chooser = KeyChoiceFilter(
        label=label,
        queryset=queryset,
        to_field_name=key,
        field_name=field_name,
        pattern=pattern,
        empty_label=kwargs.pop("empty_label", _lazy("alle")),
        **kwargs,
    )
    set_override(chooser, "field", {"type": "string", "pattern": _or_empty(pattern), "description": label})
    return chooser


def text_filter(label, *, field_name: str = "pk", max_length: int = 200, regex: str | None = None, **kwargs):
    """Free text (a search word) or, with `regex`, a key of a fixed form (a Land: r"^[0-9]{2}$")."""
    field = django_filters.CharFilter(
        label=label,
        field_name=field_name,
        max_length=max_length,
        validators=[RegexValidator(regex)] if regex else [],
        strip=not regex,
        **kwargs,
    )
    schema = {"type": "string", "maxLength": max_length, "description": label}
    if regex:
        schema["pattern"] = _or_empty(regex)
    set_override(field, "field", schema)
    return field


def choice_filter(label, *, field_name: str, choices, **kwargs):
    """One of fixed values (a status, a kind); empty means all."""
    chooser = django_filters.ChoiceFilter(
        label=label,
        field_name=field_name,
        choices=choices,
        empty_label=kwargs.pop("empty_label", _lazy("alle")),
        **kwargs,
    )
    set_override(
        chooser, "field", {"type": "string", "enum": ["", *[value for value, _label in choices]], "description": label}
    )
    return chooser


def _or_empty(pattern: str) -> str:
    """The schema's form of a key pattern: an empty value is allowed too (it means "no filter", as a page's
    form sends it)."""
    return "^(?:" + pattern.removeprefix("^").removesuffix("$") + ")?$"


class _Typed:
    """For the API's typed filters: an empty value is an error (the schema says integer or date), a missing
    parameter is no filter."""

    def to_python(self, value):
        if value == "":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class _WholeNumberField(_Typed, forms.IntegerField):
    pass


class _IsoDateField(_Typed, forms.DateField):
    def __init__(self, *args, **kwargs):
        kwargs["input_formats"] = ["%Y-%m-%d"]
        super().__init__(*args, **kwargs)


def whole_number_filter(label, *, field_name: str, minimum: int, maximum: int):
    number = django_filters.NumberFilter(label=label, field_name=field_name, min_value=minimum, max_value=maximum)
    number.field_class = _WholeNumberField
    set_override(number, "field", {"type": "integer", "minimum": minimum, "maximum": maximum, "description": label})
    return number


def date_filter(label, *, field_name: str):
    """A date as ISO 8601 (2026-03-01)."""
    date = django_filters.DateFilter(label=label, field_name=field_name)
    date.field_class = _IsoDateField
    set_override(date, "field", {"type": "string", "format": "date", "description": label})
    return date


class _RawCheckbox(forms.CheckboxInput):
    """A checkbox that hands the sent text to the field as it is (Django's own turns any text into True)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class OnlyField(forms.BooleanField):
    """ "only …": on with 1/true/on, off when missing or 0/false; any other text is an error."""

    widget = _RawCheckbox
    TRUE = {"1", "true", "on", "yes"}
    FALSE = {"", "0", "false", "off", "no"}

    def to_python(self, value):
        if isinstance(value, bool) or value is None:
            return bool(value)
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    default_error_messages = {"invalid_choice": _lazy("Bitte 1 oder 0 (true oder false) angeben.")}


class OnlyFilter(django_filters.BooleanFilter):
    """A checkbox "only …" on the page, a boolean in the API; off means no restriction (not "the opposite")."""

    field_class = OnlyField


class QueryFilterSet(django_filters.FilterSet):
    """Subclasses declare their filters and implement `query(queryset, values)` (usually one call into queries)."""

    def values(self) -> dict:
        """The valid values, empty ones left out, chosen objects as their key."""
        result = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], False):
                continue
            if hasattr(value, "_meta"):
                value = getattr(value, self.form.fields[name].to_field_name or "pk")
            result[name] = value
        return result

    def filter_queryset(self, queryset):
        return self.query(queryset, self.values())

    def query(self, queryset, values: dict):  # pragma: no cover - every set defines it
        raise NotImplementedError

    @property
    def results(self):
        """The filtered list, also for an unbound or partly invalid form (the valid values apply)."""
        if not self.is_bound:
            return self.query(self.queryset, {})
        self.form.is_valid()
        return self.filter_queryset(self.queryset.all())


def refuse(detail: str, *, allowed, **extra) -> ValidationError:
    """A 400 in the common error format: `detail`, the allowed parameters, and what else helps."""
    return ValidationError({"detail": detail, "allowed": sorted(allowed), **extra})


def check_parameters(request, allowed) -> None:
    """Refuse any query parameter outside `allowed` (400, listing the allowed ones)."""
    unknown = sorted(name[:50] for name in set(request.query_params) - set(allowed))[:20]
    if unknown:
        if allowed:
            detail = _("Unbekannter Parameter: %(unknown)s. Erlaubt: %(allowed)s.") % {
                "unknown": ", ".join(unknown),
                "allowed": ", ".join(sorted(allowed)),
            }
        else:
            detail = _("Unbekannter Parameter: %(unknown)s. Diese Anfrage nimmt keine Parameter an.") % {
                "unknown": ", ".join(unknown)
            }
        raise refuse(detail, allowed=allowed, unknown=unknown)
