from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from smartregion.core.downloads import file_response
from smartregion.core.editing import save_edit
from smartregion.core.pagecache import for_visitors
from smartregion.core.siteurl import site_url
from smartregion.jobs.uploads import import_page
from smartregion.network.models import Network
from smartregion.territories.maps import build_map, land_outlines
from smartregion.territories.models import Territory

from . import dcat, full_export, quality, queries, services
from .filters import DatasetFilter
from .forms import DatasetForm, ImportForm
from .models import Dataset

PAGE_SIZE = 50


def inventory(request):
    dataset_filter = DatasetFilter(
        request.GET, queryset=queries.public().select_related("territory", "domain").order_by("title", "pk")
    )
    page = Paginator(dataset_filter.results, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"form": dataset_filter.form, "page": page, "datasets": list(page.object_list)}
    return render(request, "opendata/inventory.html", context)


def detail(request, pk):
    dataset = get_object_or_404(Dataset.objects.select_related("territory", "domain"), pk=pk)
    if not request.user.has_perm("opendata.view_dataset", dataset):
        raise Http404
    context = {
        "dataset": dataset,
        "distributions": list(dataset.distributions.all()),
        "can_edit": request.user.has_perm("opendata.change_dataset", dataset),
    }
    return render(request, "opendata/detail.html", context)


def territory_inventory(request, code):
    territory = get_object_or_404(Territory, code=code)
    can_add = request.user.has_perm("opendata.add_dataset", territory)
    context = {
        "territory": territory,
        "datasets": list(queries.of_territory(territory, request.user)),
        "can_add": can_add,
        "import_form": ImportForm() if can_add else None,
        "quality": quality.of_territory(territory)
        if request.user.has_perm("opendata.view_quality", territory)
        else None,
    }
    return render(request, "opendata/territory.html", context)


@login_required
def territory_quality(request, code):
    """Which recommended metadata each holding of the territory lacks, with a link to fix it (its editors)."""
    territory = get_object_or_404(Territory, code=code)
    if not request.user.has_perm("opendata.view_quality", territory):
        raise PermissionDenied
    context = {"territory": territory, "summary": quality.of_territory(territory), "checks": quality.CHECKS}
    return render(request, "opendata/quality.html", context)


@login_required
def network_quality(request, slug):
    """The metadata quality of the members' holdings (the network's coordinators)."""
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.view_reports", network):
        raise PermissionDenied
    summary, members = quality.of_network(network)
    editable = {
        member.territory.pk for member in members if request.user.has_perm("opendata.view_quality", member.territory)
    }
    context = {"network": network, "summary": summary, "members": members, "editable": editable}
    return render(request, "opendata/network_quality.html", context)


@login_required
def create(request, code):
    territory = get_object_or_404(Territory, code=code)
    if not request.user.has_perm("opendata.add_dataset", territory):
        raise PermissionDenied
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dataset = services.create_dataset(
            territory=territory, by=request.user, distributions=form.distributions(), **form.values()
        )
        messages.success(request, _("Datenbestand eingetragen."))
        return redirect(dataset)
    return render(request, "opendata/form.html", {"form": form, "territory": territory, "dataset": None})


@login_required
def edit(request, pk):
    dataset = get_object_or_404(Dataset.objects.select_related("territory"), pk=pk)
    if not request.user.has_perm("opendata.change_dataset", dataset):
        raise PermissionDenied

    def save(form):
        return services.update_dataset(
            Dataset.objects.get(pk=dataset.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            distributions=form.distributions(),
            **form.values(),
        )

    saved, form, conflict = save_edit(
        request,
        DatasetForm(request.POST or None, instance=dataset),
        save=save,
        rebuild=lambda data: DatasetForm(data, instance=Dataset.objects.get(pk=dataset.pk)),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(saved)
    context = {"form": form, "territory": dataset.territory, "dataset": dataset, "conflict": conflict}
    return render(request, "opendata/form.html", context)


@login_required
def import_file(request, code):
    territory = get_object_or_404(Territory, code=code)
    if not request.user.has_perm("opendata.add_dataset", territory):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)

    def done(job):
        messages.success(request, _("%(count)s Datenbestände eingetragen.") % {"count": job.report["created"]})
        return redirect("opendata:territory", code=code)

    return import_page(
        request,
        "opendata/import.html",
        kind="opendata-import",
        form=form,
        obj=territory,
        context={"territory": territory},
        done=done,
    )


def network_map(request, slug):
    network = get_object_or_404(Network, slug=slug)
    include_closed = request.user.has_perm("network.view_reports", network)
    themes, rows = queries.network_map(network, include_closed=include_closed)
    lands = {member.ars[:2] for member, _counts in rows}
    data_map = build_map(
        title=_("Datenbestände der Mitglieder von %(name)s") % {"name": network.name},
        boundaries=land_outlines(lands),
        points=[
            (member.latitude, member.longitude, f"{member.short_name}: {sum(counts)}")
            for member, counts in rows
            if sum(counts)
        ],
    )
    context = {
        "network": network,
        "themes": themes,
        "rows": rows,
        "include_closed": include_closed,
        "data_map": data_map,
        "quality": quality.of_network(network)[0] if include_closed else None,
    }
    return render(request, "opendata/network_map.html", context)


@for_visitors
def catalog(request, fmt):
    """The DCAT-AP.de catalogue, one Hydra page per request (`?page=`)."""
    if fmt not in dcat.FORMATS:
        raise Http404
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    text = dcat.page_text(site_url(), dcat.page_of(number), fmt)
    return HttpResponse(text, content_type=f"{dcat.MEDIA_TYPES[fmt]}; charset=utf-8")


def catalog_file(request):
    """The whole catalogue as one Turtle file, as the task queue last wrote it (opendata.full_export); 404 before
    the first run."""
    stored = full_export.newest()
    if stored is None:
        raise Http404
    return file_response(stored, filename=full_export.DOWNLOAD_NAME, content_type="text/turtle; charset=utf-8")
