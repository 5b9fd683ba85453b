"""Nachnutzung (issue 20, finding 4): re-use that links, copies that must be rewritten, lineage on both pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.core.concurrency import EditConflict
from smartregion.projects import lineage, services
from smartregion.projects.enums import Publication
from smartregion.projects.models import Project
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory
from ..querycounts import KEPT_COLD

pytestmark = pytest.mark.django_db

ILMENAU_SUMMARY = "Die Stadt Ilmenau baut ein LoRaWAN-Netz für Pegel und Parkplätze."


@pytest.fixture
def original(make_project, ilmenau):
    return make_project(
        ilmenau,
        title="Quokkanetz Ilmenau",
        summary=ILMENAU_SUMMARY,
        problem="Ilmenau wusste nicht, wie voll die Parkplätze sind.",
        prerequisites="Ein Gateway je Quadratkilometer",
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _edit_form(project, **changes) -> dict:
    data = {
        "lead_territory": project.lead_territory_id,
        "primary_domain": project.primary_domain_id,
        "title": project.title,
        "summary": project.summary,
        "problem": project.problem,
        "solution": project.solution,
        "status": project.status,
        "open_source": project.open_source,
        "prerequisites": project.prerequisites,
        "revision": project.revision,
    }
    return {**data, **changes}


# --- a copy starts as a draft that must be rewritten before publishing ---------------------------------


def test_a_copy_cannot_be_published_while_its_texts_are_the_originals(client, original, jena, jena_editor):
    client.force_login(jena_editor)
    client.post(reverse("projects:adopt", args=[original.pk]), {"territory": jena.pk})
    copy = Project.objects.get(adopted_from=original)
    assert copy.publication == Publication.DRAFT
    assert copy.prerequisites == "Ein Gateway je Quadratkilometer"  # what a copier needs stays
    assert lineage.unrewritten(copy) == ["title", "summary", "problem"]

    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Noch die Texte des Originals" in page
    assert "Schreiben Sie Titel, Kurzbeschreibung, Welches Problem wird gelöst? in eigenen Worten" in page

    response = client.post(reverse("projects:publish", args=[copy.pk]))
    assert response["Location"] == reverse("projects:edit", args=[copy.pk])
    assert _messages(response) == [
        "Noch nicht veröffentlicht: „Titel“, „Kurzbeschreibung“ und „Welches Problem wird gelöst?“ stehen noch "
        "wortgleich im Original (Ilmenau, Stadt). Beschreiben Sie das Vorhaben Ihrer Kommune mit eigenen Worten – "
        "Ihren Ort, Ihren Stand, Ihre Gründe – und veröffentlichen Sie dann."
    ]
    copy.refresh_from_db()
    assert copy.publication == Publication.DRAFT and copy.published_at is None

    edit_page = client.get(reverse("projects:edit", args=[copy.pk])).content.decode()
    assert (
        edit_page.count("Noch wortgleich mit dem Original: vor dem Veröffentlichen in eigenen Worten schreiben.") == 3
    )


def test_punctuation_and_case_are_not_rewriting_but_own_words_are(client, original, jena, jena_editor):
    copy = services.adopt_project(original, territory=jena, by=jena_editor)
    client.force_login(jena_editor)
    response = client.post(
        reverse("projects:edit", args=[copy.pk]),
        _edit_form(
            copy,
            title="LoRaWAN-Netz Jena",
            summary="die stadt ilmenau baut ein LoRaWAN Netz, für Pegel und Parkplätze!",
            problem="",
        ),
    )
    assert response.status_code == 302
    assert _messages(response) == [
        "Änderungen gespeichert.",
        "Vor dem Veröffentlichen noch in eigenen Worten schreiben: Kurzbeschreibung.",
    ]
    copy.refresh_from_db()
    assert lineage.unrewritten(copy) == ["summary"]
    with pytest.raises(services.CopiedTextRefused) as refusal:
        services.publish_project(copy, by=jena_editor)
    assert refusal.value.fields == ["summary"]

    copy = services.update_project(
        copy,
        expected_revision=copy.revision,
        by=jena_editor,
        summary="Jena misst Pegel an der Saale mit dem Netz, das Ilmenau aufgebaut hat.",
    )
    response = client.post(reverse("projects:publish", args=[copy.pk]))
    assert _messages(response)[-1] == "Das Projekt ist veröffentlicht."
    copy.refresh_from_db()
    assert copy.publication == Publication.PUBLISHED
    assert "Noch die Texte des Originals" not in client.get(copy.get_absolute_url()).content.decode()


def test_the_original_changing_its_text_does_not_let_the_copied_text_through(original, jena, jena_editor):
    copy = services.adopt_project(original, territory=jena, by=jena_editor)
    services.update_project(original, expected_revision=original.revision, by=None, summary="Ganz neu formuliert.")
    copy = services.update_project(copy, expected_revision=copy.revision, by=jena_editor, title="Pegel in Jena")
    copy.problem = ""
    assert lineage.unrewritten(copy) == ["summary"]  # still the text the copy started with


def test_a_published_reuse_cannot_take_over_the_originals_text_in_an_edit(
    client, original, make_project, jena, jena_editor
):
    own = make_project(jena, title="Pegelmessung Jena", summary="Jena misst Pegel.", by=jena_editor)
    services.link_reuse(own, source=original, expected_revision=own.revision, by=jena_editor)
    client.force_login(jena_editor)
    own.refresh_from_db()
    response = client.post(reverse("projects:edit", args=[own.pk]), _edit_form(own, summary=ILMENAU_SUMMARY))
    assert response.status_code == 200
    assert response.context["form"].errors["summary"] == [
        "Dieser Text steht wortgleich im Original, das dieses Projekt nachnutzt. Ein veröffentlichtes Projekt "
        "beschreibt das Vorhaben Ihrer Kommune in eigenen Worten."
    ]
    assert Project.objects.get(pk=own.pk).summary == "Jena misst Pegel."


# --- linking an existing project to the one it re-uses -------------------------------------------------


def test_an_existing_project_is_linked_through_the_search_and_the_lineage_reads_right_on_both_pages(
    client, original, make_project, jena, jena_editor
):
    own = make_project(jena, title="Pegelmessung Jena", summary="Jena misst Pegel an der Saale.", by=jena_editor)
    make_project(jena, title="Quokkanetz Entwurf Jena", publish=False, by=jena_editor)
    client.force_login(jena_editor)
    url = reverse("projects:reuse_edit", args=[own.pk])

    page = client.get(url, {"suche": "Quokkanetz"})
    assert page.status_code == 200
    choices = [label for value, label in page.context["form"].fields["adopted_from"].choices]
    assert choices == ["keine Nachnutzung", "Quokkanetz Ilmenau – Ilmenau, Stadt (Planung)"]  # no drafts
    assert 'hx-select="#reuse-choices"' in page.content.decode()
    by_number = client.get(url, {"suche": f"/projekte/{original.pk}/"}).context["form"].candidates
    assert by_number == [original]

    response = client.post(f"{url}?suche=Quokkanetz", {"adopted_from": original.pk, "revision": own.revision})
    assert response["Location"] == f"{own.get_absolute_url()}#nachnutzen"
    assert _messages(response) == [
        "Verknüpft: Dieses Projekt ist eine Nachnutzung von „Quokkanetz Ilmenau“ (Ilmenau, Stadt)."
    ]
    own.refresh_from_db()
    assert own.adopted_from == original
    assert own.history.latest().history_change_reason == f"als Nachnutzung von Projekt {original.pk} verknüpft"

    client.logout()
    reuser_page = client.get(own.get_absolute_url()).content.decode()
    assert (
        f'Nachnutzung von: <a class="kern-link" href="{original.get_absolute_url()}">Quokkanetz Ilmenau</a> '
        "(Ilmenau, Stadt)" in reuser_page
    )
    original_page = client.get(original.get_absolute_url()).content.decode()
    assert "Nachgenutzt von 1 Kommune:" in original_page
    assert (
        f'<a class="kern-link" href="{own.get_absolute_url()}">Pegelmessung Jena</a> (Jena, Stadt) – Planung'
        in original_page
    )

    client.force_login(jena_editor)
    client.post(url, {"adopted_from": "", "revision": own.revision})
    own.refresh_from_db()
    assert own.adopted_from is None
    assert "Noch keine Kommune nutzt dieses Projekt nach." in client.get(original.get_absolute_url()).content.decode()


def test_no_cycles_and_no_drafts_can_be_linked(client, original, make_project, jena, ilmenau, jena_editor):
    copy = services.adopt_project(original, territory=jena, by=jena_editor)
    copy = services.update_project(
        copy,
        expected_revision=copy.revision,
        by=jena_editor,
        title="Quokkanetz Jena",
        summary="Jena nutzt es.",
        problem="",
    )
    services.publish_project(copy, by=jena_editor)
    grandchild = services.adopt_project(copy, territory=ilmenau, by=None)
    draft = services.create_project(
        by=jena_editor,
        lead_territory=jena,
        title="Entwurf",
        summary="Noch nicht öffentlich.",
        primary_domain=original.primary_domain,
    )
    assert lineage.descendant_ids(original) == {copy.pk, grandchild.pk}
    assert set(Project.objects.filter(pk__in=[copy.pk, grandchild.pk]).values_list("pk", flat=True)) == {
        copy.pk,
        grandchild.pk,
    }

    for source, message in [
        (original, "Ein Projekt kann nicht sich selbst nachnutzen."),
        (copy, "„Quokkanetz Jena“ nutzt dieses Projekt selbst nach; es kann nicht zugleich sein Original sein."),
        (draft, "Verknüpfen lässt sich nur ein veröffentlichtes Projekt."),
    ]:
        with pytest.raises(services.ReuseLinkRefused) as refusal:
            services.link_reuse(original, source=source, expected_revision=original.revision, by=None)
        assert refusal.value.messages == [message]

    # The page neither offers nor accepts them.
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    url = reverse("projects:reuse_edit", args=[original.pk])
    assert client.get(url, {"suche": "Quokkanetz"}).context["form"].candidates == []
    response = client.post(url, {"adopted_from": copy.pk, "revision": original.revision})
    assert response.status_code == 200
    assert response.context["form"].errors["adopted_from"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]
    original.refresh_from_db()
    assert original.adopted_from is None


def test_only_people_who_may_change_the_reusing_project_may_link_it(client, original, make_project, jena, jena_editor):
    own = make_project(jena, title="Pegelmessung Jena", summary="Jena misst Pegel.", by=jena_editor)
    url = reverse("projects:reuse_edit", args=[own.pk])
    assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"adopted_from": original.pk, "revision": own.revision}).status_code == 403
    own.refresh_from_db()
    assert own.adopted_from is None
    # The original's editors may not claim the re-use either: it is Jena's project.
    ilmenau_editor = UserFactory()
    territory_roles.grant_territory_role(
        user=ilmenau_editor, territory=original.lead_territory, role=TerritoryRoleKind.EDITOR
    )
    client.force_login(ilmenau_editor)
    assert client.post(url, {"adopted_from": original.pk, "revision": own.revision}).status_code == 403


def test_an_unchanged_save_writes_nothing_and_a_stale_one_is_a_conflict(
    client, original, make_project, jena, jena_editor
):
    own = make_project(jena, title="Pegelmessung Jena", summary="Jena misst Pegel.", by=jena_editor)
    services.link_reuse(own, source=original, expected_revision=own.revision, by=jena_editor)
    own.refresh_from_db()
    history = own.history.count()
    client.force_login(jena_editor)
    url = reverse("projects:reuse_edit", args=[own.pk])
    assert client.post(url, {"adopted_from": original.pk, "revision": own.revision}).status_code == 302
    assert Project.objects.get(pk=own.pk).revision == own.revision and own.history.count() == history

    with pytest.raises(EditConflict):
        services.link_reuse(own, source=None, expected_revision=own.revision - 1, by=jena_editor)
    response = client.post(url, {"adopted_from": "", "revision": own.revision - 1})
    assert "Jemand anderes hat inzwischen gespeichert" in response.content.decode()
    assert Project.objects.get(pk=own.pk).adopted_from == original


def test_a_withdrawn_original_is_not_named(client, original, jena, jena_editor):
    copy = services.adopt_project(original, territory=jena, by=jena_editor)
    services.unpublish_project(original, by=None)
    client.force_login(jena_editor)
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "Nachnutzung eines Projekts, das derzeit nicht veröffentlicht ist." in page
    assert original.get_absolute_url() not in page


# --- query counts ---------------------------------------------------------------------------------------


def test_lineage_pages_read_a_fixed_number_of_queries(
    client, original, make_project, jena, ilmenau, jena_editor, django_assert_max_num_queries
):
    """The counts do not grow with the number of re-uses or search results (measured: 17, 14, 13, 7)."""
    copies = [services.adopt_project(original, territory=jena, by=jena_editor) for _ in range(3)]
    own = make_project(jena, title="Pegelmessung Jena", summary="Jena misst Pegel.", by=jena_editor)
    for index in range(4):
        make_project(ilmenau, title=f"Quokkanetz Variante {index}", summary="Sensoren im Quokkanetz.")
    client.force_login(jena_editor)
    with django_assert_max_num_queries(17):  # the original with three re-uses
        assert client.get(original.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):  # a copy with its original and the rewrite check
        assert client.get(copies[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(13):
        response = client.get(reverse("projects:reuse_edit", args=[copies[0].pk]), {"suche": "Quokkanetz"})
    assert len(response.context["form"].candidates) == 5  # the variants and its original; not the other copies
    with django_assert_max_num_queries(13):
        response = client.get(reverse("projects:reuse_edit", args=[own.pk]), {"suche": "Quokkanetz"})
    assert len(response.context["form"].candidates) == 5
    client.logout()
    with django_assert_max_num_queries(7 + KEPT_COLD):  # a visitor's page is kept (core.pagecache)
        assert client.get(original.get_absolute_url()).status_code == 200
