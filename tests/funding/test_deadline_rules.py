"""The deadline rule (frist_regel) and what a territory is in law (from the register's types)."""

from datetime import date

import pytest

from smartregion.funding import deadline_rules
from smartregion.funding.importer import FundingImportError, import_programmes
from smartregion.territories.enums import LegalForm, legal_form_of


def test_rules_parse_and_a_yearly_one_gives_the_next_date():
    assert deadline_rules.parse("laufend").kind == "laufend"
    assert deadline_rules.parse("einmalig:2021-09-17").dates == (date(2021, 9, 17),)
    assert deadline_rules.parse("aufrufe:2025-09-15|2024-09-30").dates == (date(2024, 9, 30), date(2025, 9, 15))
    yearly = deadline_rules.parse("jaehrlich:01-15")
    assert yearly.next_yearly(date(2026, 11, 22)) == date(2027, 1, 15)
    assert yearly.next_yearly(date(2027, 1, 15)) == date(2027, 1, 15)
    assert yearly.describe() == "jährlich zum 15.01."
    leap = deadline_rules.parse("jaehrlich:02-29")
    assert leap.next_yearly(date(2026, 3, 1)) == date(2027, 2, 28)
    assert leap.next_yearly(date(2027, 3, 1)) == date(2028, 2, 29)
    assert deadline_rules.parse("").kind == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jaehrlich:13-01", "„13-01“ ist kein Tag im Jahr (MM-TT)."),
        ("einmalig:2021-02-30", "„2021-02-30“ ist kein Datum (JJJJ-MM-TT)."),
        ("einmalig:2021-01-01|2022-01-01", "„einmalig“ hat genau ein Datum; mehrere Fristen als „aufrufe:…|…“."),
        ("laufend:2021-01-01", "„laufend“ steht ohne Datum."),
        ("monatlich", "Unbekannte Fristregel „monatlich“"),
    ],
)
def test_a_wrong_rule_says_why(text, message):
    with pytest.raises(deadline_rules.InvalidRule) as raised:
        deadline_rules.parse(text)
    assert str(raised.value).startswith(message)


def test_the_import_refuses_unknown_kinds_and_rules_with_their_line(db):
    text = (
        "id;name;ebene;antragsberechtigt;foerderart_typ;frist_regel;status\r\n"
        "X-1;Gut;Bund;Landkreis;Darlehen;jaehrlich:03-31;offen\r\n"
        "X-2;Schlecht;Bund;Landkreis;Kredit;jaehrlich:31-03;offen\r\n"
    )
    with pytest.raises(FundingImportError) as raised:
        import_programmes(text.encode())
    assert [str(error) for error in raised.value.errors] == [
        "Zeile 3, Spalte „foerderart_typ“: Unbekannte Art der Förderung „Kredit“ (Zuschuss, Darlehen, "
        "Zuschuss+Darlehen, Wettbewerb/Preis, Gutschein, Beratung/Sachleistung).",
        "Zeile 3, Spalte „frist_regel“: „31-03“ ist kein Tag im Jahr (MM-TT).",
    ]


@pytest.mark.parametrize(
    ("kind", "type_code", "extra", "form"),
    [
        ("gemeinde", "64", {}, LegalForm.GEMEINDE),
        ("gemeinde", "60", {}, LegalForm.GEMEINDE),  # Markt
        ("gemeinde", "63", {}, LegalForm.STADT),
        ("gemeinde", "67", {}, LegalForm.STADT),  # Große Kreisstadt
        ("gemeinde", "61", {}, LegalForm.KREISFREIE_STADT),
        ("gemeinde", "62", {}, LegalForm.KREISFREIE_STADT),  # Stadtkreis (Baden-Württemberg)
        ("gemeinde", "66", {}, None),  # gemeindefreies Gebiet
        ("kreis", "41", {}, LegalForm.KREISFREIE_STADT),
        ("kreis", "42", {}, LegalForm.KREISFREIE_STADT),
        ("kreis", "43", {}, LegalForm.LANDKREIS),  # "Kreis" in NRW and Schleswig-Holstein
        ("kreis", "44", {}, LegalForm.LANDKREIS),
        ("kreis", "45", {}, LegalForm.LANDKREIS),  # Regionalverband Saarbrücken
        ("verband", "", {}, LegalForm.GEMEINDEVERBAND),
        ("alliance", "", {"alliance_type": "zweckverband"}, LegalForm.ZWECKVERBAND),
        ("alliance", "", {"alliance_type": "ile"}, LegalForm.KOOPERATION),
        ("land", "", {"ars": "11"}, LegalForm.KREISFREIE_STADT),  # Berlin
        ("land", "", {"ars": "04"}, None),  # Bremen: a Land of two Stadtgemeinden
        ("land", "", {"ars": "09"}, None),
        ("regbez", "", {}, None),
    ],
)
def test_legal_forms_follow_the_register_types(kind, type_code, extra, form):
    assert legal_form_of(kind=kind, type_code=type_code, **extra) == form
