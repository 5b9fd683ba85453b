"""`make sbom` (run by CI) writes a CycloneDX SBOM of the pinned runtime dependencies."""

import json
import re
import subprocess  # nosec B404 - runs our own Makefile target
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins():
    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_make_sbom_lists_every_pinned_dependency_with_its_version(tmp_path):
    target = tmp_path / "sbom.cdx.json"
    result = subprocess.run(  # noqa: S603 - fixed command
        # -o: never reinstall the dependencies from inside a test, even when requirements changed since
        ["make", "-s", "-o", ".venv/.installed-dev", "sbom", f"SBOM={target}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"SBOM (CycloneDX, JSON): {target}" in result.stdout
    bom = json.loads(target.read_text(encoding="utf-8"))
    assert bom["bomFormat"] == "CycloneDX"
    assert bom["metadata"]["component"]["name"] == "smart-region-hub"
    assert bom["metadata"]["component"]["licenses"][0]["license"]["id"] == "EUPL-1.2"
    listed = {component["name"].lower().replace("_", "-"): component for component in bom["components"]}
    pinned = pins()
    assert pinned["django"] == listed["django"]["version"]
    assert listed["django"]["purl"] == f"pkg:pypi/django@{pinned['django']}"
    assert {name: listed[name]["version"] for name in pinned} == pinned
