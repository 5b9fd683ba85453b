from datetime import date

import pytest
from django.urls import reverse

from smartregion.agendas import services
from smartregion.agendas.models import Agenda, Measure
from smartregion.territories import roles as territory_roles

pytestmark = pytest.mark.django_db


def _grow(agenda, make_measure, count):
    goal = services.add_goal(agenda, by=agenda.created_by, title=f"Ziel {count}", target_year=2030)
    for number in range(count):
        make_measure(agenda, f"Maßnahme {number}", plan=services.MeasurePlan(goals=[goal]))


def test_agenda_page_query_count_does_not_grow_with_measures(
    client, agenda, editor, make_measure, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("agendas:detail", args=[agenda.pk])
    _grow(agenda, make_measure, 3)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    _grow(agenda, make_measure, 20)
    with django_assert_max_num_queries(40) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.decode().count("Maßnahme 19") >= 1


def test_monitoring_and_list_query_counts_are_fixed(
    client, agenda, editor, make_measure, django_assert_max_num_queries
):
    client.force_login(editor)
    _grow(agenda, make_measure, 3)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("agendas:monitoring", args=[agenda.pk]))
    _grow(agenda, make_measure, 12)
    with django_assert_max_num_queries(40) as many:
        client.get(reverse("agendas:monitoring", args=[agenda.pk]))
    assert len(many.captured_queries) == len(few.captured_queries)
    for number in range(8):
        services.create_agenda(
            territory=agenda.territory, title=f"Agenda {number}", start_year=2026, target_year=2030, by=editor
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("agendas:list"))
    assert response.context["page"].paginator.count == 9


def test_creating_an_agenda_through_the_form(client, jena, editor):
    client.force_login(editor)
    response = client.post(
        reverse("agendas:create"),
        {"territory": jena.pk, "title": "Digitale Agenda", "start_year": 2027, "target_year": 2031},
    )
    agenda = Agenda.objects.get(title="Digitale Agenda")
    assert response.status_code == 302 and response["Location"] == agenda.get_absolute_url()
    assert agenda.status == "entwurf" and agenda.created_by == editor


def test_the_measure_form_saves_budgets_milestones_and_kpis(client, agenda, editor):
    client.force_login(editor)
    data = {
        "title": "Parksensoren",
        "description": "Freie Plätze in Echtzeit",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "budget_2026_foerdermittel": "76.000",
        "budget_2026_eigenanteil": "19000",
        "budget_2027_eigenanteil": "15000,50",
        "budget_2028_folgekosten": "4.800,00",
        "meilenstein-TOTAL_FORMS": "2",
        "meilenstein-INITIAL_FORMS": "0",
        "meilenstein-0-title": "500 Sensoren verbaut",
        "meilenstein-0-due_on": "2026-10-01",
        "kennzahl-TOTAL_FORMS": "1",
        "kennzahl-INITIAL_FORMS": "0",
        "kennzahl-0-name": "Parksuchverkehr",
        "kennzahl-0-unit": "Fahrzeuge/Tag",
        "kennzahl-0-baseline": "4200",
        "kennzahl-0-target": "3000",
        "revision": "",
    }
    response = client.post(reverse("agendas:measure_create", args=[agenda.pk]), data)
    measure = Measure.objects.get(agenda=agenda)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert {(b.year, b.source): str(b.amount_eur) for b in measure.budgets.all()} == {
        (2026, "foerdermittel"): "76000.00",
        (2026, "eigenanteil"): "19000.00",
        (2027, "eigenanteil"): "15000.50",
        (2028, "folgekosten"): "4800.00",
    }
    assert [(m.title, m.due_on) for m in measure.milestones.all()] == [("500 Sensoren verbaut", date(2026, 10, 1))]
    assert [(k.name, str(k.target)) for k in measure.kpis.all()] == [("Parksuchverkehr", "3000.00")]


