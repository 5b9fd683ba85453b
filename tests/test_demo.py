from datetime import date

import pytest
from django.core.management import call_command

from smartregion.accounts.models import User
from smartregion.agendas.models import Agenda
from smartregion.assessments import dashboard
from smartregion.assessments.models import Assessment
from smartregion.demo.builder import ACCOUNTS, DEMO_PASSWORD
from smartregion.events.models import FollowUp, Registration, WalkInAttendee
from smartregion.needs.models import Need
from smartregion.network.models import Network, NetworkRole
from smartregion.opendata.models import Dataset
from smartregion.projects.models import Project
from smartregion.reports import whitepaper
from smartregion.territories.models import TerritoryRole

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_every_role_and_both_networks_idempotently(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    assert User.objects.filter(email__in=[account.email for account in ACCOUNTS.values()]).count() == len(ACCOUNTS)
    thuringia = Network.objects.get(slug="thueringen")
    member_names = set(thuringia.territories.values_list("short_name", flat=True))
    assert {"Jena", "Gera", "Mühlhausen/Thüringen", "Ilmenau", "Erfurt", "Dingelstädt", "Weida"} <= member_names
    assert {"Dorfregion Seltenrain", "Allianz Thüringer Becken"} <= member_names
    assert Network.objects.get(slug="bayern").territories.count() == 14
    assert TerritoryRole.objects.filter(territory__ags="16053000").count() == 2
    assert NetworkRole.objects.count() == 2
    assert User.objects.get(email=ACCOUNTS["admin"].email).is_superuser
    assert User.objects.get(email=ACCOUNTS["expert"].email).is_expert
    examples = Project.objects.filter(origin="example", lead_territory__ags="16053000")
    assert examples.count() == 2  # idempotent: seeded twice, created once
    assert examples.filter(adopted_from__isnull=False, publication="published").count() == 1
    thuringia = Network.objects.get(slug="thueringen")
    assert thuringia.events.count() == 4  # two held meetings, the next one, a workshop; seeded twice, created once
    planned = thuringia.events.filter(kind="netzwerktreffen").order_by("-starts_at").first()
    held_hosts = set(
        thuringia.events.filter(kind="netzwerktreffen").exclude(pk=planned.pk).values_list("host", flat=True)
    )
    assert planned.host_id not in held_hosts  # the rotation proposed somebody who has not hosted
    assert thuringia.partnerships.count() == 1 and thuringia.events.get(kind="workshop").cards.count() == 1
    follow_ups = FollowUp.objects.filter(event__network=thuringia)
    assert sorted(follow_ups.values_list("status", flat=True)) == ["erledigt", "in-arbeit", "offen"]
    assert [item.is_overdue for item in follow_ups.filter(status="offen")] == [True]  # the list shows one overdue
    assert WalkInAttendee.objects.filter(event__network=thuringia).count() == 1
    jena_data = Dataset.objects.filter(territory__ags="16053000")
    assert sorted(jena_data.values_list("access", flat=True)) == ["internal", "open", "restricted"]


def test_the_bavarian_network_has_assessments_needs_agendas_and_attendance_for_its_dashboard_and_white_paper():
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: nothing twice
    bavaria = Network.objects.get(slug="bayern")
    members = bavaria.territories.all()
    submitted = Assessment.objects.filter(territory__in=members, status="submitted")
    assert submitted.filter(cycle=2025).count() == 11 and submitted.filter(cycle=2024).count() == 6
    assert set(submitted.values_list("visibility", flat=True)) == {"private", "networks", "public"}
    board = dashboard.build(bavaria, with_maps=False)
    assert board.cycle == 2025 and board.assessed_count == 11 and board.overall is not None  # k ≥ 5: averages
    assert all(item.average is not None for item in board.domains)
    assert Need.objects.filter(territory__in=members, origin="entered").count() == 7
    assert Need.objects.filter(territory__in=members, origin="workshop").count() == 2
    assert Agenda.objects.filter(territory__in=members, is_example=True).count() == 5
    assert bavaria.events.count() == 4
    assert Registration.objects.filter(event__network=bavaria, attended=True).count() == 8
    coordinator = User.objects.get(email=ACCOUNTS["coordinator_by"].email)
    paper = whitepaper.build(bavaria, user=coordinator, today=date(2026, 12, 3))
    assert whitepaper.anything_to_say(paper) and paper.common_needs and paper.gaps.need_count
    labels = {service.label: service for service in paper.shared_services}
    assert {"Urbane Datenplattform", "LoRaWAN Sensornetz", "Energiemonitoring kommunaler Gebäude"} <= set(labels)
    platform = labels["Urbane Datenplattform"]
    assert platform.territories == ["Kempten (Allgäu)", "Neu-Ulm", "Regensburg"]
    assert [p.money_label for p in platform.participants] == ["310.000 €", "keine Angabe", "580.000 €"]
    assert platform.total_label == "890.000 €"
    assert paper.partners and any(item.solvers for item in paper.partners)
    assert sum(row.attendances for row in paper.dashboard.member_activity) == 8
