"""Results and network dashboards as XLSX and PDF. The PDF uses the same radar SVG as the page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from smartregion.core.downloads import neutralise, pdf_response, xlsx_response

from .dashboard import legend
from .enums import MIN_PEERS


def _number(value):
    return round(value, 1) if isinstance(value, (int, float)) else None


def results_xlsx(results):
    from openpyxl import Workbook

    assessment = results.assessment
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ergebnis")[:31]
    sheet.append(
        [
            _("Kennzahl"),
            _("Index"),
            _("Vergleich: Median"),
            _("1. Quartil"),
            _("3. Quartil"),
            _("Perzentil"),
            _("Vergleichskommunen"),
        ]
    )
    for row in [results.overall, *results.domains, *results.dimensions]:
        statistic = row.statistic
        sheet.append(
            [
                neutralise(row.label),
                _number(row.own),
                statistic.median if statistic else None,
                statistic.q1 if statistic else None,
                statistic.q3 if statistic else None,
                statistic.percentile if statistic else None,
                statistic.count if statistic else None,
            ]
        )
    cells = workbook.create_sheet(_("Zellen")[:31])
    cells.append(
        [
            _("Handlungsfeld"),
            _("Dimension"),
            _("heutige Stufe"),
            _("Zielstufe"),
            _("nicht relevant"),
            _("Priorität"),
            _("Nachweise"),
        ]
    )
    for answer in results.answers:
        cells.append(
            [
                neutralise(answer.cell.domain.label),
                neutralise(answer.cell.dimension.label),
                answer.current_level,
                answer.target_level,
                _("ja") if answer.not_relevant else "",
                answer.get_priority_display(),
                neutralise(answer.evidence),
            ]
        )
    gaps = workbook.create_sheet(_("Lücken")[:31])
    gaps.append([_("Handlungsfeld"), _("Dimension"), _("heute"), _("Ziel"), _("Lücke"), _("gewichtete Lücke")])
    for gap in results.gaps:
        gaps.append(
            [
                neutralise(gap.answer.cell.domain.label),
                neutralise(gap.answer.cell.dimension.label),
                gap.current,
                gap.target,
                gap.size,
                gap.weighted,
            ]
        )
    file_name = f"selbsteinschaetzung-{assessment.territory.code}-{assessment.cycle}.xlsx"
    return xlsx_response(workbook, file_name)


def results_pdf(results, *, request):
    html = render_to_string("assessments/pdf/results.html", {"results": results}, request=request)
    assessment = results.assessment
    return pdf_response(html, f"selbsteinschaetzung-{assessment.territory.code}-{assessment.cycle}.pdf")


def dashboard_xlsx(dashboard):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Überblick")[:31]
    sheet.append([_("Netzwerk"), neutralise(dashboard.network.name)])
    sheet.append([_("Zyklus"), dashboard.cycle])
    sheet.append([_("Mitglieder"), dashboard.member_count])
    sheet.append([_("mit abgeschlossener Selbsteinschätzung"), dashboard.assessed_count])
    sheet.append([_("Durchschnitt Gesamtindex"), _number(dashboard.overall)])
    _averages_sheet(workbook, dashboard)
    gaps = workbook.create_sheet(_("Häufigste Lücken")[:31])
    gaps.append([_("Handlungsfeld"), _("Dimension"), _("Mitglieder mit Lücke")])
    for gap in dashboard.common_gaps:
        gaps.append([neutralise(gap.domain), neutralise(gap.dimension), gap.count])
    trend = workbook.create_sheet(_("Verlauf")[:31])
    trend.append([_("Zyklus"), _("Durchschnitt Gesamtindex"), _("Anzahl")])
    for point in dashboard.trend:
        trend.append([point.cycle, _number(point.average), point.count])
    members = workbook.create_sheet(_("Mitglieder")[:31])
    members.append([_("Mitglied"), _("ARS"), _("Gesamtindex (freigegeben)")])
    for member in dashboard.shared_members:
        members.append([neutralise(member.name), member.ars, _number(member.overall)])
    _matrix_sheet(workbook, dashboard)
    _figures_sheets(workbook, dashboard)
    return xlsx_response(workbook, f"netzwerk-{dashboard.network.slug}-{dashboard.cycle}.xlsx")


def _averages_sheet(workbook, dashboard):
    """The averages, highest first, with Excel's own bar charts beside them."""
    from openpyxl.chart import BarChart, Reference

    averages = workbook.create_sheet(_("Durchschnitte")[:31])
    averages.append([_("Handlungsfeld"), _("Durchschnitt"), _("Anzahl")])
    for row in dashboard.domains_ranked:
        averages.append([neutralise(row.label), _number(row.average), row.count])
    domain_rows = len(dashboard.domains_ranked)
    averages.append([])
    averages.append([_("Dimension"), _("Durchschnitt"), _("Anzahl")])
    for row in dashboard.dimensions_ranked:
        averages.append([neutralise(row.label), _number(row.average), row.count])
    averages.column_dimensions["A"].width = 38
    for title, first, count, anchor in (
        (_("Durchschnittlicher Index je Handlungsfeld"), 2, domain_rows, "E2"),
        (_("Durchschnittlicher Index je Dimension"), domain_rows + 4, len(dashboard.dimensions_ranked), "E22"),
    ):
        if not count:
            continue
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.x_axis.scaling.orientation = "maxMin"  # highest first, at the top
        chart.add_data(Reference(averages, min_col=2, min_row=first, max_row=first + count - 1))
        chart.set_categories(Reference(averages, min_col=1, min_row=first, max_row=first + count - 1))
        chart.width, chart.height = 18, max(6, count * 0.8)
        averages.add_chart(chart, anchor)


