from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from smartregion.core.downloads import file_response
from smartregion.core.editing import save_edit
from smartregion.core.pagecache import for_visitors
from smartregion.core.siteurl import absolute
from smartregion.jobs.uploads import import_page
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.maps import build_map, land_outlines
from smartregion.territories.queries import editable_territories

from . import catalogue_files, exports, lineage, queries, services
from .filters import SORTS, ProjectFilter
from .forms import (
    AdoptForm,
    AttachmentForm,
    ContactRequestForm,
    ImportForm,
    ProjectForm,
    ReuseLinkForm,
    ReuseSearchForm,
)
from .models import Project
from .similarity import Probe, similar

PAGE_SIZE = 20
# Up to this many territories the adopt form sits on the project page; beyond (an editor for a whole Kreis
# or Land) it has a page of its own, so that the project page does not carry thousands of options.
ADOPT_INLINE_MAX = 25
EXPORT_LIMIT = 20_000
EXPORT_FORMATS = {
    "csv": exports.as_csv,
    "xlsx": exports.as_xlsx,
    "json": exports.as_json,
    "geojson": exports.as_geojson,
}


def _base_url(request) -> str:
    return absolute("/")


@for_visitors
def catalog(request):
    project_filter = ProjectFilter(request.GET, published_only=queries.sees_only_published(request.user))
    queryset = queries.catalog_queryset(request.user)
    results = project_filter.apply(queryset)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    projects = list(page.object_list)
    reuse = queries.reuse_counts([project.pk for project in projects])
    for project in projects:
        project.reuse = reuse.get(project.pk, 0)
    context = {
        "filter": project_filter,
        "facets": project_filter.facets(queryset),
        "page": page,
        "projects": projects,
        "sorts": SORTS,
        "export_formats": list(EXPORT_FORMATS),
        "can_import": request.user.has_perm("projects.import_projects"),
        "can_add": request.user.has_perm("projects.add_project"),
    }
    return render(request, "projects/catalog.html", context)


def _filtered_for_export(request):
    project_filter = ProjectFilter(request.GET)
    projects = list(
        project_filter.apply(queries.list_queryset(request.user)).prefetch_related("domains", "keywords")[:EXPORT_LIMIT]
    )
    return projects, queries.reuse_counts([project.pk for project in projects])


def export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    projects, reuse = _filtered_for_export(request)
    return EXPORT_FORMATS[fmt](projects, reuse, base_url=_base_url(request))


def catalogue_file(request, fmt):
    """The whole published catalogue in one format, as the nightly task stored it (the Projektkatalog's DCAT
    distributions); before its first run, the live export (which stops at EXPORT_LIMIT rows)."""
    if fmt not in catalogue_files.VERSIONS:
        raise Http404
    stored = catalogue_files.VERSIONS[fmt].newest()
    if stored is None:
        return redirect("projects:export", fmt=fmt)
    return file_response(stored, filename=f"projektkatalog.{fmt}", content_type=catalogue_files.MEDIA_TYPES[fmt])


def map_data(request):
    projects, reuse = _filtered_for_export(request)
    return exports.as_geojson(projects, reuse, base_url=_base_url(request), download=False)


def map_view(request):
    project_filter = ProjectFilter(request.GET)
    queryset = queries.list_queryset(request.user)
    points = list(project_filter.apply(queryset).values_list("latitude", "longitude", "title")[:EXPORT_LIMIT])
    land = project_filter.data.get("land")
    outlines = land_outlines([land] if land else [])
    svg_map = build_map(title=_("Karte der Projekte"), boundaries=outlines, points=points)
    context = {
        "filter": project_filter,
        "facets": project_filter.facets(queryset),
        "svg_map": svg_map,
        "count": len(points),
        "located": sum(1 for lat, lon, _title in points if lat is not None),
    }
    return render(request, "projects/map.html", context)


def project_or_404(request, pk) -> Project:
    try:
        return queries.get_detail(request.user, pk)
    except Project.DoesNotExist:
        raise Http404 from None


def _shown_source(project: Project, user) -> Project | None:
    """The original a project re-uses, if the person may see it (not when deleted or back to a draft)."""
    source = project.adopted_from if project.adopted_from_id else None
    if source is None or source.is_deleted or not user.has_perm("projects.view_project", source):
        return None
    return source


