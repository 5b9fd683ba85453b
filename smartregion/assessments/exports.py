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
    averages = workbook.create_sheet(_("Durchschnitte")[:31])
    averages.append([_("Kennzahl"), _("Durchschnitt"), _("Anzahl")])
    for row in [*dashboard.domains, *dashboard.dimensions]:
        averages.append([neutralise(row.label), _number(row.average), row.count])
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
    return xlsx_response(workbook, f"netzwerk-{dashboard.network.slug}-{dashboard.cycle}.xlsx")


def dashboard_pdf(dashboard, *, request):
    context = {"dashboard": dashboard, "legend": legend(), "min_peers": MIN_PEERS}
    html = render_to_string("assessments/pdf/dashboard.html", context, request=request)
    return pdf_response(html, f"netzwerk-{dashboard.network.slug}-{dashboard.cycle}.pdf")
