"""Writes with behaviour on network events: planning with a rotating host, registration with a waiting
list, cancellation, attendance (registered and walk-in), follow-ups with their status, workshop cards that
become needs, partnerships.

Every change a calendar client must notice raises the event's SEQUENCE (RFC 5545); the UID never changes.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from smartregion.core.concurrency import save_revision
from smartregion.core.freshness import bulk_written
from smartregion.core.refusals import Refused
from smartregion.needs import services as need_services
from smartregion.needs.enums import NeedOrigin
from smartregion.network.models import Network
from smartregion.notifications.enums import Kind
from smartregion.notifications.services import notify, site_url

from . import calendar
from .models import (
    AgendaItem,
    Event,
    EventKind,
    FollowUp,
    HostDecline,
    Partnership,
    Registration,
    WalkInAttendee,
    WorkshopCard,
)

EVENT_FIELDS = [
    "kind", "audience", "title", "host", "starts_at", "ends_at", "place", "online_url", "description", "capacity",
]  # fmt: skip
CALENDAR_FIELDS = {"title", "starts_at", "ends_at", "place", "online_url", "description", "status", "audience"}


class EventRefused(Refused):
    pass


class SameDayEvents(EventRefused):
    """The network already has an event that day: saved only when the person confirms."""

    def __init__(self, others: list[Event]):
        self.others = others
        names = ", ".join(
            _("„%(title)s“ (%(kind)s, %(time)s)")
            % {
                "title": other.title,
                "kind": other.get_kind_display(),
                "time": date_format(timezone.localtime(other.starts_at), "TIME_FORMAT"),
            }
            for other in others
        )
        super().__init__(
            _("Am %(day)s hat das Netzwerk schon: %(names)s. Wirklich eine weitere Veranstaltung an diesem Tag?")
            % {"day": date_format(timezone.localtime(others[0].starts_at).date(), "SHORT_DATE_FORMAT"), "names": names}
        )


# --- Rotation ------------------------------------------------------------------------------------


@dataclass
class HostCandidate:
    territory: object
    last_hosted: date | None  # None: never hosted
    declined_until: date | None
    planned_on: date | None = None  # the next event of the network it hosts (planned, after today)

    @property
    def skipped(self) -> bool:
        return self.declined_until is not None or self.planned_on is not None


def rotation(network: Network, today: date) -> list[HostCandidate]:
    """Every member with the date it last hosted a meeting of this network (cancelled ones do not count),
    longest ago first (never first), whether it declined for now and the next event it already hosts."""
    last = dict(
        Event.objects.filter(network=network, kind=EventKind.MEETING, host__isnull=False)
        .exclude(status=Event.Status.CANCELLED)
        .filter(starts_at__date__lte=today)
        .values_list("host_id")
        .annotate(last=Max("starts_at"))
    )
    planned = dict(
        Event.objects.filter(network=network, host__isnull=False, starts_at__date__gt=today)
        .exclude(status=Event.Status.CANCELLED)
        .values_list("host_id")
        .annotate(first=Min("starts_at"))
    )
    declined = dict(
        HostDecline.objects.filter(network=network, until__gte=today)
        .values_list("territory_id")
        .annotate(until=Max("until"))
    )
    members = [member.territory for member in network.members.select_related("territory")]
    candidates = [
        HostCandidate(
            t,
            timezone.localtime(last[t.pk]).date() if t.pk in last else None,
            declined.get(t.pk),
            timezone.localtime(planned[t.pk]).date() if t.pk in planned else None,
        )
        for t in members
    ]
    return sorted(candidates, key=lambda c: (c.last_hosted is not None, c.last_hosted or date.min, c.territory.name))


def propose_host(network: Network, today: date):
    """The member that has not hosted for the longest time (never hosted first), skipping those who declined
    and those who already host a planned event of the network."""
    return next((c.territory for c in rotation(network, today) if not c.skipped), None)


@transaction.atomic
def decline_hosting(network: Network, territory, *, until: date, note: str = "") -> HostDecline:
    if not network.members.filter(territory=territory).exists():
        raise EventRefused(_("Nur Mitglieder des Netzwerks können als Gastgeber absagen."))
    return HostDecline.objects.create(network=network, territory=territory, until=until, note=note)


# --- Events --------------------------------------------------------------------------------------


def _check(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise EventRefused(_("Das Ende liegt nicht nach dem Beginn."))
    if not (event.place or event.online_url):
        raise EventRefused(_("Bitte einen Ort oder einen Online-Zugang angeben."))


def _agenda(event: Event, items: list[str] | None) -> None:
    if items is None:
        return
    event.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(event=event, position=number, title=title) for number, title in enumerate(items) if title.strip()
    )
    bulk_written(AgendaItem)


def same_day_events(network: Network, starts_at, *, exclude: Event | None = None) -> list[Event]:
    """The network's other events (not cancelled) on the day `starts_at` falls on in Europe/Berlin."""
    day = timezone.localtime(starts_at).date()
    others = Event.objects.filter(network=network, starts_at__date=day).exclude(status=Event.Status.CANCELLED)
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    return list(others.order_by("starts_at", "pk"))


