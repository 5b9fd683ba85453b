import pytest
from django.urls import reverse

from smartregion.projects import services
from smartregion.projects.enums import ProjectStatus, Publication
from smartregion.projects.models import Project

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_drafts_are_invisible_to_the_public_until_published(client, make_project, jena, jena_editor):
    draft = make_project(jena, title="Geheimer Entwurf", publish=False, by=jena_editor)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheimer Entwurf" not in client.get(reverse("projects:catalog"), {"q": "Entwurf"}).content.decode()
    client.force_login(jena_editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.post(reverse("projects:publish", args=[draft.pk]))
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_adopting_creates_a_linked_draft_and_shows_lineage_both_ways(client, make_project, ilmenau, jena, jena_editor):
    original = make_project(
        ilmenau, title="Digitaler Bauhof", summary="Aufträge per App", prerequisites="Tablets für den Bauhof"
    )
    client.force_login(jena_editor)
    response = client.post(reverse("projects:adopt", args=[original.pk]), {"territory": jena.pk})
    copy = Project.objects.get(adopted_from=original)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.lead_territory == jena
    assert copy.publication == Publication.DRAFT
    assert copy.status == ProjectStatus.PLANNING
    assert copy.prerequisites == "Tablets für den Bauhof"
    copy_html = client.get(copy.get_absolute_url()).content.decode()
    assert (
        f'Nachnutzung von: <a class="kern-link" href="{original.get_absolute_url()}">Digitaler Bauhof</a> '
        "(Ilmenau, Stadt)" in copy_html
    )
    original_html = client.get(original.get_absolute_url()).content.decode()
    assert "Nachgenutzt von 1 Kommune:" in original_html
    assert f'<a class="kern-link" href="{copy.get_absolute_url()}">Digitaler Bauhof</a> (Jena, Stadt)' in original_html


def test_edits_keep_history_and_conflicts_are_detected(client, make_project, jena, jena_editor, domain):
    project = make_project(jena, title="Alter Titel", by=jena_editor)
    client.force_login(jena_editor)
    form = {
        "lead_territory": jena.pk,
        "primary_domain": domain.pk,
        "title": "Neuer Titel",
        "summary": "Kurz",
        "status": "betrieb",
        "open_source": "unbekannt",
        "revision": project.revision,
    }
    assert client.post(reverse("projects:edit", args=[project.pk]), form).status_code == 302
    response = client.post(reverse("projects:edit", args=[project.pk]), {**form, "title": "Dritter Titel"})
    assert "Jemand anderes hat inzwischen gespeichert" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "Neuer Titel"
    assert list(project.history.order_by("history_date").values_list("title", flat=True))[0] == "Alter Titel"
    history = client.get(reverse("core:history", args=["projects", "project", project.pk])).content.decode()
    assert "Alter Titel" in history and "Neuer Titel" in history


def test_creating_warns_about_similar_projects_until_confirmed(
    client, make_project, ilmenau, jena, jena_editor, domain
):
    make_project(ilmenau, title="Parksensoren am Bahnhof", summary="Sensoren melden freie Stellplätze am Bahnhof.")
    client.force_login(jena_editor)
    form = {
        "lead_territory": jena.pk,
        "primary_domain": domain.pk,
        "title": "Parksensoren in der Altstadt",
        "summary": "Sensoren melden freie Stellplätze.",
        "status": "planung",
        "open_source": "unbekannt",
    }
    response = client.post(reverse("projects:create"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ähnliche Projekte gibt es schon" in html and "Parksensoren am Bahnhof" in html
    assert "Kooperieren: Kontakt aufnehmen" in html
    assert not Project.objects.filter(title="Parksensoren in der Altstadt").exists()
    response = client.post(reverse("projects:create"), {**form, "duplikate_gesehen": "1"})
    assert response.status_code == 302
    assert Project.objects.get(title="Parksensoren in der Altstadt").publication == Publication.DRAFT


def test_similar_projects_are_nearest_first(make_project, jena, ilmenau, domain):
    from smartregion.projects.similarity import Probe, similar
    from smartregion.territories.models import Territory

    munich = Territory.objects.get(ags="09162000")
    far = make_project(munich, title="Parksensoren in München", summary="Sensoren zeigen freie Parkplätze.")
    near = make_project(ilmenau, title="Parksensoren in Ilmenau", summary="Sensoren zeigen freie Parkplätze.")
    probe = Probe(
        title="Parksensoren",
        summary="freie Parkplätze",
        primary_domain_id=domain.pk,
        kreis_id=jena.kreis_id,
        land_id=jena.land_id,
        latitude=jena.latitude,
        longitude=jena.longitude,
    )
    matches = [match.project for match in similar(probe, limit=20)]
    assert matches.index(near) < matches.index(far)


def test_contact_request_goes_to_the_lead_territorys_editors(client, make_project, jena, jena_editor, mailoutbox):
    project = make_project(jena)
    visitor = UserFactory(email="kollegin@gera.example")
    client.force_login(visitor)
    client.post(reverse("projects:contact", args=[project.pk]), {"message": "Können wir uns austauschen?"})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [jena_editor.email]
    assert mailoutbox[0].reply_to == ["kollegin@gera.example"]
    assert "Können wir uns austauschen?" in mailoutbox[0].body


def test_deleted_project_disappears_but_stays_in_history(client, make_project, jena, jena_editor):
    project = make_project(jena, by=jena_editor)
    services.delete_project(project, by=jena_editor)
    assert client.get(project.get_absolute_url()).status_code == 404
    assert Project.all_objects.get(pk=project.pk).is_deleted


def test_an_editor_of_many_territories_chooses_on_a_page_of_its_own(client, make_project, ilmenau, jena, jena_editor):
    """Up to ADOPT_INLINE_MAX territories the choice sits on the project page; an editor for a whole Kreis gets
    a button to a page with the choice, so that every project page does not carry hundreds of options."""
    from smartregion.projects.views import ADOPT_INLINE_MAX
    from smartregion.territories import roles as territory_roles
    from smartregion.territories.models import Territory

    original = make_project(ilmenau, title="Digitaler Bauhof")
    client.force_login(jena_editor)
    page = client.get(original.get_absolute_url()).content.decode()
    assert f'action="{reverse("projects:adopt", args=[original.pk])}"' in page  # one territory: the form is here

    kreis_editor = UserFactory(full_name="Kreis Redaktion")
    many = list(Territory.objects.filter(ags__startswith="16").exclude(pk=ilmenau.pk)[: ADOPT_INLINE_MAX + 1])
    assert len(many) == ADOPT_INLINE_MAX + 1
    for territory in many:
        territory_roles.grant_territory_role(user=kreis_editor, territory=territory, role="editor")
    client.force_login(kreis_editor)
    page = client.get(original.get_absolute_url()).content.decode()
    assert f'action="{reverse("projects:adopt", args=[original.pk])}"' not in page
    assert f'href="{reverse("projects:adopt", args=[original.pk])}"' in page and "Für Ihre Kommune nachnutzen" in page
    choice = client.get(reverse("projects:adopt", args=[original.pk])).content.decode()
    assert choice.count('<option value="') - choice.count('<option value=""') == ADOPT_INLINE_MAX + 1
    response = client.post(reverse("projects:adopt", args=[original.pk]), {"territory": many[3].pk})
    copy = Project.objects.get(adopted_from=original)
    assert response["Location"] == copy.get_absolute_url() and copy.lead_territory == many[3]
