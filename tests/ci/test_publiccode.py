"""publiccode.yml at the root validates against the standard 0.4 (.ci/check_publiccode.py, run by CI) and the
the checker refuses broken files."""

import importlib.util
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def publiccode_checker():
    spec = importlib.util.spec_from_file_location("check_publiccode", ROOT / ".ci" / "check_publiccode.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def our_publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_the_repository_file_is_valid_and_names_our_licence(publiccode_checker, our_publiccode, capsys):
    assert publiccode_checker.main([str(ROOT / "publiccode.yml")]) == 0
    assert "valid" in capsys.readouterr().out
    assert our_publiccode["legal"]["license"] == "EUPL-1.2"
    assert "EUROPÄISCHE UNION PUBLIC LICENCE v. 1.2" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert set(our_publiccode["description"]) == {"de", "en"}
    assert our_publiccode["softwareType"] == "standalone/web"
    names = {dependency["name"]: dependency for dependency in our_publiccode["dependsOn"]["open"]}
    assert "optional" not in names["PostgreSQL"] and names["Redis"]["optional"] is True


def broken(data, path, value):
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("name",), KeyError, "'name' is a required property"),
        (("categories",), ["smart-cities"], "'smart-cities' is not one of"),
        (("softwareType",), "web", "'web' is not one of"),
        (("legal", "license"), "EUPL-1.3", "legal/license: not a valid SPDX expression"),
        (("description", "de", "shortDescription"), "x" * 151, "is too long"),
        (("description", "en", "longDescription"), "too short", "is too short"),
        (("maintenance", "type"), "contract", "'contractors' is a required property"),
        (("releaseDate",), "03.12.2026", "does not match"),
        (("dependsOn", "open", 0), {"versionMin": "3.11"}, "'name' is a required property"),
        (("unknownKey",), "x", "'unknownKey' does not match any of the regexes"),
    ],
)
def test_a_broken_file_fails_with_its_error(publiccode_checker, our_publiccode, tmp_path, capsys, path, value, message):
    target = tmp_path / "publiccode.yml"
    target.write_text(broken(our_publiccode, path, value), encoding="utf-8")
    assert publiccode_checker.main([str(target)]) == 1
    assert message in capsys.readouterr().out


def test_not_yaml_fails(publiccode_checker, tmp_path, capsys):
    target = tmp_path / "publiccode.yml"
    target.write_text("name: [unclosed\n", encoding="utf-8")
    assert publiccode_checker.main([str(target)]) == 1
    assert "not YAML" in capsys.readouterr().out