def _matrix_sheet(workbook, dashboard):
    """Members × Handlungsfelder: only members that shared their results (the others count only in averages)."""
    matrix = workbook.create_sheet(_("Mitglieder × Handlungsfelder")[:31])
    matrix.append([_("Mitglied"), _("ARS"), _("Gesamtindex")] + [neutralise(item.label) for item in dashboard.domains])
    for member in dashboard.shared_members:
        scores = [_number(member.domain_scores.get(item.key)) for item in dashboard.domains]
        matrix.append([neutralise(member.name), member.ars, _number(member.overall)] + scores)
    matrix.freeze_panes = "B2"


def _figures_sheets(workbook, dashboard):
    """The figures behind every chart and map of the dashboard."""
    change = workbook.create_sheet(_("Veränderung")[:31])
    change.append(
        [
            _("Handlungsfeld"),
            _("Durchschnitt %(cycle)s") % {"cycle": dashboard.previous_cycle or "–"},
            _("Anzahl"),
            _("Durchschnitt %(cycle)s") % {"cycle": dashboard.cycle},
            _("Anzahl"),
            _("Veränderung"),
        ]
    )
    for row in dashboard.changes:
        change.append(
            [
                neutralise(row.label),
                _number(row.previous),
                row.previous_count,
                _number(row.current),
                row.current_count,
                _number(row.change),
            ]
        )
    activity = workbook.create_sheet(_("Beteiligung")[:31])
    activity.append([_("Mitglieder"), _("Anzahl"), _("Anteil in %")])
    for label, count, share in dashboard.activity_shares:
        activity.append([label, count, share])
    activity.append([])
    activity.append([_("Mitglied"), _("Selbsteinschätzungen"), _("Digitalagenden"), _("Teilnahmen")])
    for row in dashboard.member_activity:
        activity.append([neutralise(row.name), row.assessments, row.agendas, row.attendances])
    kreise = workbook.create_sheet(_("Karte Kreise")[:31])
    kreise.append(
        [
            _("Kreis"),
            _("ARS"),
            _("Durchschnitt"),
            _("Selbsteinschätzungen"),
            _("zusammengefasst in"),
            _("Durchschnitt zusammengefasst"),
            _("Selbsteinschätzungen zusammengefasst"),
            _("Wert in der Karte"),
        ]
    )
    for area in dashboard.kreis_areas:
        pool = area.pool
        kreise.append(
            [
                neutralise(area.name),
                area.ars,
                _number(area.average),
                area.count,
                neutralise(pool.label) if pool else "",
                _number(pool.average) if pool else None,
                pool.count if pool else None,
                _number(area.shown),
            ]
        )
    if dashboard.pooling_note:
        kreise.append([])
        kreise.append([dashboard.pooling_note])


def dashboard_pdf(dashboard, *, request):
    context = {"dashboard": dashboard, "legend": legend(), "min_peers": MIN_PEERS, "pdf": True}
    html = render_to_string("assessments/pdf/dashboard.html", context, request=request)
    return pdf_response(html, f"netzwerk-{dashboard.network.slug}-{dashboard.cycle}.pdf")
