"""Metadata quality of the data inventory: which recommended fields each holding lacks, a score, a link to fix."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.opendata import quality, services
from smartregion.territories import roles as territory_roles

from ..factories import UserFactory

COMPLETE = {
    "description": "Zählstellen an allen Einfallstraßen, stündliche Werte je Fahrtrichtung, seit 2020 erhoben.",
    "contact_email": "verkehr@jena.example", "theme": "TRAN", "licence": "dl-by-de/2.0", "attribution": "Stadt Jena",
    "frequency": "MONTHLY", "temporal_start": datetime.date(2020, 1, 1), "standards": "DATEX II",
    "keywords": "Verkehr", "publisher": "Tiefbauamt", "access": "open",
    "distributions": [{"access_url": "https://daten.jena.example/z.csv", "file_type": "CSV"}],
}  # fmt: skip


def _editor(territory):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=territory, role=TerritoryRoleKind.EDITOR)
    return user


@pytest.fixture
def holdings(jena):
    from smartregion.taxonomy.models import Domain

    editor = _editor(jena)
    complete = services.create_dataset(territory=jena, by=editor, title="Verkehrszählung",
                                       domain=Domain.objects.get(key="mobilitaet"), **COMPLETE)  # fmt: skip
    sparse = services.create_dataset(territory=jena, by=editor, title="Baumkataster", description="Bäume",
                                     publisher="Grünflächenamt", theme="ENVI", access="internal")  # fmt: skip
    return editor, complete, sparse


def test_a_complete_record_scores_100_and_a_sparse_one_names_what_is_missing(holdings):
    _editor, complete, sparse = holdings
    assert quality.rate(complete).score == 100 and quality.rate(complete).missing == []
    missing = {check.key for check in quality.rate(sparse).missing}
    # dl-by-de/2.0 is the default licence: it asks for attribution
    assert missing == {"contact", "distribution", "keywords", "frequency", "temporal", "domain", "attribution",
                       "standards", "description"}  # fmt: skip
    assert quality.rate(sparse).score == round(100 * 1 / len(quality.CHECKS))  # only the open licence
    summary = quality.of_territory(complete.territory)
    assert [rating.dataset for rating in summary.ratings] == [sparse, complete]  # the weakest first
    assert summary.score == round((100 + quality.rate(sparse).score) / 2)


def test_the_editor_sees_the_score_and_a_link_to_fix_each_gap(client, holdings):
    editor, complete, sparse = holdings
    client.force_login(editor)
    page = client.get(reverse("opendata:quality", args=[sparse.territory.code])).content.decode()
    edit = reverse("opendata:edit", args=[sparse.pk])
    for check in quality.rate(sparse).missing:
        assert f'href="{edit}#id_{check.field}"' in page
    form = client.get(edit).content.decode()
    assert all(f'id="id_{check.field}"' in form for check in quality.CHECKS)  # every link lands on its field
    assert reverse("opendata:edit", args=[complete.pk]) not in page  # nothing to fix there
    inventory = client.get(reverse("opendata:territory", args=[sparse.territory.code])).content.decode()
    assert reverse("opendata:quality", args=[sparse.territory.code]) in inventory


def test_visitors_and_other_editors_see_no_score(client, holdings, ilmenau):
    _editor_, _complete, sparse = holdings
    code = sparse.territory.code
    assert "Metadatenqualität" not in client.get(reverse("opendata:territory", args=[code])).content.decode()
    client.force_login(_editor(ilmenau))
    assert "Metadatenqualität" not in client.get(reverse("opendata:territory", args=[code])).content.decode()
    assert client.get(reverse("opendata:quality", args=[code])).status_code == 403


def test_the_network_coordinator_sees_the_members_scores(client, holdings, ilmenau):
    _editor_, complete, sparse = holdings
    coordinator = UserFactory()
    network = network_services.create_network(name="Datennetz", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    network_services.add_member(network, complete.territory)
    network_services.add_member(network, ilmenau)
    client.force_login(coordinator)
    summary, members = quality.of_network(network)
    assert summary.score == quality.of_territory(complete.territory).score
    assert [(member.territory, member.summary.score) for member in members] == sorted(
        [(complete.territory, summary.score), (ilmenau, None)], key=lambda pair: pair[0].name
    )
    page = client.get(reverse("opendata:network_quality", args=[network.slug])).content.decode()
    assert complete.territory.name in page and f"{summary.score} von 100" in page
    data_map = client.get(reverse("opendata:network_map", args=[network.slug])).content.decode()
    assert reverse("opendata:network_quality", args=[network.slug]) in data_map


def test_the_quality_page_reads_a_fixed_number_of_queries(client, jena):
    editor = _editor(jena)
    client.force_login(editor)
    url = reverse("opendata:quality", args=[jena.code])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.create_dataset(territory=jena, by=editor, title="Eins", description="d", publisher="Amt", theme="REGI")
    one = count()
    for number in range(2):
        services.create_dataset(territory=jena, by=editor, title=f"Mehr {number}", description="d", publisher="Amt",
                                theme="REGI", distributions=[{"access_url": "https://x.example/a.csv",
                                                              "file_type": "CSV"}])  # fmt: skip
    assert count() == one
