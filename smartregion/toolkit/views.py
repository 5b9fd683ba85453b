from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.downloads import attachment_response, csv_response, json_download, xlsx_response
from smartregion.core.editing import save_edit
from smartregion.territories.models import Territory
from smartregion.territories.queries import editable_territories

from . import exports, queries, services, stocktake
from .enums import Phase, StocktakeKind
from .filters import GuideFilter
from .forms import ENTRY_FORMS, AttachmentForm, GuideForm, RecommendationForm
from .markdown import render as render_markdown
from .models import Guide, GuideAttachment, Recommendation, StocktakeEntry


def index(request):
    guide_filter = GuideFilter(request.GET or None, queryset=queries.visible_guides(request.user))
    can_curate = request.user.has_perm("toolkit.change_guide")
    context = {
        "form": guide_filter.form,
        "guides": guide_filter.results,
        "filtered": bool(guide_filter.is_bound and guide_filter.values()),
        "recommendations": list(queries.first_recommendations()),
        "can_curate": can_curate,
        "overdue_count": queries.overdue_guides(timezone.localdate()).count() if can_curate else 0,
    }
    return render(request, "toolkit/index.html", context)


def _guide(request, slug) -> Guide:
    guide = Guide.objects.filter(slug=slug).first()
    if guide is None or not request.user.has_perm("toolkit.view_guide", guide):
        raise Http404
    return guide


def guide_detail(request, slug):
    guide = _guide(request, slug)
    can_edit = request.user.has_perm("toolkit.change_guide", guide)
    today = timezone.localdate()
    context = {
        "guide": guide,
        "body": render_markdown(guide.body),
        "attachments": list(guide.attachments.all()),
        "domains": list(guide.domains.all()),
        "phases": [Phase(key).label for key in guide.phases if key in Phase.values],
        "version_count": guide.history.count(),
        "review_overdue": guide.review_due < today,
        "can_edit": can_edit,
        "attachment_form": AttachmentForm() if can_edit else None,
    }
    return render(request, "toolkit/guide_detail.html", context)


def _require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


