"""Guides and recommendations where they help: agenda parts, measures (which recommendations they follow)."""

from datetime import date

from django.urls import reverse

from smartregion.agendas import services as agenda_services
from smartregion.agendas.services import MeasurePlan
from smartregion.taxonomy.models import Domain
from smartregion.toolkit.models import Guide, Recommendation

from ..factories import UserFactory


def test_a_measure_records_the_recommendations_it_follows_and_links_guides(client, toolkit, editor, jena):
    agenda = agenda_services.create_agenda(territory=jena, title="Agenda", start_year=2026, target_year=2030, by=editor)
    client.force_login(editor)
    follow = Recommendation.objects.filter(slug__in=["klein-starten", "messen-und-berichten"])
    response = client.post(
        reverse("agendas:measure_create", args=[agenda.pk]),
        {
            "title": "Datenplattform",
            "description": "",
            "starts_on": "2026-03-01",
            "ends_on": "2027-06-30",
            "domains": [Domain.objects.get(key="daten-plattformen").pk],
            "recommendations": [item.pk for item in follow],
            "meilenstein-TOTAL_FORMS": "0",
            "meilenstein-INITIAL_FORMS": "0",
            "kennzahl-TOTAL_FORMS": "0",
            "kennzahl-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = agenda.measures.get()
    assert set(measure.recommendations.all()) == set(follow)
    page = client.get(response.url).content.decode()
    assert "Die Maßnahme folgt diesen Empfehlungen" in page and "Klein starten, aber skalierbar planen" in page
    data_guide = Guide.objects.get(slug="kommunale-daten-strategisch-nutzen")
    assert data_guide.get_absolute_url() in page  # phase Umsetzung, same Handlungsfeld
    # editing keeps them unless changed
    agenda_services.update_measure(
        measure, expected_revision=measure.revision, by=editor, plan=MeasurePlan(), title="Datenplattform 2"
    )
    assert measure.recommendations.count() == 2


def test_agenda_parts_link_their_guides_for_editors(client, toolkit, editor, jena):
    agenda = agenda_services.create_agenda(territory=jena, title="Agenda", start_year=2026, target_year=2030, by=editor)
    agenda_services.add_measure(agenda, by=editor, title="M", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    participation = Guide.objects.get(slug="beteiligung-am-digitalisierungskonzept").get_absolute_url()
    client.force_login(editor)
    page = client.get(agenda.get_absolute_url()).content.decode()
    assert page.count(f'href="{participation}"') == 2  # Vision und Ziele, Beteiligung
    assert Guide.objects.get(slug="bestandsaufnahme-digitaler-projekte").get_absolute_url() in page
    client.force_login(UserFactory())
    assert participation not in client.get(agenda.get_absolute_url()).content.decode()
