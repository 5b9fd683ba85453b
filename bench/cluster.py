"""Two nodes behind a proxy (issue 24): what one gunicorn node writes, the other sees; faults under load.

Everything on loopback, on ports from --port-base (default 18200): a PostgreSQL cluster of the benchmark's own
(initdb in a temporary folder, so stopping it touches no other database), two redis-servers (the shared cache
and sessions; the Celery broker), moto's S3 server (the object store), a Celery worker, two gunicorn nodes with
one worker each and the same settings, and haproxy in front (round robin, health checks on /healthz, retries
and redispatch). The database gets the migrations, the shipped data and the demo (`manage.py setup_site`).

Probes, each a line with its figure and PASS/FAIL (the exit status is 1 if one fails):
1. shared state: a session, a throttle count, an upload and a visitor page held in the cache, each made
   through node A and seen through node B;
2. wrk through haproxy on key pages: requests, p95, errors (non-2xx/3xx count as errors) — 0 expected; pages
   and API answers reach a browser gzipped by the proxy (sent and unpacked size);
3. node A killed (SIGKILL) under load: failed requests at most its in-flight ones, haproxy carries on,
   A restarted and back in rotation;
4. the cache Redis restarted under load: no error, the signed-in session still valid, the upload still there;
5. a council PDF job: the Celery worker killed (SIGKILL) while it builds, restarted: the job completes and
   the file downloads through both nodes;
6. PostgreSQL stopped for 10 s during requests: the friendly 503 (no 500, no traceback), 200 again soon after.

    make bench-cluster       # needs haproxy, wrk, redis-server and PostgreSQL's binaries (Debian packages)
"""

import argparse
import contextlib
import csv
import glob
import gzip
import io
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from faults import FRIENDLY, OUTAGE_SECONDS, Recorder  # noqa: E402
from serving import (  # noqa: E402
    ROOT,
    drive,
    server_environment,
    start_gunicorn,
    stop_process_group,
    wait_until_serving,
)

from tests.services import MotoServer, RedisServer  # noqa: E402

THREADS = 2  # per node: one worker with two threads (haproxy sends each node at most this many at once)
LOAD_SECONDS = 15
BUCKET = "cluster-files"
EDITOR = "redaktion.jena@smartregion.example"
PASSWORD = "demo-smartregion-2026"  # nosec B105 - the published demo password (smartregion.demo.builder)
THROTTLED = "Zu viele fehlgeschlagene Anmeldeversuche"
LOGIN = "/konto/anmelden/"


