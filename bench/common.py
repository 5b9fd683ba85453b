"""Helpers shared by the benchmarks: child processes on a given database, percentiles, fresh databases."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary_ms(values) -> dict:
    return {"p50": round(statistics.median(values), 1), "p95": round(percentile(values, 0.95), 1)}


def setup_child_django() -> None:
    """Inside a benchmark's child process: production-like settings (DEBUG off), Django set up, the
    database migrated with its cache table, and the static files collected (pages render with them)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartregion.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_HTTPS"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-benchmark-only-secret-key")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def run_child(script: str, database_url: str, arguments: list[str]) -> dict:
    """Run `script --child ARGUMENTS` against `database_url`; it prints its figures as JSON last."""
    env = {**os.environ, "DATABASE_URL": database_url, "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-")}
    output = subprocess.run(
        [sys.executable, script, "--child", *arguments], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if output.returncode != 0:
        raise SystemExit(output.stdout[-3000:] + output.stderr[-3000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def recreate_postgres_database(url: str, *, keep: bool = False) -> None:
    """Drop and create the database at `url`; with `keep`, only create it when it does not exist."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and keep:
            return
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
