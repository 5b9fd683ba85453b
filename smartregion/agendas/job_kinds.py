"""The agenda's files built in the background (smartregion.jobs, ADR 0026): the council PDF, the DOCX and the
monitoring report, each as the asking person sees the agenda (the same permission as the direct download)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartregion.jobs.registry import Built, Kind, register

from . import document, exports, queries, word

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _load(object_id):
    return queries.detail_queryset().get(pk=int(object_id))


def _check(user, agenda) -> None:
    if not user.has_perm("agendas.view_agenda", agenda):
        raise Http404


def _council_pdf(agenda, user) -> Built:
    doc = document.build(agenda, user)
    return Built(f"{exports.file_stem(doc)}.pdf", "application/pdf", exports.agenda_pdf(doc, request=None))


def _docx(agenda, user) -> Built:
    doc = document.build(agenda, user)
    return Built(f"{exports.file_stem(doc)}.docx", DOCX_TYPE, word.agenda_docx(doc))


def _monitoring_pdf(agenda, user) -> Built:
    doc = document.build(agenda, user)
    content = exports.monitoring_pdf(doc, request=None)
    return Built(f"monitoring-{exports.file_stem(doc)}.pdf", "application/pdf", content)


def _back(agenda) -> str:
    return reverse("agendas:detail", args=[agenda.pk])


def register_kinds() -> None:
    register(Kind("agenda-pdf", _("Digitalisierungskonzept als PDF für den Rat"), _load, _check, _council_pdf, _back))
    register(Kind("agenda-docx", _("Digitalisierungskonzept als DOCX (bearbeitbar)"), _load, _check, _docx, _back))
    register(
        Kind(
            "monitoring-pdf",
            _("Monitoringbericht als PDF"),
            _load,
            _check,
            _monitoring_pdf,
            lambda agenda: reverse("agendas:monitoring", args=[agenda.pk]),
        )
    )
