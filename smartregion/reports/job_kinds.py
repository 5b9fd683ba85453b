"""The white paper's files built in the background (smartregion.jobs, ADR 0026), for coordinators of the
network (the same permission as the page and the direct downloads)."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from smartregion.assessments.enums import MIN_PEERS
from smartregion.core.downloads import pdf_bytes
from smartregion.jobs.registry import Built, Kind, register
from smartregion.network.models import Network

from . import whitepaper, word

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_name(paper, extension: str) -> str:
    return f"weissbuch-{slugify(paper.network.slug)}-{paper.today:%Y-%m-%d}.{extension}"


def pdf_of(paper, *, request=None) -> bytes:
    note = _("Smart Region Hub · Stand %(date)s") % {"date": date_format(paper.today, "SHORT_DATE_FORMAT")}
    context = {"paper": paper, "generated_note": note, "min_peers": MIN_PEERS}
    if request is None:  # built by a worker: no context processors
        context["LANGUAGE_CODE"] = get_language()
    return pdf_bytes(render_to_string("reports/pdf/whitepaper.html", context, request=request))


def _load(object_id):
    return Network.objects.get(pk=int(object_id))


def _check(user, network) -> None:
    if not user.has_perm("network.view_reports", network):
        raise PermissionDenied


def _paper(network, user):
    return whitepaper.build(network, user=user, today=timezone.localdate())


def _pdf(network, user) -> Built:
    paper = _paper(network, user)
    return Built(file_name(paper, "pdf"), "application/pdf", pdf_of(paper))


def _docx(network, user) -> Built:
    paper = _paper(network, user)
    return Built(file_name(paper, "docx"), DOCX, word.whitepaper_docx(paper))


def _back(network) -> str:
    return reverse("reports:whitepaper", args=[network.slug])


def register_kinds() -> None:
    register(Kind("whitepaper-pdf", gettext_lazy("Weißbuch als PDF"), _load, _check, _pdf, _back))
    register(Kind("whitepaper-docx", gettext_lazy("Weißbuch als Word (DOCX)"), _load, _check, _docx, _back))
