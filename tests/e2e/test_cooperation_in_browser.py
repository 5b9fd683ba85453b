"""A coordinator opens the network dashboard (issue 22) and finds the candidates for a shared service with the money
the members plan, and the partners per member; the measures link to their pages, and the page passes axe."""

from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from .conftest import log_in, serious_accessibility_violations


def test_coordinator_sees_shared_services_with_money_and_partners(page, live_server, thuringia):
    from django.core.management import call_command

    from smartregion.agendas import services as agenda_services
    from smartregion.agendas.enums import BudgetSource
    from smartregion.agendas.services import MeasurePlan
    from smartregion.needs import services as need_services
    from smartregion.network import roles as network_roles
    from smartregion.network import services as network_services
    from smartregion.taxonomy.models import Domain
    from smartregion.territories.models import Territory
    from tests.factories import TEST_PASSWORD, UserFactory

    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    admin = UserFactory(is_superuser=True)
    coordinator = UserFactory(email="koordination@netz.example")
    network = network_services.create_network(name="Netzwerk Thüringen", slug="thueringen", by=admin)
    network_roles.grant_network_role(user=coordinator, network=network)
    platform, mobility = Domain.objects.get(key="daten-plattformen"), Domain.objects.get(key="mobilitaet")
    for ags, amount in (("16053000", 250000), ("16051000", None)):  # Jena, Erfurt
        member = Territory.objects.get(kind="gemeinde", ags=ags)
        network_services.add_member(network, member, by=admin)
        agenda = agenda_services.create_agenda(
            territory=member, title=f"Agenda {member.short_name}", start_year=2026, target_year=2030, by=admin
        )
        budgets = {(2026, BudgetSource.OWN_SHARE): Decimal(amount)} if amount else {}
        agenda_services.add_measure(
            agenda,
            by=admin,
            plan=MeasurePlan(domains=[platform], budgets=budgets),
            title=f"Urbane Datenplattform {member.short_name}",
            description="Offene urbane Datenplattform für Sensordaten und Verkehrsdaten.",
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
        need_services.create_need(territory=member, by=admin, title="Rufbus am Abend für die Ortsteile",
                                  domains=[mobility])  # fmt: skip

    log_in(page, live_server.url, coordinator.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/selbsteinschaetzung/netzwerk/thueringen/")
    table = page.locator("table", has=page.locator("caption", has_text="Urbane Datenplattform"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="Jena")).to_contain_text("250.000 €")
    expect(table.get_by_role("row", name="Erfurt")).to_contain_text("keine Angabe")
    expect(table.locator("tfoot")).to_contain_text("250.000 €")
    partners = page.locator("details", has_text="Vorschläge je Mitglied")
    expect(partners).to_have_attribute("open", "")
    jena_row = partners.locator("tr", has=page.get_by_role("rowheader", name="Jena", exact=True))
    expect(jena_row).to_contain_text("Erfurt")  # the same need in its words
    assert serious_accessibility_violations(page) == []
    table.get_by_role("link", name="Urbane Datenplattform Jena").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Urbane Datenplattform Jena")
