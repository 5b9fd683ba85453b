"""Eligibility against a labelled set: (territory, programme, eligible?) pairs in eligibility_pairs.csv.

How the pairs were judged: by reading the programme's row of the shipped list (foerderprogramme-v2.csv:
`land_code`, `antragsberechtigt`, `einwohner_min/_max`, `laufzeit_bis`, `frist_regel`, `status`) and the
territory's row of the real register (Land, type code, Gemeindeverband), on the fixed date 2026-11-22 (the
evaluation set's date), never from the engine's output. The rules read into them are the list's own (its README,
section v2): a Landkreis only where "Landkreis" is named, a kreisfreie Stadt only where "kreisfreie Stadt" is, a
Große Kreisstadt or Stadt (63/67) is a kreisangehörige Stadt, a Markt (60) a kreisangehörige Gemeinde, a Kreis
(43) and the Regionalverband Saarbrücken (45) are Landkreise, the city states Berlin and Hamburg kreisfreie
Städte; a Gemeindeverband (Amt, Verbandsgemeinde, Verwaltungsgemeinschaft, Samtgemeinde) is no Gemeinde and acts
as an interkommunale Kooperation, an alliance of the type Zweckverband as a Zweckverband; "unbekannt" is never
open, a yearly deadline has a next date. Each row's `begruendung` says what decided it.
"""

import csv
from datetime import date
from pathlib import Path

import pytest

from smartregion.funding import deadline_rules, eligibility
from smartregion.funding.importer import import_programmes
from smartregion.funding.models import FundingProgramme
from smartregion.territories.enums import LegalForm

from .other_laender import ALL_LANDS, add_territories, territory

PAIRS_FILE = Path(__file__).resolve().parent / "eligibility_pairs.csv"
TODAY = date(2026, 11, 22)


def pairs() -> list[dict]:
    with PAIRS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture
def programmes_by_code(db):
    add_territories(ALL_LANDS + [row["gebiet"] for row in pairs() if not row["gebiet"].startswith("verbund:")])
    import_programmes()
    return {programme.code: programme for programme in FundingProgramme.objects.prefetch_related("deadlines")}


def test_every_labelled_pair_gets_its_verdict(programmes_by_code):
    wrong = []
    for row in pairs():
        place = territory(row["gebiet"])
        programme = programmes_by_code[row["programm"]]
        verdict = eligibility.check(programme, place, today=TODAY)
        expected = row["berechtigt"] == "ja"
        if verdict.eligible != expected:
            wrong.append(
                f"{row['gebiet']} {place.name} ({place.legal_form}) × {row['programm']} {programme}: "
                f"labelled {row['berechtigt']} ({row['begruendung']}), engine "
                f"{'ja' if verdict.eligible else 'nein'} ({verdict.sentence})"
            )
    assert not wrong, f"{len(wrong)} wrong verdicts:\n" + "\n".join(wrong)


def test_the_labelled_set_covers_every_applicant_kind_land_and_deadline_rule(programmes_by_code):
    rows = pairs()
    assert len(rows) >= 60
    assert len({(row["gebiet"], row["programm"]) for row in rows}) == len(rows)  # no pair twice
    forms = {territory(row["gebiet"]).legal_form for row in rows}
    assert set(LegalForm.values) <= forms
    assert None in forms  # and territories that apply as nothing (Land, Regierungsbezirk, gemeindefrei)
    lands = {territory(row["gebiet"]).ars[:2] for row in rows if not row["gebiet"].startswith("verbund:")}
    assert set(ALL_LANDS) <= lands
    programmes = [programmes_by_code[row["programm"]] for row in rows]
    assert {programme.level for programme in programmes} == {"EU", "Bund", "Land"}
    assert set(ALL_LANDS) <= {programme.land.ars for programme in programmes if programme.land_id}
    rules = {deadline_rules.parse(programme.deadline_rule).kind for programme in programmes}
    assert rules == set(deadline_rules.KINDS)
    assert {row["berechtigt"] for row in rows} == {"ja", "nein"}


def test_reasons_in_words_for_the_issue_s_findings(programmes_by_code):
    landsberg = territory("09181")
    verdict = eligibility.check(programmes_by_code["FP-005"], landsberg, today=TODAY)
    assert verdict.sentence == "antragsberechtigt: Gemeinde (kreisangehörig), Stadt (kreisangehörig), kreisfreie Stadt"
    sproetau = territory("160685012052")
    verdict = eligibility.check(programmes_by_code["FP-047"], sproetau, today=TODAY)
    assert verdict.reasons == [
        "antragsberechtigt als Gemeinde (kreisangehörig)",
        "bis 10.000 Einwohner",
        "nächste Frist 15.01.2027 (jährlich zum 15.01.)",
    ]
    assert verdict.caution == "Angaben vom 27.11.2024 – bitte prüfen"
    # On the deadline day itself it is still that day; the day after, next year's.
    assert (
        "nächste Frist 15.01.2027"
        in eligibility.check(programmes_by_code["FP-047"], sproetau, today=date(2027, 1, 15)).sentence
    )
    assert (
        "nächste Frist 15.01.2028"
        in eligibility.check(programmes_by_code["FP-047"], sproetau, today=date(2027, 1, 16)).sentence
    )
    munich = territory("09162")
    verdict = eligibility.check(programmes_by_code["FP-025"], munich, today=TODAY)
    assert verdict.reasons[0] == "antragsberechtigt als kreisfreie Stadt"
    unknown = eligibility.check(programmes_by_code["FP-084"], territory("100460115115"), today=TODAY)
    assert unknown.sentence == (
        "Status unbekannt: nicht belegt, ob Anträge möglich sind; nächste bekannte Frist wäre der 15.12.2026"
    )
