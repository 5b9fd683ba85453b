"""Pages of network events: list with the ICS feed, planning with the host rotation, detail with
registration, minutes, walk-ins and workshop cards, the workshop report, partnerships (follow-ups:
follow_up_views.py)."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.downloads import file_response, pdf_response
from smartregion.core.editing import save_edit
from smartregion.core.ical import ics_response
from smartregion.core.markdown import render as render_markdown
from smartregion.core.siteurl import site_url
from smartregion.network.models import Network

from . import calendar, queries, services
from .forms import (
    CardForm,
    DeclineForm,
    EventForm,
    FollowUpForm,
    MinutesForm,
    PartnershipForm,
    WalkInForm,
)
from .models import Event, EventKind, Partnership, Registration, WalkInAttendee, WorkshopCard
from .services import EventRefused, SameDayEvents


def _network(slug) -> Network:
    return get_object_or_404(Network, slug=slug)


def _event(network, pk) -> Event:
    return get_object_or_404(Event.objects.select_related("network", "host"), network=network, pk=pk)


def _visible_event(request, network, pk) -> Event:
    """An event the user may see: an internal one does not exist for people outside the network."""
    event = _event(network, pk)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _manage(request, network):
    if not request.user.has_perm("network.change_network", network):
        raise PermissionDenied


def event_list(request, slug):
    network = _network(slug)
    now = timezone.now()
    listed = queries.visible_events(request.user, network.events.select_related("host"))
    can_manage = request.user.has_perm("network.change_network", network)
    partnerships = list(network.partnerships.prefetch_related("partners"))
    readable, changeable = queries.agreement_permissions(request.user, partnerships)
    context = {
        "network": network,
        "upcoming": list(listed.filter(ends_at__gte=now).order_by("starts_at")),
        "past": list(listed.filter(ends_at__lt=now).order_by("-starts_at")[:30]),
        "can_manage": can_manage,
        "can_view_follow_ups": request.user.has_perm("events.view_follow_ups", network),
        "rotation": services.rotation(network, timezone.localdate()),
        "decline_form": DeclineForm(network=network) if can_manage else None,
        "partnerships": partnerships,
        "agreement_readable": readable,
        "agreement_changeable": changeable,
    }
    return render(request, "events/events.html", context)


@login_required
def event_create(request, slug):
    network = _network(slug)
    _manage(request, network)
    today = timezone.localdate()
    proposal = services.propose_host(network, today)
    day = services.next_meeting_day(today)
    start = timezone.make_aware(datetime.combine(day, time(10, 0)))
    initial = {
        "kind": EventKind.MEETING,
        "title": _("Netzwerktreffen %(quarter)s/%(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year},
        "host": proposal,
        "starts_at": start,
        "ends_at": start + timedelta(hours=4),
        "capacity": 40,
    }
    form = EventForm(request.POST or None, network=network, initial=initial)
    same_day = []
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                network=network,
                by=request.user,
                agenda_items=form.agenda_items(),
                same_day_confirmed=_same_day_confirmed(request),
                **form.values(),
            )
        except EventRefused as refusal:
            form.add_error(None, str(refusal))
            same_day = getattr(refusal, "others", [])
        else:
            messages.success(request, _("Die Veranstaltung ist geplant."))
            return redirect(event)
    context = {
        "network": network,
        "form": form,
        "event": None,
        "proposal": proposal,
        "rotation": services.rotation(network, today),
        "same_day": same_day,
    }
    return render(request, "events/event_form.html", context)


def _same_day_confirmed(request) -> bool:
    """The person pressed "Trotzdem speichern" after the warning about another event that day."""
    return request.POST.get("same_day_confirmed") == "1"


@login_required
def event_edit(request, slug, pk):
    network = _network(slug)
    _manage(request, network)
    event = _event(network, pk)
    same_day = []

    def save(form):
        try:
            return services.update_event(
                Event.objects.get(pk=event.pk),
                expected_revision=form.cleaned_data["revision"] or 0,
                by=request.user,
                agenda_items=form.agenda_items(),
                same_day_confirmed=_same_day_confirmed(request),
                **form.values(),
            )
        except SameDayEvents as refusal:
            same_day.extend(refusal.others)
            raise

    saved, form, conflict = save_edit(
        request,
        EventForm(request.POST or None, instance=event, network=network),
        save=save,
        rebuild=lambda data: EventForm(data, instance=Event.objects.get(pk=event.pk), network=network),
        refusals=(EventRefused,),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(saved)
    context = {
        "network": network,
        "form": form,
        "event": event,
        "conflict": conflict,
        "rotation": None,
        "same_day": same_day,
    }
    return render(request, "events/event_form.html", context)


@login_required
@require_POST
def event_cancel(request, slug, pk):
    network = _network(slug)
    _manage(request, network)
    try:
        services.cancel_event(_event(network, pk), by=request.user)
    except EventRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Die Veranstaltung ist abgesagt. Kalender erhalten die Absage."))
    return redirect("events:detail", slug=slug, pk=pk)


def event_detail(request, slug, pk):
    network = _network(slug)
    event = _visible_event(request, network, pk)
    can_manage = request.user.has_perm("network.change_network", network)
    registrations = list(event.registrations.select_related("user"))
    mine = next((r for r in registrations if r.user_id == request.user.pk), None)
    active = [r for r in registrations if r.status != Registration.Status.CANCELLED]
    confirmed = [r for r in active if r.status == Registration.Status.CONFIRMED]
    follow_ups = list(event.follow_ups.select_related("event__network", "owner_territory", "project", "need", "actor"))
    can_record = request.user.has_perm("events.record_attendance", network)
    context = {
        "network": network,
        "event": event,
        "agenda_items": list(event.agenda_items.all()),
        "minutes_html": render_markdown(event.minutes, heading_offset=2),
        "mine": mine,
        "waiting_position": services.waiting_position(mine) if mine else None,
        "confirmed_count": len(confirmed),
        "waiting_count": len(active) - len(confirmed),
        "is_past": event.ends_at < timezone.now(),
        "has_begun": services.has_begun(event),
        "can_manage": can_manage,
        "sees_link": request.user.has_perm("events.view_meeting_link", event),
        "may_register": request.user.has_perm("events.register_for_event", event),
        "registrations": active if can_manage else [],
        "minutes_form": MinutesForm(
            registrations=active,
            initial={"minutes": event.minutes, "attended": [r.user_id for r in active if r.attended]},
        )
        if can_manage
        else None,
        "follow_ups": follow_ups,
        "changeable_follow_ups": {f.pk for f in follow_ups if request.user.has_perm("events.change_follow_up", f)},
        "can_view_follow_ups": request.user.has_perm("events.view_follow_ups", network),
        "follow_up_form": FollowUpForm(network=network) if can_manage else None,
        "attendance": services.attendance(event),
        "walk_ins": list(event.walk_ins.select_related("territory")) if can_record else [],
        "walk_in_form": WalkInForm(network=network) if can_record and not event.is_cancelled else None,
        "is_workshop": event.kind in (EventKind.WORKSHOP, EventKind.LIVING_LAB),
        "cards": list(event.cards.select_related("territory", "domain", "need")),
        "card_form": CardForm(network=network) if can_manage else None,
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_POST
def register(request, slug, pk):
    event = _visible_event(request, _network(slug), pk)
    try:
        registration = services.register(event, user=request.user)
    except EventRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Sie sind angemeldet."))
        else:
            messages.info(request, _("Die Plätze sind vergeben: Sie stehen auf der Warteliste."))
    return redirect(event)


@login_required
@require_POST
def unregister(request, slug, pk):
    event = _visible_event(request, _network(slug), pk)
    services.cancel_registration(event, user=request.user)
    messages.success(request, _("Sie sind abgemeldet."))
    return redirect(event)


@login_required
@require_POST
def minutes(request, slug, pk):
    network = _network(slug)
    _manage(request, network)
    event = _event(network, pk)
    active = list(event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user"))
    form = MinutesForm(request.POST, registrations=active)
    if form.is_valid():
        services.save_minutes(
            event,
            minutes=form.cleaned_data["minutes"],
            attended_user_ids={int(value) for value in form.cleaned_data["attended"]},
            by=request.user,
        )
        messages.success(request, _("Protokoll und Teilnahme gespeichert."))
    return redirect(event)


@login_required
@require_POST
def walk_in(request, slug, pk):
    """A person who took part without registering online, recorded by the coordination."""
    network = _network(slug)
    if not request.user.has_perm("events.record_attendance", network):
        raise PermissionDenied
    event = _event(network, pk)
    form = WalkInForm(request.POST, network=network)
    if form.is_valid():
        try:
            services.add_walk_in(event, by=request.user, **form.cleaned_data)
        except EventRefused as refusal:
            messages.error(request, str(refusal))
        else:
            name = form.cleaned_data["name"]
            messages.success(request, _("%(name)s ist als Teilnehmerin oder Teilnehmer erfasst.") % {"name": name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{event.get_absolute_url()}#participants-heading")


@login_required
@require_POST
def walk_in_remove(request, slug, pk, walk_in_id):
    network = _network(slug)
    if not request.user.has_perm("events.record_attendance", network):
        raise PermissionDenied
    event = _event(network, pk)
    attendee = get_object_or_404(WalkInAttendee.objects.select_related("event__network"), pk=walk_in_id, event=event)
    services.remove_walk_in(attendee, by=request.user)
    messages.success(request, _("%(name)s ist nicht mehr als Teilnahme erfasst.") % {"name": attendee.name})
    return redirect(f"{event.get_absolute_url()}#participants-heading")


@login_required
@require_POST
def card(request, slug, pk):
    network = _network(slug)
    _manage(request, network)
    event = _event(network, pk)
    form = CardForm(request.POST, network=network)
    if form.is_valid():
        try:
            services.add_card(event, by=request.user, **form.cleaned_data)
        except EventRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Karte aufgenommen; sie ist jetzt ein Bedarf der Kommune."))
    return redirect(f"{event.get_absolute_url()}#karten")


@login_required
@require_POST
def card_vote(request, slug, pk, card_id):
    network = _network(slug)
    _manage(request, network)
    services.vote(get_object_or_404(WorkshopCard, pk=card_id, event_id=pk, event__network=network))
    return redirect(f"{_event(network, pk).get_absolute_url()}#karten")


def workshop_report(request, slug, pk):
    network = _network(slug)
    event = _visible_event(request, network, pk)
    context = {
        "network": network,
        "event": event,
        "agenda_items": list(event.agenda_items.all()),
        "minutes_html": render_markdown(event.minutes, heading_offset=2),
        "cards": list(event.cards.select_related("territory", "domain")),
        "follow_ups": list(event.follow_ups.select_related("owner_territory")),
        "attendance": services.attendance(event),
    }
    html = render_to_string("events/pdf/workshop_report.html", context, request=request)
    return pdf_response(html, f"bericht-{event.pk}.pdf")


@login_required
@require_POST
def decline(request, slug):
    network = _network(slug)
    _manage(request, network)
    form = DeclineForm(request.POST, network=network)
    if form.is_valid():
        services.decline_hosting(network, form.cleaned_data["territory"], until=form.cleaned_data["until"],
                               note=form.cleaned_data["note"])  # fmt: skip
        messages.success(request, _("Die Absage ist vermerkt; die Rotation überspringt das Mitglied bis dahin."))
    return redirect("events:list", slug=slug)


def event_ics(request, slug, pk):
    event = _visible_event(request, _network(slug), pk)
    text = calendar.event_calendar(
        event,
        base_url=site_url(),
        with_link=request.user.has_perm("events.view_meeting_link", event),
    )
    return ics_response(text, f"veranstaltung-{pk}.ics")


def network_ics(request, slug):
    network = _network(slug)
    return ics_response(calendar.network_calendar(network, base_url=site_url()), f"{slug}.ics")


@login_required
def partnership_create(request, slug):
    network = _network(slug)
    _manage(request, network)
    form = PartnershipForm(request.POST or None, request.FILES or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = list(data.pop("partners"))
        try:
            services.create_partnership(partners=partners, by=request.user, network=network, **data)
        except EventRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Partnerschaft eingetragen."))
            return redirect("events:list", slug=slug)
    return render(request, "events/partnership_form.html", {"network": network, "form": form})


def partnership_agreement(request, pk):
    """The agreement document of a partnership: for the partners' people, their coordinators and platform admins,
    for everybody once the partners marked it public (the partnership itself is public)."""
    partnership = get_object_or_404(Partnership.objects.prefetch_related("partners").select_related("network"), pk=pk)
    if not partnership.agreement:
        raise Http404
    if not request.user.has_perm("events.view_partnership_agreement", partnership):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return file_response(partnership.agreement, filename=partnership.agreement.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def partnership_publication(request, pk):
    """The partners (or their coordinators) publish their agreement or take it back."""
    partnership = get_object_or_404(Partnership.objects.prefetch_related("partners").select_related("network"), pk=pk)
    if not request.user.has_perm("events.change_partnership_publication", partnership):
        raise PermissionDenied
    public = request.POST.get("public") == "1"
    services.set_agreement_publication(partnership, public=public, by=request.user)
    if public:
        messages.success(request, _("Die Vereinbarung ist jetzt für alle abrufbar."))
    else:
        messages.success(request, _("Die Vereinbarung ist jetzt nur für die Partner und ihre Koordination abrufbar."))
    return redirect(_safe_next(request) or reverse("network:list"))


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""
