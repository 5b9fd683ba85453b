"""Follow-ups of network events: recorded on the event page, one list per network (overdue first), edited by
the coordination in full and by the owner territory's people in status and note (ADR 0015)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.editing import save_edit

from . import queries, services
from .forms import FollowUpEditForm, FollowUpFilterForm, FollowUpForm, FollowUpStatusForm
from .models import FollowUp
from .services import FOLLOW_UP_STATUS_FIELDS, EventRefused
from .views import _event, _manage, _network, _safe_next


@login_required
@require_POST
def follow_up(request, slug, pk):
    network = _network(slug)
    _manage(request, network)
    event = _event(network, pk)
    form = FollowUpForm(request.POST, network=network)
    if form.is_valid():
        try:
            services.add_follow_up(event, by=request.user, **form.cleaned_data)
        except EventRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Folgeaufgabe aufgenommen."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{event.get_absolute_url()}#follow-heading")


@login_required
def follow_up_list(request, slug):
    """The follow-ups of all the network's events, overdue first, filterable by status: for the people in the
    network (those who see its internal events)."""
    network = _network(slug)
    if not request.user.has_perm("events.view_follow_ups", network):
        raise PermissionDenied
    filters = FollowUpFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    follow_ups = list(queries.follow_ups_of_network(network, today=timezone.localdate(), status=status))
    context = {
        "network": network,
        "filters": filters,
        "status": status,
        "follow_ups": follow_ups,
        "changeable": {f.pk for f in follow_ups if request.user.has_perm("events.change_follow_up", f)},
    }
    return render(request, "events/follow_ups.html", context)


@login_required
def follow_up_edit(request, slug, pk):
    """The coordination changes everything; the people of the owner territory record status and note."""
    network = _network(slug)
    item = get_object_or_404(
        FollowUp.objects.select_related("event", "event__network", "owner_territory"), pk=pk, event__network=network
    )
    if not request.user.has_perm("events.change_follow_up", item):
        raise PermissionDenied
    full = request.user.has_perm("events.edit_follow_up", item)
    form_class = FollowUpEditForm if full else FollowUpStatusForm
    extra = {"network": network} if full else {}

    def save(form):
        fields = list(form.Meta.fields)
        values = {name: form.cleaned_data[name] for name in fields}
        return services.update_follow_up(
            FollowUp.objects.select_related("event__network").get(pk=item.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            **values,
        )

    saved, form, conflict = save_edit(
        request,
        form_class(request.POST or None, instance=item, **extra),
        save=save,
        rebuild=lambda data: form_class(data, instance=FollowUp.objects.get(pk=item.pk), **extra),
        refusals=(EventRefused,),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(_safe_next(request) or reverse("events:follow_ups", args=[network.slug]))
    context = {
        "network": network,
        "follow_up": item,
        "form": form,
        "conflict": conflict,
        "full": full,
        "status_fields": FOLLOW_UP_STATUS_FIELDS,
        "next": request.GET.get("next") or request.POST.get("next", ""),
    }
    return render(request, "events/follow_up_form.html", context)
