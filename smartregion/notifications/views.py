"""The inbox, the settings page, the one-click unsubscribe link and the watch button (ADR 0028)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import queries, services, watching
from .forms import SettingsForm
from .tokens import read_unsubscribe_token


@login_required
def inbox(request):
    page = Paginator(queries.inbox(request.user), 25).get_page(request.GET.get("seite"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": queries.unread_count(request.user)},
    )


@never_cache
def badge(request):
    """The header's unread count, loaded after the page (htmx): the page itself stays without the query."""
    count = queries.unread_count(request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/badge.html", {"count": count})


@login_required
@require_POST
def mark_read(request, pk):
    notification = queries.inbox(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.mark_read(user=request.user, pk=pk)
    if request.POST.get("open") and notification.link:
        return redirect(notification.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    changed = services.mark_read(user=request.user)
    messages.success(request, _("%(count)s Benachrichtigungen als gelesen markiert.") % {"count": changed})
    return redirect("notifications:inbox")


@login_required
def settings_page(request):
    form = SettingsForm(
        request.POST or None, current=queries.current_settings(request.user), language=request.user.language
    )
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            user=request.user, language=form.cleaned_data["language"], deliveries=form.kind_choices()
        )
        messages.success(request, _("Ihre Einstellungen sind gespeichert."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt  # the signed token is the authority; mail clients post here without a session (RFC 8058)
def unsubscribe(request, token):
    """GET shows a button (link checkers in mail systems must not unsubscribe anybody); POST turns the kind off,
    also the one-click POST a mail client sends for `List-Unsubscribe-Post`."""
    value = read_unsubscribe_token(token)
    if value is None:
        return render(request, "notifications/unsubscribe.html", {"bad_link": True}, status=400)
    if request.method == "POST":
        label = services.unsubscribe(value)
        return render(request, "notifications/unsubscribe.html", {"done": True, "label": label})
    return render(request, "notifications/unsubscribe.html", {"token": token})


def _watched(model, pk):
    if not watching.is_watchable(model):
        raise Http404
    obj = apps.get_model(model)._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def watch(request, model, pk):
    """GET: the watch button (an htmx part of the object's page, or a page of its own without JavaScript);
    POST: start or stop watching."""
    obj = _watched(model, pk)
    context = {"watch_model": model, "watch_object": obj, "watch_hint": watching.description(model)}
    if request.method == "GET":
        context["watching"] = queries.watches(request.user, ContentType.objects.get_for_model(obj), obj.pk)
        template = (
            "notifications/watch_button.html" if request.headers.get("HX-Request") else "notifications/watch.html"
        )
        return render(request, template, context)
    if services.toggle_watch(user=request.user, obj=obj):
        messages.success(request, _("Sie beobachten „%(name)s“ und erhalten Benachrichtigungen.") % {"name": obj})
    else:
        messages.success(request, _("Sie beobachten „%(name)s“ nicht mehr.") % {"name": obj})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = obj.get_absolute_url()
    return redirect(back)
