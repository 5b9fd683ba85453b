"""The white paper of a network for its coordinators: the page, the PDF and the editable DOCX."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from smartregion.assessments.enums import MIN_PEERS
from smartregion.network.models import Network

from . import job_kinds, whitepaper, word

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paper(request, slug):
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.view_reports", network):
        raise PermissionDenied
    return whitepaper.build(network, user=request.user, today=timezone.localdate())


@login_required
def page(request, slug):
    paper = _paper(request, slug)
    context = {"paper": paper, "has_content": whitepaper.anything_to_say(paper), "min_peers": MIN_PEERS}
    return render(request, "reports/whitepaper.html", context)


@login_required
def pdf(request, slug):
    paper = _paper(request, slug)
    response = HttpResponse(job_kinds.pdf_of(paper, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{job_kinds.file_name(paper, "pdf")}"'
    return response


@login_required
def docx(request, slug):
    paper = _paper(request, slug)
    response = HttpResponse(word.whitepaper_docx(paper), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{job_kinds.file_name(paper, "docx")}"'
    return response
