from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.concurrency import EditConflict
from smartregion.core.helplinks import help_for
from smartregion.core.pagecache import for_visitors
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute
from smartregion.network.models import Network
from smartregion.projects import queries as project_queries
from smartregion.taxonomy.models import Domain
from smartregion.territories.models import Territory

from . import dashboard as dashboard_module
from . import exports, queries, results, services
from .enums import MIN_PEERS
from .forms import AnswerForm, InviteReviewerForm, ReviewCommentForm, StartForm, VisibilityForm
from .matrix import current_matrix
from .models import Answer, Assessment, Cell, Review


def _assessment(request, pk: int, permission: str = "assessments.view_assessment") -> Assessment:
    assessment = get_object_or_404(Assessment.objects.select_related("territory", "matrix"), pk=pk)
    if not request.user.has_perm(permission, assessment):
        # Not even the existence of a private assessment is revealed.
        if not request.user.has_perm("assessments.view_assessment", assessment):
            raise Http404
        raise PermissionDenied
    return assessment


def index(request):
    user = request.user
    territories = []
    if user.is_authenticated:
        for territory in project_queries.editable_territories(user):
            territories.append(
                {
                    "territory": territory,
                    "assessments": list(queries.of_territory(territory, user)),
                    "form": StartForm(initial={"cycle": timezone.now().year}),
                }
            )
    context = {
        "matrix": current_matrix(),
        "territories": territories,
        "public": queries.list_queryset(user).filter(status="submitted", visibility="public")[:20],
        "reviews": list(queries.reviews_for_user(user)) if user.is_authenticated else [],
        "min_peers": MIN_PEERS,
    }
    return render(request, "assessments/index.html", context)


def matrix_view(request):
    matrix = current_matrix()
    if matrix is None:
        raise Http404
    cells = matrix.cells.select_related("domain", "dimension").order_by("domain__position", "dimension__position")
    rows: dict = {}
    for cell in cells:
        rows.setdefault(cell.domain, []).append(cell)
    context = {"matrix": matrix, "rows": rows, "dimensions": matrix.dimensions.order_by("position")}
    return render(request, "assessments/matrix.html", context)


