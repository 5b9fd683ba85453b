"""A coordinator opens the network dashboard (issue 22): the maps carry their title and legend, the place names and
legend entries do not overlap, every chart has its table, and the page passes axe."""

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def _boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); "
        "return {x: r.x, y: r.y, w: r.width, h: r.height, text: n.textContent}; })"
    )


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            if (
                a["x"] < b["x"] + b["w"]
                and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]
            ):
                pairs.append((a["text"], b["text"]))
    return pairs


def test_coordinator_sees_maps_with_title_legend_and_names_that_do_not_overlap(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.assessments import services
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    admin = UserFactory(is_superuser=True)
    coordinator = UserFactory(email="koordination@netz.example")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    members = list(
        Territory.objects.filter(kind="gemeinde", kreis__ars__in=["16070", "16071", "16073"]).order_by("ars")
    )
    chosen = [t for t in members if t.kreis.ars == "16070"][:5]  # enough for the Ilm-Kreis's own value
    chosen += [t for t in members if t.kreis.ars == "16071"][:3] + [t for t in members if t.kreis.ars == "16073"][:2]
    for level, territory in enumerate(chosen):
        network_services.add_member(network, territory, by=admin)
        assessment = services.start_assessment(territory=territory, cycle=2026, by=admin)
        assessment.answers.update(current_level=level % 5, target_level=4)
        services.submit_assessment(assessment=assessment, by=admin)

    log_in(page, live_server.url, coordinator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/selbsteinschaetzung/netzwerk/thueringen/")
    kreis_map = page.locator("#maps-heading ~ figure.svg-map").first
    expect(kreis_map.locator("text", has_text="Durchschnittlicher Gesamtindex nach Kreis")).to_be_visible()
    expect(kreis_map.locator("text", has_text="Gesamtindex (0–100)")).to_be_visible()
    expect(kreis_map.get_by_text("zu wenige Werte", exact=True)).to_be_visible()
    expect(kreis_map.locator("text", has_text="Ilm-Kreis")).to_be_visible()
    expect(page.locator("#pooling-note")).to_contain_text("zum Land zusammengefasst")

    svg_box = kreis_map.locator("svg").bounding_box()
    texts = _boxes(page, "#maps-heading ~ figure.svg-map >> nth=0 >> svg text")
    assert texts and all(
        svg_box["x"] - 1 <= t["x"] and t["x"] + t["w"] <= svg_box["x"] + svg_box["width"] + 1 for t in texts
    )  # nothing runs out of the map's frame
    assert _overlapping(texts) == []  # title, names, legend and notes: no two texts on top of each other
    swatches = _boxes(page, "#maps-heading ~ figure.svg-map >> nth=0 >> svg rect[width='34']")
    assert len({round(s["y"]) for s in swatches}) <= 2 and len(swatches) >= 7  # a horizontal legend, in rows
    for chart in ("chart-activity", "chart-domains", "chart-dimensions"):
        expect(page.locator(f"svg[aria-labelledby='{chart}-title']")).to_be_visible()
    assert serious_accessibility_violations(page) == []
