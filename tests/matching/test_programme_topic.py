"""Issue 21: a programme is proposed only when it fits the need's topic, and it says what it is (a loan is no grant)."""

from datetime import date, timedelta

import pytest

from smartregion.funding.models import FundingProgramme
from smartregion.matching import engine
from smartregion.taxonomy.models import Domain

TODAY = date(2026, 11, 22)
ALL_GROUPS = ["Gemeinde (kreisangehörig)", "Stadt (kreisangehörig)", "kreisfreie Stadt", "Landkreis"]


def _programme(code, domain_key, *, description="", **values):
    values = {
        "name": f"Programm {code}",
        "level": "Bund",
        "applicants": ALL_GROUPS,
        "status": "offen",
        "deadline_rule": "laufend",
        "as_of": TODAY - timedelta(days=30),
        "description": description,
        **values,
    }
    programme = FundingProgramme.objects.create(code=code, **values)
    programme.domains.set([Domain.objects.get(key=domain_key)])
    return programme


@pytest.fixture
def catalogue(db):
    # Five programmes about schools that all say "digital": a common word among programmes.
    for number in range(5):
        _programme(f"T-SCHULE-{number}", "bildung", description="Digitale Ausstattung von Schulen, digital lernen.")
    return {
        "mobility": _programme("T-MOB", "mobilitaet", description="Förderung digitaler Mobilitätsangebote."),
        "rufbus": _programme("T-RUF", "laendlicher-raum", name="Rufbus-Förderung für Dörfer"),
        "loan": _programme(
            "T-KREDIT", "mobilitaet", funding_kind="Darlehen", max_rate_percent=100, name="Kredit für Verkehrsanlagen"
        ),
        "stale": _programme("T-ALT", "mobilitaet", name="Älteres Verkehrsprogramm", as_of=date(2023, 5, 1)),
    }


def _shown(query):
    shown, excluded = engine.match_programmes(query, today=TODAY)
    return {result.item.code: result for result in shown}, {entry.programme.code for entry in excluded}


def test_one_shared_common_word_is_no_fit(jena, catalogue):
    mobility = Domain.objects.get(key="mobilitaet")
    shown, excluded = _shown(
        engine.MatchQuery(text="Digitaler Rufbus für die Dörfer", domain_ids=(mobility.pk,), territory=jena)
    )
    assert not any(code.startswith("T-SCHULE") for code in set(shown) | excluded)  # "digital" alone
    assert shown["T-MOB"].explanation.startswith("Handlungsfeld Mobilität & Verkehr;")
    # No shared Handlungsfeld, but the need's specific word in the programme's name: a fit, and it says so.
    # Each word of the programme counts once: "Dörfer" is not a second fit as the concept DorfFunk.
    assert shown["T-RUF"].explanation.startswith("Thema im Programmtext: Rufbus, Dörfer;")
    assert "domain" not in shown["T-RUF"].signals and shown["T-RUF"].signals["topic"] > 0


def test_a_loan_is_shown_as_a_loan_and_an_old_source_ranks_lower(jena, catalogue):
    mobility = Domain.objects.get(key="mobilitaet")
    shown, _excluded = _shown(engine.MatchQuery(text="Verkehr", domain_ids=(mobility.pk,), territory=jena))
    loan = shown["T-KREDIT"].explanation
    assert "Darlehen, Finanzierungsanteil bis 100 %" in loan and "Förderquote" not in loan
    stale = shown["T-ALT"]
    assert stale.explanation.endswith("Angaben vom 01.05.2023 – bitte prüfen")
    assert stale.signals["stale"] < 0 and stale.score < shown["T-MOB"].score


def test_without_a_handlungsfeld_the_one_the_text_speaks_of_counts_and_is_named(jena, catalogue):
    shown, _excluded = _shown(engine.MatchQuery(text="Parkplatzsuche mit Parksensoren", territory=jena))
    assert "T-MOB" in shown
    assert shown["T-MOB"].explanation.startswith("Handlungsfeld Mobilität & Verkehr (aus dem Text erkannt);")
    assert "T-RUF" not in shown  # ländlicher Raum: not what the text is about
