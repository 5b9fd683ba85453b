"""How a consultation's period reads, the same on every page and in every export (issue 20, finding 7).

After an early end `ends_on` is the day it ended and `planned_ends_on` the plan; a consultation ended
before its start says so instead of showing an end before its beginning.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Consultation


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def _dates(consultation: Consultation) -> dict:
    return {
        "start": _day(consultation.starts_on),
        "end": _day(consultation.ends_on),
        "planned": _day(consultation.planned_ends_on),
        "phase": consultation.get_phase_display(),
    }


def _before_start(consultation: Consultation) -> bool:
    return bool(consultation.starts_on and consultation.ends_on and consultation.ends_on < consultation.starts_on)


def period(consultation: Consultation) -> str:
    """The period in a few words: '01.12.2026–09.12.2026', with an early end and its plan."""
    dates = _dates(consultation)
    if not consultation.ended_early:
        return f"{dates['start']}–{dates['end']}"
    if _before_start(consultation):
        return _("geplant %(start)s–%(planned)s, vor Beginn beendet am %(end)s") % dates
    return _("%(start)s–%(end)s, vorzeitig beendet am %(end)s (geplant bis %(planned)s)") % dates


def sentence(consultation: Consultation) -> str:
    """The results summary's first sentence (page, PDF, DOCX)."""
    dates = _dates(consultation)
    if not consultation.ended_early:
        return _("Öffentliche Beteiligung vom %(start)s bis %(end)s (%(phase)s).") % dates
    if _before_start(consultation):
        return (
            _("Öffentliche Beteiligung, geplant vom %(start)s bis %(planned)s, vor ihrem Beginn am %(end)s beendet.")
            % dates
        )
    return _("Öffentliche Beteiligung vom %(start)s bis %(end)s, vorzeitig beendet (geplant bis %(planned)s).") % dates
