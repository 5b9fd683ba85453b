"""Guides: versions with a diff, review dates, attachments checked by content, shown in context, exported."""

import io
import json
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from smartregion.assessments import services as assessment_services
from smartregion.core.concurrency import EditConflict
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain
from smartregion.toolkit import services
from smartregion.toolkit.models import Guide, Recommendation

from ..factories import UserFactory


def _form(guide, **changes):
    data = {
        "title": guide.title,
        "kind": guide.kind,
        "summary": guide.summary,
        "body": guide.body,
        "authors": guide.authors,
        "as_of": guide.as_of.isoformat(),
        "review_due": guide.review_due.isoformat(),
        "published": "on" if guide.published else "",
        "revision": guide.revision,
        "dimension_keys": guide.dimension_keys,
        "phases": guide.phases,
        "agenda_parts": guide.agenda_parts,
    }
    return {key: value for key, value in (data | changes).items() if value not in ("", None)}


def test_a_guide_edited_twice_keeps_every_version_and_shows_the_diff(client, coordinator, make_guide):
    guide = make_guide()
    client.force_login(coordinator)
    url = reverse("toolkit:guide_edit", args=[guide.slug])
    first = client.post(
        url, _form(guide, body="## Einleitung\n\nErste Zeile.\n\nNeue zweite Zeile.", change_reason="Zeile 2")
    )
    assert first.status_code == 302
    guide.refresh_from_db()
    assert client.post(url, _form(guide, title="Ein besserer Leitfaden")).status_code == 302
    assert guide.history.count() == 3
    versions = client.get(reverse("toolkit:guide_versions", args=[guide.slug])).content.decode()
    assert "Änderungen von Version 2 zu Version 3" in versions and "Ein besserer Leitfaden" in versions
    second = guide.history.order_by("history_date")[1]
    diff = client.get(reverse("toolkit:guide_versions", args=[guide.slug]), {"neu": second.history_id}).content.decode()
    assert "Änderungen von Version 1 zu Version 2" in diff and "Zeile 2" in diff
    assert (
        '<del class="diff-line diff-line--removed"><span class="kern-sr-only">entfernt: </span>Zweite Zeile.</del>'
        in diff
    )
    assert (
        '<ins class="diff-line diff-line--added"><span class="kern-sr-only">hinzugefügt: </span>'
        "Neue zweite Zeile.</ins>" in diff
    )


def test_a_stale_edit_is_a_conflict_not_an_overwrite(client, coordinator, make_guide):
    guide = make_guide()
    stale = guide.revision
    services.update_guide(guide, expected_revision=stale, by=coordinator, body="Von Anna")
    client.force_login(coordinator)
    response = client.post(
        reverse("toolkit:guide_edit", args=[guide.slug]), _form(guide, body="Von Ben", revision=stale)
    )
    assert response.status_code == 200 and "Jemand anderes hat inzwischen gespeichert" in response.content.decode()
    assert Guide.objects.get(pk=guide.pk).body == "Von Anna"
    with pytest.raises(EditConflict):
        services.update_guide(Guide.objects.get(pk=guide.pk), expected_revision=stale, by=coordinator, body="x")


def test_dates_on_the_page_and_overdue_guides_for_coordinators(client, coordinator, make_guide):
    today = timezone.localdate()
    make_guide("aktuell", title="Aktueller Leitfaden", review_due=today + timedelta(days=30))
    old = make_guide("alt", title="Alter Leitfaden", as_of=date(2020, 1, 1), review_due=today - timedelta(days=1))
    page = client.get(old.get_absolute_url()).content.decode()
    assert "1. Januar 2020" in page and "Prüfung überfällig" in page
    assert client.get(reverse("toolkit:review")).status_code == 302  # login first
    client.force_login(UserFactory())
    assert client.get(reverse("toolkit:review")).status_code == 403
    client.force_login(coordinator)
    review = client.get(reverse("toolkit:review")).content.decode()
    assert "Alter Leitfaden" in review and "Aktueller Leitfaden" not in review
    assert "1 Leitfaden ist zu prüfen" in client.get(reverse("toolkit:index")).content.decode()


