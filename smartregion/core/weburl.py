"""Web addresses people enter or import: only http, https and mailto (docs/adr/0018-bad-input.md).

`validate_web_url` is the one validator. `WebURLField` (model), `WebURLFormField` (forms) and
`WebURLSerializerField` (REST API) use it instead of Django's URLValidator, which also accepts ftp and
refuses mailto; importers call it for their URL columns. The `web_url` template filter is the guard on
the way out: an href from stored data is written only if it starts with one of those schemes (or is a
path on this site), so an address stored before this check can never become a `javascript:` link.
"""

import re
from urllib.parse import unquote

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

WEB_SCHEMES = ("http", "https", "mailto")
INVALID_WEB_URL = _("Erlaubt sind Web-Adressen, die mit http://, https:// oder mailto: beginnen.")
_HTTP = URLValidator(schemes=["http", "https"])
_EMAIL = EmailValidator()
# On the way out only the beginning matters: the exact scheme letters, or one slash followed by no slash or
# backslash (browsers read "//" and "/\" as another host). Leading spaces or control characters never match.
_SAFE_HREF = re.compile(r"(?:https?://|mailto:|/(?![/\\]))", re.IGNORECASE)


def validate_web_url(value) -> None:
    text = str(value or "")
    if "\x00" in text:
        raise ValidationError(INVALID_WEB_URL, code="invalid")
    if text[:7].lower() == "mailto:":
        addresses = unquote(text[7:].split("?", 1)[0]).split(",")
        try:
            for address in addresses:
                _EMAIL(address.strip())
        except ValidationError:
            raise ValidationError(INVALID_WEB_URL, code="invalid") from None
        return
    try:
        _HTTP(text)
    except ValidationError:
        raise ValidationError(INVALID_WEB_URL, code="invalid") from None


def is_web_url(value) -> bool:
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


def safe_href(value) -> str:
    """`value` if it may stand in an href (http, https, mailto or a path on this site), else ""."""
    text = str(value or "")
    return text if _SAFE_HREF.match(text) else ""


class WebURLFormField(forms.URLField):
    default_validators = [validate_web_url]
    default_error_messages = {"invalid": INVALID_WEB_URL}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value):
        text = forms.CharField.to_python(self, value)
        if text[:7].lower() == "mailto:":
            return text  # URLField would turn it into "mailto://…"
        return super().to_python(value)


class WebURLField(models.URLField):
    """A URLField validated by `validate_web_url`.

    Validators do not touch the schema, so the field deconstructs as a plain URLField: switching a model to it
    needs no migration, and the migrations keep describing the column exactly.
    """

    default_validators = [validate_web_url]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})


class WebURLSerializerField(serializers.URLField):
    """DRF's URLField with `validate_web_url` in place of its URLValidator (same `uri` format in the schema)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        kept = [validator for validator in self.validators if not isinstance(validator, URLValidator)]
        self.validators = [*(v for v in kept if v is not validate_web_url), validate_web_url]


WEB_URL_SERIALIZER_MAPPING = {WebURLField: WebURLSerializerField}
