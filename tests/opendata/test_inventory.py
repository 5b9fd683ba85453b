"""The data inventory: editors enter and import datasets, the public sees open ones, coordinators see the map."""

from django.urls import reverse

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.network import roles as network_roles
from smartregion.network import services as network_services
from smartregion.opendata import services
from smartregion.opendata.models import Dataset
from smartregion.territories import roles as territory_roles
from smartregion.toolkit import services as toolkit_services
from smartregion.toolkit.stocktake import csv_text

from ..factories import UserFactory
from ..querycounts import KEPT_COLD

HEADER = (
    "titel;beschreibung;handlungsfeld;herausgeber;zugang;aktualisierung;formate;standards;url;raeumliche_abdeckung_ars"
)


def _editor(territory):
    user = UserFactory()
    territory_roles.grant_territory_role(user=user, territory=territory, role=TerritoryRoleKind.EDITOR)
    return user


def _upload(client, territory, text: str, name="daten.csv", encoding="utf-8"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, text.encode(encoding), "text/csv")
    return client.post(reverse("opendata:import", args=[territory.code]), {"file": upload})


def test_the_stocktake_file_imports_into_the_inventory(client, jena):
    editor = _editor(jena)
    stocktake = toolkit_services.stocktake_for(jena, by=editor)
    toolkit_services.add_entry(
        stocktake, kind="dataset", title="Fahrplan Stadtbus", by=editor,
        data={"description": "GTFS", "domain": "mobilitaet", "publisher": "Stadtwerke", "access": "open",
              "formats": "CSV, GTFS", "url": "https://daten.example/gtfs.zip", "frequency": "wöchentlich"},
    )  # fmt: skip
    client.force_login(editor)
    response = _upload(client, jena, csv_text(stocktake, "dataset"))
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    assert dataset.title == "Fahrplan Stadtbus" and dataset.theme == "TRAN" and dataset.frequency == "WEEKLY"
    assert [(d.access_url, d.file_type) for d in dataset.distributions.all()] == [
        ("https://daten.example/gtfs.zip", "CSV")
    ]


def test_import_errors_are_reported_by_row_and_nothing_is_written(client, jena):
    client.force_login(_editor(jena))
    rows = [
        HEADER,
        "Baumkataster;Alle Stadtbäume;Energie, Umwelt & Klima;Grünflächenamt;open;jährlich;CSV;;https://x.example/b.csv;",
        ";ohne Titel;;Amt;open;;;;;",
        "Baumkataster;doppelt;;Amt;open;;;;;",
        "Parkhäuser;Belegung;Mobilität & Verkehr;Stadtwerke;geheim;;;;ftp://x;",
        "Fremd;anderes Gebiet;;Amt;open;;;;;091620000000",
    ]
    response = _upload(client, jena, "\r\n".join(rows), encoding="cp1252")
    text = response.content.decode()
    for line, message in [(3, "titel fehlt"), (4, "steht schon in Zeile 2"), (5, "„geheim“: erlaubt sind"),
                          (5, "„ftp://x“ ist keine Web-Adresse"), (6, "nicht zu")]:  # fmt: skip
        assert f"Zeile {line}" in text and message in text  # with the column where a column is at fault
    assert not Dataset.objects.exists()
    missing_column = _upload(client, jena, "titel;beschreibung\r\nA;B")
    assert "Pflichtspalte fehlt: herausgeber" in missing_column.content.decode() and not Dataset.objects.exists()


