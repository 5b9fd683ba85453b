"""Markup for the two long loops of an agenda page: the measures table and the schedule's bars.

The template engine needs about half a millisecond per table row; an agenda of 60 measures spent
more time there than in all its queries. These tags build the same markup in Python, escaped with
format_html.
"""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from smartregion.agendas import financing
from smartregion.participation import periods

register = template.Library()
EMPTY = mark_safe("")


def _small(label: str, text: str):
    return format_html('<br><span class="kern-body--small">{} {}</span>', label, text)


def _measure_row(view, linked: bool):
    measure = view.measure
    title = (
        format_html('<a class="kern-link" href="{}">{}</a>', measure.url, measure.title) if linked else measure.title
    )
    extras = []
    if measure.adopted_from_id:
        extras.append(_small(_("Nachnutzung von"), measure.adopted_from.title))
    if measure.dependency_list:
        extras.append(_small(_("hängt ab von"), ", ".join(other.code for other in measure.dependency_list)))
    partners = _small(_("Partner:"), measure.partners) if measure.partners else EMPTY
    return format_html(
        '<tr class="kern-table__row"><td class="kern-table__cell">{}</td>'
        '<th scope="row" class="kern-table__cell">{}{}</th>'
        '<td class="kern-table__cell">{}{}</td>'
        '<td class="kern-table__cell">{}–{}</td>'
        '<td class="kern-table__cell numeric">{}</td>'
        '<td class="kern-table__cell">{}</td>'
        '<td class="kern-table__cell"><span class="light light--{}">{}</span><br>'
        '<span class="kern-body--small">{}, {} %</span></td></tr>',
        measure.code,
        title,
        mark_safe("".join(extras)),  # noqa: S308 – built with format_html above
        view.responsible or "–",
        partners,
        measure.starts_on.strftime("%m/%Y"),
        measure.ends_on.strftime("%m/%Y"),
        number_format(financing.whole_euros(view.total), decimal_pos=0, force_grouping=True),
        view.funding_label,
        view.signal.light,
        view.signal.label,
        measure.get_status_display(),
        measure.progress,
    )


@register.simple_tag
def measure_rows(doc, linked=True):
    """The body rows of the measures table (templates/agendas/includes/measure_table.html)."""
    if not doc.measures:
        return format_html(
            '<tr class="kern-table__row"><td class="kern-table__cell" colspan="7">{}</td></tr>',
            _("Noch keine Maßnahmen."),
        )
    return mark_safe("".join(_measure_row(view, linked) for view in doc.measures))  # noqa: S308 – escaped per row


def _number(value) -> str:
    return f"{value:g}"


@register.simple_tag
def gantt_bars(chart, labels=True, with_progress=False):
    """The bars, milestones and arrows of one schedule chart (charts.gantt) as SVG elements."""
    opacity = "0.35" if with_progress else "0.85"
    parts = []
    for bar in chart.bars:
        if labels:
            parts.append(format_html('<text x="4" y="{}" fill="#1b1f2a">{}</text>', _number(bar.label_y), bar.label))
        if bar.width:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="12" rx="2" fill="{}" fill-opacity="{}"/>',
                    _number(bar.x),
                    _number(bar.y),
                    _number(bar.width),
                    bar.colour,
                    opacity,
                )  # fmt: skip
            )
        if bar.done_width:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="12" rx="2" fill="{}"/>',
                    _number(bar.x),
                    _number(bar.y),
                    _number(bar.done_width),
                    bar.colour,
                )  # fmt: skip
            )
        for arrow in (bar.arrow_before, bar.arrow_after):
            if arrow:
                parts.append(format_html('<polygon points="{}" fill="#1b1f2a"/>', arrow))
        parts.append(
            format_html_join(
                "",
                '<polygon points="{}" fill="{}" stroke="#1b1f2a" stroke-width="1.5"/>',
                ((points, "#1b1f2a" if met else "#ffffff") for points, met, _title in bar.milestones),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 – every part built with format_html


@register.simple_tag
def consultation_period(consultation) -> str:
    """'01.12.2026–09.12.2026', or with the early end and the planned one (participation.periods)."""
    return periods.period(consultation)


@register.simple_tag
def consultation_sentence(consultation) -> str:
    """The results summary's first sentence with the real end (participation.periods)."""
    return periods.sentence(consultation)