@login_required
@require_POST
def start(request, territory_id):
    territory = get_object_or_404(Territory, pk=territory_id)
    if not request.user.has_perm("assessments.start_assessment", territory):
        raise PermissionDenied
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte ein gültiges Jahr angeben."))
        return redirect("assessments:index")
    try:
        assessment = services.start_assessment(territory=territory, cycle=form.cleaned_data["cycle"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:index")
    first = Domain.objects.active().first()
    return redirect("assessments:questionnaire", pk=assessment.pk, domain=first.key)


def _cell_forms(assessment: Assessment, domain, user, data=None):
    answers = list(
        Answer.objects.filter(assessment=assessment, cell__domain=domain)
        .select_related("cell__dimension", "cell__domain")
        .prefetch_related("projects")
        .order_by("cell__dimension__position")
    )
    choices = _project_choices(assessment, user)
    _attach_guides(answers)
    return [(answer, _answer_form(answer, choices, data)) for answer in answers]


def _cells_read_only(assessment: Assessment, domain):
    """(answer, None) per cell of the Handlungsfeld: what was answered, with the linked projects the person
    may see, and no form."""
    answers = list(
        Answer.objects.filter(assessment=assessment, cell__domain=domain)
        .select_related("cell__dimension", "cell__domain")
        .prefetch_related(Prefetch("projects", queryset=project_queries.published().order_by("title")))
        .order_by("cell__dimension__position")
    )
    _attach_guides(answers)
    for answer in answers:
        descriptors, level = answer.cell.descriptors, answer.current_level
        answer.current_text = descriptors[level] if level is not None and 0 <= level < len(descriptors) else ""
    return [(answer, None) for answer in answers]


def _attach_guides(answers) -> None:
    """Each cell links to the Werkzeugkasten's guides for it (provided by the toolkit app, one read per page)."""
    guides = help_for("matrix_cells", [answer.cell for answer in answers])
    for answer in answers:
        answer.guides = guides.get(answer.cell_id, [])


def _project_choices(assessment: Assessment, user) -> list[tuple[int, str]]:
    """The territory's projects the editor may link as evidence, read once per request."""
    projects = project_queries.territory_projects(assessment.territory, user).order_by("title")
    return list(projects.values_list("pk", "title"))


def _answer_form(answer: Answer, choices, data=None) -> AnswerForm:
    initial = {
        "revision": answer.revision,
        "current_level": answer.current_level,
        "target_level": answer.target_level,
        "priority": answer.priority,
        "not_relevant": answer.not_relevant,
        "evidence": answer.evidence,
        "projects": [project.pk for project in answer.projects.all()],
    }
    return AnswerForm(
        data, cell=answer.cell, project_choices=choices, descriptors=answer.cell.descriptors, initial=initial
    )


def _progress(assessment: Assessment) -> dict:
    answers = assessment.answers.values_list("cell__domain_id", "current_level", "not_relevant")
    done: dict[int, list[bool]] = {}
    for domain_id, level, not_relevant in answers:
        done.setdefault(domain_id, []).append(level is not None or not_relevant)
    return {domain_id: all(values) for domain_id, values in done.items()}


@login_required
def questionnaire(request, pk, domain):
    """The cells of one Handlungsfeld: forms while the cycle is a draft the person may edit; read-only for
    whoever may see the assessment but no longer change it (a submitted cycle, issue 20 finding 8)."""
    assessment = _assessment(request, pk)
    editable = request.user.has_perm("assessments.change_assessment", assessment)
    domains = list(Domain.objects.active())
    current = next((item for item in domains if item.key == domain), None)
    if current is None:
        raise Http404
    index = domains.index(current)
    progress = _progress(assessment)
    context = {
        "assessment": assessment,
        "domain": current,
        "domains": [(item, progress.get(item.pk, False)) for item in domains],
        "previous": domains[index - 1] if index > 0 else None,
        "next": domains[index + 1] if index + 1 < len(domains) else None,
        "cells": _cell_forms(assessment, current, request.user) if editable else _cells_read_only(assessment, current),
        "editable": editable,
        "complete": all(progress.values()) and bool(progress),
        "levels": assessment.matrix.levels,
    }
    return render(request, "assessments/questionnaire.html", context)


@login_required
@require_POST
def save_cell(request, pk, cell_id):
    """Save one cell (htmx answers with the cell; without JavaScript back to the page)."""
    assessment = _assessment(request, pk, "assessments.change_assessment")
    answer = get_object_or_404(
        Answer.objects.select_related("cell__domain", "cell__dimension"), assessment=assessment, cell_id=cell_id
    )
    choices = _project_choices(assessment, request.user)
    form = AnswerForm(request.POST, cell=answer.cell, project_choices=choices, descriptors=answer.cell.descriptors)
    conflict = None
    saved = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_answer(
                answer=answer,
                expected_revision=data["revision"],
                by=request.user,
                current_level=data["current_level"],
                target_level=data["target_level"],
                not_relevant=data["not_relevant"],
                priority=data["priority"],
                evidence=data["evidence"],
                projects=data["projects"],
            )
            saved = True
        except EditConflict as error:
            conflict = error
            # Show the stored values with the new revision; the editor's input stays in the conflict table.
            form = _answer_form(Answer.objects.get(pk=answer.pk), choices)
        except ValidationError as error:
            form.add_error(None, error)
    if saved and not request.headers.get("HX-Request"):
        messages.success(request, _("Gespeichert: %(cell)s") % {"cell": answer.cell.dimension.label})
        url = reverse("assessments:questionnaire", args=[assessment.pk, answer.cell.domain.key])
        return redirect(f"{url}#zelle-{answer.cell_id}")
    if saved:
        # htmx: only the new revision and the note go back, so the fields are not re-rendered under the editor.
        context = {"answer": answer, "revision": form["revision"]}
        response = render(request, "assessments/includes/cell_saved.html", context)
        response["HX-Reswap"] = "none"
        return response
    _attach_guides([answer])  # the form is shown again (errors or a conflict)
    context = {"assessment": assessment, "answer": answer, "form": form, "conflict": conflict, "saved": saved}
    if request.headers.get("HX-Request"):
        return render(request, "assessments/includes/cell_form.html", context)
    return render(request, "assessments/cell_page.html", context, status=200 if conflict else 400)


@login_required
@require_POST
def submit(request, pk):
    assessment = _assessment(request, pk, "assessments.submit_assessment")
    try:
        services.submit_assessment(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        first = Domain.objects.active().first()
        return redirect("assessments:questionnaire", pk=assessment.pk, domain=first.key)
    messages.success(request, _("Die Selbsteinschätzung ist abgeschlossen. Hier sind die Ergebnisse."))
    return redirect("assessments:results", pk=assessment.pk)


@login_required
@require_POST
def visibility(request, pk):
    assessment = _assessment(request, pk, "assessments.share_assessment")
    form = VisibilityForm(request.POST)
    if form.is_valid():
        services.set_visibility(assessment=assessment, visibility=form.cleaned_data["visibility"], by=request.user)
        messages.success(request, _("Die Sichtbarkeit wurde geändert."))
    return redirect("assessments:results", pk=assessment.pk)


def _group_from(request) -> tuple[str, str]:
    value = request.GET.get("gruppe", "")
    group, _sep, key = value.partition("|")
    return group, key


@for_visitors
def results_view(request, pk):
    assessment = _assessment(request, pk)
    group, key = _group_from(request)
    built = results.build(assessment, request.user, group=group, group_key=key)
    if group and (group, key) not in [(g, k) for g, k, _label in built.groups]:
        raise Http404
    can_edit = request.user.has_perm("assessments.share_assessment", assessment)
    context = {
        "results": built,
        "assessment": assessment,
        "can_edit": can_edit,
        "can_change": request.user.has_perm("assessments.change_assessment", assessment),
        "can_invite": request.user.has_perm("assessments.invite_reviewer", assessment),
        "visibility_form": VisibilityForm(initial={"visibility": assessment.visibility}) if can_edit else None,
        "invite_form": InviteReviewerForm() if can_edit else None,
        "reviews": list(queries.reviews_of(assessment)) if can_edit else [],
        "min_peers": MIN_PEERS,
        "first_domain": Domain.objects.active().first(),
    }
    return render(request, "assessments/results.html", context)


def export(request, pk, fmt):
    assessment = _assessment(request, pk)
    group, key = _group_from(request)
    built = results.build(assessment, request.user, group=group, group_key=key)
    if fmt == "xlsx":
        return exports.results_xlsx(built)
    if fmt == "pdf":
        return exports.results_pdf(built, request=request)
    raise Http404


@login_required
@require_POST
def invite(request, pk):
    assessment = _assessment(request, pk, "assessments.invite_reviewer")
    form = InviteReviewerForm(request.POST)
    if form.is_valid():
        profile = form.cleaned_data["profile"]
        reviewer = (
            profile.user
            if profile
            else get_user_model().objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        )
        if reviewer is None:
            messages.error(request, _("Zu dieser E-Mail-Adresse gibt es kein Konto. Laden Sie die Person zuerst ein."))
        else:
            try:
                services.invite_reviewer(
                    assessment=assessment,
                    reviewer=reviewer,
                    by=request.user,
                    message=form.cleaned_data["message"],
                    base_url=absolute("/"),
                )
                messages.success(request, _("Die Einladung zum Peer-Review wurde angelegt."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("assessments:results", pk=assessment.pk)


def _review(request, pk, permission="assessments.view_review") -> Review:
    try:
        review = queries.review_detail(pk)
    except Review.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(permission, review):
        raise Http404
    return review


@login_required
def review(request, pk):
    item = _review(request, pk)
    form = ReviewCommentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("assessments.comment_review", item):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            cell = get_object_or_404(Cell, pk=data["cell"], matrix=item.assessment.matrix)
            reply_to = item.comments.filter(pk=data["reply_to"]).first() if data.get("reply_to") else None
            try:
                services.add_review_comment(
                    review=item,
                    cell=cell,
                    by=request.user,
                    text=data["text"],
                    suggested_level=data["suggested_level"] if request.user == item.reviewer else None,
                    reply_to=reply_to,
                )
                messages.success(request, _("Kommentar gespeichert."))
                return redirect(f"{reverse('assessments:review', args=[item.pk])}#zelle-{cell.pk}")
            except ValidationError as error:
                form.add_error(None, error)
    answers = list(queries.answers_for_results(item.assessment))
    comments: dict[int, list] = {}
    for comment in item.comments.select_related("author").order_by("created_at", "id"):
        comments.setdefault(comment.cell_id, []).append(comment)
    context = {
        "review": item,
        "assessment": item.assessment,
        "rows": [(answer, comments.get(answer.cell_id, [])) for answer in answers],
        "form": form,
        "is_reviewer": request.user == item.reviewer,
        "can_comment": request.user.has_perm("assessments.comment_review", item),
    }
    return render(request, "assessments/review.html", context)


@login_required
@require_POST
def review_done(request, pk):
    item = _review(request, pk)
    if request.user != item.reviewer:
        raise PermissionDenied
    services.complete_review(review=item, by=request.user)
    messages.success(request, _("Das Peer-Review ist abgeschlossen. Danke!"))
    return redirect("assessments:review", pk=item.pk)


def _network(request, slug) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("assessments.view_dashboard", network):
        raise PermissionDenied
    return network


def _cycle(request) -> int | None:
    try:
        return int(request.GET.get("zyklus", ""))
    except ValueError:
        return None


@login_required
def network_dashboard(request, slug):
    network = _network(request, slug)
    dashboard_page = dashboard_module.page(network, _cycle(request))
    sections = sections_for("network_dashboard", request, network)  # parts of higher apps (reports: cooperation)
    context = {"dashboard": dashboard_page, "network": network, "sections": sections}
    return render(request, "assessments/dashboard.html", context)


@login_required
def dashboard_export(request, slug, fmt):
    network = _network(request, slug)
    if fmt == "xlsx":
        return exports.dashboard_xlsx(dashboard_module.build(network, _cycle(request), with_maps=False))
    if fmt == "pdf":
        board = dashboard_module.build(network, _cycle(request))
        return exports.dashboard_pdf(board, request=request)
    raise Http404
