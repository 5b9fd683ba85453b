"""Pages of a network's funding gaps: the analysis (funding_gaps.py), its CSV and the coordinators'
recommendation per group. For the network's coordinators and platform admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartregion.core.downloads import csv_response, csv_table
from smartregion.core.editing import save_edit
from smartregion.core.siteurl import absolute
from smartregion.network.models import Network

from . import services
from .forms import RecommendationForm
from .funding_gaps import funding_gaps, group_label
from .models import GapGrouping, GapRecommendation

GROUPING_TITLES = {
    GapGrouping.DOMAIN: gettext_lazy("Förderlücken nach Handlungsfeld"),
    GapGrouping.LAND: gettext_lazy("Förderlücken nach Land"),
    GapGrouping.KREIS: gettext_lazy("Förderlücken nach Kreis"),
    GapGrouping.SIZE: gettext_lazy("Förderlücken nach Größenklasse"),
}


def _network(request, slug, permission="matching.view_funding_gaps") -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404
    if not request.user.has_perm(permission, network):
        raise PermissionDenied
    return network


@login_required
def report(request, slug):
    network = _network(request, slug)
    today = timezone.localdate()
    analysis = funding_gaps(network, today=today)
    tables = [
        {
            "grouping": grouping,
            "title": GROUPING_TITLES[grouping],
            "heading": GapGrouping(grouping).label,
            "groups": analysis.groupings[grouping],
        }
        for grouping in GapGrouping
    ]
    context = {
        "network": network,
        "analysis": analysis,
        "tables": tables,
        "today": today,
        "can_write": request.user.has_perm("matching.change_gap_recommendation", network),
    }
    return render(request, "matching/funding_gaps.html", context)


@login_required
def export(request, slug):
    network = _network(request, slug)
    analysis = funding_gaps(network, today=timezone.localdate())
    header = [
        _("Mitglied"),
        _("Bedarf"),
        _("Herkunft"),
        _("Handlungsfelder"),
        _("Land"),
        _("Kreis"),
        _("Größenklasse"),
        _("passende Programme, die das Mitglied nicht nutzen kann (Grund)"),
        _("Adresse"),
    ]
    rows = [
        [
            need.territory.short_name,
            need.title,
            need.origin_label,
            ", ".join(need.labels_of(GapGrouping.DOMAIN)),
            ", ".join(need.labels_of(GapGrouping.LAND)),
            ", ".join(need.labels_of(GapGrouping.KREIS)),
            ", ".join(need.labels_of(GapGrouping.SIZE)),
            " | ".join(need.excluded),
            absolute(need.url),
        ]
        for need in analysis.gaps
    ]
    return csv_response(csv_table(header, rows), f"foerderluecken-{network.slug}.csv")


@login_required
def recommendation_edit(request, slug, grouping, key):
    network = _network(request, slug, "matching.change_gap_recommendation")
    if grouping not in GapGrouping.values:
        raise Http404
    label = group_label(grouping, key)
    if label is None:
        raise Http404
    stored = GapRecommendation.objects.filter(network=network, grouping=grouping, key=key).first()

    def form_for(data=None, current=None):
        current = current or stored
        initial = {"text": current.text if current else "", "revision": current.revision if current else 0}
        return RecommendationForm(data, initial=initial)

    def save(form):
        return services.save_recommendation(
            network=network,
            grouping=grouping,
            key=key,
            text=form.cleaned_data["text"].strip(),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
        )

    saved, form, conflict = save_edit(
        request,
        form_for(request.POST or None),
        save=save,
        rebuild=lambda data: form_for(
            data, GapRecommendation.objects.filter(network=network, grouping=grouping, key=key).first()
        ),
    )
    if saved:
        messages.success(request, _("Empfehlung gespeichert."))
        return redirect(reverse("funding_gaps:report", args=[network.slug]) + f"#{grouping}-{key}")
    analysis = funding_gaps(network, today=timezone.localdate())
    group = next((group for group in analysis.groupings[grouping] if group.key == key), None)
    context = {
        "network": network,
        "group": group,
        "form": form,
        "conflict": conflict,
        "grouping_label": GapGrouping(grouping).label,
        "label": label,
        "recommendation": stored,
    }
    return render(request, "matching/recommendation_form.html", context)
