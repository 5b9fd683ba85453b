import pytest

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.projects import services
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory


@pytest.fixture
def domain(db):
    return Domain.objects.get(key="mobilitaet")


@pytest.fixture
def jena_editor(jena):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def make_project(domain):
    def make(
        territory,
        *,
        title="Parksensoren in der Innenstadt",
        summary="Sensoren melden freie Parkplätze.",
        publish=True,
        by=None,
        **fields,
    ):
        project = services.create_project(
            by=by,
            lead_territory=territory,
            title=title,
            summary=summary,
            primary_domain=fields.pop("primary_domain", domain),
            **fields,
        )
        return services.publish_project(project, by=by) if publish else project

    return make
