import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.accounts.rules import access_deciders_level
from smartregion.core.editing import save_edit
from smartregion.core.pagecache import for_visitors
from smartregion.core.sections import sections_for
from smartregion.core.siteurl import absolute

from . import access_queries, access_requests, inviting, queries, services
from . import roles as territory_roles
from .access_forms import AccessRequestForm
from .enums import BoundaryLevel, TerritoryKind
from .forms import AllianceForm, TerritoryInviteForm, TerritorySearchForm, TerritoryWebsiteForm
from .maps import build_map
from .models import Territory, TerritoryRole

PAGE_SIZE = 25


def _lands():
    return Territory.objects.filter(kind=TerritoryKind.LAND).order_by("name")


def search(request):
    form = TerritorySearchForm(request.GET or None, lands=_lands())
    query = kind = land = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        kind = form.cleaned_data["kind"]
        land = form.cleaned_data["land"]
    results = queries.search(query, kind=kind, land_code=land)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    querystring = request.GET.copy()
    querystring.pop("seite", None)
    return render(
        request,
        "territories/search.html",
        {"form": form, "page": page, "query": query, "querystring": querystring.urlencode()},
    )


def _get_territory(code: str) -> Territory:
    try:
        return queries.get_detail(code)
    except Territory.DoesNotExist:
        raise Http404 from None


@for_visitors
def detail(request, code):
    if len(code) == 8 and code.isdigit():  # an AGS: send the visitor to the canonical ARS address
        gemeinde = Territory.objects.filter(
            ags=code, kind__in=[TerritoryKind.GEMEINDE, TerritoryKind.GEMEINDEFREI]
        ).first()
        if gemeinde is not None:
            return redirect(gemeinde, permanent=True)
    territory = _get_territory(code)
    sort = request.GET.get("sortierung", "-population")
    if sort not in queries.KREIS_MEMBER_SORTS:
        sort = "-population"
    members = list(queries.members_of(territory, sort=sort))
    boundary = queries.boundary_for(territory)
    member_outlines = (
        queries.member_boundaries(territory, members)
        if territory.kind in (TerritoryKind.KREIS, TerritoryKind.ALLIANCE, TerritoryKind.VERBAND)
        else []
    )
    if member_outlines:
        outline_map = build_map(
            title=_("Karte: %(name)s und seine Gliederung") % {"name": territory.short_name},
            boundaries=([boundary] if boundary else []) + member_outlines,
            highlighted_ars=[boundary.ars] if boundary else [],
        )
    elif boundary:
        outline_map = build_map(
            title=_("Umriss von %(name)s") % {"name": territory.short_name},
            boundaries=[boundary],
            highlighted_ars=[boundary.ars],
        )
    else:
        outline_map = build_map(
            title=_("Lage von %(name)s") % {"name": territory.short_name},
            points=[(territory.latitude, territory.longitude, territory.short_name)]
            + [(m.latitude, m.longitude, m.short_name) for m in members],
        )
    context = {
        "territory": territory,
        "members": members,
        "sort": sort,
        "outline_map": outline_map,
        "has_boundary": boundary is not None,
        "networks": queries.networks_of(territory),
        "sections": sections_for("territory", request, territory),
        "alliances": list(territory.alliances.filter(deleted_at__isnull=True).order_by("name"))
        if not territory.is_alliance
        else [],
        "can_change_alliance": request.user.has_perm("territories.change_alliance", territory),
        "can_view_team": request.user.has_perm("territories.view_team", territory),
        "can_view_history": request.user.has_perm("territories.view_territory_history", territory),
        # Access (ADR 0021): visitors see the way in (sign in first), people without a role the button.
        "can_request_access": rules.has_perm("territories.request_access", request.user, territory)
        if request.user.is_authenticated
        else territory.is_active,
        "pending_access_request": access_queries.open_request(request.user, territory),
    }
    return render(request, "territories/detail.html", context)


def _feature(boundary, territory_url=None) -> dict:
    properties = {
        "ars": boundary.ars,
        "name": boundary.name,
        "level": boundary.level,
        "stand": boundary.vintage.isoformat(),
    }
    if territory_url:
        properties["url"] = territory_url
    return {"type": "Feature", "properties": properties, "geometry": boundary.geometry}


ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0"


def boundary_geojson(request, code):
    territory = _get_territory(code)
    boundary = queries.boundary_for(territory)
    if boundary is None:
        raise Http404
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "attribution": ATTRIBUTION,
            "features": [_feature(boundary, territory.get_absolute_url())],
        }
    )


