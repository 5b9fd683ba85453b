"""Writes of actors: every change keeps its history and is checked for concurrent edits."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.concurrency import save_revision
from smartregion.taxonomy.services import keywords_for

from .enums import CONTACT_FIELDS, ContactVisibility
from .models import Actor

EDITABLE_FIELDS = [
    "kind",
    "name",
    "organisation",
    "role",
    "sector",
    "description",
    "home_territory",
    "nationwide",
    "available_forum",
    "available_review",
    "email",
    "email_visibility",
    "phone",
    "phone_visibility",
    "website",
    "website_visibility",
    "address",
    "address_visibility",
]


def _publishes_contact(actor: Actor) -> bool:
    return any(
        getattr(actor, name) and getattr(actor, visibility) != ContactVisibility.HIDDEN
        for name, visibility in CONTACT_FIELDS.items()
    )


def _check_consent(actor: Actor, consent: bool) -> None:
    """Contact data is shown beyond the curators only with the person's (or organisation's) consent."""
    if not _publishes_contact(actor):
        return
    if consent and actor.consent_at is None:
        actor.consent_at = timezone.now()
    if actor.consent_at is None:
        raise ValidationError(
            _("Kontaktdaten werden nur mit Einwilligung angezeigt. Bitte die Einwilligung bestätigen.")
        )


def _set_relations(actor: Actor, *, domains=None, keywords=None, regions=None, reference_projects=None) -> None:
    if domains is not None:
        actor.domains.set(domains)
    if keywords is not None:
        actor.keywords.set(keywords_for(keywords))
    if regions is not None:
        actor.regions.set(regions)
    if reference_projects is not None:
        actor.reference_projects.set(reference_projects)


@transaction.atomic
def create_actor(
    *,
    by,
    consent: bool = False,
    own_profile: bool = False,
    domains=(),
    keywords=(),
    regions=(),
    reference_projects=(),
    **fields,
) -> Actor:
    actor = Actor(**fields, created_by=by)
    if own_profile:
        if Actor.objects.filter(user=by).exists():
            raise ValidationError(_("Sie haben bereits ein eigenes Profil."))
        actor.user = by
    _check_consent(actor, consent)
    actor._history_user = by
    actor.save()
    _set_relations(actor, domains=domains, keywords=keywords, regions=regions, reference_projects=reference_projects)
    return actor


@transaction.atomic
def update_actor(
    actor: Actor,
    *,
    expected_revision: int,
    by,
    consent: bool = False,
    domains=None,
    keywords=None,
    regions=None,
    reference_projects=None,
    **fields,
) -> Actor:
    for name, value in fields.items():
        setattr(actor, name, value)
    _check_consent(actor, consent)
    actor._history_user = by
    save_revision(actor, expected_revision=expected_revision, fields=[*fields, "consent_at"])
    _set_relations(actor, domains=domains, keywords=keywords, regions=regions, reference_projects=reference_projects)
    return actor


def delete_actor(actor: Actor, *, by) -> None:
    actor._history_user = by
    actor.delete()
