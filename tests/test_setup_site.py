"""`make run` asks the database itself whether the shipped data is there (a deleted database is loaded again)."""

import pytest
from django.core.management import call_command

from smartregion.demo import shipped
from smartregion.toolkit.models import Guide

from .funding.other_laender import ALL_LANDS, add_territories


def test_the_check_names_what_the_database_lacks(db, capsys):
    call_command("load_toolkit", verbosity=0)
    call_command("load_glossary", verbosity=0)
    add_territories(ALL_LANDS)  # the programme list covers every Land; the test world holds two
    call_command("import_funding", verbosity=0)
    call_command("import_offerings", verbosity=0)
    assert shipped.missing() == []
    call_command("load_shipped_data", "--check")  # all there: no exit
    Guide.all_objects.all().delete()
    assert shipped.missing() == ["toolkit"]
    with pytest.raises(SystemExit) as stopped:
        call_command("load_shipped_data", "--check")
    assert stopped.value.code == 1 and "Not in the database yet: toolkit" in capsys.readouterr().out
