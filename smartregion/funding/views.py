from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.editing import edit_page
from smartregion.core.ical import AllDayEvent, calendar, ics_response
from smartregion.core.siteurl import site_host, site_url
from smartregion.core.uploads import SpreadsheetImportForm
from smartregion.jobs.uploads import import_page
from smartregion.territories import queries as territory_queries
from smartregion.territories.enums import LegalForm

from . import deadline_rules, eligibility, exports, queries, services
from .enums import DEADLINE_WINDOW_DAYS
from .filters import ProgrammeFilter
from .forms import EligibilityForm, ProgrammeForm
from .models import FundingProgramme


def programme_list(request):
    programme_filter = ProgrammeFilter(request.GET, queryset=queries.list_queryset())
    programmes = list(programme_filter.results)
    context = {
        "form": programme_filter.form,
        "programmes": programmes,
        "today": timezone.localdate(),
        "query_string": request.GET.urlencode(),
        "can_import": request.user.has_perm("funding.import_programmes"),
    }
    return render(request, "funding/list.html", context)


def export(request, fmt):
    programmes = ProgrammeFilter(request.GET, queryset=queries.list_queryset()).results
    if fmt == "csv":
        return exports.as_csv(programmes)
    if fmt == "xlsx":
        return exports.as_xlsx(programmes)
    raise Http404


@login_required
def import_view(request):
    if not request.user.has_perm("funding.import_programmes"):
        raise PermissionDenied
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    return import_page(request, "funding/import.html", kind="funding-import", form=form)


def detail(request, code):
    try:
        programme = queries.list_queryset().get(code=code)
    except FundingProgramme.DoesNotExist:
        raise Http404 from None
    form = EligibilityForm(request.GET or None)
    territory = territory_queries.find_one(form.cleaned_data["gebiet"]) if form.is_valid() else None
    today = timezone.localdate()
    deadlines = list(programme.deadlines.all())
    verdict = None
    if territory is not None:
        verdict = eligibility.check(programme, territory, today=today, deadlines=deadlines)
    rule = deadline_rules.parse_or_empty(programme.deadline_rule)
    context = {
        "programme": programme,
        "form": form,
        "territory": territory,
        "territory_form": LegalForm(territory.legal_form).label if territory and territory.legal_form else "",
        "verdict": verdict,
        "searched": form.is_valid(),
        "today": today,
        "rule": rule.describe(),
        "next_yearly": rule.next_yearly(today) if rule.kind == deadline_rules.YEARLY else None,
        "caution": eligibility.caution(programme, today),
        "can_edit": request.user.has_perm("funding.change_programme", programme),
    }
    return render(request, "funding/detail.html", context)


def deadlines(request):
    today = timezone.localdate()
    context = {"deadlines": queries.upcoming_deadlines(today), "days": DEADLINE_WINDOW_DAYS, "today": today}
    return render(request, "funding/deadlines.html", context)


def deadlines_ics(request):
    base = site_url()
    host = site_host()
    events = [
        AllDayEvent(
            uid=f"frist-{deadline.programme.code}-{deadline.closes_on:%Y%m%d}@{host}",
            day=deadline.closes_on,
            summary=_("Antragsfrist: %(programme)s") % {"programme": deadline.programme},
            description=deadline.label,
            url=base + reverse("funding:detail", args=[deadline.programme.code]),
            stamp=deadline.programme.updated_at,
            sequence=deadline.programme.revision,
        )
        for deadline in queries.all_deadlines(timezone.localdate())
    ]
    return ics_response(calendar(_("Förderfristen – Smart Region Hub"), events), "foerderfristen.ics")


@login_required
def edit(request, code):
    programme = FundingProgramme.objects.filter(code=code).first()
    if programme is None:
        raise Http404
    if not request.user.has_perm("funding.change_programme", programme):
        raise PermissionDenied

    return edit_page(
        request,
        programme,
        form_class=ProgrammeForm,
        update=services.update_programme,
        template="funding/form.html",
        name="programme",
    )
