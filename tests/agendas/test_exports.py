"""The exports are a public contract: every section and every measure in PDF, DOCX and JSON."""

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from smartregion.agendas import services
from smartregion.agendas.enums import BudgetSource
from smartregion.agendas.models import Measure
from smartregion.assessments import services as assessment_services
from smartregion.assessments.models import Cell
from smartregion.participation import services as participation
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
SNAPSHOT = Path(__file__).parent / "snapshots" / "agenda-json-shape.json"
SECTIONS = [
    "Ausgangslage",
    "Akteure",
    "Vision und Ziele",
    "Maßnahmen",
    "Zeitplan",
    "Budget und Finanzierung",
    "Beteiligung",
]


@pytest.fixture
def full_agenda(agenda, editor, citizen, make_measure):
    services.update_agenda(
        agenda, expected_revision=agenda.revision, by=editor, challenges="Viele Daten liegen verteilt.",
        vision="Eine Stadt, in der Daten allen nutzen.",
    )  # fmt: skip
    services.add_concept(
        agenda, by=editor, kind="klimaschutz", title="Klimaschutzkonzept 2021", summary="Klimaneutral 2035."
    )
    services.add_actor(
        agenda, by=editor, name="Stadtwerke", organisation="kommunal", sector="wirtschaft", role="Netzbetrieb"
    )
    goal = services.add_goal(agenda, by=editor, title="Daten als Grundlage", target_year=2030)
    cell = Cell.objects.select_related("dimension").order_by("pk").first()
    services.set_goal_target(goal, cell=cell, target_level=3, by=editor)
    for number in range(1, 13):
        make_measure(agenda, f"Maßnahme Nummer {number:02d}", funding_note="Eigenmittel", plan=services.MeasurePlan(
            goals=[goal], budgets={(2026, BudgetSource.OWN_SHARE): Decimal(1000 * number)},
            milestones=[{"title": f"Meilenstein {number}", "due_on": date(2026, 9, 1)}],
            kpis=[{"name": "Nutzende", "unit": "Personen", "baseline": Decimal(0), "target": Decimal(100)}],
        ))  # fmt: skip
    first, second = Measure.objects.filter(agenda=agenda).order_by("position")[:2]
    services.update_measure(
        second, expected_revision=second.revision, by=editor,
        plan=services.MeasurePlan(goals=[goal], depends_on=[first], domains=list(Domain.objects.all()[:1])),
    )  # fmt: skip
    services.open_consultation(agenda, starts_on=date.today(), ends_on=date.today(), by=editor)
    participation.propose_idea(agenda.consultation, title="Offenes WLAN", text="An Haltestellen", by=citizen)
    services.close_consultation(agenda, by=editor)
    services.record_decision(agenda, decision_date=date.today(), decision_reference="BV/2026/7", by=editor)
    return agenda


@pytest.fixture
def assessed(jena):
    admin = UserFactory(is_superuser=True)
    assessment = assessment_services.start_assessment(territory=jena, cycle=2025, by=admin)
    assessment.answers.update(current_level=1, target_level=3)
    return assessment_services.submit_assessment(assessment=assessment, by=admin)


