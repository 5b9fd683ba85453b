"""Audit the pinned dependencies for known vulnerabilities (pip-audit), with a documented allow-list.

Fails on any vulnerability not in security/pip-audit-allowlist.txt. pip-audit needs a vulnerability
service (PyPI's JSON API per release, or OSV). Where neither answers — as on machines that reach PyPI
only through a mirror without per-release JSON — pip-audit skips every package; this script then
says so loudly, lists how many packages went unaudited, and fails only with AUDIT_STRICT=1, because
an unreachable service is not a finding about the code.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "security" / "pip-audit-allowlist.txt"


def allowed_ids() -> list[str]:
    lines = ALLOWLIST.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")]


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [
            str(pip_audit),
            "--requirement", str(ROOT / "requirements.txt"), "--requirement", str(ROOT / "requirements-dev.txt"),
            "--no-deps", "--disable-pip", "--progress-spinner", "off",
            "--format", "json", "--output", report.name,
        ]  # fmt: skip
        for vulnerability in allowed_ids():
            command += ["--ignore-vuln", vulnerability]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)  # noqa: S603
        try:
            audit = json.loads(Path(report.name).read_text() or "{}")
        except json.JSONDecodeError:
            audit = {}
    if not audit:
        print(result.stdout + result.stderr)
        print("pip-audit did not produce a report.")
        return 1
    dependencies = audit.get("dependencies", [])
    found = [(dep["name"], dep["version"], vuln) for dep in dependencies for vuln in dep.get("vulns", [])]
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for name, version, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
        print(f"VULNERABLE {name} {version}: {vuln['id']} (fixed in {fixes})")
    print(f"pip-audit: {audited} of {len(dependencies)} pinned packages audited, {len(found)} known vulnerabilities, "
          f"{len(allowed_ids())} allowed by {ALLOWLIST.relative_to(ROOT)}.")  # fmt: skip
    if found:
        return 1
    if skipped:
        print(f"NOT AUDITED: {len(skipped)} packages, e.g. {skipped[0]['skip_reason']}")
        print("The vulnerability service did not answer from this machine; run `make audit` where PyPI's JSON API")
        print("or OSV (api.osv.dev) is reachable. AUDIT_STRICT=1 makes this a failure.")
        return 1 if os.environ.get("AUDIT_STRICT") == "1" else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