@for_visitors
def detail(request, pk):
    project = project_or_404(request, pk)
    territories = editable_territories(request.user)
    can_change = request.user.has_perm("projects.change_project", project)
    source = project.adopted_from if project.adopted_from_id else None
    copied = lineage.unrewritten(project, source=source) if can_change and not project.is_published else []
    # One read says both whether the choice fits on this page and which territory it starts with.
    may_adopt = request.user.has_perm("projects.adopt_project", project)
    first_few = list(territories.only("pk", "name")[: ADOPT_INLINE_MAX + 1]) if may_adopt else []
    inline = 0 < len(first_few) <= ADOPT_INLINE_MAX
    context = {
        "project": project,
        "source": _shown_source(project, request.user),
        "copied_fields": lineage.field_labels(copied),
        "adoptions": queries.adoptions_of(project, request.user),
        "adopt_form": AdoptForm(territories=territories, initial={"territory": first_few[0]}) if inline else None,
        "adopt_elsewhere": len(first_few) > ADOPT_INLINE_MAX,
        "can_change": can_change,
        "can_view_history": request.user.has_perm("projects.view_project_history", project),
        "show_contact": project.contact_consent and (project.contact_name or project.contact_email),
        "attachments": list(project.attachments.all()),
        "attachment_form": AttachmentForm() if request.user.has_perm("projects.change_project", project) else None,
    }
    return render(request, "projects/detail.html", context)


@for_visitors
def similar_projects(request, pk):
    """The similar projects of a project page, loaded after the page (htmx): the ranking costs more
    than the rest of the page on its first view. Without JavaScript, the page's link leads here to
    the same list as a page of its own."""
    try:
        project = queries.get_for_similar(request.user, pk)
    except Project.DoesNotExist:
        raise Http404 from None
    context = {"project": project, "matches": similar(Probe.of(project))}
    template = "projects/similar.html"
    if request.headers.get("HX-Request"):
        template = "projects/includes/similar_matches.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def create(request):
    if not request.user.has_perm("projects.add_project"):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, territories=queries.lead_territory_choices(request.user))
    duplicates = []
    if request.method == "POST" and form.is_valid():
        relations = form.relation_values()
        duplicates = _duplicates_for(form)
        if duplicates and not request.POST.get("duplikate_gesehen"):
            messages.warning(
                request, _("Es gibt ähnliche Projekte. Prüfen Sie, ob Sie kooperieren oder nachnutzen können.")
            )
        else:
            project = services.create_project(
                by=request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                **{k: v for k, v in form.field_values().items() if k not in ("title", "summary")},
                **relations,
            )
            messages.success(
                request, _("Der Entwurf wurde gespeichert. Er ist erst nach der Veröffentlichung öffentlich sichtbar.")
            )
            return redirect(project)
    return render(request, "projects/form.html", {"form": form, "duplicates": duplicates})


def _duplicates_for(form, exclude_id=None):
    data = form.cleaned_data
    lead = data["lead_territory"]
    probe = Probe(
        title=data["title"],
        summary=data["summary"],
        primary_domain_id=data["primary_domain"].pk,
        domain_ids=tuple(d.pk for d in data["domains"]),
        kreis_id=lead.kreis_id or (lead.pk if lead.kind == "kreis" else None),
        land_id=lead.land_id,
        latitude=lead.latitude,
        longitude=lead.longitude,
        exclude_id=exclude_id,
    )
    return similar(probe)