def _check_same_day(event: Event, confirmed: bool) -> None:
    if confirmed:
        return
    others = same_day_events(event.network, event.starts_at, exclude=event)
    if others:
        raise SameDayEvents(others)


@transaction.atomic
def create_event(
    *, network: Network, by, agenda_items: list[str] | None = None, same_day_confirmed: bool = False, **fields
) -> Event:
    """Refuses with SameDayEvents when the network already has an event that day, unless confirmed."""
    event = Event(network=network, **fields)
    _check(event)
    _check_same_day(event, same_day_confirmed)
    event._history_user = by
    event.save()
    _agenda(event, agenda_items)
    return event


@transaction.atomic
def update_event(
    event: Event,
    *,
    expected_revision: int,
    by,
    agenda_items: list[str] | None = None,
    same_day_confirmed: bool = False,
    **fields,
) -> Event:
    """A move to another day asks like planning does (SameDayEvents unless confirmed); staying on its day
    does not ask again."""
    before = {name: getattr(event, name) for name in CALENDAR_FIELDS}
    for name, value in fields.items():
        setattr(event, name, value)
    _check(event)
    if timezone.localtime(before["starts_at"]).date() != timezone.localtime(event.starts_at).date():
        _check_same_day(event, same_day_confirmed)
    calendar_changed = any(before[name] != getattr(event, name) for name in CALENDAR_FIELDS)
    if calendar_changed:
        event.sequence += 1
    event._history_user = by
    save_revision(event, expected_revision=expected_revision, fields=list(fields))
    _agenda(event, agenda_items)
    if event.capacity is not None:
        _fill_from_waiting_list(event)
    if calendar_changed:
        _tell_all_registered(event, Kind.EVENT_CHANGED)
    return event


def has_begun(event: Event) -> bool:
    return event.starts_at <= timezone.now()


@transaction.atomic
def cancel_event(event: Event, *, by) -> Event:
    """Cancelled, not deleted: calendars receive STATUS:CANCELLED with a higher SEQUENCE. An event that has
    begun (or is over) cannot be cancelled any more."""
    if has_begun(event):
        raise EventRefused(_("Die Veranstaltung hat schon begonnen oder ist vorbei: absagen geht nicht mehr."))
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event._history_user = by
    event.save()
    _tell_all_registered(event, Kind.EVENT_CANCELLED)
    return event


@transaction.atomic
def save_minutes(event: Event, *, minutes: str, attended_user_ids: set[int], by) -> Event:
    event.minutes = minutes
    event._history_user = by
    event.save(update_fields=["minutes", "updated_at"])
    for registration in event.registrations.exclude(status=Registration.Status.CANCELLED):
        attended = registration.user_id in attended_user_ids
        if registration.attended != attended:
            registration.attended = attended
            registration._history_user = by
            registration.save(update_fields=["attended", "updated_at"])
    return event


# --- Telling the registered ------------------------------------------------------------------------


def _ics(event: Event, user) -> list[dict]:
    """The event's calendar file as the person may see it (the online access only for those allowed)."""
    text = calendar.event_calendar(
        event, base_url=site_url(), with_link=user.has_perm("events.view_meeting_link", event)
    )
    return [{"name": f"veranstaltung-{event.pk}.ics", "content": text, "mimetype": "text/calendar"}]


def _tell(registration: Registration, kind: str, key: str, **context) -> None:
    event = registration.event
    notify(
        registration.user,
        kind,
        event,
        {"title": event.title, "when": event.starts_at, "place": event.place or _("online"), **context},
        key=key,
        link=event.get_absolute_url(),
        attachments=[] if context.get("waiting") else _ics(event, registration.user),
    )


