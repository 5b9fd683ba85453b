"""The production configuration served for the load and fault benchmarks, and the load generator.

`served()` starts gunicorn with the production gunicorn.conf.py (DEBUG off, static files collected and served by
WhiteNoise with their compressed variants) against the Germany-scale database of
`make bench-data`; `drive()` runs wrk — a separate process on loopback — at a fixed concurrency for
a fixed time over a list of addresses and returns requests/s, p50/p95/p99 and errors.
"""

import contextlib
import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
MANIFEST = ROOT / "var" / "bench-germany.json"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
GUNICORN_CONFIG = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # workers, threads … as in production


def manifest() -> dict:
    if not MANIFEST.exists():
        raise SystemExit("No Germany-scale database yet: run `make bench-data` first (about 10 minutes).")
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def free_port() -> int:
    """A free port on loopback, or BENCH_PORT when the machine is shared and each user has a range of ports."""
    if os.environ.get("BENCH_PORT"):
        return int(os.environ["BENCH_PORT"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, static_root: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loadsite.settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{HERE}",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-benchmark-only-secret-key",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static_root,
        # wrk is one client on one address: the per-client API limit (tested in the suite) would refuse it.
        "API_RATE_ANON": "1000000/min",
        "API_RATE_USER": "1000000/min",
    }


def start_gunicorn(environment: dict, port: int, *, workers: int, threads: int, log: Path | None = None):
    """gunicorn with the production configuration on 127.0.0.1:`port`, in a process group of its own."""
    output = log.open("a") if log else subprocess.DEVNULL
    return subprocess.Popen(  # noqa: S603 - our own gunicorn from the venv
        [
            str(GUNICORN),
            f"--config={ROOT / 'gunicorn.conf.py'}",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
        ],
        env=environment,
        cwd=ROOT,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_serving(base: str, seconds: float = 60) -> None:
    """Until `base` answers /bench/minimal with 200 (the worker has warmed up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/bench/minimal", timeout=2) as response,  # noqa: S310
        ):
            if response.status == 200:
                return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn at {base} did not start; see its log")


def stop_process_group(process, *, kill: bool = False) -> None:
    """SIGTERM (or SIGKILL) to a process started with start_new_session, and wait for it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@contextlib.contextmanager
def served(database_url: str, *, workers: int, threads: int, log: Path | None = None, environment_extra=None):
    """Yield (base URL, gunicorn process) of the production configuration on a free port."""
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    environment = {**server_environment(database_url, static_root), **(environment_extra or {})}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=environment, cwd=ROOT, check=True
    )
    # Every run starts cold: nothing left in the shared database cache from an earlier run.
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DELETE FROM smartregion_cache")
    port = free_port()
    if log:
        log.write_text("")
    process = start_gunicorn(environment, port, workers=workers, threads=threads, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        yield base, process
    finally:
        stop_process_group(process)


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """(status, body, headers) of one request; an error status is an answer, a failed connection is
    status 0 with the error's name as body."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)
    except OSError as error:
        return 0, type(error).__name__.encode(), {}


def worker_pids(process) -> list[int]:
    """The pids of gunicorn's workers (children of the arbiter)."""
    listing = subprocess.run(["ps", "-o", "pid=", "--ppid", str(process.pid)], capture_output=True, text=True)
    return [int(pid) for pid in listing.stdout.split()]


LUA = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local counter = 0
local thread_count = 0
setup = function(thread)
  thread:set("offset", thread_count)
  thread_count = thread_count + 1
end
init = function(args)
  counter = (offset or 0) * 7
end
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "errors": %%d, "status_errors": %%d, "timeouts": %%d, '
    .. '"p50": %%.1f, "p95": %%.1f, "p99": %%.1f, "bytes": %%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.bytes))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encoded(path: str) -> str:
    """Percent-encode what a browser would (spaces, umlauts) and leave the URL's structure alone."""
    return urllib.parse.quote(path, safe="/?=&%:.-_,|")


def request_headers(cookie: str = "", extra=None) -> dict:
    """What the load sends with every request: a browser's encodings and language, the session if any."""
    headers = {"Accept-Encoding": "gzip, br", "Accept-Language": "de", **(extra or {})}
    if cookie:
        headers["Cookie"] = cookie
    return headers


def drive(
    base: str, paths: list[str], *, cookie: str = "", concurrency: int, seconds: float, extra_headers=None
) -> dict:
    """wrk at `concurrency` connections for `seconds` over `paths` in turn; returns its figures."""
    headers = request_headers(cookie, extra_headers)
    script = LUA % {
        "paths": ", ".join(_lua_string(encoded(path)) for path in paths),
        "headers": ", ".join(f"[{_lua_string(name)}] = {_lua_string(value)}" for name, value in headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    return figures
