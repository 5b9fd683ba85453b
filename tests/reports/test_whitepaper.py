"""Issue 22: the coordinators' white paper of a network: the same sections on the page, in the PDF and in the
editable DOCX, from the members' assessments, needs, funding gaps with recommendations, look-alike projects,
participation and re-used projects."""

import io

import pytest
from django.urls import reverse

from smartregion.matching import services as matching_services
from smartregion.projects import services as project_services
from smartregion.taxonomy.models import Domain

from ..matching.test_funding_gaps import gap_network  # noqa: F401  (the funding-gap gap_network: a network of three)


@pytest.fixture
def network_with_recommendations(gap_network):  # noqa: F811
    network, coordinator, admin = gap_network["network"], gap_network["coordinator"], gap_network["admin"]
    matching_services.save_recommendation(
        network=network,
        grouping="handlungsfeld",
        key="gesundheit-pflege",
        text="Ein Landesprogramm Telepflege für Bayern",
        expected_revision=0,
        by=coordinator,
    )
    mobility = Domain.objects.get(key="mobilitaet")
    for member in (gap_network["munich"], network.members.get(territory__ags="16053000").territory):
        project = project_services.create_project(
            by=admin,
            lead_territory=member,
            title=f"Parkleitsystem mit Parksensoren {member.short_name}",
            summary="Sensoren melden freie Parkplätze an ein Parkleitsystem.",
            primary_domain=mobility,
            keywords=["Parksensoren"],
        )
        project_services.publish_project(project, by=admin)
    return gap_network


def test_the_page_names_gaps_shared_services_participation_and_recommendations(client, network_with_recommendations):
    network = network_with_recommendations["network"]
    client.force_login(network_with_recommendations["coordinator"])
    html = client.get(reverse("reports:whitepaper", args=[network.slug])).content.decode()
    assert "Weißbuch Lückennetz" in html
    assert "Von 3 Bedarfen der Mitglieder finden 2 weder ein passendes Förderprogramm" in html
    assert "München: Telemedizin in Pflegeheimen" in html  # a funding gap with its example
    assert "Parkleitsystem mit Parksensoren Jena" in html and "Parkleitsystem mit Parksensoren München" in html
    assert "Ein Landesprogramm Telepflege für Bayern" in html
    assert "Teilnahmen an Netzwerkveranstaltungen je Mitglied" in html
    network_page = client.get(network.get_absolute_url()).content.decode()
    assert reverse("reports:whitepaper", args=[network.slug]) in network_page  # linked for the coordinator


def test_pdf_and_docx_carry_the_same_content(client, network_with_recommendations):
    import docx
    from pypdf import PdfReader

    network = network_with_recommendations["network"]
    client.force_login(network_with_recommendations["coordinator"])
    pdf = client.get(reverse("reports:whitepaper_pdf", args=[network.slug]))
    assert pdf["Content-Type"] == "application/pdf" and "weissbuch-luecken-" in pdf["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Förderlücken" in text and "Telepflege" in text
    word = client.get(reverse("reports:whitepaper_docx", args=[network.slug]))
    document = docx.Document(io.BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "4. Förderlücken" in headings and "8. Empfehlungen der Koordination" in headings
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Ein Landesprogramm Telepflege für Bayern" in body and "München: Telemedizin in Pflegeheimen" in body


def test_print_lists_the_most_active_members_and_says_how_many_more_are_on_the_page(
    client, network_with_recommendations, monkeypatch
):
    import docx
    from pypdf import PdfReader

    from smartregion.reports import whitepaper

    monkeypatch.setattr(whitepaper, "PRINT_MEMBER_ROWS", 1)  # a network of three: one printed, two on the page
    network = network_with_recommendations["network"]
    client.force_login(network_with_recommendations["coordinator"])
    page = client.get(reverse("reports:whitepaper", args=[network.slug])).content.decode()
    assert "Gedruckt sind" not in page  # the page lists every member
    pdf = client.get(reverse("reports:whitepaper_pdf", args=[network.slug]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Gedruckt sind die 1 aktivsten Mitglieder; 2 weitere stehen auf der Seite des Weißbuchs" in " ".join(
        text.split()
    )
    word = client.get(reverse("reports:whitepaper_docx", args=[network.slug]))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert any(p.startswith("Gedruckt sind die 1 aktivsten Mitglieder; 2 weitere") for p in paragraphs)
