"""Backup and restore of the Germany-scale database (issue 8): `make bench-backup`.

Fingerprints the database of `make bench-data` (row count and SHA-256 over every field of every row,
per model, change history included: `manage.py verify_backup --write`), dumps it with
`pg_dump --format=custom`, restores the dump into a new, empty database with `pg_restore`, and
compares the restored database with the fingerprint (`manage.py verify_backup --against`). Prints
the time of each step and the dump's size; fails when a single row differs.

    make bench-backup
    python bench/backup.py --source postgres://postgres@127.0.0.1:5432/smartregion_bench
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, recreate_postgres_database  # noqa: E402


def _timed(label: str, command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    print(
        f"  {label:<40} {seconds:>7.1f} s   {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ''}"
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="postgres://postgres@127.0.0.1:5432/smartregion_bench")
    parser.add_argument("--target", help="default: the source's name with _restored")
    args = parser.parse_args()
    target = args.target or args.source + "_restored"
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    dump, recorded = var / "bench-backup.dump", var / "bench-backup.fingerprint.json"
    manage = [sys.executable, "manage.py", "verify_backup"]
    print(f"Backup of {args.source} restored into {target}")
    _timed(
        "fingerprint of the source", [*manage, "--write", str(recorded)], {**os.environ, "DATABASE_URL": args.source}
    )
    _timed("pg_dump --format=custom", ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", args.source])
    recreate_postgres_database(target)
    _timed(
        "pg_restore into an empty database", ["pg_restore", "--no-owner", "--jobs=2", f"--dbname={target}", str(dump)]
    )
    _timed(
        "compare counts and checksums", [*manage, "--against", str(recorded)], {**os.environ, "DATABASE_URL": target}
    )
    print(f"Dump: {dump.stat().st_size / 1024 / 1024:.0f} MB at {dump.relative_to(ROOT)}. Every row restored.")


if __name__ == "__main__":
    main()
