"""The autouse cache fixtures set up the database only for tests that reach it (tests/conftest.py): a worker
holding only tests without the database must not load the test world anywhere."""

import pytest

from tests.conftest import _uses_database


def test_a_test_without_the_database_is_told_apart(request):
    assert _uses_database(request) is False


def test_the_db_fixture_reaches_the_database(request, db):
    assert _uses_database(request) is True


def test_transactional_db_reaches_the_database(request, transactional_db):
    assert _uses_database(request) is True


@pytest.mark.django_db
def test_the_marker_reaches_the_database(request):
    assert _uses_database(request) is True
