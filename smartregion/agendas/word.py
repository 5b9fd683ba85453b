"""The agenda as an editable Word document (DOCX) with the same content and headings as the PDF.

Built with python-docx: Word's own heading styles (so the table of contents and the navigation
pane work), a table of contents field that Word fills when the document is opened, page numbers
in the footer, the radar chart as a picture next to its table, and the schedule as a table of
quarters (shaded while a measure runs, ◆ for a milestone) on a landscape page.
"""

import io
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from smartregion.participation import periods

from . import financing
from .enums import SCHEDULE_YEARS
from .radar_image import radar_png

BLUE = "1A3DA5"
BAR = "9FB3E0"


def _imports():
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    return docx, WD_ORIENT, WD_SECTION, WD_BREAK, OxmlElement, qn, Mm, Pt, RGBColor


def _money(value) -> str:
    return f"{financing.whole_euros(value):,.0f}".replace(",", ".") if value is not None else "–"


def _short(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


class _Writer:
    def __init__(self):
        (self.docx, self.WD_ORIENT, self.WD_SECTION, self.WD_BREAK, self.OxmlElement, self.qn, self.Mm, self.Pt,
         self.RGBColor) = _imports()  # fmt: skip
        self.document = self.docx.Document()
        style = self.document.styles["Normal"]
        style.font.name = "Calibri"
        style.font.size = self.Pt(10.5)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            self.document.styles[name].font.color.rgb = self.RGBColor.from_string(BLUE)
        section = self.document.sections[0]
        section.page_height, section.page_width = self.Mm(297), self.Mm(210)
        section.left_margin = section.right_margin = self.Mm(20)
        self._page_numbers(section)
        # Word fills the table of contents and page fields when it opens the file.
        update = self.OxmlElement("w:updateFields")
        update.set(self.qn("w:val"), "true")
        self.document.settings.element.append(update)

    def _field(self, paragraph, instruction: str, placeholder: str = "") -> None:
        run = paragraph.add_run()
        for kind, text in (
            ("begin", None),
            (None, instruction),
            ("separate", None),
            (None, placeholder),
            ("end", None),
        ):
            if kind:
                element = self.OxmlElement("w:fldChar")
                element.set(self.qn("w:fldCharType"), kind)
                run._r.append(element)
            elif text is not None:
                tag = "w:instrText" if text == instruction else "w:t"
                element = self.OxmlElement(tag)
                element.set(self.qn("xml:space"), "preserve")
                element.text = text
                run._r.append(element)

    def _page_numbers(self, section) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.text = _("Seite") + " "
        self._field(paragraph, "PAGE", "1")

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def text(self, text: str, *, bold=False, small=False) -> None:
        for block in (text or "").split("\n\n") or [""]:
            paragraph = self.document.add_paragraph()
            run = paragraph.add_run(block.strip())
            run.bold = bold
            if small:
                run.font.size = self.Pt(8.5)

    def table(self, header: list[str], rows: list[list[str]], *, caption: str = "") -> object:
        if caption:
            self.text(caption, bold=True)
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, header, strict=True):
            cell.text = label
            for run in cell.paragraphs[0].runs:
                run.bold = True
            self.shade(cell, "EEF1F8")
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = "" if value is None else str(value)
        self.document.add_paragraph()
        return table

    def shade(self, cell, colour: str) -> None:
        properties = cell._tc.get_or_add_tcPr()
        shading = self.OxmlElement("w:shd")
        shading.set(self.qn("w:val"), "clear")
        shading.set(self.qn("w:color"), "auto")
        shading.set(self.qn("w:fill"), colour)
        properties.append(shading)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(self.WD_BREAK.PAGE)

    def section(self, *, landscape: bool) -> None:
        section = self.document.add_section(self.WD_SECTION.NEW_PAGE)
        section.orientation = self.WD_ORIENT.LANDSCAPE if landscape else self.WD_ORIENT.PORTRAIT
        long_side, short_side = self.Mm(297), self.Mm(210)
        section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)

    def picture(self, data: bytes, width_mm: int) -> None:
        self.document.add_picture(io.BytesIO(data), width=self.Mm(width_mm))

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _quarters(first_year: int) -> list[tuple[date, date]]:
    result = []
    for index in range(SCHEDULE_YEARS * 4):
        year, quarter = first_year + index // 4, index % 4
        start = date(year, quarter * 3 + 1, 1)
        end = date(year + 1, 1, 1) if quarter == 3 else date(year, quarter * 3 + 4, 1)
        result.append((start, end))
    return result


