"""The white paper as an editable Word document (DOCX): the same sections, figures and tables as the page and
the PDF, with Word's heading styles (navigation pane, table of contents) so coordinators can add to it."""

import io

from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .images import svg_png

BLUE = "1A3DA5"


def _number(value) -> str:
    return "–" if value is None else number_format(value, 1)


class _Document:
    def __init__(self):
        import docx
        from docx.shared import Pt, RGBColor

        self.document = docx.Document()
        self.document.styles["Normal"].font.name = "Calibri"
        self.document.styles["Normal"].font.size = Pt(10.5)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            self.document.styles[name].font.color.rgb = RGBColor.from_string(BLUE)

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str) -> None:
        self.document.add_paragraph(text)

    def bullets(self, lines) -> None:
        for line in lines:
            self.document.add_paragraph(line, style="List Bullet")

    def table(self, caption: str, header: list[str], rows: list[list[str]]) -> None:
        self.document.add_paragraph(caption, style="Caption")
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Light Grid Accent 1"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = str(text)

    def picture(self, png: bytes, width_cm: float) -> None:
        from docx.shared import Cm

        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))

    def chart(self, chart, caption: str) -> None:
        """A bar chart of the dashboard as a picture (the same SVG as on the page, rasterised)."""
        markup = render_to_string("assessments/includes/bar_chart.html", {"chart": chart, "chart_id": "docx"})
        self.picture(svg_png(markup, width_px=1400), 15.5)
        self.document.add_paragraph(caption, style="Caption")

    def map(self, svg_map, caption: str) -> None:
        if svg_map is None or svg_map.is_empty:
            return
        markup = render_to_string("includes/svg_map.html", {"map": svg_map, "map_id": "docx"})
        self.picture(svg_png(markup, width_px=1600), 16)
        self.document.add_paragraph(caption, style="Caption")

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def whitepaper_docx(paper) -> bytes:
    paper = paper.printed()
    board = paper.dashboard
    doc = _Document()
    doc.document.add_heading(_("Weißbuch %(name)s") % {"name": paper.network.name}, level=0)
    doc.paragraph(
        _("Stand der Digitalisierung, Bedarfe und Förderlücken der Mitglieder – Stand %(day)s")
        % {"day": date_format(paper.today, "SHORT_DATE_FORMAT")}
    )
    if paper.coordinators:
        doc.paragraph(_("Koordination:") + " " + ", ".join(paper.coordinators))

    doc.heading(_("1. Zusammenfassung"))
    summary = _(
        "Das Netzwerk hat %(members)s Mitglieder; %(assessed)s von ihnen haben eine Selbsteinschätzung auf der "
        "Smart-Region-Matrix abgeschlossen (%(share)s %%)."
    ) % {"members": board.member_count, "assessed": board.assessed_count, "share": board.participation}
    if board.overall is not None:
        summary += " " + _("Der mittlere Digitalisierungsindex liegt bei %(index)s von 100.") % {
            "index": _number(board.overall)
        }
    if paper.lagging:
        summary += " " + _("Am weitesten zurück liegen:") + " "
        summary += ", ".join(f"{item.label} ({_number(item.average)})" for item in paper.lagging) + "."
    doc.paragraph(summary)
    doc.paragraph(
        ngettext(
            "Von %(needs)s Bedarfen der Mitglieder findet %(gaps)s weder ein passendes Förderprogramm, für das "
            "das Mitglied antragsberechtigt ist, noch ein Angebot von Bund oder Land.",
            "Von %(needs)s Bedarfen der Mitglieder finden %(gaps)s weder ein passendes Förderprogramm, für das "
            "das Mitglied antragsberechtigt ist, noch ein Angebot von Bund oder Land.",
            paper.gaps.gap_count,
        )
        % {"needs": paper.gaps.need_count, "gaps": paper.gaps.gap_count}
    )

    doc.heading(_("2. Stand der Digitalisierung"))
    _status(doc, board)

    doc.heading(_("3. Gemeinsame Bedarfe"))
    if paper.common_needs:
        rows = [[gap.domain, gap.dimension, gap.count] for gap in paper.common_needs]
        doc.table(
            _("Matrixzellen, in denen viele Mitglieder ihre größten Lücken sehen"),
            [_("Handlungsfeld"), _("Dimension"), _("Mitglieder")],
            rows,
        )
    else:
        doc.paragraph(_("Noch keine gemeinsamen Lücken: zu wenige abgeschlossene Selbsteinschätzungen."))

    doc.heading(_("4. Förderlücken"))
    doc.paragraph(
        _(
            "Ein Bedarf ist eine Förderlücke, wenn kein thematisch passendes Förderprogramm offen ist, für das das "
            "Mitglied antragsberechtigt ist, und kein Angebot von Bund oder Land passt."
        )
    )
    if paper.gap_groups:
        rows = [
            [
                group.label,
                group.need_count,
                group.gap_count,
                group.member_count,
                "; ".join(f"{example.member}: {example.title}" for example in group.examples),
            ]
            for group in paper.gap_groups
        ]
        header = [_("Handlungsfeld"), _("Bedarfe"), _("Förderlücken"), _("Mitglieder"), _("Beispiele")]
        doc.table(_("Förderlücken je Handlungsfeld"), header, rows)
    else:
        doc.paragraph(_("Keine Förderlücken: Für jeden erfassten Bedarf gibt es ein passendes Programm oder Angebot."))

    doc.heading(_("5. Kandidaten für gemeinsame Dienste"))
    if paper.shared_services:
        for service in paper.shared_services:
            doc.heading(f"{service.label} ({service.domain})" if service.domain else service.label, level=2)
            if service.shared_terms:
                doc.paragraph(_("Gemeinsame Begriffe:") + " " + ", ".join(service.shared_terms))
            rows = [
                [
                    participant.name,
                    "; ".join(entry.title for entry in participant.projects + participant.measures),
                    participant.money_label,
                ]
                for participant in service.participants
            ]
            rows.append([_("Zusammen"), "", service.total_label])
            header = [_("Mitglied"), _("Projekte und Maßnahmen"), _("geplante Mittel")]
            doc.table(service.label, header, rows)
        if paper.partners:
            rows = [
                [
                    item.member,
                    "; ".join(partner.name for partner in item.partners),
                    "; ".join(_solver(solver) for solver in item.solvers),
                ]
                for item in paper.partner_rows
            ]
            header = [_("Mitglied"), _("Partner mit demselben Bedarf"), _("Schon gelöst in der Nähe")]
            doc.table(_("Partner je Mitglied"), header, rows)
            if paper.partners_left_out:
                doc.paragraph(
                    ngettext(
                        "Gedruckt sind die %(shown)s Mitglieder mit den meisten Partnern; ein weiteres steht auf der "
                        "Seite des Weißbuchs im Smart Region Hub.",
                        "Gedruckt sind die %(shown)s Mitglieder mit den meisten Partnern; %(counter)s weitere stehen "
                        "auf der Seite des Weißbuchs im Smart Region Hub.",
                        paper.partners_left_out,
                    )
                    % {"shown": len(paper.partner_rows), "counter": paper.partners_left_out}
                )
    else:
        doc.paragraph(_("Keine auffällig ähnlichen Projekte verschiedener Mitglieder."))

    doc.heading(_("6. Beteiligung der Mitglieder"))
    if board.member_activity:
        doc.chart(board.activity_chart(), board.activity_chart().title)
        rows = [[label, count, f"{share} %"] for label, count, share in board.activity_shares]
        doc.table(
            _("Beteiligung der Mitglieder (dieselben Zahlen wie im Diagramm)"),
            [_("Mitglieder"), _("Anzahl"), _("Anteil")],
            rows,
        )
    rows = [[row.name, row.assessments, row.agendas, row.attendances] for row in paper.member_activity]
    doc.table(
        _("Abgeschlossene Selbsteinschätzungen, Digitalagenden und Teilnahmen an Netzwerkveranstaltungen je Mitglied"),
        [_("Mitglied"), _("Selbsteinschätzungen"), _("Digitalagenden"), _("Teilnahmen")],
        rows,
    )
    if paper.member_activity_left_out:
        doc.paragraph(
            ngettext(
                "Gedruckt sind die %(shown)s aktivsten Mitglieder; ein weiteres steht auf der Seite des Weißbuchs im "
                "Smart Region Hub.",
                "Gedruckt sind die %(shown)s aktivsten Mitglieder; %(counter)s weitere stehen auf der Seite des "
                "Weißbuchs im Smart Region Hub.",
                paper.member_activity_left_out,
            )
            % {"shown": len(paper.member_activity), "counter": paper.member_activity_left_out}
        )

    doc.heading(_("7. Gute Beispiele aus dem Netzwerk"))
    if paper.examples:
        doc.bullets(f"{project.title} – {project.lead_name}" for project, _reuses in paper.examples)
    else:
        doc.paragraph(_("Die Mitglieder haben noch keine veröffentlichten Projekte."))

    doc.heading(_("8. Empfehlungen der Koordination"))
    if paper.recommendations:
        for label, text in paper.recommendations:
            doc.heading(label, level=2)
            doc.paragraph(text)
    else:
        doc.paragraph(
            _(
                "Noch keine Empfehlungen: Die Koordination schreibt sie auf der Seite der Förderlücken, je Gruppe "
                "von Lücken."
            )
        )
    return doc.bytes()


