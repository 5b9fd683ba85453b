from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.editing import edit_page
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute
from smartregion.territories.forms import AllianceForm
from smartregion.territories.models import Territory

from . import invitations, queries, services
from .forms import AddMemberForm, CoordinatorInviteForm, NetworkForm
from .models import Invitation, Network
from .overview import overview


def _get_network(slug: str) -> Network:
    try:
        return queries.get_detail(slug)
    except Network.DoesNotExist:
        raise Http404 from None


def network_list(request):
    return render(request, "network/list.html", {"networks": queries.network_overview()})


def detail(request, slug):
    network = _get_network(slug)
    can_manage = request.user.has_perm("network.manage_members", network)
    context = {
        "network": network,
        "overview": overview(network, can_manage=can_manage),
        "can_manage": can_manage,
        "can_change": request.user.has_perm("network.change_network", network),
        "can_view_history": request.user.has_perm("network.view_network_history", network),
        "add_member_form": AddMemberForm(network=network) if can_manage else None,
        "event_sections": sections_for("network_events", request, network),
        "action_sections": sections_for("network_actions", request, network),
        "sections": sections_for("network", request, network),
    }
    return render(request, "network/detail.html", context)


@login_required
def edit(request, slug):
    network = _get_network(slug)
    if not request.user.has_perm("network.change_network", network):
        raise PermissionDenied

    return edit_page(
        request,
        network,
        form_class=NetworkForm,
        update=services.update_network,
        template="network/form.html",
        name="network",
        form_kwargs={"initial": {"revision": network.revision}},
        values=lambda form: {name: form.cleaned_data[name] for name in NetworkForm.Meta.fields},
    )


@login_required
@require_POST
def add_member(request, slug):
    """By key or name; a name several territories match shows them to choose from (name, kind, Kreis)."""
    network = _get_network(slug)
    if not request.user.has_perm("network.manage_members", network):
        raise PermissionDenied
    form = AddMemberForm(request.POST, network=network)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect(network)
    territory = form.cleaned_data["key"]
    if territory is None:
        context = {"network": network, "query": request.POST.get("key", "").strip(), "candidates": form.candidates}
        return render(request, "network/add_member.html", context)
    if network.members.filter(territory=territory).exists():
        messages.info(request, _("%(name)s ist schon Mitglied.") % {"name": territory.name})
        return redirect(network)
    services.add_member(network, territory, by=request.user)
    messages.success(request, _("%(name)s ist jetzt Mitglied.") % {"name": territory.name})
    return redirect(network)


@login_required
@require_POST
def remove_member(request, slug, territory_id):
    network = _get_network(slug)
    if not request.user.has_perm("network.manage_members", network):
        raise PermissionDenied
    territory = get_object_or_404(Territory, pk=territory_id)
    services.remove_member(network, territory, by=request.user)
    messages.success(request, _("%(name)s ist kein Mitglied mehr.") % {"name": territory.name})
    return redirect(network)


@login_required
def alliance_create(request, slug):
    network = _get_network(slug)
    if not request.user.has_perm("network.manage_members", network):
        raise PermissionDenied
    form = AllianceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        alliance = services.create_alliance_in_network(
            network,
            by=request.user,
            name=data["name"],
            alliance_type=data["alliance_type"],
            members=data["member_keys"],
            description=data["description"],
            website=data["website"],
        )
        messages.success(
            request,
            _("Der Verbund „%(name)s“ wurde angelegt und ist Mitglied des Netzwerks.") % {"name": alliance.name},
        )
        return redirect(alliance)
    return render(request, "territories/alliance_form.html", {"form": form, "network": network})


@login_required
def coordination(request, slug):
    network = _get_network(slug)
    if not request.user.has_perm("network.invite_to_network", network):
        raise PermissionDenied
    form = CoordinatorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitations.invite(email=form.cleaned_data["email"], network=network, by=request.user, base_url=absolute("/"))
        messages.success(
            request, _("Die Einladung an %(email)s wurde verschickt.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("network:coordination", slug=network.slug)
    context = {
        "network": network,
        "form": form,
        "coordinators": queries.coordinators_of(network),
        "invitations": Invitation.objects.filter(network=network, accepted_at__isnull=True, revoked_at__isnull=True),
    }
    return render(request, "network/coordination.html", context)
