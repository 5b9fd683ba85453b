import pytest

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.assessments import services
from smartregion.territories import roles as territory_roles
from smartregion.territories.models import Territory

from ..factories import UserFactory


def fill(assessment, level=2, target=None, *, by, not_relevant_domains=()):
    """Answer every cell of an assessment directly (the services are tested on their own)."""
    assessment.answers.update(current_level=level, target_level=target if target is not None else level)
    if not_relevant_domains:
        assessment.answers.filter(cell__domain__key__in=not_relevant_domains).update(
            current_level=None, target_level=None, not_relevant=True
        )
    return assessment


def submitted(territory, *, level=2, cycle=2025, by, visibility="private"):
    assessment = services.start_assessment(territory=territory, cycle=cycle, by=by)
    fill(assessment, level, by=by)
    assessment.visibility = visibility
    assessment.save(update_fields=["visibility"])
    return services.submit_assessment(assessment=assessment, by=by)


@pytest.fixture
def editor(jena):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def kreis_neighbours(db):
    """Gemeinden of the Ilm-Kreis (the same Kreis), for peer groups."""
    return list(Territory.objects.filter(kind="gemeinde", kreis__ars="16070").order_by("ars"))
