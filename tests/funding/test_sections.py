"""What funding adds to other apps' pages through core.sections (ADR 0024)."""

from django.urls import reverse


def test_the_offerings_list_points_to_the_funding_programmes(client, db):
    page = client.get(reverse("offerings:list")).content.decode()
    actions = page[page.index('<p class="actions">') : page.index("</p>", page.index('<p class="actions">'))]
    assert f'href="{reverse("funding:list")}">Förderprogramme</a>' in actions