def _tell_all_registered(event: Event, kind: str) -> None:
    """A change or cancellation, with the calendar file of this SEQUENCE, to everyone still registered."""
    registrations = event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user", "event")
    for registration in registrations:
        _tell(registration, kind, key=f"{event.pk}:{event.sequence}")


# --- Registration ---------------------------------------------------------------------------------


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def register(event: Event, *, user) -> Registration:
    """A place if one is free, else the waiting list; registering again after cancelling joins at the end."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not user.has_perm("events.register_for_event", event):
        raise EventRefused(
            _(
                "Diese Veranstaltung ist nur für das Netzwerk: anmelden können sich die Redaktionen der "
                "Mitgliedskommunen, die Koordination und die Plattform-Administration."
            )
        )
    if event.is_cancelled:
        raise EventRefused(_("Die Veranstaltung ist abgesagt."))
    full = event.capacity is not None and _confirmed_count(event) >= event.capacity
    status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
    registration, created = Registration.objects.get_or_create(event=event, user=user, defaults={"status": status})
    if not created and registration.status == Registration.Status.CANCELLED:
        # joins again at the end of the queue
        Registration.objects.filter(pk=registration.pk).update(status=status, created_at=timezone.now())
        bulk_written(Registration)
        registration.refresh_from_db()
    registration.event = event
    waiting = registration.status == Registration.Status.WAITING
    _tell(
        registration,
        Kind.EVENT_REGISTRATION,
        key=f"{event.pk}:{registration.pk}:{registration.created_at.isoformat()}",
        waiting=waiting,
        position=waiting_position(registration) if waiting else None,
    )
    return registration


def _fill_from_waiting_list(event: Event) -> list[Registration]:
    moved = []
    free = (event.capacity - _confirmed_count(event)) if event.capacity is not None else None
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        registration.event = event
        _tell(
            registration, Kind.WAITING_LIST, key=f"{event.pk}:{registration.pk}:{registration.updated_at.isoformat()}"
        )
        moved.append(registration)
    return moved


@transaction.atomic
def cancel_registration(event: Event, *, user) -> list[Registration]:
    """Cancel the user's registration; the first on the waiting list moves up. Returns who moved up."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return []
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    return _fill_from_waiting_list(event)


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = registration.event.registrations.filter(status=Registration.Status.WAITING).filter(
        created_at__lt=registration.created_at
    )
    return ahead.count() + 1


# --- Follow-ups and workshop cards ----------------------------------------------------------------


FOLLOW_UP_FIELDS = ["title", "owner", "owner_territory", "due_on", "status", "note", "project", "need", "actor"]
FOLLOW_UP_STATUS_FIELDS = ["status", "note"]


def _check_follow_up(follow_up: FollowUp, network: Network) -> None:
    if not (follow_up.owner or follow_up.owner_territory_id):
        raise EventRefused(_("Bitte eine verantwortliche Person oder Kommune angeben."))
    if follow_up.owner_territory_id and not network.members.filter(territory_id=follow_up.owner_territory_id).exists():
        raise EventRefused(_("Verantwortlich kann nur eine Mitgliedskommune des Netzwerks sein."))


@transaction.atomic
def add_follow_up(event: Event, *, by, **fields) -> FollowUp:
    """An action item of the event: what, who (a person and/or a member territory), by when, where it stands.
    Only the network's coordination (and platform admins) add them."""
    if not by.has_perm("network.change_network", event.network):
        raise EventRefused(_("Folgeaufgaben nimmt die Koordination des Netzwerks auf."))
    follow_up = FollowUp(event=event, **fields)
    _check_follow_up(follow_up, event.network)
    follow_up._history_user = by
    follow_up.save()
    return follow_up


@transaction.atomic
def update_follow_up(follow_up: FollowUp, *, expected_revision: int, by, **fields) -> FollowUp:
    """The coordination changes everything; the people of the owner territory record where it stands (status
    and note). Conflicting edits raise EditConflict (optimistic locking)."""
    if not by.has_perm("events.change_follow_up", follow_up):
        raise EventRefused(_("Den Stand tragen die Koordination und die verantwortliche Kommune ein."))
    if set(fields) - set(FOLLOW_UP_STATUS_FIELDS) and not by.has_perm("events.edit_follow_up", follow_up):
        raise EventRefused(_("Aufgabe, Verantwortliche und Fälligkeit ändert die Koordination des Netzwerks."))
    for name, value in fields.items():
        setattr(follow_up, name, value)
    _check_follow_up(follow_up, follow_up.event.network)
    follow_up._history_user = by
    return save_revision(follow_up, expected_revision=expected_revision, fields=list(fields))