def _change_text(change) -> str:
    if change is None:
        return _("zu wenige Werte")
    return f"+{_number(change)}" if change > 0 else (f"−{_number(abs(change))}" if change < 0 else "±0")


def _status(doc: _Document, board) -> None:
    """Section 2: the ranked charts, the change between cycles and the maps, each picture with its table."""
    header = [_("Rang"), _("Handlungsfeld"), _("Index (0–100)"), _("Selbsteinschätzungen")]
    if board.domains_ranked:
        chart = board.domain_chart()
        doc.chart(chart, chart.title)
        rows = [[i, item.label, _number(item.average), item.count] for i, item in enumerate(board.domains_ranked, 1)]
        doc.table(_("Index je Handlungsfeld, höchster zuerst"), header, rows)
        chart = board.dimension_chart()
        doc.chart(chart, chart.title)
        header[1] = _("Dimension")
        rows = [[i, item.label, _number(item.average), item.count] for i, item in enumerate(board.dimensions_ranked, 1)]
        doc.table(_("Index je Dimension, höchster zuerst"), header, rows)
    else:
        doc.paragraph(_("Noch zu wenige abgeschlossene Selbsteinschätzungen für Mittelwerte je Handlungsfeld."))
    if board.previous_cycle:
        doc.heading(_("Veränderung zwischen den Zyklen"), level=2)
        if board.changes_ranked:
            chart = board.change_chart()
            doc.chart(chart, chart.title)
        rows = [
            [item.label, _number(item.previous), _number(item.current), _change_text(item.change)]
            for item in board.changes_in_order
        ]
        doc.table(
            _("Durchschnitt je Handlungsfeld %(previous)s und %(cycle)s (dieselben Zahlen wie im Diagramm)")
            % {"previous": board.previous_cycle, "cycle": board.cycle},
            [_("Handlungsfeld"), str(board.previous_cycle), str(board.cycle), _("Veränderung")],
            rows,
        )
    if len(board.trend) > 1:
        rows = [[point.cycle, _number(point.average), point.count] for point in board.trend]
        doc.table(
            _("Mittlerer Gesamtindex je Zyklus"), [_("Zyklus"), _("mittlerer Index"), _("Selbsteinschätzungen")], rows
        )
    doc.heading(_("Karten"), level=2)
    doc.map(board.kreis_map, _("Durchschnittlicher Gesamtindex nach Kreis"))
    if board.pooling_note:
        doc.paragraph(board.pooling_note)
    rows = [
        [
            area.name,
            area.count,
            _number(area.shown) if area.shown is not None else (_("zu wenige Werte") if area.count else "–"),
            area.pool.label if area.average is None and area.pool and area.pool.average is not None else "",
        ]
        for area in board.kreis_areas
    ]
    doc.table(
        _("Gesamtindex nach Kreis (dieselben Zahlen wie in der Karte)"),
        [_("Kreis"), _("Selbsteinschätzungen"), _("Wert in der Karte"), _("zusammengefasst in")],
        rows,
    )
    doc.map(board.gemeinde_map, _("Gesamtindex der Gemeinden, die ihre Ergebnisse freigegeben haben"))


def _solver(solver) -> str:
    """'Ilmenau: SensBee (12 km)' — a member who already solved it, with the distance where known."""
    text = f"{solver.name}: {solver.project}"
    if solver.distance_km is not None:
        text += " (" + _("%(km)s km") % {"km": round(solver.distance_km)} + ")"
    return text
