"""Downloads of an agenda: the council PDF, the editable DOCX, JSON, and the monitoring report."""

from django.http import Http404, HttpResponse

from smartregion.core.siteurl import absolute

from .. import document, exports, word
from .common import get_agenda

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def export(request, pk, fmt):
    agenda = get_agenda(request, pk)
    doc = document.build(agenda, request.user)
    stem = exports.file_stem(doc)
    if fmt == "pdf":
        return _attachment(exports.agenda_pdf(doc, request=request), "application/pdf", f"{stem}.pdf")
    if fmt == "docx":
        return _attachment(word.agenda_docx(doc), DOCX_TYPE, f"{stem}.docx")
    if fmt == "json":
        return exports.agenda_json(doc, base_url=absolute("/"))
    raise Http404


def monitoring_pdf(request, pk):
    agenda = get_agenda(request, pk)
    doc = document.build(agenda, request.user)
    return _attachment(
        exports.monitoring_pdf(doc, request=request), "application/pdf", f"monitoring-{exports.file_stem(doc)}.pdf"
    )
