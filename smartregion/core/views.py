from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import accessibility as accessibility_feedback
from .clients import client_key
from .forms import AccessibilityFeedbackForm
from .history import history_entries
from .history import permission_for as history_permission
from .models import AccessibilityFeedback, add_one_month
from .sections import sections_for


def imprint(request):
    return render(request, "core/legal.html", {"title": _("Impressum"), "text": settings.IMPRINT_TEXT})


def privacy(request):
    return render(request, "core/legal.html", {"title": _("Datenschutz"), "text": settings.PRIVACY_TEXT})


def accessibility(request):
    """The accessibility statement (BGG §12b, BITV 2.0 §7) with its feedback form (core.accessibility)."""
    form = AccessibilityFeedbackForm(request.POST or None, initial={"page": request.GET.get("seite", "")[:500]})
    if request.method == "POST" and form.is_valid():
        try:
            accessibility_feedback.receive_feedback(**form.cleaned_data, client=client_key(request))
        except accessibility_feedback.FeedbackRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Vielen Dank, Ihre Nachricht ist angekommen. Wir antworten Ihnen spätestens bis zum %(due)s.")
                % {"due": date_format(add_one_month(timezone.localdate()), "DATE_FORMAT")},
            )
            return redirect(reverse("core:accessibility") + "#rueckmeldung")
    return render(
        request,
        "core/accessibility.html",
        {
            "form": form,
            "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
            "operator_email": settings.OPERATOR_CONTACT_EMAIL,
            "may_handle_feedback": accessibility_feedback.may_handle_feedback(request.user),
        },
    )


@login_required
def accessibility_feedback_list(request):
    """The operator's list of the feedback messages: reply due one month after receipt, overdue flagged."""
    if not accessibility_feedback.may_handle_feedback(request.user):
        raise PermissionDenied
    feedback = list(AccessibilityFeedback.objects.order_by("answered_at", "-created_at")[:500])
    return render(
        request,
        "core/accessibility_feedback_list.html",
        {"feedback": feedback, "open_count": sum(1 for item in feedback if item.answered_at is None)},
    )


@login_required
@require_POST
def accessibility_feedback_answered(request, pk):
    if not accessibility_feedback.may_handle_feedback(request.user):
        raise PermissionDenied
    feedback = get_object_or_404(AccessibilityFeedback, pk=pk)
    if accessibility_feedback.mark_answered(feedback, by=request.user):
        messages.success(request, _("Als beantwortet eingetragen."))
    else:
        messages.info(request, _("Diese Nachricht war schon als beantwortet eingetragen."))
    return redirect("core:accessibility_feedback")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers and monitoring."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "detail": type(error).__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def history(request, app_label, model_name, pk):
    permission = history_permission(app_label, model_name)
    if permission is None:
        raise Http404
    model = apps.get_model(app_label, model_name)
    try:
        obj = model._base_manager.get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
    return render(request, "core/history.html", {"object": obj, "entries": history_entries(obj)})


# Leichte Sprache (BITV 2.0 § 4): an entry page and short pages; each slug has a template.
EASY_READ_PAGES = {
    "": _("Leichte Sprache"),
    "plattform": _("Was ist der Smart Region Hub?"),
    "projekte-finden": _("So finden Sie Projekte"),
    "mitmachen": _("So machen Sie bei einer Beteiligung mit"),
    "kontakt": _("So erreichen Sie uns"),
}


def easy_read(request, page=""):
    if page not in EASY_READ_PAGES:
        raise Http404
    context = {
        "title": EASY_READ_PAGES[page],
        "pages": [(slug, title) for slug, title in EASY_READ_PAGES.items() if slug],
        "page": page,
        "contact_email": settings.OPERATOR_CONTACT_EMAIL,
        "sections": sections_for("easy_read", request, page),  # links into the apps, provided by them
    }
    return render(request, f"core/leichte_sprache/{page or 'start'}.html", context)


def sign_language(request):
    video = settings.SIGN_LANGUAGE_VIDEO_URL
    context = {"video": video, "video_is_local": video.startswith("/")}
    return render(request, "core/sign_language.html", context)