def agenda_docx(doc) -> bytes:
    agenda = doc.agenda
    writer = _Writer()
    document = writer.document

    # Cover
    document.add_paragraph(_("Digitalisierungskonzept")).runs[0].bold = True
    document.add_heading(agenda.title, level=0)
    writer.text(agenda.territory.name, bold=True)
    facts = [
        (_("Zeitplan der Maßnahmen"), f"{agenda.start_year}–{agenda.start_year + 2}"),
        (_("Vision bis"), str(agenda.target_year)),
        (_("Stand des Verfahrens"), agenda.get_status_display()),
    ]
    if agenda.decision_date:
        facts.append((_("Ratsbeschluss"), f"{_short(agenda.decision_date)} ({agenda.decision_reference or '–'})"))
    measures = str(doc.measure_count)
    if doc.financing.totals.total:
        measures += f", {_('Budget insgesamt')} {_money(doc.financing.totals.total)} €"
    facts.append((_("Maßnahmen"), measures))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    writer.text(_("Erstellt am %(date)s mit dem Smart Region Hub.") % {"date": _short(doc.today)}, small=True)
    if agenda.is_example:
        writer.text(_("Beispieldaten: kein Beschluss der genannten Kommune."), small=True)
    writer.page_break()

    # Beschlussvorschlag with the financing table
    writer.heading(_("Beschlussvorschlag"), 1)
    for paragraph in doc.resolution.paragraphs:
        writer.text(paragraph)
    if doc.resolution.generated:
        writer.text(_("Aus den Maßnahmen und ihrer Finanzierung erzeugt."), small=True)
    _financing_tables(writer, doc, caption=_("Finanzierungstabelle: je Jahr und Quelle (Euro)"))
    if doc.funding_warnings:
        writer.text(_("Hinweise zur Förderung"), bold=True)
        for measure, warnings in doc.funding_warnings:
            for warning in warnings:
                writer.text(f"{measure.code}: {warning}", small=True)
    writer.page_break()

    # Table of contents
    writer.heading(_("Inhalt"), 1)
    writer._field(
        document.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        _("Inhaltsverzeichnis – wird beim Öffnen in Word aktualisiert."),
    )
    writer.page_break()

    # 1 Ausgangslage
    writer.heading("1 " + _("Ausgangslage"), 1)
    writer.heading("1.1 " + _("Vorhandene Konzepte"), 2)
    for concept in doc.concepts:
        writer.heading(
            f"{concept.title}{f' ({concept.year})' if concept.year else ''} – {concept.get_kind_display()}", 3
        )
        writer.text(concept.summary)
        if concept.url:
            writer.text(concept.url, small=True)
    if not doc.concepts:
        writer.text(_("Keine vorhandenen Konzepte erfasst."))
    writer.heading("1.2 " + _("IST-Stand auf der Smart-Region-Matrix"), 2)
    if doc.ist:
        results = doc.ist
        writer.text(
            _("Selbsteinschätzung %(cycle)s: Gesamtindex %(index)s von 100.")
            % {
                "cycle": results.assessment.cycle,
                "index": _decimal(results.overall.own),
            }
        )
        writer.picture(radar_png(results.radar), 110)
        writer.text(results.radar.title, small=True)
        writer.table(
            [_("Nr."), _("Handlungsfeld"), _("Index")],
            [[str(row.number), row.label, _decimal(row.own)] for row in results.domains],
            caption=_("Index je Handlungsfeld"),
        )
        writer.table(
            [_("Handlungsfeld"), _("Dimension"), _("heute → Ziel")],
            [
                [gap.answer.cell.domain.label, gap.answer.cell.dimension.label, f"{gap.current} → {gap.target}"]
                for gap in results.gaps[:8]
            ],
            caption=_("Größte Lücken"),
        )
    else:
        writer.text(doc.ist_note)
    writer.heading("1.3 " + _("Herausforderungen vor Ort"), 2)
    writer.text(agenda.challenges or _("Nicht beschrieben."))

    # 2 Akteure
    writer.heading("2 " + _("Akteure"), 1)
    for sector, actors in doc.actors_by_sector:
        writer.heading(sector, 2)
        writer.table(
            [_("Name"), _("Organisation"), _("Rolle im Prozess")],
            [[actor.display_name, actor.display_organisation or "–", actor.role] for actor in actors],
        )
    if not doc.actors_by_sector:
        writer.text(_("Noch keine Akteure benannt."))

    # 3 Vision und Ziele
    writer.heading("3 " + _("Vision und Ziele"), 1)
    writer.heading(_("Digitale Vision bis %(year)s") % {"year": agenda.target_year}, 2)
    writer.text(agenda.vision or _("Nicht beschrieben."))
    writer.heading(_("Ziele"), 2)
    for view in doc.goals:
        goal = view.goal
        writer.heading(f"Z{goal.position} {goal.title} ({_('bis')} {goal.target_year})", 3)
        if goal.description:
            writer.text(goal.description)
        if view.targets:
            writer.table(
                [_("Zelle der Matrix"), _("Ausgang"), _("heute"), _("Ziel")],
                [
                    [
                        f"{t.target.cell.domain.label} · {t.target.cell.dimension.label}",
                        "–"
                        if t.target.baseline_level is None
                        else f"{t.target.baseline_level} ({t.target.baseline_cycle})",
                        "–" if t.current_level is None else f"{t.current_level} ({t.current_cycle})",
                        str(t.target.target_level),
                    ]
                    for t in view.targets
                ],
            )
        if view.measures:
            writer.text(_("Maßnahmen:") + " " + ", ".join(measure.code for measure in view.measures), small=True)
    if not doc.goals:
        writer.text(_("Noch keine Ziele."))

    # 4 Maßnahmen
    writer.heading("4 " + _("Maßnahmen"), 1)
    writer.table(
        [
            _("Nr."),
            _("Maßnahme"),
            _("verantwortlich"),
            _("Zeitraum"),
            _("Budget (Euro)"),
            _("Finanzierung"),
            _("Status"),
        ],
        [
            [
                view.measure.code,
                view.measure.title,
                view.responsible or "–",
                f"{view.measure.starts_on:%m/%Y}–{view.measure.ends_on:%m/%Y}",
                _money(view.total),
                view.funding_label,
                f"{view.measure.get_status_display()}, {view.measure.progress} %",
            ]
            for view in doc.measures
        ],
        caption=_("Maßnahmen mit Zeitplan, Verantwortung und Finanzierung"),
    )
    for view in doc.measures:
        measure = view.measure
        writer.heading(f"{measure.code} {measure.title}", 2)
        if measure.description:
            writer.text(measure.description)
        details = [
            (_("Zeitraum"), f"{_short(measure.starts_on)}–{_short(measure.ends_on)}"),
            (_("verantwortlich"), view.responsible or "–"),
            (_("Partner"), measure.partners or "–"),
            (_("Ziele"), ", ".join(f"Z{goal.position}" for goal in measure.goal_list) or "–"),
            (
                _("Budget"),
                "; ".join(f"{year}: {_money(amount)} €" for year, amount in sorted(view.budgets.items())) or "–",
            ),
            (
                _("Finanzierung nach Quelle"),
                ", ".join(f"{label} {_money(amount)} €" for label, amount in view.sums.labelled) if view.total else "–",
            ),
            (_("Finanzierung"), view.funding_label),
            (_("hängt ab von"), ", ".join(other.code for other in measure.dependency_list) or "–"),
            (_("Nachnutzung von"), measure.adopted_from.title if measure.adopted_from else "–"),
            (_("Meilensteine"), "; ".join(f"{m.title} ({_short(m.due_on)})" for m in measure.milestone_list) or "–"),
            (
                _("Kennzahlen"),
                "; ".join(_kpi_text(kpi) for kpi in measure.kpi_list) or "–",
            ),
        ]
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in details:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            cells[0].paragraphs[0].runs[0].bold = True
        document.add_paragraph()

    # 5 Zeitplan (landscape)
    writer.section(landscape=True)
    writer.heading("5 " + _("Zeitplan"), 1)
    quarters = _quarters(agenda.start_year)
    table = document.add_table(rows=2, cols=2 + len(quarters))
    table.style = "Table Grid"
    header_years, header_quarters = table.rows[0].cells, table.rows[1].cells
    header_years[0].text, header_years[1].text = _("Nr."), _("Maßnahme")
    for index in range(SCHEDULE_YEARS):
        merged = header_years[2 + index * 4].merge(header_years[2 + index * 4 + 3])
        merged.text = str(agenda.start_year + index)
    for index, _quarter in enumerate(quarters):
        header_quarters[2 + index].text = f"Q{index % 4 + 1}"
    for view in doc.measures:
        measure = view.measure
        cells = table.add_row().cells
        cells[0].text, cells[1].text = measure.code, measure.title
        milestones = measure.milestone_list
        for index, (start, end) in enumerate(quarters):
            if measure.starts_on < end and measure.ends_on >= start:
                writer.shade(cells[2 + index], BAR)
            if any(start <= milestone.due_on < end for milestone in milestones):
                cells[2 + index].text = "◆"
    writer.text(_("Schattiert: geplanter Zeitraum je Quartal; ◆: Meilenstein."), small=True)

    # 6 Budget, 7 Beteiligung (portrait again)
    writer.section(landscape=False)
    writer.heading("6 " + _("Budget und Finanzierung"), 1)
    _financing_tables(writer, doc, caption=_("Finanzierung je Jahr und Quelle (Euro)"))
    writer.heading("7 " + _("Beteiligung"), 1)
    summary = doc.participation
    if summary:
        writer.text(periods.sentence(summary.consultation))
        writer.table(
            [_("Beteiligte Personen"), _("Kommentare"), _("Ideen"), _("Unterstützungen"), _("ausgeblendete Beiträge")],
            [
                [
                    str(summary.participants),
                    str(summary.comments),
                    str(summary.ideas),
                    str(summary.supports),
                    str(summary.hidden),
                ]
            ],
        )
        if summary.top_ideas:
            writer.table(
                [_("Idee"), _("Unterstützung"), _("Umgang")],
                [
                    [
                        idea.title,
                        str(idea.support_count),
                        idea.get_handling_display() + (f": {idea.handling_note}" if idea.handling_note else ""),
                    ]
                    for idea in summary.top_ideas
                ],
                caption=_("Die meistunterstützten Ideen und wie mit ihnen umgegangen wurde"),
            )
        if summary.consultation.conclusion:
            writer.heading(_("Fazit"), 2)
            writer.text(summary.consultation.conclusion)
    else:
        writer.text(_("Die öffentliche Beteiligung hat noch nicht begonnen."))
    return writer.save()


