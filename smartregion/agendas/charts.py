"""The schedule (Gantt chart) of an agenda's measures as plain SVG geometry.

Rendered by one template for the page, the PDF and the monitoring report; colours are SVG
attributes so the chart looks the same in WeasyPrint. The page shows a table with the same dates
next to it. Months of the first three years run left to right; each measure is a bar from its
start to its end (clipped at the schedule's edges, with an arrow when it goes on), milestones are
diamonds (filled when met), and with progress the done share of the bar is dark.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from .enums import SCHEDULE_YEARS, MeasureStatus

LABEL_WIDTH = 250
LABEL_CHARACTERS = 38
MONTH_WIDTH = 24
ROW_HEIGHT = 22
HEADER_HEIGHT = 40
ROWS_PER_CHART = 30  # a PDF page holds about this many rows; longer schedules become several charts
# In PDFs the labels are HTML next to the bars (WeasyPrint draws SVG text slowly: ~10 ms a label);
# the bars are drawn this wide, and the labels' rows get the matching height.
PDF_PLOT_MM = 200

STATUS_COLOURS = {
    MeasureStatus.PLANNED: "#9fb3e0",
    MeasureStatus.RUNNING: "#1a3da5",
    MeasureStatus.DELAYED: "#b25e00",
    MeasureStatus.DONE: "#1e7b34",
    MeasureStatus.STOPPED: "#a4161a",
}


@dataclass
class Bar:
    code: str
    title: str
    label: str
    y: float
    x: float
    width: float
    done_width: float
    colour: str
    label_y: float
    arrow_before: str  # polygon points, or "" when the bar does not start before the schedule
    arrow_after: str
    milestones: list = field(default_factory=list)  # (points of the diamond, met, title)


@dataclass
class Gantt:
    width: int
    height: int
    years: list  # (label, x, width, centre)
    quarters: list  # (label, x)
    bars: list
    today_x: float | None
    title: str
    grid: list = field(default_factory=list)  # x of month lines

    @property
    def plot_x(self) -> int:
        """Where the bars' part of the chart begins (room for an arrow on the left)."""
        return LABEL_WIDTH - 8

    @property
    def plot_width(self) -> float:
        return self.width - self.plot_x


def pdf_geometry() -> dict:
    """Heights in millimetres of the header and of a row when the bars are PDF_PLOT_MM wide."""
    plot_width = SCHEDULE_YEARS * 12 * MONTH_WIDTH + 16
    scale = PDF_PLOT_MM / plot_width
    return {
        "plot_mm": PDF_PLOT_MM,
        "header_mm": round(HEADER_HEIGHT * scale, 3),
        "row_mm": round(ROW_HEIGHT * scale, 3),
    }


def _month_index(day: date, first_year: int) -> float:
    """Position of a day in months since 1 January of the first year (fractional)."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.year - first_year) * 12 + (day.month - 1) + (day.day - 1) / days_in_month


def _label(measure) -> str:
    text = f"{measure.code} {measure.title}"
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _points(*pairs) -> str:
    return " ".join(f"{round(x, 1):g},{round(y, 1):g}" for x, y in pairs)


def _x(months: float) -> float:
    return round(LABEL_WIDTH + months * MONTH_WIDTH, 1)


def gantt(
    measures, *, first_year: int, title: str, today: date | None = None, with_progress: bool = False
) -> list[Gantt]:
    """One chart per ROWS_PER_CHART measures (from queries.measures_of, with their milestone_list)."""
    months = SCHEDULE_YEARS * 12
    measures = list(measures)
    charts = []
    for offset in range(0, max(len(measures), 1), ROWS_PER_CHART):
        chunk = measures[offset : offset + ROWS_PER_CHART]
        bars = []
        for row, measure in enumerate(chunk):
            y = HEADER_HEIGHT + row * ROW_HEIGHT
            start = _month_index(measure.starts_on, first_year)
            end = _month_index(measure.ends_on, first_year) + 1 / 30
            left, right = max(0.0, start), min(float(months), end)
            width = max(0.0, right - left) * MONTH_WIDTH
            progress = measure.progress if with_progress else 0
            milestones = []
            for milestone in measure.milestone_list:
                position = _month_index(milestone.due_on, first_year)
                if 0 <= position <= months:
                    centre_x, centre_y = _x(position), y + ROW_HEIGHT / 2
                    diamond = _points(
                        (centre_x, centre_y - 7),
                        (centre_x + 6, centre_y),
                        (centre_x, centre_y + 7),
                        (centre_x - 6, centre_y),
                    )
                    milestones.append((diamond, milestone.met_on is not None, milestone.title))
            chart_right = _x(months)
            bar_y = y + 5
            bars.append(
                Bar(
                    code=measure.code,
                    title=measure.title,
                    label=_label(measure),
                    y=bar_y,
                    x=_x(left),
                    width=round(width, 1),
                    done_width=round(width * progress / 100, 1),
                    colour=STATUS_COLOURS.get(measure.status, STATUS_COLOURS[MeasureStatus.PLANNED])
                    if with_progress
                    else "#1a3da5",
                    label_y=bar_y + 10,
                    arrow_before=_points((LABEL_WIDTH, bar_y), (LABEL_WIDTH - 6, bar_y + 6), (LABEL_WIDTH, bar_y + 12))
                    if start < 0 < end
                    else "",
                    arrow_after=_points((chart_right, bar_y), (chart_right + 6, bar_y + 6), (chart_right, bar_y + 12))
                    if start < months < end
                    else "",
                    milestones=milestones,
                )
            )
        today_x = None
        if today is not None and 0 <= _month_index(today, first_year) <= months:
            today_x = _x(_month_index(today, first_year))
        charts.append(
            Gantt(
                width=LABEL_WIDTH + months * MONTH_WIDTH + 8,
                height=HEADER_HEIGHT + max(len(chunk), 1) * ROW_HEIGHT + 6,
                years=[
                    (str(first_year + index), _x(index * 12), 12 * MONTH_WIDTH, _x(index * 12 + 6))
                    for index in range(SCHEDULE_YEARS)
                ],
                quarters=[(f"Q{quarter % 4 + 1}", _x(quarter * 3 + 1.5)) for quarter in range(SCHEDULE_YEARS * 4)],
                bars=bars,
                today_x=today_x,
                title=title,
                grid=[_x(month) for month in range(0, months + 1, 3)],
            )
        )
    return charts