def test_only_open_datasets_are_public_and_the_network_map_counts_by_theme(client, jena, ilmenau):
    editor = _editor(jena)
    common = {"territory": jena, "by": editor, "publisher": "Amt", "description": "d", "theme": "TRAN"}
    services.create_dataset(title="Offener Fahrplan", access="open", **common)
    internal = services.create_dataset(title="Interne Pläne", access="internal", **common)
    restricted = services.create_dataset(
        title="Eingeschränkte Zählung", access="restricted", **{**common, "theme": "ENVI"}
    )
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(restricted.get_absolute_url()).status_code == 404
    public_page = client.get(reverse("opendata:territory", args=[jena.code])).content.decode()
    assert "Offener Fahrplan" in public_page and "Interne Pläne" not in public_page
    coordinator = UserFactory()
    network = network_services.create_network(name="Netz", slug="netz", by=coordinator)
    network_roles.grant_network_role(user=coordinator, network=network)
    network_services.add_member(network, jena, by=coordinator)
    network_services.add_member(network, ilmenau, by=coordinator)
    network_page = client.get(reverse("network:detail", args=[network.slug])).content.decode()
    assert reverse("opendata:network_map", args=[network.slug]) in network_page  # a section of this app
    public_map = client.get(reverse("opendata:network_map", args=[network.slug]))
    assert [counts for _member, counts in public_map.context["rows"]] == [[0], [1]]  # Ilmenau, Jena: TRAN only
    client.force_login(coordinator)
    full_map = client.get(reverse("opendata:network_map", args=[network.slug]))
    assert [theme.value for theme in full_map.context["themes"]] == ["ENVI", "TRAN"]
    assert client.get(internal.get_absolute_url()).status_code == 200
    client.force_login(editor)
    assert "Interne Pläne" in client.get(reverse("opendata:territory", args=[jena.code])).content.decode()


def test_an_editor_enters_a_dataset_with_distributions_and_edits_conflict(client, jena):
    editor = _editor(jena)
    client.force_login(editor)
    form = {
        "title": "Baustellen", "description": "Aktuelle Baustellen", "theme": "TRAN", "publisher": "Tiefbauamt",
        "licence": "dl-by-de/2.0", "access": "open", "frequency": "DAILY", "url_0": "https://x.example/b.geojson",
        "format_0": "GEOJSON", "url_1": "https://x.example/b.csv",
    }  # fmt: skip
    response = client.post(reverse("opendata:create", args=[jena.code]), form)
    assert "Bitte das Format angeben." in response.content.decode()
    response = client.post(reverse("opendata:create", args=[jena.code]), {**form, "format_1": "CSV"})
    dataset = Dataset.objects.get()
    assert response.status_code == 302 and dataset.distributions.count() == 2
    edit = reverse("opendata:edit", args=[dataset.pk])
    assert client.post(edit, {**form, "format_1": "CSV", "title": "Baustellen 2026", "revision": 1}).status_code == 302
    stale = client.post(edit, {**form, "format_1": "CSV", "title": "Alt", "revision": 1})
    assert "Jemand anderes hat inzwischen gespeichert" in stale.content.decode()
    assert Dataset.objects.get().title == "Baustellen 2026"


def test_the_public_inventory_reads_a_fixed_number_of_queries(client, jena, django_assert_max_num_queries):
    editor = _editor(jena)
    for number in range(30):
        services.create_dataset(territory=jena, by=editor, title=f"Datensatz {number}", description="d",
                                publisher="Amt", theme="REGI", access="open")  # fmt: skip
    with django_assert_max_num_queries(4):
        response = client.get(reverse("opendata:inventory"))
    assert response.content.decode().count('class="project-card"') == 30


def test_the_api_lists_open_datasets_and_the_territorys_own_for_its_editors(
    client, jena, ilmenau, django_assert_max_num_queries
):
    editor = _editor(jena)
    for number in range(12):
        services.create_dataset(
            territory=ilmenau, by=editor, title=f"Offen {number}", description="d", publisher="Amt", theme="REGI",
            access="open", distributions=[{"access_url": f"https://x.example/{number}.csv", "file_type": "CSV"}],
        )  # fmt: skip
    services.create_dataset(territory=jena, by=editor, title="Intern Jena", description="d", publisher="Amt",
                            theme="REGI", access="internal")  # fmt: skip
    services.create_dataset(territory=ilmenau, by=editor, title="Intern Ilmenau", description="d", publisher="Amt",
                            theme="REGI", access="internal")  # fmt: skip
    with django_assert_max_num_queries(3 + 2 + KEPT_COLD):  # + the rate limit's counter (ADR 0019), the kept list
        anonymous = client.get(reverse("dataset-list")).json()
    assert anonymous["count"] == 12 and anonymous["results"][0]["distributions"][0]["file_type"] == "CSV"
    client.force_login(editor)
    titles = {item["title"] for item in client.get(reverse("dataset-list"), {"page_size": 100}).json()["results"]}
    assert "Intern Jena" in titles and "Intern Ilmenau" not in titles