@login_required
def edit(request, pk):
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    territories = queries.lead_territory_choices(request.user, project)
    duplicates = [] if request.method == "POST" else similar(Probe.of(project))

    def save(form):
        nonlocal duplicates
        duplicates = _duplicates_for(form, exclude_id=project.pk)  # shown again if the save meets a conflict
        return services.update_project(
            Project.objects.get(pk=project.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            **form.field_values(),
            **form.relation_values(),
        )

    saved, form, conflict = save_edit(
        request,
        ProjectForm(request.POST or None, instance=project, territories=territories),
        save=save,
        rebuild=lambda data: ProjectForm(data, instance=Project.objects.get(pk=project.pk), territories=territories),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        _remind_of_copied_texts(request, Project.objects.get(pk=project.pk))
        return redirect(project)
    return render(
        request,
        "projects/form.html",
        {"form": form, "project": project, "conflict": conflict, "duplicates": duplicates},
    )


def _remind_of_copied_texts(request, project: Project) -> None:
    """After saving a draft re-use: which texts still need the re-user's own words before publishing."""
    fields = [] if project.is_published else lineage.unrewritten(project)
    if fields:
        messages.warning(
            request,
            _("Vor dem Veröffentlichen noch in eigenen Worten schreiben: %(fields)s.")
            % {"fields": ", ".join(lineage.field_labels(fields))},
        )


@login_required
@require_POST
def publish(request, pk):
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.publish_project", project):
        raise PermissionDenied
    if request.POST.get("action") == "zurueckziehen":
        services.unpublish_project(project, by=request.user)
        messages.success(request, _("Das Projekt ist wieder ein Entwurf."))
        return redirect(project)
    try:
        services.publish_project(project, by=request.user)
    except services.CopiedTextRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(reverse("projects:edit", args=[project.pk]))
    messages.success(request, _("Das Projekt ist veröffentlicht."))
    return redirect(project)


@login_required
@require_http_methods(["GET", "POST"])
def adopt(request, pk):
    """The choice of the territory (GET: a page of its own for people with many) and the copy (POST)."""
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.adopt_project", project):
        raise PermissionDenied
    territories = editable_territories(request.user)
    if request.method == "GET":
        form = AdoptForm(territories=territories, initial={"territory": territories.first()})
        return render(request, "projects/adopt.html", {"project": project, "adopt_form": form})
    form = AdoptForm(request.POST, territories=territories)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Ihrer Gebietskörperschaften."))
        return redirect(project)
    copy = services.adopt_project(project, territory=form.cleaned_data["territory"], by=request.user)
    messages.success(
        request,
        _(
            "Ein Entwurf für %(name)s wurde angelegt. Er beginnt mit den Texten des Originals: Schreiben Sie Titel "
            "und Beschreibung für Ihre Kommune neu, dann können Sie ihn veröffentlichen."
        )
        % {"name": copy.lead_name},
    )
    return redirect(copy)


@login_required
def reuse_edit(request, pk):
    """Mark a project as a re-use of a published project (or remove the mark): a search (GET, live with
    htmx) and the choice (POST). Only people who may change the project."""
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    url = reverse("projects:reuse_edit", args=[project.pk])
    search = ReuseSearchForm(request.GET or None, live_url=url)
    excluded = queries.not_linkable_ids(project)
    source = project.adopted_from if project.adopted_from_id else None

    def link_form(data=None, stored=project):
        return ReuseLinkForm(
            data,
            project=stored,
            source=source,
            candidates=queries.reuse_candidates(project, search.query, excluded=excluded),
            linkable=queries.linkable_sources(project, excluded=excluded),
        )

    def save(form):
        return services.link_reuse(
            Project.objects.get(pk=project.pk),
            source=form.cleaned_data["adopted_from"],
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
        )

    saved, form, conflict = save_edit(
        request,
        link_form(request.POST or None),
        save=save,
        rebuild=lambda data: link_form(data, stored=Project.objects.get(pk=project.pk)),
        refusals=(ValidationError,),
    )
    if saved:
        chosen = form.cleaned_data["adopted_from"]
        if chosen is None:
            messages.success(request, _("Die Verknüpfung zur Nachnutzung ist gelöst."))
        else:
            messages.success(
                request,
                _("Verknüpft: Dieses Projekt ist eine Nachnutzung von „%(title)s“ (%(lead)s).")
                % {"title": chosen.title, "lead": chosen.lead_name},
            )
        return redirect(f"{project.get_absolute_url()}#nachnutzen")
    context = {"project": project, "source": source, "search": search, "form": form, "conflict": conflict}
    return render(request, "projects/reuse_form.html", context)


@login_required
@require_POST
def delete(request, pk):
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.delete_project", project):
        raise PermissionDenied
    services.delete_project(project, by=request.user)
    messages.success(request, _("Das Projekt wurde gelöscht. Es bleibt im Verlauf erhalten."))
    return redirect("projects:catalog")


@login_required
def contact(request, pk):
    """'Kooperieren': a message to the editors of the lead territory, without exposing their addresses."""
    project = project_or_404(request, pk)
    lead = project.lead_territory_id
    recipients = [person.email for person in territory_roles.people_of([lead])[lead]] if lead else []
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not recipients:
            messages.error(request, _("Für dieses Projekt ist noch niemand als Redaktion eingetragen."))
        else:
            _send_contact(request, project, recipients, form.cleaned_data["message"])
            messages.success(request, _("Ihre Nachricht wurde an die Redaktion geschickt."))
            return redirect(project)
    return render(
        request, "projects/contact.html", {"project": project, "form": form, "has_recipients": bool(recipients)}
    )


def _send_contact(request, project, recipients, message):
    body = _("%(sender)s (%(email)s) schreibt über %(site)s:\n\n%(message)s\n\n%(url)s") % {
        "sender": request.user,
        "email": request.user.email,
        "site": settings.SITE_NAME,
        "message": message,
        "url": absolute(project.get_absolute_url()),
    }
    EmailMessage(
        subject=_("Kooperationsanfrage zu „%(title)s“") % {"title": project.title},
        body=body,
        to=recipients,
        reply_to=[request.user.email],
    ).send()


def similar_preview(request):
    """htmx partial: similar projects while a person types a new project's title."""
    title = request.GET.get("title", "")[:200]
    summary = request.GET.get("summary", "")[:2000]
    domain = Domain.objects.filter(pk=request.GET.get("primary_domain") or 0).first()
    matches = (
        similar(Probe(title=title, summary=summary, primary_domain_id=domain.pk if domain else None))
        if len(title) >= 4
        else []
    )
    return render(
        request, "projects/includes/similar_list.html", {"matches": matches, "heading": _("Ähnliche Projekte")}
    )


@login_required
def import_view(request):
    if not request.user.has_perm("projects.import_projects"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    options = {"publish": form.cleaned_data["publish"]} if form.is_valid() else None
    return import_page(request, "projects/import.html", kind="projects-import", form=form, options=options)


def import_template(request, fmt):
    if fmt == "csv":
        return exports.template_csv()
    if fmt == "xlsx":
        return exports.template_xlsx()
    raise Http404
