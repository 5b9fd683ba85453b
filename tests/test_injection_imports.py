"""Injection payloads in every import column: reported with their rows or stored, and shown escaped.

Apart from tests/test_injection.py, whose module-wide world has every text field poisoned.
"""

import io
import re

import pytest
from django.urls import reverse

from smartregion.projects.models import Project

from .factories import UserFactory
from .test_injection import MARKER, PAYLOAD


def _post_file(client, url, content: bytes, name="liste.csv", **extra):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"file": upload, **extra})


@pytest.mark.django_db
def test_payloads_in_every_import_column_are_reported_and_shown_escaped(client):
    from .projects.test_import import GOOD, TEMPLATE_COLUMNS, make_csv

    client.force_login(UserFactory(is_superuser=True))
    everything = make_csv([dict.fromkeys(TEMPLATE_COLUMNS, PAYLOAD)] * 2)
    report = _post_file(client, reverse("projects:import"), everything).content.decode()
    assert "nichts wurde gespeichert" in report and "Zeile 3" in report
    assert MARKER not in report
    free_text = {"titel": PAYLOAD, "kurzbeschreibung": PAYLOAD, "problem": PAYLOAD, "partner": PAYLOAD,
                 "stichworte": PAYLOAD.replace("|", "/")}  # fmt: skip
    imported = _post_file(client, reverse("projects:import"), make_csv([{**GOOD, **free_text}]), publish="on")
    assert "1 angelegt" in imported.content.decode(), re.findall(r"Zeile[^<]{0,200}", imported.content.decode())
    project = Project.objects.get(title=PAYLOAD[:200])
    client.logout()
    for page in (project.get_absolute_url(), reverse("projects:catalog") + "?q=xss"):
        body = client.get(page).content.decode()
        assert MARKER not in body and "<script>xss_probe" not in body
    assert "&lt;xss-probe&gt;" in client.get(project.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_payloads_in_the_data_inventory_import_come_back_escaped(client, jena):
    from .opendata.test_inventory import HEADER, _editor

    client.force_login(_editor(jena))
    row = ";".join(PAYLOAD.replace(";", ",") for _ in HEADER.split(";"))
    report = _post_file(client, reverse("opendata:import", args=[jena.code]), f"{HEADER}\n{row}\n".encode())
    assert report.status_code == 200 and MARKER not in report.content.decode()
