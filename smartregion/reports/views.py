"""The white paper of a network for its coordinators: the page, the PDF and the editable DOCX."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smartregion.assessments.enums import MIN_PEERS
from smartregion.core.downloads import pdf_response
from smartregion.network.models import Network

from . import whitepaper, word

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paper(request, slug):
    network = get_object_or_404(Network, slug=slug)
    if not request.user.has_perm("network.view_reports", network):
        raise PermissionDenied
    return whitepaper.build(network, user=request.user, today=timezone.localdate())


def _file_name(paper, extension: str) -> str:
    return f"weissbuch-{slugify(paper.network.slug)}-{paper.today:%Y-%m-%d}.{extension}"


@login_required
def page(request, slug):
    paper = _paper(request, slug)
    context = {"paper": paper, "has_content": whitepaper.anything_to_say(paper), "min_peers": MIN_PEERS}
    return render(request, "reports/whitepaper.html", context)


@login_required
def pdf(request, slug):
    paper = _paper(request, slug)
    note = _("Smart Region Hub · Stand %(date)s") % {"date": date_format(paper.today, "SHORT_DATE_FORMAT")}
    context = {"paper": paper, "generated_note": note, "min_peers": MIN_PEERS}
    html = render_to_string("reports/pdf/whitepaper.html", context, request=request)
    return pdf_response(html, _file_name(paper, "pdf"))


@login_required
def docx(request, slug):
    paper = _paper(request, slug)
    response = HttpResponse(word.whitepaper_docx(paper), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(paper, "docx")}"'
    return response