# --- Attendance without online registration -------------------------------------------------------------


@transaction.atomic
def add_walk_in(event: Event, *, name: str, by, organisation: str = "", territory=None) -> WalkInAttendee:
    """Somebody who took part without registering online: counts in the attendance like a registered
    participant marked as present."""
    if not by.has_perm("events.record_attendance", event.network):
        raise EventRefused(_("Die Teilnahme erfasst die Koordination des Netzwerks."))
    if event.is_cancelled:
        raise EventRefused(_("Die Veranstaltung ist abgesagt."))
    name = name.strip()
    if not name:
        raise EventRefused(_("Bitte einen Namen angeben."))
    walk_in = WalkInAttendee(event=event, name=name, organisation=organisation.strip(), territory=territory)
    walk_in._history_user = by
    walk_in.save()
    return walk_in


@transaction.atomic
def remove_walk_in(walk_in: WalkInAttendee, *, by) -> None:
    if not by.has_perm("events.record_attendance", walk_in.event.network):
        raise EventRefused(_("Die Teilnahme erfasst die Koordination des Netzwerks."))
    walk_in._history_user = by
    walk_in.delete()


def attendance(event: Event) -> dict:
    """How many took part: registered participants marked as present, and people recorded without an online
    registration."""
    registered = event.registrations.filter(attended=True).exclude(status=Registration.Status.CANCELLED).count()
    walk_ins = event.walk_ins.count()
    return {"registered": registered, "walk_ins": walk_ins, "total": registered + walk_ins}


@transaction.atomic
def add_card(event: Event, *, territory, domain, text: str, by) -> WorkshopCard:
    """A moderator's card: it becomes a Need of the territory at once (origin Workshop, linked back)."""
    if event.kind not in (EventKind.WORKSHOP, EventKind.LIVING_LAB):
        raise EventRefused(_("Karten gibt es nur bei Workshops und Living Labs."))
    need = need_services.create_need(
        territory=territory,
        by=by,
        domains=[domain],
        origin=NeedOrigin.WORKSHOP,
        title=text[:200],
        description=_("Aus dem Workshop „%(title)s“ am %(day)s.")
        % {"title": event.title, "day": event.starts_at.date()},
        origin_ref=f"event:{event.pk}",
        origin_url=event.get_absolute_url(),
    )
    return WorkshopCard.objects.create(event=event, territory=territory, domain=domain, text=text, need=need)


@transaction.atomic
def vote(card: WorkshopCard) -> None:
    WorkshopCard.objects.filter(pk=card.pk).update(votes=F("votes") + 1)
    bulk_written(WorkshopCard)


# --- Partnerships -----------------------------------------------------------------------------------


@transaction.atomic
def set_agreement_publication(partnership: Partnership, *, public: bool, by) -> Partnership:
    """The partners (their people or coordinators) decide whether their agreement is public."""
    if not by.has_perm("events.change_partnership_publication", partnership):
        raise EventRefused(_("Ob die Vereinbarung öffentlich ist, entscheiden die Partner und ihre Koordination."))
    partnership.agreement_public = public
    partnership._history_user = by
    partnership.save(update_fields=["agreement_public", "updated_at"])
    return partnership


@transaction.atomic
def create_partnership(*, partners, by, agreement=None, **fields) -> Partnership:
    """`agreement`: a document checked by core.attachments.check_document, or None."""
    if len(partners) < 2:
        raise EventRefused(_("Eine Partnerschaft braucht mindestens zwei Partner."))
    partnership = Partnership(**fields)
    if agreement is not None:
        partnership.agreement.save(agreement.content.name, agreement.content, save=False)
    partnership._history_user = by
    partnership.save()
    partnership.partners.set(partners)
    return partnership


def next_meeting_day(today: date) -> date:
    """The default date of the next quarterly Netzwerktreffen: the second Thursday of the next quarter
    (clear of New Year, Easter Monday and the first week after holidays)."""
    month = ((today.month - 1) // 3 + 1) * 3 + 1
    first = date(today.year + (month > 12), (month - 1) % 12 + 1, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)
