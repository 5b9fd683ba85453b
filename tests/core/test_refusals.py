"""Refusals from domain code share one base class (core.refusals.Refused)."""

import ast
from pathlib import Path

import pytest

from smartregion.core.refusals import Refused
from smartregion.network.invitations import InvitationError
from smartregion.participation.services import ParticipationRefused
from smartregion.territories.access_requests import AccessRequestRefused
from smartregion.territories.api_tokens import TokenRefused

pytestmark = pytest.mark.django_db  # the autouse fixtures in conftest.py need the test database
PACKAGE = Path(__file__).resolve().parents[2] / "smartregion"


def test_every_refusal_class_derives_from_the_one_base():
    """A class named …Refused anywhere in the package names Refused (or another refusal) as its base; a refusal
    that belongs to form fields stays a Django ValidationError (it carries the fields' messages)."""
    strays = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Refused") and node.name != "Refused":
                bases = [getattr(base, "id", getattr(base, "attr", "")) for base in node.bases]
                if not any(base.endswith(("Refused", "ValidationError")) for base in bases):
                    strays.append(f"{path.relative_to(PACKAGE)}: {node.name}({', '.join(bases)})")
    assert strays == []


def test_refusals_say_why_and_stay_value_errors():
    for refusal in (AccessRequestRefused, InvitationError, TokenRefused, ParticipationRefused):
        assert issubclass(refusal, Refused) and issubclass(refusal, ValueError)
    assert str(ParticipationRefused("Die Beteiligung ist nicht geöffnet.")) == "Die Beteiligung ist nicht geöffnet."
