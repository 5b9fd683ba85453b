"""Two editors press "save" at the same moment (issue 8): a measure, an assessment cell, a project.

Each pair of saves runs in two threads with their own database connections, released together by a
barrier, both starting from the same loaded revision. Exactly one save wins; the other gets an
EditConflict carrying both versions (theirs: the winner's, mine: its own), and the database holds
the winner's text — nothing is silently lost. Runs on SQLite (writers serialised by BEGIN IMMEDIATE)
and on PostgreSQL (SELECT … FOR UPDATE).
"""

import threading
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from smartregion.accounts.enums import TerritoryRoleKind
from smartregion.agendas import services as agenda_services
from smartregion.agendas.models import Measure
from smartregion.assessments import services as assessment_services
from smartregion.assessments.models import Answer
from smartregion.core.concurrency import EditConflict
from smartregion.projects import services as project_services
from smartregion.projects.models import Project
from smartregion.taxonomy.models import Domain
from smartregion.territories import roles as territory_roles
from smartregion.territories.importer import import_register
from smartregion.territories.models import Territory

from .conftest import CENSUS_FILE, register_subset
from .factories import UserFactory


def race(save, *, values: tuple[str, str], users) -> list:
    """Run save(user, value) in two threads released at once; returns each thread's outcome."""
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def run(index):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    save(users[index], values[index])
                    outcomes[index] = "saved"
                    return
                except OperationalError as error:
                    # SQLite's shared in-memory test database answers "locked" at once where a file
                    # database (as in production) waits out its busy timeout: wait here the same way.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except EditConflict as conflict:
            outcomes[index] = conflict
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def assert_one_wins(outcomes, values, field: str, stored: str):
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["EditConflict", "str"], outcomes
    winner = outcomes.index("saved")
    conflict = outcomes[1 - winner]
    differences = {difference.name: (difference.theirs, difference.mine) for difference in conflict.differences}
    assert differences[field] == (values[winner], values[1 - winner])  # both versions, for the loser to merge
    assert stored == values[winner]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_a_measure_a_cell_and_a_project():
    import_register(register_subset({"16"}).encode(), census_source=CENSUS_FILE, partial=True)
    call_command("load_taxonomy", verbosity=0)
    call_command("load_matrix", verbosity=0)
    jena = Territory.objects.get(ags="16053000")
    users = [UserFactory(), UserFactory()]
    for user in users:
        territory_roles.grant_territory_role(user=user, territory=jena, role=TerritoryRoleKind.EDITOR)

    agenda = agenda_services.create_agenda(
        territory=jena, title="Agenda", start_year=2026, target_year=2030, by=users[0]
    )
    measure = agenda_services.add_measure(
        agenda, by=users[0], title="Datenplattform", starts_on=date(2026, 1, 1), ends_on=date(2027, 1, 1)
    )
    values = ("Fassung von Anna", "Fassung von Ben")
    outcomes = race(
        lambda user, title: agenda_services.update_measure(
            Measure.objects.get(pk=measure.pk),
            expected_revision=measure.revision,
            by=user,
            plan=agenda_services.MeasurePlan(),
            title=title,
        ),  # fmt: skip
        values=values,
        users=users,
    )
    assert_one_wins(outcomes, values, "title", Measure.objects.get(pk=measure.pk).title)

    assessment = assessment_services.start_assessment(territory=jena, cycle=2026, by=users[0])
    answer = assessment.answers.first()
    values = ("Nachweis von Anna", "Nachweis von Ben")
    outcomes = race(
        lambda user, evidence: assessment_services.save_answer(
            answer=Answer.objects.get(pk=answer.pk), expected_revision=answer.revision, by=user, evidence=evidence
        ),
        values=values,
        users=users,
    )
    assert_one_wins(outcomes, values, "evidence", Answer.objects.get(pk=answer.pk).evidence)

    project = project_services.create_project(
        by=users[0],
        lead_territory=jena,
        title="Parksensoren",
        summary="Sensoren",
        primary_domain=Domain.objects.first(),
    )
    values = ("Zusammenfassung von Anna", "Zusammenfassung von Ben")
    outcomes = race(
        lambda user, summary: project_services.update_project(
            Project.objects.get(pk=project.pk), expected_revision=project.revision, by=user, summary=summary
        ),
        values=values,
        users=users,
    )
    assert_one_wins(outcomes, values, "summary", Project.objects.get(pk=project.pk).summary)