class Postgres:
    """A PostgreSQL cluster of the benchmark's own, in a temporary folder (trust authentication, loopback)."""

    def __init__(self, port: int, folder: Path | None = None):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
        if not versions:
            raise SystemExit("PostgreSQL's binaries are missing: apt-get install postgresql")
        self.bin = Path(versions[-1])
        self.port = port
        self.kept = folder is not None  # a folder given: kept after the run, its database used again
        self.folder = folder or Path(tempfile.mkdtemp(prefix="sr_cluster_pg-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data = self.folder / "data"
        self.existed = (self.data / "PG_VERSION").exists()
        self.url = f"postgres://postgres@127.0.0.1:{port}/sr_cluster"
        # PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            os.chown(self.folder, pwd.getpwnam("postgres").pw_uid, -1)

    def _run(self, *arguments: str) -> None:
        subprocess.run([*self.as_user, *arguments], check=True, capture_output=True)  # noqa: S603

    def create(self) -> "Postgres":
        if self.existed:
            self.start()
            return self
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "sr_cluster")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options,
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        """Fast shutdown: every connection is cut, as when the server goes away."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        if not self.kept:
            shutil.rmtree(self.folder, ignore_errors=True)


class Cluster:
    """The servers of the two-node setup; `close()` stops whatever was started."""

    def __init__(self, port_base: int, work: Path, postgres_folder: Path | None = None):
        self.work = work
        self.ports = {"proxy": port_base, "a": port_base + 1, "b": port_base + 2, "stats": port_base + 3}
        self.postgres = Postgres(port_base + 50, postgres_folder)
        self.cache_redis = RedisServer(port=port_base + 10)
        self.broker_redis = RedisServer(port=port_base + 11)
        self.moto = MotoServer(port=port_base + 20)
        self.nodes: dict[str, subprocess.Popen] = {}
        self.worker = None
        self.proxy = None
        self.started: list = []
        self.environment: dict = {}

    def node_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    @property
    def proxy_url(self) -> str:
        return self.node_url("proxy")

    def start(self) -> None:
        print("Starting PostgreSQL, Redis (cache, broker), moto S3 …", flush=True)
        self.postgres.create()
        self.started.append(self.postgres.remove)
        for server in (self.cache_redis, self.broker_redis, self.moto):
            server.start()
            self.started.append(server.stop)
        # A kept cluster keeps its collected static files beside it (collecting takes minutes on a busy machine).
        static_root = str((self.postgres.folder if self.postgres.kept else self.work) / "static")
        self.environment = {
            **server_environment(self.postgres.url, static_root),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CACHE_URL": self.cache_redis.url,
            "CACHE_KEY_PREFIX": "cluster",
            "CELERY_BROKER_URL": self.broker_redis.url,
            "CELERY_VISIBILITY_TIMEOUT": "10",  # a task of a killed worker goes to the next after 10 s
            "CELERY_WORKER_CONCURRENCY": "1",
            "STORAGE_S3_BUCKET": BUCKET,
            "STORAGE_S3_ENDPOINT_URL": self.moto.url,
            "STORAGE_S3_REGION": "us-east-1",
            "STORAGE_S3_ACCESS_KEY": "testing",
            "STORAGE_S3_SECRET_KEY": "testing",  # nosec B105 - moto accepts any key
            "MEDIA_ROOT": str(self.work / "media"),  # must stay empty: every file goes to the bucket
            "TRUSTED_PROXY_COUNT": "1",  # haproxy appends the client to X-Forwarded-For
            "EMAIL_URL": "consolemail://",
        }
        import boto3

        boto3.client(
            "s3", endpoint_url=self.moto.url, aws_access_key_id="testing", aws_secret_access_key="testing",  # nosec B106
            region_name="us-east-1",
        ).create_bucket(Bucket=BUCKET)  # fmt: skip
        print("Migrating, loading the shipped data and the demo (manage.py setup_site) …", flush=True)
        started = time.monotonic()
        steps = [] if Path(static_root).exists() else [["collectstatic", "--no-input", "-v", "0"]]
        steps.insert(0, ["migrate", "-v", "0"] if self.postgres.existed else ["setup_site"])
        # As `make setup` does: without a broker, so that the demo's follow-up tasks run there and then and
        # no queued warm-up moves the generations while the probes run.
        setup_environment = {**self.environment, "CELERY_BROKER_URL": ""}
        for command in steps:
            result = subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command], env=setup_environment, cwd=ROOT, capture_output=True, text=True
            )
            if result.returncode:
                raise SystemExit(f"manage.py {command[0]} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
        print(f"  database ready in {time.monotonic() - started:.0f} s", flush=True)
        self.start_worker()
        for name in ("a", "b"):
            self.start_node(name)
        self.start_proxy()

    def start_node(self, name: str) -> None:
        log = self.work / f"node-{name}.log"
        self.nodes[name] = start_gunicorn(self.environment, self.ports[name], workers=1, threads=THREADS, log=log)
        wait_until_serving(self.node_url(name), seconds=120)

    def kill_node(self, name: str) -> None:
        stop_process_group(self.nodes.pop(name), kill=True)

    def start_worker(self) -> None:
        log = (self.work / "worker.log").open("a")
        self.worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "smartregion", "worker", "--loglevel=INFO", "--without-gossip",
             "--without-mingle", "-n", "cluster@%h"],
            env=self.environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def kill_worker(self) -> None:
        stop_process_group(self.worker, kill=True)
        self.worker = None

    def start_proxy(self) -> None:
        config = self.work / "haproxy.cfg"
        config.write_text(
            HAPROXY_CONFIG.format(
                proxy=self.ports["proxy"], stats=self.ports["stats"], a=self.ports["a"], b=self.ports["b"],
                threads=THREADS,
            ),
            encoding="utf-8",
        )  # fmt: skip
        check = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)  # noqa: S607
        if check.returncode:
            raise SystemExit(f"haproxy configuration refused:\n{check.stdout}{check.stderr}")
        log = (self.work / "haproxy.log").open("a")
        self.proxy = subprocess.Popen(  # noqa: S603 S607
            ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until_serving(self.proxy_url)
        self.wait_until_up({"a", "b"})

    def proxy_servers(self) -> dict:
        """haproxy's view of its servers: name -> (status, sessions served)."""
        text = requests.get(f"{self.node_url('stats')}/stats;csv", timeout=5).text.lstrip("# ")
        return {
            row["svname"]: (row["status"], int(row["stot"] or 0))
            for row in csv.DictReader(io.StringIO(text))
            if row["pxname"] == "nodes" and row["svname"] in ("a", "b")
        }

    def wait_until_up(self, names: set, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(self.proxy_servers()[name][0] == "UP" for name in names):
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        for process in [self.proxy, self.worker, *self.nodes.values()]:
            if process is not None:
                stop_process_group(process)
        for stop in reversed(self.started):
            with contextlib.suppress(Exception):
                stop()


# Round robin over the two nodes; a node is taken out after two failed checks of /healthz (1 s apart) and
# back after two good ones. /healthz answers 503 while the database is away: that is the same for every
# node, so a 503 still counts as alive (taking every node out would replace the application's friendly 503
# page with haproxy's own). A request that could not be sent, or got no answer, is tried again on the other
# node (retries, redispatch); each node gets at most as many requests at once as it has threads, the rest
# wait in haproxy's queue.
HAPROXY_CONFIG = """
global
    maxconn 512
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
    option forwardfor

frontend site
    bind 127.0.0.1:{proxy}
    compression algo gzip
    compression type text/html application/json application/ld+json text/turtle application/rdf+xml text/csv
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /healthz
    http-check expect rstatus ^(200|503)$
    default-server inter 1s fall 2 rise 2 maxconn {threads} observe layer4 error-limit 1 on-error mark-down
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check

listen stats
    bind 127.0.0.1:{stats}
    stats enable
    stats uri /stats
"""


class Browser(requests.Session):
    """A browser that speaks to one node or another; its cookies go to every node (cookies ignore ports).
    Requests to a node directly carry what haproxy would add: the client in X-Forwarded-For and the
    proxy's host name (the visitor page cache keys pages by host)."""

    def __init__(self, cluster: Cluster, client: str = "198.51.100.7"):
        super().__init__()
        self.cluster = cluster
        self.headers.update({"Accept-Language": "de", "X-Forwarded-For": client})

    def at(self, node: str, path: str, *, data=None, files=None, **options):
        url = self.cluster.node_url(node) + path
        headers = {"Host": f"127.0.0.1:{self.cluster.ports['proxy']}"}
        if data is None and files is None:
            return self.get(url, headers=headers, allow_redirects=False, timeout=60, **options)
        data = {**(data or {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.post(url, data=data, files=files, headers=headers, allow_redirects=False, timeout=60)

    def sign_in(self, node: str, email: str, password: str):
        self.at(node, LOGIN)  # the CSRF cookie
        return self.at(node, LOGIN, data={"username": email, "password": password})


class Report:
    def __init__(self):
        self.failed: list[str] = []

    def line(self, number: str, what: str, figure: str, passed: bool) -> bool:
        print(f"{number:>3} {what:<44} {figure:<70} {'PASS' if passed else 'FAIL'}", flush=True)
        if not passed:
            self.failed.append(f"{number} {what}")
        return passed


def _database(cluster: Cluster):
    import psycopg

    return psycopg.connect(cluster.postgres.url, autocommit=True)


def _world(cluster: Cluster) -> dict:
    """The editor's project and agenda in the demo, and pages for the load."""
    with _database(cluster) as connection:
        project, title = connection.execute(
            "SELECT p.id, p.title FROM projects_project p JOIN accounts_territoryrole r"
            " ON r.territory_id = p.lead_territory_id JOIN accounts_user u ON u.id = r.user_id"
            " WHERE u.email = %s AND p.deleted_at IS NULL ORDER BY p.id LIMIT 1",
            [EDITOR],
        ).fetchone()
        agenda = connection.execute(
            "SELECT a.id FROM agendas_agenda a JOIN accounts_territoryrole r ON r.territory_id = a.territory_id"
            " JOIN accounts_user u ON u.id = r.user_id WHERE u.email = %s AND a.deleted_at IS NULL"
            " ORDER BY a.id LIMIT 1",
            [EDITOR],
        ).fetchone()[0]
        territory = connection.execute(
            "SELECT t.code FROM territories_territory t JOIN projects_project p ON p.lead_territory_id = t.id"
            " WHERE p.id = %s",
            [project],
        ).fetchone()[0]
    return {"project": project, "title": title, "agenda": agenda, "territory": territory}


def shared_state(cluster: Cluster, world: dict, report: Report) -> Browser:
    """Probe 1; also signs in the editor and uploads the picture the later probes use."""
    editor = Browser(cluster)
    signed_in = editor.sign_in("a", EDITOR, PASSWORD)
    profile = editor.at("b", "/konto/")
    report.line(
        "1a", "session made on A, seen on B",
        f"sign-in on A {signed_in.status_code}, /konto/ on B {profile.status_code}",
        signed_in.status_code == 302 and profile.status_code == 200 and "Erik Eingabe" in profile.text,
    )  # fmt: skip

    guesser = Browser(cluster, client="198.51.100.66")
    address = f"probe-{time.time_ns()}@example.org"
    for _ in range(5):  # LOGIN_MAX_FAILURES
        guesser.sign_in("a", address, "wrong-password")
    sixth = guesser.sign_in("b", address, "wrong-password")
    report.line(
        "1b", "throttle count raised on A, seen on B",
        f"5 failed sign-ins on A, the 6th on B: {'refused' if THROTTLED in sixth.text else 'not refused'}",
        THROTTLED in sixth.text,
    )  # fmt: skip

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 160)).save(picture, "PNG")
    label = f"Cluster-Probe {time.time_ns()}"
    project = world["project"]
    upload = editor.at(
        "a", f"/projekte/{project}/dateien/", data={"kind": "image", "title": label},
        files={"file": ("probe.png", picture.getvalue(), "image/png")},
    )  # fmt: skip
    with _database(cluster) as connection:
        row = connection.execute("SELECT id FROM projects_projectattachment WHERE title = %s", [label]).fetchone()
    download = editor.at("b", f"/projekte/{project}/dateien/{row[0]}/") if row else None
    on_disk = [path for path in (cluster.work / "media").rglob("*") if path.is_file()]
    world["attachment"] = f"/projekte/{project}/dateien/{row[0]}/" if row else ""
    world["picture"] = picture.getvalue()
    report.line(
        "1c", "upload on A, downloaded on B",
        f"upload {upload.status_code}, download on B {download.status_code if download else '-'}, "
        f"same bytes {bool(download) and download.content == picture.getvalue()}, files on disk {len(on_disk)}",
        bool(download) and download.status_code == 200 and download.content == picture.getvalue() and not on_disk,
    )  # fmt: skip

    # A visitor page held in the shared cache by A: B answers with it even after a write behind the
    # application's back (raw SQL moves no generation), while a new address on B shows the changed row.
    # Any write in between (a task of the worker) moves the generation and rightly drops the page: then again.
    changed = f"{world['title']} (roh geändert)"
    attempts = 0
    while attempts < 3:
        attempts += 1
        visitor = Browser(cluster)
        page = f"/projekte/{project}/?cluster={time.time_ns()}"
        before = _generation(cluster)
        first = visitor.at("a", page)
        with _database(cluster) as connection:
            connection.execute("UPDATE projects_project SET title = %s WHERE id = %s", [changed, project])
        try:
            held = visitor.at("b", page)
            fresh = visitor.at("b", page + "&neu=1")
        finally:
            with _database(cluster) as connection:
                connection.execute("UPDATE projects_project SET title = %s WHERE id = %s", [world["title"], project])
        if _generation(cluster) == before:
            break
    report.line(
        "1d", "visitor page cached by A, served by B",
        f"attempt {attempts}: A {first.status_code}{' with a cookie' if 'Set-Cookie' in first.headers else ''}; "
        f"B same address: {'held page' if changed not in held.text else 'rendered anew'}; "
        f"B new address: {'changed title' if changed in fresh.text else 'old title'}",
        first.status_code == 200 and "Set-Cookie" not in first.headers and changed not in held.text
        and changed in fresh.text,
    )  # fmt: skip
    return editor


def _generation(cluster: Cluster) -> bytes | None:
    """The generation every visitor page is kept under (core.freshness.ANY, "*"), as Redis holds it."""
    import redis

    return redis.Redis(port=cluster.cache_redis.port).get("cluster:1:generation:*")  # CACHE_KEY_PREFIX:version:key


def load_paths(world: dict) -> list[str]:
    return [
        "/",
        "/projekte/",
        f"/projekte/{world['project']}/",
        f"/gebiete/{world['territory']}/",
        "/foerderung/",
        "/netzwerke/",
        "/api/v1/projects",
    ]


def _load_in_background(cluster: Cluster, paths: list[str], seconds: float) -> tuple[threading.Thread, dict]:
    result: dict = {}
    thread = threading.Thread(
        target=lambda: result.update(drive(cluster.proxy_url, paths, concurrency=8, seconds=seconds)), daemon=True
    )
    thread.start()
    return thread, result


def _compressed(cluster: Cluster, path: str) -> tuple[bool, int, int]:
    """Whether the proxy sends `path` gzipped to a browser that accepts it, with the bytes sent and unpacked."""
    response = requests.get(
        cluster.proxy_url + path, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=30
    )  # fmt: skip
    body = response.raw.read(decode_content=False)
    compressed = response.headers.get("Content-Encoding") == "gzip"
    return compressed, len(body), len(gzip.decompress(body)) if compressed else len(body)


def load(cluster: Cluster, world: dict, report: Report) -> None:
    sizes = {path: _compressed(cluster, path) for path in (f"/projekte/{world['project']}/", "/api/v1/projects")}
    before = cluster.proxy_servers()
    figures = drive(cluster.proxy_url, load_paths(world), concurrency=8, seconds=LOAD_SECONDS)
    after = cluster.proxy_servers()
    served = {name: after[name][1] - before[name][1] for name in ("a", "b")}
    gzipped = ", ".join(f"{path} {sent / 1000:.1f} of {size / 1000:.1f} kB" for path, (_, sent, size) in sizes.items())
    report.line(
        "2", f"wrk through haproxy, c=8, {LOAD_SECONDS} s",
        f"{figures['requests']} requests ({figures['rps']}/s), p95 {figures['p95']} ms, errors {figures['errors']}, "
        f"A {served['a']} / B {served['b']}; gzip: {gzipped}",
        figures["errors"] == 0 and figures["requests"] > 0 and min(served.values()) > 0
        and all(compressed for compressed, _, _ in sizes.values()),
    )  # fmt: skip


def killed_node(cluster: Cluster, world: dict, report: Report) -> None:
    thread, figures = _load_in_background(cluster, load_paths(world), LOAD_SECONDS)
    time.sleep(5)
    cluster.kill_node("a")
    thread.join()
    taken_out = cluster.proxy_servers()["a"][0] != "UP"
    restarted = time.monotonic()
    cluster.start_node("a")
    back = cluster.wait_until_up({"a"})
    before = cluster.proxy_servers()["a"][1]
    for _ in range(6):
        requests.get(cluster.proxy_url + "/", timeout=30)
    served_again = cluster.proxy_servers()["a"][1] > before
    report.line(
        "3", "node A killed (SIGKILL) under load",
        f"{figures['requests']} requests, {figures['errors']} failed ({figures['status_errors']} by status; in flight "
        f"on A at most {THREADS}); "
        f"A back in {time.monotonic() - restarted:.1f} s",
        figures["errors"] <= THREADS and figures["requests"] > 0 and taken_out and back and served_again,
    )  # fmt: skip


def restarted_redis(cluster: Cluster, world: dict, editor: Browser, report: Report) -> None:
    def signed_in_page():
        response = requests.get(
            cluster.proxy_url + "/konto/", cookies=editor.cookies, allow_redirects=False, timeout=30
        )
        return response.status_code, "Erik Eingabe" in response.text

    prober = Recorder(signed_in_page, 0.2)
    thread, figures = _load_in_background(cluster, load_paths(world), LOAD_SECONDS)
    prober.start()
    time.sleep(5)
    cluster.cache_redis.stop()
    time.sleep(1)
    cluster.cache_redis.start()
    thread.join()
    prober.stopped.set()
    prober.join()
    probes = [result for _at, result in prober.results]
    still_signed_in = sum(1 for status, named in probes if status == 200 and named)
    download = editor.at("b", world["attachment"])
    report.line(
        "4", "cache Redis restarted under load",
        f"{figures['requests']} requests, {figures['errors']} errors; signed-in page {still_signed_in}/{len(probes)} "
        f"times 200; upload {download.status_code}",
        figures["errors"] == 0 and still_signed_in == len(probes) > 0 and download.status_code == 200
        and download.content == world["picture"],
    )  # fmt: skip


def _job_state(cluster: Cluster, job: str) -> tuple[str, int]:
    with _database(cluster) as connection:
        return connection.execute("SELECT state, attempts FROM jobs_job WHERE id = %s", [job]).fetchone()


def killed_worker(cluster: Cluster, world: dict, editor: Browser, report: Report) -> None:
    started = editor.at("a", f"/auftraege/agenda-pdf/{world['agenda']}/erstellen", data={})
    match = re.search(r"/auftraege/([0-9a-f-]{36})/", started.headers.get("Location", ""))
    if not match:
        report.line("5", "worker killed during a PDF export", f"no job started ({started.status_code})", False)
        return
    job = match.group(1)
    deadline = time.monotonic() + 60
    while _job_state(cluster, job)[0] == "queued" and time.monotonic() < deadline:
        time.sleep(0.02)
    state_at_kill = _job_state(cluster, job)[0]
    cluster.kill_worker()
    killed_at = time.monotonic()
    cluster.start_worker()
    deadline = time.monotonic() + 180
    while _job_state(cluster, job)[0] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.5)
    state, attempts = _job_state(cluster, job)
    delivered = time.monotonic() - killed_at
    downloads = {node: editor.at(node, f"/auftraege/{job}/datei") for node in ("a", "b")}
    pdfs = all(response.status_code == 200 and response.content.startswith(b"%PDF") for response in downloads.values())
    report.line(
        "5", "Celery worker killed during a council PDF",
        f"killed while {state_at_kill}; after restart {state} in {delivered:.1f} s, attempts {attempts}, "
        f"PDF via A and B {pdfs}",
        state_at_kill == "running" and state == "done" and pdfs,
    )  # fmt: skip


def stopped_database(cluster: Cluster, world: dict, report: Report) -> None:
    def probe():
        sent = time.monotonic()  # a request sent before the stop may still answer 200 after it
        response = requests.get(
            f"{cluster.proxy_url}/projekte/{world['project']}/?probe={time.monotonic_ns()}",
            headers={"Accept-Language": "de"}, timeout=30,
        )  # fmt: skip
        return response.status_code, FRIENDLY in response.text, "Traceback" in response.text, sent

    prober = Recorder(probe, 0.2)
    prober.start()
    time.sleep(2)
    cluster.postgres.stop()
    stopped = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    starting = time.monotonic()  # pg_ctl -w may return a moment after the server accepts connections again
    cluster.postgres.start()
    restarted = time.monotonic()
    deadline = restarted + 30
    while time.monotonic() < deadline and not (prober.results and prober.results[-1][1][0] == 200):
        time.sleep(0.2)
    time.sleep(2)
    prober.stopped.set()
    prober.join()
    down = [result for at, result in prober.results if result[3] > stopped and at < starting]
    after = [(at, result) for at, result in prober.results if at > restarted]
    recovered = next(
        (at for index, (at, _) in enumerate(after) if all(result[0] == 200 for _, result in after[index:])), None
    )
    errors = sum(1 for _at, (status, _friendly, traceback, _sent) in prober.results if status == 500 or traceback)
    friendly = sum(1 for status, is_friendly, _traceback, _sent in down if status == 503 and is_friendly)
    report.line(
        "6", f"PostgreSQL stopped {OUTAGE_SECONDS} s",
        f"{friendly}/{len(down)} friendly 503 while down, {errors} 500s; 200 again after "
        f"{f'{recovered - restarted:.1f} s' if recovered else 'never'}",
        len(down) > 0 and friendly == len(down) and errors == 0 and recovered is not None
        and recovered - restarted < 10,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("CLUSTER_PORT_BASE", "18200")))
    parser.add_argument(
        "--postgres-folder", type=Path, help="keep the PostgreSQL cluster here and use it again next time (no setup)"
    )
    parser.add_argument("--probes", default="23456", help="which of probes 2-6 to run after probe 1, e.g. 3 [23456]")
    arguments = parser.parse_args()
    for program in ("haproxy", "wrk", "redis-server"):
        if shutil.which(program) is None:
            raise SystemExit(f"bench-cluster needs {program}: apt-get install {program}")
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    (work / "media").mkdir()
    cluster = Cluster(arguments.port_base, work, arguments.postgres_folder)
    report = Report()
    try:
        cluster.start()
        world = _world(cluster)
        print(f"Two nodes behind haproxy at {cluster.proxy_url} (logs in {work})\n", flush=True)
        editor = shared_state(cluster, world, report)
        probes = {
            "2": lambda: load(cluster, world, report),
            "3": lambda: killed_node(cluster, world, report),
            "4": lambda: restarted_redis(cluster, world, editor, report),
            "5": lambda: killed_worker(cluster, world, editor, report),
            "6": lambda: stopped_database(cluster, world, report),
        }
        for number, probe in probes.items():
            if number in arguments.probes:
                probe()
    finally:
        cluster.close()
    if report.failed:
        print(f"\nFailed: {', '.join(report.failed)} (logs in {work})")
        raise SystemExit(1)
    shutil.rmtree(work, ignore_errors=True)
    print("\nAll probes passed.")


if __name__ == "__main__":
    main()
