"""A project's images and documents: upload and removal by its editors, download for whoever may see the project."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartregion.core.downloads import attachment_response

from . import services
from .forms import AttachmentForm
from .views import project_or_404


@login_required
@require_POST
def attachment_upload(request, pk):
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_attachment(
            project,
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
    return redirect(project)


def attachment_file(request, pk, attachment_id):
    """An image or document of a project the user may see (drafts: only their editors)."""
    project = project_or_404(request, pk)
    return attachment_response(get_object_or_404(project.attachments.all(), pk=attachment_id))


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    project = project_or_404(request, pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    attachment = get_object_or_404(project.attachments.all(), pk=attachment_id)
    services.remove_attachment(attachment, by=request.user)
    messages.success(request, _("Die Datei wurde entfernt."))
    return redirect(project)