@login_required
def guide_create(request):
    _require(request, "toolkit.add_guide")
    form = GuideForm(request.POST or None, initial={"as_of": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        guide = services.create_guide(
            by=request.user, slug=form.cleaned_data["slug"], domains=form.cleaned_data["domains"], **form.values()
        )
        messages.success(request, _("Leitfaden angelegt."))
        return redirect(guide)
    return render(request, "toolkit/guide_form.html", {"form": form, "guide": None})


@login_required
def guide_edit(request, slug):
    guide = _guide(request, slug)
    _require(request, "toolkit.change_guide", guide)

    def save(form):
        return services.update_guide(
            Guide.objects.get(pk=guide.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            domains=form.cleaned_data["domains"],
            change_reason=form.cleaned_data.get("change_reason", ""),
            **form.values(),
        )

    saved, form, conflict = save_edit(
        request,
        GuideForm(request.POST or None, instance=guide),
        save=save,
        rebuild=lambda data: GuideForm(data, instance=Guide.objects.get(pk=guide.pk)),
    )
    if saved:
        messages.success(request, _("Neue Version gespeichert."))
        return redirect(saved)
    return render(request, "toolkit/guide_form.html", {"form": form, "guide": guide, "conflict": conflict})


def guide_versions(request, slug):
    guide = _guide(request, slug)
    versions = queries.versions(guide)
    by_id = {str(version.record.history_id): version for version in versions}
    newer = by_id.get(request.GET.get("neu", ""))
    older = by_id.get(request.GET.get("alt", ""))
    if newer is None and len(versions) >= 2:
        newer, older = versions[0], versions[1]
    elif newer is not None and older is None:
        older = next((version for version in versions if version.number == newer.number - 1), None)
    changes = queries.diff(older.record, newer.record) if newer and older else {}
    context = {
        "guide": guide,
        "versions": versions,
        "newer": newer,
        "older": older,
        "changes": changes,
        "field_labels": {name: Guide._meta.get_field(name).verbose_name for name in ("title", "summary", "body")},
    }
    return render(request, "toolkit/guide_versions.html", context)


@login_required
@require_POST
def attachment_upload(request, slug):
    guide = _guide(request, slug)
    _require(request, "toolkit.change_guide", guide)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_attachment(
            guide,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            checked=form.cleaned_data["checked"],
            by=request.user,
        )
        messages.success(request, _("Die Datei wurde hinzugefügt."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(guide)


@login_required
@require_POST
def attachment_remove(request, slug, attachment_id):
    guide = _guide(request, slug)
    _require(request, "toolkit.change_guide", guide)
    attachment = get_object_or_404(GuideAttachment, pk=attachment_id, guide=guide)
    services.remove_attachment(attachment, by=request.user)
    messages.success(request, _("Die Datei wurde entfernt."))
    return redirect(guide)


def attachment_download(request, attachment_id, name):
    attachment = get_object_or_404(GuideAttachment.objects.select_related("guide"), pk=attachment_id)
    if not request.user.has_perm("toolkit.view_guide", attachment.guide) or attachment.guide.deleted_at:
        raise Http404
    return attachment_response(attachment)


@login_required
def review(request):
    _require(request, "toolkit.change_guide")
    today = timezone.localdate()
    return render(request, "toolkit/review.html", {"guides": queries.overdue_guides(today), "today": today})


def recommendation_list(request):
    phase = request.GET.get("phase", "")
    context = {
        "recommendations": queries.recommendation_list(phase=phase if phase in Phase.values else ""),
        "phases": Phase.choices,
        "phase": phase,
        "can_add": request.user.has_perm("toolkit.add_recommendation"),
    }
    return render(request, "toolkit/recommendation_list.html", context)


def recommendation_detail(request, slug):
    recommendation = get_object_or_404(queries.recommendation_list(), slug=slug)
    context = {
        "recommendation": recommendation,
        "can_edit": request.user.has_perm("toolkit.change_recommendation", recommendation),
    }
    return render(request, "toolkit/recommendation_detail.html", context)


@login_required
def recommendation_create(request):
    _require(request, "toolkit.add_recommendation")
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recommendation = services.create_recommendation(
            by=request.user,
            slug=form.cleaned_data["slug"],
            domains=form.cleaned_data["domains"],
            example_projects=form.cleaned_data["example_projects"],
            **form.values(),
        )
        messages.success(request, _("Empfehlung angelegt."))
        return redirect(recommendation)
    return render(request, "toolkit/recommendation_form.html", {"form": form, "recommendation": None})


@login_required
def recommendation_edit(request, slug):
    recommendation = get_object_or_404(Recommendation, slug=slug)
    _require(request, "toolkit.change_recommendation", recommendation)

    def save(form):
        return services.update_recommendation(
            Recommendation.objects.get(pk=recommendation.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            domains=form.cleaned_data["domains"],
            example_projects=form.cleaned_data["example_projects"],
            **form.values(),
        )

    saved, form, conflict = save_edit(
        request,
        RecommendationForm(request.POST or None, instance=recommendation),
        save=save,
        rebuild=lambda data: RecommendationForm(data, instance=Recommendation.objects.get(pk=recommendation.pk)),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(saved)
    context = {"form": form, "recommendation": recommendation, "conflict": conflict}
    return render(request, "toolkit/recommendation_form.html", context)


def export(request, what, fmt):
    if what == "leitfaeden":
        rows = exports.guide_records(queries.guide_list(request.user))
    elif what == "empfehlungen":
        rows = exports.recommendation_records(queries.recommendation_list())
    else:
        raise Http404
    if fmt == "json":
        return json_download(rows, f"{what}.json")
    if fmt == "csv":
        return csv_response(exports.csv_text(rows), f"{what}.csv")
    raise Http404


# The Bestandsaufnahme
STEPS = [
    ("projekte", StocktakeKind.PROJECT),
    ("daten", StocktakeKind.DATASET),
    ("akteure", StocktakeKind.ACTOR),
    ("ergebnis", None),
]
STEP_KINDS = dict(STEPS)
STEP_KEYS = [key for key, _kind in STEPS]


@login_required
def stocktake_start(request):
    territories = list(editable_territories(request.user))
    if len(territories) == 1:
        return redirect("toolkit:stocktake", code=territories[0].code, step="projekte")
    return render(request, "toolkit/stocktake_start.html", {"territories": territories})


def _stocktake_territory(request, code) -> Territory:
    territory = get_object_or_404(Territory, code=code)
    _require(request, "toolkit.change_stocktake", territory)
    return territory


@login_required
def stocktake_step(request, code, step):
    territory = _stocktake_territory(request, code)
    if step not in STEP_KINDS:
        raise Http404
    kind = STEP_KINDS[step]
    record = services.stocktake_for(territory, by=request.user)
    entries = list(record.entries.all())
    form = ENTRY_FORMS[kind](request.POST or None) if kind else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.add_entry(
                record, kind=kind, title=form.cleaned_data["title"], data=form.data_values(), by=request.user
            )
        except services.StocktakeRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Eintrag aufgenommen."))
            return redirect(reverse("toolkit:stocktake", args=[code, step]) + "#liste")
    counts = {key: sum(1 for entry in entries if entry.kind == key) for key in StocktakeKind.values}
    context = {
        "territory": territory,
        "step": step,
        "steps": STEPS,
        "kind": kind,
        "entries": [entry for entry in entries if entry.kind == kind],
        "form": form,
        "counts": counts,
        "step_number": STEP_KEYS.index(step) + 1,
        "next_step": STEP_KEYS[STEP_KEYS.index(step) + 1] if step != STEP_KEYS[-1] else None,
    }
    return render(request, "toolkit/stocktake.html", context)


def _entry(request, code, entry_id) -> tuple[Territory, StocktakeEntry]:
    territory = _stocktake_territory(request, code)
    entry = get_object_or_404(StocktakeEntry, pk=entry_id, stocktake__territory=territory)
    return territory, entry


def _step_of(kind: str) -> str:
    return next(key for key, value in STEPS if value == kind)


@login_required
def stocktake_entry_edit(request, code, entry_id):
    territory, entry = _entry(request, code, entry_id)
    form_class = ENTRY_FORMS[entry.kind]

    def save(form):
        return services.update_entry(
            StocktakeEntry.objects.get(pk=entry.pk),
            expected_revision=form.cleaned_data["revision"] or 0,
            by=request.user,
            title=form.cleaned_data["title"],
            data=form.data_values(),
        )

    saved, form, conflict = save_edit(
        request,
        form_class(request.POST or None, entry=entry),
        save=save,
        rebuild=lambda data: form_class(data, entry=StocktakeEntry.objects.get(pk=entry.pk)),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(reverse("toolkit:stocktake", args=[code, _step_of(entry.kind)]) + "#liste")
    context = {"territory": territory, "entry": entry, "form": form, "conflict": conflict, "step": _step_of(entry.kind)}
    return render(request, "toolkit/stocktake_entry.html", context)


@login_required
@require_POST
def stocktake_entry_remove(request, code, entry_id):
    _territory, entry = _entry(request, code, entry_id)
    services.remove_entry(entry, by=request.user)
    messages.success(request, _("Eintrag entfernt."))
    return redirect(reverse("toolkit:stocktake", args=[code, _step_of(entry.kind)]) + "#liste")


@login_required
def stocktake_download(request, code, kind, fmt):
    territory = _stocktake_territory(request, code)
    if kind not in StocktakeKind.values or fmt not in ("csv", "xlsx"):
        raise Http404
    record = queries.stocktake_of(territory)
    if record is None:
        raise Http404
    name = f"{stocktake.FILE_NAMES[kind]}-{territory.code}.{fmt}"
    if fmt == "csv":
        return csv_response(stocktake.csv_text(record, kind), name)
    return xlsx_response(stocktake.workbook(record, kind), name)
