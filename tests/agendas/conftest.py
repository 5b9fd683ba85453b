from datetime import date
from decimal import Decimal

import pytest

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.agendas import services
from smartregion.agendas.enums import BudgetSource
from smartregion.agendas.services import MeasurePlan
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory

OWN = BudgetSource.OWN_SHARE


@pytest.fixture
def editor(jena):
    user = UserFactory(full_name="Erik Eingabe")
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def citizen(db):
    return UserFactory(full_name="Bea Bürgerin")


@pytest.fixture
def agenda(jena, editor):
    return services.create_agenda(
        territory=jena, title="Digitale Agenda Jena", start_year=2026, target_year=2030, by=editor
    )


@pytest.fixture
def make_measure(editor):
    def make(agenda, title="Urbane Datenplattform", *, starts_on=date(2026, 3, 1), ends_on=date(2027, 6, 30), **extra):
        plan = extra.pop("plan", None) or MeasurePlan(
            budgets={(2026, OWN): Decimal("100000"), (2027, OWN): Decimal("50000")},
            milestones=[{"title": "Ausschreibung", "due_on": date(2026, 6, 30)}],
            kpis=[{"name": "offene Datensätze", "unit": "Anzahl", "baseline": Decimal(5), "target": Decimal(60)}],
        )
        return services.add_measure(
            agenda, by=editor, plan=plan, title=title, starts_on=starts_on, ends_on=ends_on, **extra
        )

    return make


@pytest.fixture
def consulting(agenda, editor):
    """The agenda in its public consultation, open today."""
    today = date.today()
    return services.open_consultation(
        agenda,
        starts_on=date.fromordinal(today.toordinal() - 1),
        ends_on=date.fromordinal(today.toordinal() + 14),
        by=editor,
    )
