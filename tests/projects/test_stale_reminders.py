"""A published project nobody changed for a year: the people of its lead territory are asked to check it, in the
daily run (send_due_notifications), once a year while it stays unchanged, never for a draft or another place's."""

import io
from datetime import date, datetime, timedelta

from django.core.management import call_command
from django.utils import timezone

from smartregion.notifications.enums import Kind
from smartregion.notifications.models import Notification
from smartregion.projects.models import Project
from smartregion.projects.reminders import stale_projects

TODAY = date(2026, 12, 5)


def _last_changed(project, day: date) -> None:
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=10))
    Project.objects.filter(pk=project.pk).update(updated_at=moment)


def _asked(person, project) -> list[str]:
    """The subjects of the questions `person` got about `project` (other projects of the place may be a year old on
    a day asked: the shipped catalogue is as old as the test database)."""
    asked = Notification.objects.filter(recipient=person, kind=Kind.STALE_PROJECT, object_id=project.pk)
    return list(asked.order_by("pk").values_list("subject", flat=True))


def test_the_people_of_the_place_are_asked_once_a_year_about_an_unchanged_project(jena, jena_editor, make_project):
    stale = make_project(jena, title="Bürger-App", by=jena_editor)
    recent = make_project(jena, title="Parkleitsystem", by=jena_editor)
    draft = make_project(jena, title="Entwurf Schul-WLAN", publish=False, by=jena_editor)
    _last_changed(stale, TODAY - timedelta(days=366))
    _last_changed(recent, TODAY - timedelta(days=200))
    _last_changed(draft, TODAY - timedelta(days=366))

    call_command("send_due_notifications", day=TODAY.isoformat(), stdout=io.StringIO())
    assert _asked(jena_editor, stale) == ["Bitte prüfen: Bürger-App"]
    assert _asked(jena_editor, recent) == _asked(jena_editor, draft) == []
    asked = Notification.objects.get(recipient=jena_editor, kind=Kind.STALE_PROJECT, object_id=stale.pk)
    assert "von Jena hat seit dem 4. Dezember 2025 niemand" in asked.body
    assert asked.link.endswith(f"/projekte/{stale.pk}/")

    stale_projects(today=TODAY + timedelta(days=1))  # the next day, within the week: nobody twice
    stale_projects(today=TODAY + timedelta(days=30))  # outside the week
    assert len(_asked(jena_editor, stale)) == 1
    stale_projects(today=TODAY + timedelta(days=365))  # still unchanged a year later: asked again
    assert len(_asked(jena_editor, stale)) == 2
    _last_changed(stale, TODAY + timedelta(days=400))  # somebody changed it
    stale_projects(today=TODAY + timedelta(days=730))
    assert len(_asked(jena_editor, stale)) == 2


def test_nobody_outside_the_lead_territory_is_asked(jena, ilmenau, jena_editor, make_project):
    from smartregion.accounts.enums import TerritoryRoleKind
    from smartregion.territories import roles as territory_roles

    from ..factories import UserFactory

    ilmenau_editor = UserFactory()
    territory_roles.grant_territory_role(user=ilmenau_editor, territory=ilmenau, role=TerritoryRoleKind.EDITOR)
    stale = make_project(jena, title="Bürger-App", by=jena_editor)
    _last_changed(stale, TODAY - timedelta(days=366))
    assert stale_projects(today=TODAY) >= 1
    assert _asked(jena_editor, stale) == ["Bitte prüfen: Bürger-App"]
    assert not Notification.objects.filter(recipient=ilmenau_editor).exists()
