from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class Sector(models.TextChoices):
    """The five parts of society the seed names for a regional digital agenda."""

    ADMINISTRATION = "verwaltung", _("Verwaltung")
    POLITICS = "politik", _("Politik")
    BUSINESS = "wirtschaft", _("Wirtschaft")
    SCIENCE = "wissenschaft", _("Wissenschaft")
    CIVIL_SOCIETY = "zivilgesellschaft", _("Zivilgesellschaft")


class ContactVisibility(models.TextChoices):
    """Per contact field: who may read it. Hidden is the default (GDPR: publish only with consent)."""

    PUBLIC = "public", _("öffentlich")
    MEMBERS = "members", _("nur angemeldete Mitglieder")
    HIDDEN = "hidden", _("verborgen")


# The contact fields and the field holding each one's visibility.
CONTACT_FIELDS = {
    "email": "email_visibility",
    "phone": "phone_visibility",
    "website": "website_visibility",
    "address": "address_visibility",
}
