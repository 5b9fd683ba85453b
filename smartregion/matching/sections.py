from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.sections import Section

from . import engine, sources
from .forms import FundingUsedForm


def funding_used_ids(request) -> tuple[tuple, FundingUsedForm]:
    form = FundingUsedForm(request.GET or None)
    used = tuple(programme.pk for programme in form.cleaned_data["genutzt"]) if form.is_valid() else ()
    return used, form


def need_matches(request, need) -> Section:
    used, form = funding_used_ids(request)
    matches = engine.match(sources.for_need(need, funding_used_ids=used), today=timezone.localdate())
    return Section(
        key="matches",
        title=_("Passende Lösungen"),
        template="matching/includes/results.html",
        context={"matches": matches, "funding_form": form},
    )


def network_funding_gaps(request, network) -> Section | None:
    """The link to the network's funding gaps, for its coordinators and platform admins."""
    if not request.user.has_perm("matching.view_funding_gaps", network):
        return None
    return Section(
        key="funding_gaps",
        title=_("Förderlücken"),
        template="matching/includes/network_section.html",
        context={"network": network},
    )


def gap_solution_links(gaps) -> dict[int, str]:
    """Each gap on an assessment's results page links to its solutions (asked by assessments.results
    through core.helplinks), by cell id."""
    return {
        gap.answer.cell_id: reverse("matching:gap", args=[gap.answer.assessment_id, gap.answer.cell_id]) for gap in gaps
    }
