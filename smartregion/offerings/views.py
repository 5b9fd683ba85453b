from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartregion.core.editing import edit_page
from smartregion.core.pagecache import for_visitors
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute
from smartregion.core.uploads import SpreadsheetImportForm
from smartregion.jobs.uploads import import_page

from . import exports, queries, services
from .filters import OfferingFilter
from .forms import OfferingForm
from .models import Offering


@for_visitors
def offering_list(request):
    offering_filter = OfferingFilter(request.GET, queryset=queries.list_queryset())
    context = {
        "form": offering_filter.form,
        "offerings": list(offering_filter.results),
        "today": timezone.localdate(),
        "query_string": request.GET.urlencode(),
        "can_add": request.user.has_perm("offerings.add_offering"),
        "can_import": request.user.has_perm("offerings.import_offerings"),
        "sections": sections_for("offerings", request, None),  # links of sibling apps (funding)
    }
    return render(request, "offerings/list.html", context)


def export(request, fmt):
    offerings = OfferingFilter(request.GET, queryset=queries.list_queryset()).results
    if fmt == "csv":
        return exports.as_csv(offerings)
    if fmt == "xlsx":
        return exports.as_xlsx(offerings)
    if fmt == "json":
        return exports.as_json(offerings, absolute=absolute)
    raise Http404


@login_required
def import_view(request):
    if not request.user.has_perm("offerings.import_offerings"):
        raise PermissionDenied
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    return import_page(request, "offerings/import.html", kind="offerings-import", form=form)


def _offering(code) -> Offering:
    offering = queries.list_queryset().filter(code=code).first()
    if offering is None:
        raise Http404
    return offering


@for_visitors
def detail(request, code):
    offering = _offering(code)
    context = {
        "offering": offering,
        "today": timezone.localdate(),
        "can_edit": request.user.has_perm("offerings.change_offering", offering),
    }
    return render(request, "offerings/detail.html", context)


@login_required
def create(request):
    if not request.user.has_perm("offerings.add_offering"):
        raise PermissionDenied
    form = OfferingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        offering = services.create_offering(by=request.user, **form.values())
        messages.success(request, _("Angebot angelegt."))
        return redirect(offering)
    return render(request, "offerings/form.html", {"form": form, "offering": None})


@login_required
def edit(request, code):
    offering = Offering.objects.filter(code=code).first()
    if offering is None:
        raise Http404
    if not request.user.has_perm("offerings.change_offering", offering):
        raise PermissionDenied

    return edit_page(
        request,
        offering,
        form_class=OfferingForm,
        update=services.update_offering,
        template="offerings/form.html",
        name="offering",
    )
