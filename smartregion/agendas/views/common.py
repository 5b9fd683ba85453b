from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import queries
from ..models import Agenda


def get_agenda(request, pk, permission: str | None = None) -> Agenda:
    """The agenda if the user may see it (else 404: a draft does not exist for outsiders), and may do
    `permission` with it (else 403)."""
    agenda = get_object_or_404(queries.detail_queryset(), pk=pk)
    if not request.user.has_perm("agendas.view_agenda", agenda):
        raise Http404
    if permission and not request.user.has_perm(permission, agenda):
        raise PermissionDenied
    return agenda


def get_part(agenda: Agenda, model, pk):
    """A part (concept, actor, goal, measure) of this agenda, or 404."""
    return get_object_or_404(model.objects.filter(agenda=agenda), pk=pk)
