"""Gunicorn settings: production (docs/operations.md) and the load benchmark (bench/serving.py) use
this one file; gunicorn reads it from the working directory. Measured in docs/performance.md."""

import os

wsgi_app = "smartregion.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers, 4 × 2 on two cores: with more threads per worker, connections gather on one
# process and its interpreter lock halves the throughput.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A worker takes a new connection only while one of its threads is free. With gunicorn's default
# (1,000) a worker whose threads are busy keeps accepting, and those requests wait behind slow ones
# while another worker idles; the kernel's accept queue serves whichever worker is free next. On the
# network pages at concurrency 8: p95 179 ms against 225 ms (mean of four 8-second runs each).
worker_connections = threads


def on_starting(server):
    """The same rule when the thread count comes from the command line (`--threads`), which gunicorn
    applies after this file: one rule, wherever the threads are set."""
    server.cfg.set("worker_connections", server.cfg.threads)


on_reload = on_starting

# Every response closes its connection, as behind a reverse proxy: the kernel then spreads requests
# over the workers instead of keep-alive connections staying with one process.
keepalive = 0
timeout = 60
graceful_timeout = 5


def post_worker_init(worker):
    """Build what each worker would otherwise build on its first requests (smartregion.warmup)."""
    from smartregion.warmup import warm_up

    worker.log.info("warmed up in %.1f s", warm_up())
