from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.editing import edit_page
from smartregion.taxonomy.models import Domain
from smartregion.territories import queries as territory_queries

from . import queries, services
from .filters import ActorFilter
from .forms import ActorForm, NearForm
from .models import Actor

PAGE_SIZE = 25


def directory(request):
    actor_filter = ActorFilter(request.GET, queryset=queries.list_queryset())
    page = Paginator(actor_filter.results, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "form": actor_filter.form,
        "page": page,
        "actors": page.object_list,
        "can_add": request.user.has_perm("actors.add_actor"),
        "own_profile": getattr(request.user, "actor_profile", None) if request.user.is_authenticated else None,
    }
    return render(request, "actors/directory.html", context)


def _get_actor(pk) -> Actor:
    try:
        return queries.detail_queryset().get(pk=pk)
    except Actor.DoesNotExist:
        raise Http404 from None


def detail(request, pk):
    actor = _get_actor(pk)
    context = {
        "actor": actor,
        "contact": queries.visible_contact(actor, request.user),
        "can_edit": request.user.has_perm("actors.change_actor", actor),
    }
    return render(request, "actors/detail.html", context)


def near(request):
    form = NearForm(request.GET or None)
    territory = results = None
    if form.is_valid():
        territory = territory_queries.find_one(form.cleaned_data["gebiet"])
        if territory is not None:
            domain = Domain.objects.filter(key=form.cleaned_data["feld"]).first() if form.cleaned_data["feld"] else None
            results = queries.near(territory, domain=domain)
    return render(
        request,
        "actors/near.html",
        {"form": form, "territory": territory, "results": results, "searched": form.is_valid()},
    )


@login_required
def create(request):
    if not request.user.has_perm("actors.add_actor"):
        raise PermissionDenied
    # Experts who are not curators create their own profile (once).
    own_profile = not request.user.has_perm("actors.delete_actor")
    if own_profile and hasattr(request.user, "actor_profile"):
        return redirect("actors:edit", pk=request.user.actor_profile.pk)
    form = ActorForm(request.POST or None, user=request.user, own_profile=own_profile)
    if request.method == "POST" and form.is_valid():
        try:
            actor = services.create_actor(by=request.user, own_profile=own_profile, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Profil angelegt."))
            return redirect(actor)
    context = {
        "form": form,
        "actor": None,
        "own_profile": own_profile,
        "curates_only": not form.decides_reach and not form.releases_with_reason,
    }
    return render(request, "actors/form.html", context)


@login_required
def edit(request, pk):
    actor = _get_actor(pk)
    if not request.user.has_perm("actors.change_actor", actor):
        raise PermissionDenied

    return edit_page(
        request,
        actor,
        form_class=ActorForm,
        update=services.update_actor,
        template="actors/form.html",
        name="actor",
        form_kwargs={"user": request.user},
        refusals=(ValidationError,),
        context=lambda form: {
            "can_delete": request.user.has_perm("actors.delete_actor", actor),
            "curates_only": not form.decides_reach and not form.releases_with_reason,
        },
    )


@login_required
@require_POST
def delete(request, pk):
    actor = _get_actor(pk)
    if not request.user.has_perm("actors.delete_actor", actor):
        raise PermissionDenied
    services.delete_actor(actor, by=request.user)
    messages.success(request, _("Profil gelöscht."))
    return redirect("actors:directory")
