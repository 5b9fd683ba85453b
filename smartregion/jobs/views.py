"""Asking for a file, watching it being built, and downloading it (ADR 0026).

A job belongs to the person who asked: the file was built as she sees the object (an agenda's draft parts,
a white paper's figures), so nobody else gets it — every other person gets a 404, as for an object that
does not exist. She gets it only while she still holds the export's own permission (asked again on every
download).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from smartregion.core.downloads import file_response
from smartregion.core.queue import is_queued

from . import registry, tasks
from .enums import JobState
from .models import Job

POLL_SECONDS = 2


def _kind(name: str) -> registry.Kind:
    kind = registry.get(name)
    if kind is None:
        raise Http404
    return kind


def _object(kind: registry.Kind, object_id: str):
    try:
        return kind.load(object_id)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None


def _own_job(request, pk) -> Job:
    return get_object_or_404(Job.objects.select_related("requested_by"), pk=pk, requested_by=request.user)


@login_required
@require_POST
def start(request, kind, object_id):
    kind = _kind(kind)
    obj = _object(kind, object_id)
    kind.check(request.user, obj)
    job = tasks.start_job(kind=kind, obj=obj, by=request.user)
    if job.state == JobState.DONE and not is_queued():
        return redirect("jobs:download", pk=job.pk)  # built in this request: straight to the file
    return redirect("jobs:detail", pk=job.pk)


@login_required
def detail(request, pk):
    job = _own_job(request, pk)
    kind = _kind(job.kind)
    context = {
        "job": job,
        "kind": kind,
        "poll_seconds": POLL_SECONDS,
        "is_import": isinstance(kind, registry.ImportKind),
    }
    try:
        context["back_url"] = kind.back_url(kind.load(job.object_id))
    except ObjectDoesNotExist:
        context["back_url"] = ""
    if request.headers.get("HX-Request"):
        return render(request, "jobs/includes/status.html", context)
    return render(request, "jobs/detail.html", context)


@login_required
def download(request, pk):
    job = _own_job(request, pk)
    if job.state != JobState.DONE or not job.result:
        raise Http404
    kind = _kind(job.kind)
    kind.check(request.user, _object(kind, job.object_id))
    return file_response(job.result, filename=job.file_name, content_type=job.content_type)