def test_drafts_are_only_for_curators(client, coordinator, make_guide):
    draft = make_guide("entwurf", title="Geheimer Entwurf", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheimer Entwurf" not in client.get(reverse("toolkit:index")).content.decode()
    assert "Geheimer Entwurf" not in client.get(reverse("search"), {"q": "Geheimer"}).content.decode()
    assert "Geheimer" not in client.get(reverse("toolkit:export", args=["leitfaeden", "json"])).content.decode()
    client.force_login(coordinator)
    assert client.get(draft.get_absolute_url()).status_code == 200


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_attachments_are_checked_by_content_and_downloadable(client, coordinator, make_guide):
    guide = make_guide()
    client.force_login(coordinator)
    url = reverse("toolkit:attachment_upload", args=[guide.slug])
    disguised = SimpleUploadedFile("vorlage.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(url, {"kind": "document", "title": "Falsch", "file": disguised}, follow=True)
    assert "Erlaubt sind PDF-, Word-, Excel-" in response.content.decode() and not guide.attachments.exists()
    svg = SimpleUploadedFile("bild.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/png")
    client.post(url, {"kind": "image", "title": "SVG", "file": svg})
    assert not guide.attachments.exists()
    template = SimpleUploadedFile("vorlage.xlsx", _xlsx(), "application/octet-stream")
    client.post(url, {"kind": "document", "title": "Vorlage Maßnahmenplan", "file": template})
    attachment = guide.attachments.get()
    assert attachment.content_type.endswith("spreadsheetml.sheet") and attachment.extension == "xlsx"
    client.logout()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    with attachment.file.open("rb") as stored:
        assert b"".join(download.streaming_content) == stored.read()


def test_recommendations_with_examples_from_the_catalog(client, coordinator, jena, db):
    # The shipped example lies in NRW, outside the test register: a published project of that title stands in.
    admin = UserFactory(is_superuser=True)
    project = project_services.create_project(
        by=admin, lead_territory=jena, title="digital.interkommunal Lemgo und Kalletal", summary="Kooperation",
        primary_domain=Domain.objects.get(key="verwaltung"),
    )  # fmt: skip
    project_services.publish_project(project, by=admin)
    services.load_toolkit()
    recommendation = Recommendation.objects.get(slug="gemeinsam-statt-allein")
    examples = list(recommendation.example_projects.all())
    assert [project.title for project in examples] == ["digital.interkommunal Lemgo und Kalletal"]
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Beispiele aus dem Projektkatalog" in page and examples[0].get_absolute_url() in page
    listing = client.get(reverse("toolkit:recommendations"), {"phase": "evaluation"}).content.decode()
    assert "Wirkung messen und offen berichten" in listing and "Nachnutzen, was anderswo" not in listing
    client.force_login(coordinator)
    response = client.post(
        reverse("toolkit:recommendation_create"),
        {"slug": "neu", "position": 11, "title": "Neue Empfehlung", "why": "w", "how": "h", "phase": "konzept",
         "example_projects": "999999"},
    )  # fmt: skip
    assert "Kein veröffentlichtes Projekt mit der Nummer 999999" in response.content.decode()


def test_loading_the_toolkit_twice_keeps_edits(toolkit, coordinator):
    guide = Guide.objects.get(slug="bestandsaufnahme-digitaler-projekte")
    assert guide.attachments.get().title == "Vorlage Bestandsaufnahme (Excel)"
    services.update_guide(guide, expected_revision=guide.revision, by=coordinator, title="Eigene Fassung")
    assert services.load_toolkit() == 0
    assert Guide.objects.get(pk=guide.pk).title == "Eigene Fassung" and guide.attachments.count() == 1
    assert Recommendation.objects.count() == 10


def test_questionnaire_cells_link_to_their_guides(client, toolkit, jena):
    editor = UserFactory()
    from smartregion.accounts.enums import TerritoryRoleKind
    from smartregion.territories import roles as territory_roles

    territory_roles.grant_territory_role(user=editor, territory=jena, role=TerritoryRoleKind.EDITOR)
    assessment = assessment_services.start_assessment(territory=jena, cycle=2026, by=editor)
    client.force_login(editor)
    page = client.get(reverse("assessments:questionnaire", args=[assessment.pk, "daten-plattformen"])).content.decode()
    data_guide = Guide.objects.get(slug="kommunale-daten-strategisch-nutzen").get_absolute_url()
    team_guide = Guide.objects.get(slug="selbsteinschaetzung-im-team").get_absolute_url()
    assert page.count(f'href="{team_guide}"') == 6  # tagged with all six dimensions
    assert page.count(f'href="{data_guide}"') == 1  # the Daten cell of its own Handlungsfeld only
    other = client.get(reverse("assessments:questionnaire", args=[assessment.pk, "mobilitaet"])).content.decode()
    assert data_guide not in other


def test_exports_are_valid_csv_and_json(client, toolkit):
    records = json.loads(client.get(reverse("toolkit:export", args=["leitfaeden", "json"])).content)
    assert {record["slug"] for record in records} >= {
        "bestandsaufnahme-digitaler-projekte",
        "selbsteinschaetzung-im-team",
    }
    assert all(record["text_markdown"] and record["stand"] for record in records)
    text = client.get(reverse("toolkit:export", args=["empfehlungen", "csv"])).content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("slug;nummer;titel;warum") and len(text.splitlines()) == 11


def test_list_and_search_read_a_fixed_number_of_queries(client, toolkit, make_guide, django_assert_max_num_queries):
    for number in range(15):
        make_guide(f"weiterer-{number}", title=f"Weiterer Leitfaden {number}", body="Daten und mehr")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("toolkit:index")).status_code == 200
    with django_assert_max_num_queries(6):
        client.get(reverse("toolkit:recommendations"))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("search"), {"q": "Daten"})
    text = response.content.decode()
    assert 'id="treffer-leitfaeden"' in text and 'id="treffer-empfehlungen"' in text and 'id="treffer-glossar"' in text