def test_pdf_contains_every_section_and_every_measure(client, full_agenda, editor):
    from pypdf import PdfReader

    client.force_login(editor)
    response = client.get(reverse("agendas:export", args=[full_agenda.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    for number, section in enumerate(SECTIONS, start=1):
        assert f"{number} {section}" in text
    for number in range(1, 13):
        assert f"Maßnahme Nummer {number:02d}" in text
    assert "Klimaschutzkonzept 2021" in text and "Stadtwerke" in text and "Offenes WLAN" in text
    assert f"Seite 2 / {len(reader.pages)}" in text


def test_docx_has_the_same_headings_and_every_measure(client, full_agenda, editor):
    import docx

    client.force_login(editor)
    response = client.get(reverse("agendas:export", args=[full_agenda.pk, "docx"]))
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for number, section in enumerate(SECTIONS, start=1):
        assert f"{number} {section}" in headings
    for number in range(1, 13):
        assert any(heading.endswith(f"Maßnahme Nummer {number:02d}") for heading in headings)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Offenes WLAN" in cells and "Netzbetrieb" in cells
    schedule = next(
        table
        for table in document.tables
        if len(table.rows) > 1 and len(table.columns) > 2 and table.rows[1].cells[2].text == "Q1"
    )
    assert len(schedule.rows) == 2 + 12  # two header rows and one row per measure


def _shape(value):
    """The keys of the export (nested), not its values: what a consumer's parser relies on. A list's
    shape is the union of its items' shapes."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        shapes = [_shape(item) for item in value]
        return [_merge(shapes)] if shapes else []
    return None


def _merge(shapes):
    """Union of shapes: dictionaries key by key; lists by their items; otherwise any of them."""
    dicts = [shape for shape in shapes if isinstance(shape, dict)]
    if dicts:
        keys = sorted({key for shape in dicts for key in shape})
        return {key: _merge([shape[key] for shape in dicts if key in shape]) for key in keys}
    lists = [shape for shape in shapes if isinstance(shape, list)]
    if lists:
        items = [item for shape in lists for item in shape]
        return [_merge(items)] if items else []
    return None


def test_json_export_has_the_documented_shape(client, assessed, full_agenda, editor):
    client.force_login(editor)
    data = client.get(reverse("agendas:export", args=[full_agenda.pk, "json"])).json()
    assert [measure["title"] for measure in data["measures"]] == [f"Maßnahme Nummer {n:02d}" for n in range(1, 13)]
    assert data["budget"]["total"] == 78000.0
    if not SNAPSHOT.exists():  # first run: write the snapshot for review, and fail
        SNAPSHOT.write_text(json.dumps(_shape(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.fail(f"snapshot written to {SNAPSHOT}; review and commit it")
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert _shape(data) == expected, "the JSON export changed its shape: update docs/agendas.md and the snapshot"


def test_monitoring_report_lists_every_measure_with_its_light(client, full_agenda, editor):
    from pypdf import PdfReader

    client.force_login(editor)
    response = client.get(reverse("agendas:monitoring_pdf", args=[full_agenda.pk]))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Monitoringbericht" in text
    for number in range(1, 13):
        assert f"Maßnahme Nummer {number:02d}" in text


def test_a_draft_cannot_be_exported_by_outsiders(client, agenda, citizen):
    client.force_login(citizen)
    for fmt in ("pdf", "docx", "json"):
        assert client.get(reverse("agendas:export", args=[agenda.pk, fmt])).status_code == 404


@pytest.fixture
def funded_agenda(full_agenda, editor):
    """The full agenda with Fördermittel and Folgekosten on its first measure (besides its 1.000 € Eigenanteil):
    4.000 € + 600 € more."""
    first = Measure.objects.filter(agenda=full_agenda).order_by("position").first()
    services.update_measure(
        first, expected_revision=first.revision, by=editor,
        plan=services.MeasurePlan(
            budgets={(2026, BudgetSource.FUNDING): Decimal(4000), (2028, BudgetSource.FOLLOW_UP): Decimal(600)}
        ),
    )  # fmt: skip
    return full_agenda


RESOLUTION_TOTALS = (
    "Das Gesamtvolumen beträgt 82.600 €, davon 4.000 € Fördermittel, 78.000 € Eigenanteil und 600 € Folgekosten"
)


def test_the_council_pdf_carries_the_resolution_and_the_financing_table(client, funded_agenda, editor):
    from pypdf import PdfReader

    client.force_login(editor)
    response = client.get(reverse("agendas:export", args=[funded_agenda.pk, "pdf"]))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]
    resolution_page = next(
        page for page in pages if page.startswith("Beschlussvorschlag") or " Beschlussvorschlag " in page
    )
    assert "Der Stadtrat beschließt das Digitalisierungskonzept „Digitale Agenda Jena“" in resolution_page
    assert RESOLUTION_TOTALS in resolution_page
    assert "Finanzierungstabelle: je Jahr und Quelle (Euro)" in resolution_page
    assert "Jahr Fördermittel Eigenanteil Folgekosten Summe" in resolution_page
    assert "2026 4.000 78.000 0 82.000" in resolution_page and "Summe 4.000 78.000 600 82.600" in resolution_page
    assert pages.index(resolution_page) < next(i for i, page in enumerate(pages) if page.startswith("Inhalt"))


def test_the_docx_carries_the_resolution_and_the_financing_table(client, funded_agenda, editor):
    import docx

    client.force_login(editor)
    response = client.get(reverse("agendas:export", args=[funded_agenda.pk, "docx"]))
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    heading = paragraphs.index("Beschlussvorschlag")
    assert document.paragraphs[heading].style.name == "Heading 1"
    assert any(RESOLUTION_TOTALS in text for text in paragraphs[heading : heading + 5])
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Jahr", "Fördermittel", "Eigenanteil", "Folgekosten", "Summe"] in rows
    assert ["2026", "4.000", "78.000", "0", "82.000"] in rows and ["Summe", "4.000", "78.000", "600", "82.600"] in rows
    assert ["M1 Maßnahme Nummer 01", "–", "4.000", "1.000", "600", "5.600"] in rows


def test_the_json_export_carries_the_resolution_and_the_budget_per_source(client, funded_agenda, editor):
    client.force_login(editor)
    data = client.get(reverse("agendas:export", args=[funded_agenda.pk, "json"])).json()
    assert data["resolution"]["generated"] is True and RESOLUTION_TOTALS in data["resolution"]["text"]
    assert data["budget"]["years"] == ["2026", "2027", "2028"]
    assert [(row["source"], row["amounts"], row["total"]) for row in data["budget"]["rows"]] == [
        ("foerdermittel", [4000.0, 0.0, 0.0], 4000.0),
        ("eigenanteil", [78000.0, 0.0, 0.0], 78000.0),
        ("folgekosten", [0.0, 0.0, 600.0], 600.0),
    ]
    assert data["budget"]["total"] == 82600.0
    first = data["measures"][0]
    assert first["budget"] == {"2026": 5000.0, "2028": 600.0}
    assert first["financing"]["totals"] == {"foerdermittel": 4000.0, "eigenanteil": 1000.0, "folgekosten": 600.0,
                                            "total": 5600.0}  # fmt: skip
    assert first["funding_warnings"] == ["Fördermittel sind eingetragen, aber kein Förderprogramm ist gewählt."]
