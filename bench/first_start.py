"""First start from a fresh clone, step by step: how long `make run` takes before the first page is served.

    make bench-first-start            (or: python3 bench/first_start.py [--worktree] [--keep] [--port N])

Clones the committed state of this repository into a temporary folder (`git clone`; with --worktree it copies
the work tree's files instead), then runs the steps of `make run` there one at a time and prints the seconds of
each and the total:

    venv (python -m venv, pip upgrade) · pip install -r requirements.txt (from the configured index/mirror) ·
    setup_site in one process (migrate, cache table, register, outlines, taxonomy, glossary, matrix, funding,
    projects, toolkit, demo: each part's seconds printed below it) · runserver until the first 200 on "/".

Then two scenarios through the real `make run`: a restart with everything in place, and a restart after
`var/db.sqlite3` was deleted (it must rebuild the database by itself and serve the start page and a territory
page). The machine's load average before and after is printed. Each step shows wall seconds and the CPU seconds
of its processes: on a busy machine the wall seconds grow with the others' work, the CPU seconds hardly – their
sum is what an idle machine needs (most steps use one core).

Only the standard library: it runs with the system's Python before any virtualenv exists.
"""

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTER = "smartregion/data/register/gemeinden_de_2024-12-31.csv"
CENSUS = "smartregion/data/register/zensus2022_bevoelkerung_gemeinden.csv"
# The Makefile's `setup` after the install: one process (manage.py setup_site) that prints a "step: NAME SECONDS s"
# line per part (migrate, cache table, register, outlines, …, demo); the bench shows them one by one.
SETUP = ["setup_site", "--register", REGISTER, "--census", CENSUS]
SERVE_TIMEOUT = 600


def _environment() -> dict:
    """The caller's environment without anything that points the clone at another database or virtualenv."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DATABASE_URL", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in part)
    return env


def _copy_worktree(target: Path) -> None:
    """The files `git clone` would bring, as they are in the work tree now (uncommitted changes included)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


class Clock:
    def __init__(self):
        self.rows: list[tuple[str, float]] = []

    def step(self, name: str, command: list[str], cwd: Path, env: dict) -> None:
        started, cpu = time.monotonic(), _children_cpu()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        seconds, cpu = time.monotonic() - started, _children_cpu() - cpu
        if done.returncode != 0:
            raise SystemExit(f"{name} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        parts = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("step: ")]
        for *words, number, _unit in parts:
            print(f"    {' '.join(words):<26} {float(number):7.1f} s", flush=True)
        self.record(name, seconds, cpu)

    def record(self, name: str, seconds: float, cpu: float) -> None:
        self.rows.append((name, seconds, cpu))
        print(f"  {name:<28} {seconds:7.1f} s {cpu:9.1f} s", flush=True)

    def total(self) -> tuple[float, float]:
        return sum(row[1] for row in self.rows), sum(row[2] for row in self.rows)


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: what a step costs on an idle machine,
    nearly independent of the other work on a busy one (wall seconds are not)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wait_for(url: str, process: subprocess.Popen, timeout: float = SERVE_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise SystemExit(f"the server stopped ({process.returncode}) before answering {url}:\n{output[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  # nosec B310 - our own local server
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"no 200 from {url} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    """End the process group we started (make, runserver and its autoreloader child)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _serve(command: list[str], cwd: Path, env: dict, port: int, *, check_paths=()) -> float:
    """Start `command` (a server on `port`), return the seconds until "/" answers 200, then stop it."""
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        seconds = time.monotonic() - started
        for path in check_paths:
            _wait_for(f"http://127.0.0.1:{port}{path}", process, timeout=60)
        return seconds
    finally:
        _stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port for the servers (default: a free one)")
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path is printed)")
    parser.add_argument("--python", default=sys.executable, help="the Python that creates the virtualenv")
    parser.add_argument(
        "--worktree",
        action="store_true",
        help="copy the work tree's files (tracked and new, not ignored) instead of cloning the last commit",
    )
    arguments = parser.parse_args()
    port = arguments.port or _free_port()
    env = _environment()
    work = Path(tempfile.mkdtemp(prefix="srh-first-start-"))
    clone = work / "smartregion"
    print(f"first start, fresh clone in {clone}; {_load()}; {os.cpu_count()} CPUs", flush=True)
    print(f"  {'step':<28} {'wall':>9} {'CPU':>11}", flush=True)
    try:
        if arguments.worktree:
            _copy_worktree(clone)
        else:
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        python = str(clone / ".venv" / "bin" / "python")
        make = ["make", "--no-print-directory", f"PYTHON={arguments.python}"]
        clock = Clock()
        clock.step("venv", [*make, ".venv/bin/python"], clone, env)
        clock.step("pip install", [*make, ".venv/.installed"], clone, env)
        (clone / "var").mkdir(exist_ok=True)
        clock.step("setup (one process)", [python, "manage.py", *SETUP], clone, env)
        cpu = _children_cpu()
        seconds = _serve([python, "manage.py", "runserver", f"127.0.0.1:{port}"], clone, env, port)
        clock.record("server, first 200", seconds, _children_cpu() - cpu)
        wall, cpu = clock.total()
        print(f"  {'total':<28} {wall:7.1f} s {cpu:9.1f} s", flush=True)

        # The marker of loaded data as `make run` leaves it, so that the next runs see a set-up clone.
        subprocess.run([*make, "var/.data-loaded"], cwd=clone, env=env, capture_output=True, check=True)
        run = [*make, "run", f"PORT={port}"]
        print("make run again (everything in place):", flush=True)
        print(f"  {'to the first 200':<28} {_serve(run, clone, env, port):7.1f} s", flush=True)
        (clone / "var" / "db.sqlite3").unlink()
        print("make run after deleting var/db.sqlite3:", flush=True)
        seconds = _serve(run, clone, env, port, check_paths=["/gebiete/160530000000/"])
        print(f"  {'to the first 200':<28} {seconds:7.1f} s (and the register is back)", flush=True)
        print(f"done; {_load()}", flush=True)
    finally:
        if arguments.keep:
            print(f"kept: {clone}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
