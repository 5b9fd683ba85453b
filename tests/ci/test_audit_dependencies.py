"""The dependency audit (.ci/audit_dependencies.py, `make audit`) fails on a known vulnerability,
passes the allow-list to pip-audit, and says loudly when nothing could be audited."""

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audit(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("audit_dependencies", ROOT / ".ci" / "audit_dependencies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    allowlist = tmp_path / "allow.txt"
    allowlist.write_text("# comment\nPYSEC-2099-1   somepackage  not reachable from our code  2027-01-01\n")
    monkeypatch.setattr(module, "ALLOWLIST", allowlist)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    calls = []

    def answer(dependencies):
        def run(command, **kwargs):
            calls.append(command)
            Path(command[command.index("--output") + 1]).write_text(json.dumps({"dependencies": dependencies}))
            return SimpleNamespace(stdout="", stderr="", returncode=0)

        monkeypatch.setattr(module.subprocess, "run", run)

    return module, answer, calls


def test_a_known_vulnerability_fails_and_the_allow_list_is_passed_on(audit, capsys):
    module, answer, calls = audit
    answer([{"name": "django", "version": "5.2.0", "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["5.2.1"]}]}])
    assert module.main() == 1
    assert "VULNERABLE django 5.2.0: GHSA-xxxx (fixed in 5.2.1)" in capsys.readouterr().out
    assert calls[0][calls[0].index("--ignore-vuln") + 1] == "PYSEC-2099-1"


def test_clean_packages_pass(audit):
    module, answer, _calls = audit
    answer([{"name": "django", "version": "5.2.19", "vulns": []}])
    assert module.main() == 0


def test_an_unreachable_service_is_reported_and_fails_only_when_strict(audit, capsys, monkeypatch):
    module, answer, _calls = audit
    answer([{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}])
    assert module.main() == 0
    assert "NOT AUDITED: 1 packages" in capsys.readouterr().out
    monkeypatch.setenv("AUDIT_STRICT", "1")
    assert module.main() == 1