def level_geojson(request, level):
    if level not in BoundaryLevel.values:
        raise Http404
    prefix = request.GET.get("innerhalb", "")
    if prefix and not prefix.isdigit():
        return JsonResponse({"error": _("Der Parameter „innerhalb“ muss ein Schlüssel aus Ziffern sein.")}, status=400)
    if level == BoundaryLevel.GEMEINDE and len(prefix) < 2:
        return JsonResponse(
            {"error": _("Gemeindeumrisse nur innerhalb eines Landes oder Kreises (Parameter „innerhalb“).")}, status=400
        )
    features = [_feature(boundary) for boundary in queries.boundaries_within(level, prefix)]
    return JsonResponse({"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features})


# --- Alliances --------------------------------------------------------------------------------


@login_required
def alliance_edit(request, code):
    alliance = _get_territory(code)
    if not request.user.has_perm("territories.change_alliance", alliance):
        raise PermissionDenied
    initial = {
        "name": alliance.name,
        "alliance_type": alliance.alliance_type,
        "description": alliance.description,
        "website": alliance.website,
        "revision": alliance.revision,
        "member_keys": "\n".join(f"{m.ags or m.ars} {m.short_name}" for m in alliance.members.order_by("short_name")),
    }

    def save(form):
        data = form.cleaned_data
        return services.update_alliance(
            alliance,
            expected_revision=data["revision"] or 0,
            by=request.user,
            name=data["name"],
            alliance_type=data["alliance_type"],
            description=data["description"],
            website=data["website"],
            members=data["member_keys"],
        )

    saved, form, conflict = save_edit(
        request,
        AllianceForm(request.POST or None, initial=initial),
        save=save,
        rebuild=lambda data: AllianceForm(data, initial=initial),
    )
    if saved:
        messages.success(request, _("Änderungen gespeichert."))
        return redirect(alliance)
    return render(request, "territories/alliance_form.html", {"form": form, "alliance": alliance, "conflict": conflict})


@login_required
@require_POST
def alliance_delete(request, code):
    alliance = _get_territory(code)
    if not request.user.has_perm("territories.delete_alliance", alliance):
        raise PermissionDenied
    services.delete_alliance(alliance, by=request.user)
    messages.success(
        request, _("Der Verbund „%(name)s“ wurde gelöscht. Er bleibt im Verlauf erhalten.") % {"name": alliance.name}
    )
    return redirect("territories:search")


# --- Team and invitations ---------------------------------------------------------------------


@login_required
def team(request, code):
    territory = _get_territory(code)
    if not request.user.has_perm("territories.view_team", territory):
        raise PermissionDenied
    can_invite = request.user.has_perm("territories.invite_to_territory", territory)
    form = TerritoryInviteForm(request.POST or None)
    if request.method == "POST":
        if not can_invite:
            raise PermissionDenied
        if form.is_valid():
            inviting.invite(
                email=form.cleaned_data["email"],
                territory=territory,
                territory_role=form.cleaned_data["role"],
                by=request.user,
                base_url=absolute("/"),
            )
            messages.success(
                request, _("Die Einladung an %(email)s wurde verschickt.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("territories:team", code=territory.code)
    return _team_page(request, territory, form=form)


def _team_page(request, territory, *, form=None, website_form=None, conflict=None):
    can_decide = request.user.has_perm("territories.decide_access", territory)
    can_change_website = request.user.has_perm("territories.change_website", territory)
    if website_form is None and can_change_website:
        website_form = TerritoryWebsiteForm(initial=_website_initial(territory))
    context = {
        "territory": territory,
        "roles": TerritoryRole.objects.filter(territory=territory).select_related("user").order_by("user__email"),
        "invitations": inviting.open_invitations(territory),
        "form": form or TerritoryInviteForm(),
        "can_invite": request.user.has_perm("territories.invite_to_territory", territory),
        "can_decide_access": can_decide,
        "access_requests": list(access_queries.open_requests_for_territory(territory)) if can_decide else [],
        "website_form": website_form if can_change_website else None,
        "conflict": conflict,
    }
    return render(request, "territories/team.html", context)


def _website_initial(territory) -> dict:
    return {"website": territory.website, "revision": territory.revision}


@login_required
@require_POST
def website(request, code):
    """The territory's website (its domain marks requests for access from its own addresses, ADR 0021)."""
    territory = _get_territory(code)
    if not request.user.has_perm("territories.change_website", territory):
        raise PermissionDenied

    def save(form):
        return services.set_website(
            Territory.objects.get(pk=territory.pk),
            website=form.cleaned_data["website"],
            expected_revision=form.cleaned_data["revision"],
            by=request.user,
        )

    saved, form, conflict = save_edit(
        request,
        TerritoryWebsiteForm(request.POST, initial=_website_initial(territory)),
        save=save,
        rebuild=lambda data: TerritoryWebsiteForm(
            data, initial=_website_initial(Territory.objects.get(pk=territory.pk))
        ),
    )
    if not saved:
        shown = Territory.objects.get(pk=territory.pk) if conflict else territory
        return _team_page(request, shown, website_form=form, conflict=conflict)
    messages.success(request, _("Die Website wurde gespeichert."))
    return redirect("territories:team", code=territory.code)


# --- Requests for access (ADR 0021) ---------------------------------------------------------------------


@login_required
def access_request(request, code):
    """'Zugang beantragen': a signed-in person without a role here asks for one, with a message."""
    territory = _get_territory(code)
    # The rule itself, not request.user.has_perm: Django lets superusers pass every permission, and platform
    # admins have nothing to ask for.
    if not rules.has_perm("territories.request_access", request.user, territory):
        raise PermissionDenied
    pending = access_queries.open_request(request.user, territory)
    form = AccessRequestForm(request.POST or None) if pending is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            access_requests.request_access(
                territory=territory,
                requester=request.user,
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
                base_url=absolute("/"),
                language=get_language(),
            )
        except access_requests.AccessRequestRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Ihre Anfrage ist verschickt. Sie erhalten die Entscheidung per E-Mail an %(email)s.")
                % {"email": request.user.email},
            )
            return redirect(territory)
    context = {
        "territory": territory,
        "form": form,
        "pending": pending,
        "deciders": access_deciders_level(territory),
    }
    return render(request, "territories/access_request.html", context)


@login_required
@require_POST
def revoke_role(request, code, role_id):
    territory = _get_territory(code)
    if not request.user.has_perm("territories.invite_to_territory", territory):
        raise PermissionDenied
    role = get_object_or_404(TerritoryRole, pk=role_id, territory=territory)
    territory_roles.revoke_territory_role(user=role.user, territory=territory, by=request.user)
    messages.success(request, _("Die Rolle von %(user)s wurde entzogen.") % {"user": role.user})
    return redirect("territories:team", code=territory.code)
