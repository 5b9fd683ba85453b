"""Writes of actors: every change keeps its history and is checked for concurrent edits.

Consent is the person's own. Only the expert (the owner of the profile) gives consent or widens who may
read a contact field; a platform admin may do it for somebody else only with a reason, which is kept in
the history. Coordinators curate the content of profiles, never the reach of contact data: they may
narrow a field's visibility (hide a number the person asked to remove: that exposes nothing), but a
widening by them is refused here, whatever form, import or API sent it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.accounts.rules import is_platform_admin
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


ADMIN_RELEASE_REASON = "Freigabe durch Plattform-Admin"
# The history keeps "<ADMIN_RELEASE_REASON>: <reason>" in its change reason, a column of 100 characters.
RELEASE_REASON_MAX_LENGTH = 100 - len(ADMIN_RELEASE_REASON) - 2
VISIBILITY_REACH = {ContactVisibility.HIDDEN: 0, ContactVisibility.MEMBERS: 1, ContactVisibility.PUBLIC: 2}


def contact_state(actor: Actor) -> dict[str, tuple[str, str]]:
    """Each contact field's value and visibility, to compare before and after a change."""
    return {
        name: (getattr(actor, name) or "", getattr(actor, visibility)) for name, visibility in CONTACT_FIELDS.items()
    }


def widened_fields(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> list[str]:
    """The contact fields somebody may read after the change who could not before: a field shown to more
    people, or a new value in a field that is not hidden (it publishes what the person did not release).
    Clearing a value or hiding a field narrows and is not listed."""
    widened = []
    for name, (value, visibility) in after.items():
        old_value, old_visibility = before.get(name, ("", ContactVisibility.HIDDEN))
        if not value or visibility == ContactVisibility.HIDDEN:
            continue
        if VISIBILITY_REACH[visibility] > VISIBILITY_REACH[old_visibility] or value != old_value:
            widened.append(name)
    return widened


def may_widen_alone(user, actor: Actor) -> bool:
    """The person of the profile decides about its contact data without giving reasons."""
    return bool(user and user.is_authenticated and actor.user_id is not None and actor.user_id == user.pk)


def _publishes_contact(actor: Actor) -> bool:
    return any(
        getattr(actor, name) and getattr(actor, visibility) != ContactVisibility.HIDDEN
        for name, visibility in CONTACT_FIELDS.items()
    )


def _check_reach(actor: Actor, before: dict, *, by, consent: bool, reason: str) -> None:
    """Widening the reach of contact data or recording consent: the person, or a platform admin with a reason
    (kept as the history's change reason). Everybody else is refused."""
    gives_consent = consent and actor.consent_at is None and _publishes_contact(actor)
    if not (widened_fields(before, contact_state(actor)) or gives_consent):
        return
    if may_widen_alone(by, actor):
        return
    if not is_platform_admin(by):
        raise ValidationError(
            _(
                "Kontaktdaten sichtbarer machen oder die Einwilligung erklären kann nur die Person selbst "
                "(oder die Plattform-Administration mit Begründung)."
            )
        )
    if not reason.strip():
        raise ValidationError(
            _(
                "Bitte begründen Sie, warum Sie Kontaktdaten an Stelle der Person freigeben "
                "(z. B. „schriftliche Einwilligung vom …“)."
            )
        )
    if len(reason.strip()) > RELEASE_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Die Begründung darf höchstens %(limit)d Zeichen lang sein.") % {"limit": RELEASE_REASON_MAX_LENGTH}
        )
    # Stored data, not page text: the same words whatever language the admin's page was in.
    actor._change_reason = f"{ADMIN_RELEASE_REASON}: {reason.strip()}"


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
    reason: str = "",
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
    _check_reach(actor, {}, by=by, consent=consent, reason=reason)
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
    reason: str = "",
    domains=None,
    keywords=None,
    regions=None,
    reference_projects=None,
    **fields,
) -> Actor:
    before = contact_state(actor)
    for name, value in fields.items():
        setattr(actor, name, value)
    _check_reach(actor, before, by=by, consent=consent, reason=reason)
    _check_consent(actor, consent)
    actor._history_user = by
    save_revision(
        actor,
        expected_revision=expected_revision,
        fields=[*fields, "consent_at"],
        change_reason=getattr(actor, "_change_reason", ""),
    )
    _set_relations(actor, domains=domains, keywords=keywords, regions=regions, reference_projects=reference_projects)
    return actor


def delete_actor(actor: Actor, *, by) -> None:
    actor._history_user = by
    actor.delete()
