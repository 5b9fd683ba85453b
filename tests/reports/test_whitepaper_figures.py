"""Issue 22: the white paper shows the dashboard's charts and maps — on the page and in the PDF as SVG, in the
DOCX as pictures (rasterised by reports.images) — each with its table."""

import io

from django.urls import reverse

from smartregion.reports.images import svg_png

from ..matching.test_funding_gaps import gap_network  # noqa: F401  (the funding-gap gap_network: a network of three)


def test_page_pdf_and_docx_carry_the_kreis_map_and_the_participation_chart(client, gap_network):  # noqa: F811
    import docx
    from PIL import Image
    from pypdf import PdfReader

    network = gap_network["network"]
    client.force_login(gap_network["coordinator"])
    html = client.get(reverse("reports:whitepaper", args=[network.slug])).content.decode()
    assert 'aria-labelledby="wp-kreis-map-title"' in html and 'aria-labelledby="wp-activity-title"' in html
    assert ">Gesamtindex (0–100)</text>" in html  # the legend is part of the map's SVG
    assert "Gesamtindex nach Kreis (dieselben Zahlen wie in der Karte)" in html
    pdf = client.get(reverse("reports:whitepaper_pdf", args=[network.slug]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Durchschnittlicher Gesamtindex nach Kreis" in text and "keine Selbsteinschätzung" in text
    document = docx.Document(io.BytesIO(client.get(reverse("reports:whitepaper_docx", args=[network.slug])).content))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Durchschnittlicher Gesamtindex nach Kreis" in captions
    assert "Beteiligung: Anteil der Mitglieder in Prozent" in captions
    assert len(document.inline_shapes) >= 2
    picture = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(document.part.related_parts[picture].blob))
    assert image.format == "PNG" and image.width >= 1400


def test_the_rasteriser_draws_fills_hatch_and_text():
    from PIL import Image

    svg = (
        '<figure><svg viewBox="0 -10 100 60" xmlns="http://www.w3.org/2000/svg"><title>t</title>'
        '<defs><pattern id="k-hatch"/></defs>'
        '<rect x="0" y="-10" width="100" height="60" fill="#ffffff"/>'
        '<path d="M0,0L40,0L40,40L0,40Z" fill="#045a8d" stroke="#5c6a9a"/>'
        '<path d="M50,0L90,0L90,40L50,40Z" fill="url(#k-hatch)"/>'
        '<text x="10" y="48" font-size="8" fill="#1b1f2a">Jena</text></svg></figure>'
    )
    image = Image.open(io.BytesIO(svg_png(svg, width_px=200))).convert("RGB")
    assert image.size == (200, 120)
    assert image.getpixel((40, 60)) == (4, 90, 141)  # the dark fill
    hatch = {image.getpixel((x, 60)) for x in range(110, 170)}
    assert (255, 255, 255) in hatch and (122, 128, 145) in hatch  # white with grey lines
    text = {image.getpixel((x, y)) for x in range(20, 60) for y in range(100, 118)}
    assert any(sum(pixel) < 300 for pixel in text)  # the name is drawn


def test_a_chart_with_markup_and_control_characters_in_its_labels_is_drawn():
    from django.template.loader import render_to_string

    from smartregion.assessments import charts

    label = "<xss-probe>\"'><script>x()</script> & Co\x01"
    chart = charts.bar_chart(title="Titel & <b>", rows=[(label, 42.0, 5)])
    markup = render_to_string("assessments/includes/bar_chart.html", {"chart": chart, "chart_id": "c"})
    assert "<script>" not in markup
    assert svg_png(markup, width_px=400).startswith(b"\x89PNG")