def test_the_guide_list_filters_by_kind_phase_field_and_dimension(client, toolkit):
    def titles(**params) -> set[str]:
        page = client.get(reverse("toolkit:index"), params).content.decode()
        return {guide.title for guide in Guide.objects.filter(published=True) if guide.get_absolute_url() in page}

    everything = titles()
    assert len(everything) == Guide.objects.filter(published=True).count() > 3
    assert titles(kind="checkliste") == set(
        Guide.objects.filter(published=True, kind="checkliste").values_list("title", flat=True)
    )
    in_practice = {guide.title for guide in Guide.objects.filter(published=True) if "umsetzung" in guide.phases}
    assert titles(phase="umsetzung") == in_practice and 0 < len(in_practice) < len(everything)
    about_data = {guide.title for guide in Guide.objects.filter(published=True, domains__key="daten-plattformen")}
    assert titles(domain="daten-plattformen") == about_data and about_data
    team = Guide.objects.get(slug="selbsteinschaetzung-im-team")
    dimension = team.dimension_keys[0]
    tagged = {guide.title for guide in Guide.objects.filter(published=True) if dimension in guide.dimension_keys}
    assert titles(dimension=dimension) == tagged and team.title in tagged
    # A value the list does not offer is an error shown at the field; the list then applies the valid filters.
    page = client.get(reverse("toolkit:index"), {"kind": "roman", "phase": "umsetzung"}).content.decode()
    assert 'id="id_kind_error"' in page
    assert titles(kind="roman", phase="umsetzung") == in_practice