def _financing_tables(writer, doc, *, caption: str) -> None:
    """The financing table twice: rows = years and rows = measures, columns = the sources, with totals."""
    table = doc.financing
    labels = table.source_labels
    writer.table(
        [_("Jahr"), *labels, _("Summe")],
        [[str(row.year), *[_money(amount) for amount in row.sums.cells], _money(row.sums.total)] for row in table.rows]
        + [[_("Summe"), *[_money(amount) for amount in table.totals.cells], _money(table.totals.total)]],
        caption=caption,
    )
    writer.table(
        [_("Maßnahme"), _("Förderprogramm"), *labels, _("Summe")],
        [
            [
                f"{view.measure.code} {view.measure.title}",
                str(view.measure.funding_programme) if view.measure.funding_programme_id else "–",
                *[_money(amount) for amount in view.sums.cells],
                _money(view.total),
            ]
            for view in doc.measures
        ]
        + [["", _("Summe"), *[_money(amount) for amount in table.totals.cells], _money(table.totals.total)]],
        caption=_("Finanzierung je Maßnahme (Euro)"),
    )


def _decimal(value) -> str:
    return "–" if value is None else number_format(value, decimal_pos=1)


def _kpi_text(kpi) -> str:
    baseline = "–" if kpi.baseline is None else kpi.baseline
    target = "–" if kpi.target is None else kpi.target
    unit = f" {kpi.unit}" if kpi.unit else ""
    return f"{kpi.name}: {baseline} → {target}{unit}"
