"""A shipped re-import keeps what coordinators changed on the platform (ADR 0011); an upload writes the file."""

import csv
import io

import pytest

from smartregion.funding import services
from smartregion.funding.importer import SHIPPED_FILE, import_programmes
from smartregion.funding.models import FundingProgramme
from smartregion.taxonomy.models import Domain

from ..factories import UserFactory
from .other_laender import ALL_LANDS, add_territories

pytestmark = pytest.mark.django_db


def _shipped_with(changes: dict[str, dict]) -> bytes:
    """The shipped list with some cells changed: {code: {column: value}} (a later version of the list)."""
    with SHIPPED_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(row, **changes.get(row["id"], {})) for row in reader]
        header = reader.fieldnames
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode()


@pytest.fixture
def shipped():
    add_territories(ALL_LANDS)
    import_programmes()
    return FundingProgramme.objects


def test_fields_a_coordinator_changed_stay_and_the_others_follow_the_new_list(shipped):
    coordinator = UserFactory()
    programme = shipped.get(code="FP-047")
    education = Domain.objects.get(key="bildung")
    services.update_programme(
        programme,
        expected_revision=programme.revision,
        by=coordinator,
        status="geschlossen",
        domains=[education],
    )
    newer = _shipped_with(
        {
            "FP-047": {
                "status": "unbekannt",
                "kurzbeschreibung": "Neu beschrieben.",
                "handlungsfelder": "Verwaltung & Bürgerservices",
            },
            "FP-048": {"status": "geschlossen"},
        }
    )
    result = import_programmes(newer)
    assert sorted(result.kept) == [("FP-047", "domains"), ("FP-047", "status")]
    assert (result.created, result.updated, result.unchanged) == (0, 2, 94)
    programme.refresh_from_db()
    assert programme.status == "geschlossen"  # the coordinator's
    assert list(programme.domains.values_list("key", flat=True)) == ["bildung"]  # the coordinator's
    assert programme.description == "Neu beschrieben."  # nobody had changed it: the list's
    assert shipped.get(code="FP-048").status == "geschlossen"
    assert programme.history.first().history_user is None  # the import wrote the description
    # Importing the same list again changes nothing, and still keeps the coordinator's values.
    again = import_programmes(newer)
    assert (again.updated, again.unchanged) == (0, 96)
    assert sorted(again.kept) == [("FP-047", "domains"), ("FP-047", "status")]


def test_when_the_list_says_what_the_coordinator_said_nothing_is_kept_apart(shipped):
    coordinator = UserFactory()
    programme = shipped.get(code="FP-048")
    services.update_programme(programme, expected_revision=programme.revision, by=coordinator, status="geschlossen")
    result = import_programmes(_shipped_with({"FP-048": {"status": "geschlossen"}}))
    assert result.kept == [] and result.unchanged == 96
    # From now on the list's value is the base: a later list that reopens it is followed.
    result = import_programmes(_shipped_with({"FP-048": {"status": "offen"}}))
    assert result.kept == [] and shipped.get(code="FP-048").status == "offen"


def test_an_upload_by_a_coordinator_writes_what_the_file_says(shipped):
    admin = UserFactory(is_superuser=True)
    programme = shipped.get(code="FP-047")
    services.update_programme(programme, expected_revision=programme.revision, by=admin, status="geschlossen")
    result = import_programmes(_shipped_with({"FP-047": {"status": "unbekannt"}}), by=admin, file_name="liste.csv")
    assert result.kept == [] and result.updated == 1
    assert shipped.get(code="FP-047").status == "unbekannt"


def test_a_file_in_the_first_layout_leaves_the_new_columns_and_reads_the_old_words(shipped):
    admin = UserFactory(is_superuser=True)
    text = "id;name;ebene;antragsberechtigt;status\r\nFP-013;KfW 208;Bund;Gemeinde|Stadt|Landkreis;offen\r\n"
    import_programmes(text.encode(), by=admin, file_name="alt.csv")
    loan = shipped.get(code="FP-013")
    assert loan.applicants == ["Gemeinde (kreisangehörig)", "Stadt (kreisangehörig)", "kreisfreie Stadt", "Landkreis"]
    assert (loan.funding_kind, loan.deadline_rule) == ("Darlehen", "laufend")  # not in the file: left as they were
