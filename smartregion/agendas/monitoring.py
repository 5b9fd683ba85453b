"""The traffic light of a measure, with its reason in words, and overviews of lights per agenda."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .enums import BEHIND_SCHEDULE_POINTS, Light, MeasureStatus


@dataclass
class Signal:
    light: str
    reason: str

    @property
    def label(self) -> str:
        return Light(self.light).label


def elapsed_share(measure, today: date) -> int:
    """How much of the measure's planned time has passed, in percent (0–100)."""
    total = (measure.ends_on - measure.starts_on).days
    if total <= 0:
        return 100 if today >= measure.ends_on else 0
    passed = (today - measure.starts_on).days
    return max(0, min(100, round(100 * passed / total)))


def signal(measure, today: date, milestones) -> Signal:
    """Red: stopped, or past its end and not done. Yellow: reported delayed, a milestone overdue, or
    behind schedule. Grey: not started yet. Green otherwise."""
    if measure.status == MeasureStatus.STOPPED:
        return Signal(Light.RED, _("gestoppt"))
    if measure.status == MeasureStatus.DONE:
        return Signal(Light.GREEN, _("abgeschlossen"))
    if today > measure.ends_on:
        return Signal(
            Light.RED,
            _("geplantes Ende %(date)s überschritten") % {"date": date_format(measure.ends_on, "SHORT_DATE_FORMAT")},
        )
    if measure.status == MeasureStatus.DELAYED:
        return Signal(Light.YELLOW, _("als verzögert gemeldet"))
    overdue = [milestone for milestone in milestones if milestone.met_on is None and milestone.due_on < today]
    if overdue:
        return Signal(Light.YELLOW, _("Meilenstein „%(title)s“ überfällig") % {"title": overdue[0].title})
    if today < measure.starts_on and measure.status == MeasureStatus.PLANNED:
        return Signal(Light.GREY, _("beginnt %(date)s") % {"date": date_format(measure.starts_on, "SHORT_DATE_FORMAT")})
    elapsed = elapsed_share(measure, today)
    if elapsed - measure.progress > BEHIND_SCHEDULE_POINTS:
        return Signal(
            Light.YELLOW,
            _("%(elapsed)s %% der Zeit vergangen, %(progress)s %% erledigt")
            % {"elapsed": elapsed, "progress": measure.progress},
        )
    return Signal(Light.GREEN, _("im Zeitplan"))


@dataclass
class LightCount:
    light: str
    label: str
    count: int


def light_counts(signals) -> list[LightCount]:
    counts = Counter(item.light for item in signals)
    return [LightCount(light.value, light.label, counts.get(light.value, 0)) for light in Light]
