"""Real servers for the tests of the production parts (ADR 0025): Redis and an S3-compatible store.

- The shared Redis (`REDIS_TEST_URL`, default redis://127.0.0.1:6379/1; `.ci/run` starts it): tests use
  their own key prefix per test worker and delete only their own keys.
- A redis-server of a test's own (`RedisServer`) on `REDIS_TEST_PORT` + the worker's number (default
  8111): a test stops and starts it.
- moto's standalone S3 server (`MotoServer`) on `S3_TEST_PORT` + the worker's number (default 8115).

Without redis-server or Redis a test is skipped with the reason, except in CI (CI=true), where it fails.
"""

import os
import shutil
import socket
import subprocess  # nosec B404 - the tests start the servers they need
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/1")


def worker_number() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker[2:]) if worker[2:].isdigit() else 0


def worker_name() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def unavailable(reason: str):
    """Skip, or fail in CI: CI must run what it claims to run."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_until(check, what: str, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up")
        time.sleep(0.05)  # polling a server's start, not timing the test


def require_shared_redis() -> str:
    parts = urlsplit(REDIS_TEST_URL)
    if not answers(parts.hostname or "127.0.0.1", parts.port or 6379):
        unavailable(f"no Redis at {REDIS_TEST_URL} (make test-production and .ci/run start one)")
    return REDIS_TEST_URL


class RedisServer:
    """A redis-server that keeps nothing on disk, for tests that stop and start it."""

    def __init__(self, port: int | None = None):
        if shutil.which("redis-server") is None:
            unavailable("redis-server is not installed (apt-get install redis-server)")
        self.port = port or int(os.environ.get("REDIS_TEST_PORT", "8111")) + worker_number()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(  # nosec B603 B607 - fixed arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_until(lambda: answers("127.0.0.1", self.port), f"redis-server on {self.port}")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class MotoServer:
    """moto's standalone S3 server in a process of its own; nothing is kept after it stops."""

    def __init__(self, port: int | None = None):
        self.port = port or int(os.environ.get("S3_TEST_PORT", "8115")) + worker_number()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self._log = None

    def start(self) -> "MotoServer":
        if answers("127.0.0.1", self.port):
            raise RuntimeError(f"port {self.port} is taken: set S3_TEST_PORT")
        self._log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(  # nosec B603 - fixed arguments
            [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        _wait_until(lambda: answers("127.0.0.1", self.port), f"moto_server on {self.port}", seconds=60)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        if self._log is not None:
            self._log.close()
            Path(self._log.name).unlink(missing_ok=True)
