"""Validate publiccode.yml (`make publiccode`, CI): the JSON Schema of the standard 0.4
(.ci/publiccode_schema.py) and a valid SPDX licence expression. Exit 1 with every error on a broken file."""

import importlib.util
import json
import sys
from pathlib import Path

import jsonschema
import yaml
from license_expression import get_spdx_licensing

ROOT = Path(__file__).resolve().parents[1]


def load_schema():
    spec = importlib.util.spec_from_file_location("publiccode_schema", Path(__file__).with_name("publiccode_schema.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SCHEMA


def errors_of(text):
    """Every error of a publiccode.yml text, as sentences; empty when it is valid."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return [f"not YAML: {error}"]
    if not isinstance(data, dict):
        return ["the file is not a mapping of keys"]
    # YAML reads an unquoted date as a date; the standard means the text YYYY-MM-DD.
    data = json.loads(json.dumps(data, default=str))
    validator = jsonschema.Draft202012Validator(load_schema())
    found = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda error: list(map(str, error.absolute_path)))
    ]
    licence = (data.get("legal") or {}).get("license")
    if isinstance(licence, str):
        info = get_spdx_licensing().validate(licence)
        if info.errors:
            found.append(f"legal/license: not a valid SPDX expression: {'; '.join(info.errors)}")
    return found


def main(argv=None):
    path = Path((argv or sys.argv[1:] or [ROOT / "publiccode.yml"])[0])
    found = errors_of(path.read_text(encoding="utf-8"))
    for error in found:
        print(f"{path.name}: {error}")
    if found:
        return 1
    print(f"{path.name}: valid (publiccode.yml 0.4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
