"""Projects seen from a network: the coordinators' report of similar projects across the members."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from smartregion.network import queries as network_queries
from smartregion.network.models import Network

from . import queries
from .similarity import clusters


@login_required
def network_duplicates(request, slug):
    """Clusters of similar projects across the network's members (an alliance counts with its members)."""
    try:
        network = network_queries.get_detail(slug)
    except Network.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("network.view_reports", network):
        raise PermissionDenied
    members = [member.territory for member in network_queries.members_of(network)]
    territories = members + [m for alliance in members if alliance.is_alliance for m in alliance.members.all()]
    projects = queries.projects_of_territories(territories, request.user)
    context = {"network": network, "clusters": clusters(projects), "project_count": projects.count()}
    return render(request, "projects/network_duplicates.html", context)