def test_a_concurrent_edit_of_the_vision_shows_both_versions_and_keeps_the_input(client, agenda, editor):
    client.force_login(editor)
    url = reverse("agendas:edit", args=[agenda.pk])
    form = {
        "title": agenda.title,
        "start_year": 2026,
        "target_year": 2030,
        "challenges": "",
        "revision": agenda.revision,
    }
    client.post(url, {**form, "vision": "Erste Fassung"})
    response = client.post(url, {**form, "vision": "Meine Fassung"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jemand anderes hat inzwischen gespeichert" in html and "Erste Fassung" in html and "Meine Fassung" in html
    assert Agenda.objects.get(pk=agenda.pk).vision == "Erste Fassung"


def test_a_draft_does_not_exist_for_outsiders_and_is_public_from_the_consultation(client, agenda, citizen, editor):
    url = reverse("agendas:detail", args=[agenda.pk])
    assert client.get(url).status_code == 404
    services.open_consultation(agenda, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31), by=editor)
    assert client.get(url).status_code == 200
    assert agenda.title in client.get(reverse("agendas:list")).content.decode()


def test_team_comments_are_for_the_team_only(client, agenda, editor, citizen):
    services.open_consultation(agenda, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31), by=editor)
    url = reverse("agendas:comment", args=[agenda.pk, "team"])
    client.force_login(citizen)
    assert client.post(url, {"part": "vision", "text": "Intern?"}).status_code == 403
    client.force_login(editor)
    client.post(url, {"part": "vision", "text": "Bitte Vision kürzen"})
    assert "Bitte Vision kürzen" in client.get(reverse("agendas:detail", args=[agenda.pk])).content.decode()
    client.force_login(citizen)
    assert "Bitte Vision kürzen" not in client.get(reverse("agendas:detail", args=[agenda.pk])).content.decode()


def test_measure_page_shows_matches_and_takes_progress(client, agenda, editor, make_measure):
    measure = make_measure(agenda, "LoRaWAN Sensoren")
    client.force_login(editor)
    url = reverse("agendas:measure", args=[agenda.pk, measure.pk])
    html = client.get(url).content.decode()
    assert "Passende Projekte, Fachleute und Förderprogramme" in html
    response = client.post(
        reverse("agendas:progress", args=[agenda.pk, measure.pk]),
        {"reported_on": "2026-08-01", "status": "laeuft", "progress": "30", "note": "Ausschreibung läuft"},
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.progress) == ("laeuft", 30)


def test_territory_page_shows_its_agenda(client, agenda, editor, jena):
    services.open_consultation(agenda, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31), by=editor)
    assert agenda.title in client.get(jena.get_absolute_url()).content.decode()


def test_network_monitoring_lists_member_agendas_for_coordinators(client, agenda, make_measure, jena):
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services

    from ..factories import UserFactory

    admin, coordinator = UserFactory(is_superuser=True), UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=admin)
    network_services.add_member(network, jena, by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    make_measure(agenda)
    client.force_login(coordinator)
    response = client.get(reverse("agendas:network_monitoring", args=["netz"]))
    assert response.status_code == 200 and agenda.title in response.content.decode()
    assert response.context["rows"][0][2] == 1


def test_the_history_shows_changes_of_every_part_even_removed_ones(client, agenda, editor, make_measure):
    concept = services.add_concept(agenda, by=editor, kind="klimaschutz", title="Klimakonzept 2021", summary="Kurz")
    services.remove(concept, by=editor)
    measure = make_measure(agenda)
    services.update_measure(
        Measure.objects.get(pk=measure.pk), expected_revision=measure.revision, by=editor, plan=services.MeasurePlan(),
        title="Neuer Titel",
    )  # fmt: skip
    client.force_login(editor)
    html = client.get(reverse("agendas:history", args=[agenda.pk])).content.decode()
    assert "Konzept: Klimakonzept 2021" in html and "gelöscht" in html
    assert "M1 Neuer Titel" in html and "Urbane Datenplattform" in html  # old and new title of the change
    assert "M1 · Budget 2026" in html


def test_an_html_file_renamed_pdf_is_refused_as_concept_document(client, agenda, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    upload = SimpleUploadedFile(
        "konzept.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    data = {"kind": "klimaschutz", "title": "Klimakonzept", "summary": "Kurz", "url": "", "year": "", "upload": upload}
    response = client.post(reverse("agendas:concept_create", args=[agenda.pk]), data)
    assert response.status_code == 200
    assert "Erlaubt sind PDF" in response.content.decode()
    assert not agenda.concepts.exists()


def test_editors_of_another_territory_neither_see_the_draft_nor_edit(client, agenda, ilmenau):

    from ..factories import UserFactory

    other = UserFactory()
    territory_roles.grant_territory_role(user=other, territory=ilmenau, role="editor")
    client.force_login(other)
    assert client.get(reverse("agendas:detail", args=[agenda.pk])).status_code == 404
    services.open_consultation(agenda, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31), by=agenda.created_by)
    assert client.get(reverse("agendas:detail", args=[agenda.pk])).status_code == 200
    assert client.get(reverse("agendas:edit", args=[agenda.pk])).status_code == 403
    assert client.post(reverse("agendas:measure_create", args=[agenda.pk]), {}).status_code == 403
