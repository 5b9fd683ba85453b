"""Workers warm up before their first request (smartregion.warmup, called by gunicorn's post_worker_init)."""

import logging
import runpy
from pathlib import Path

import pytest
from django.template import engines
from django.urls import get_resolver

from smartregion import warmup

pytestmark = pytest.mark.django_db


def test_warm_up_builds_url_names_templates_and_reference_data():
    from django.urls.resolvers import _get_cached_resolver

    from smartregion.matching import programmes

    _get_cached_resolver.cache_clear()  # a fresh worker: nothing built yet
    loader = engines["django"].engine.template_loaders[0]  # the cached loader
    loader.reset()
    programmes._catalogue.forget()
    assert set(get_resolver()._reverse_dict) == set()

    assert warmup.warm_up() >= 0

    assert set(get_resolver()._reverse_dict) == {"de", "en"}  # URL names of both languages
    assert "projects/detail.html" in loader.get_template_cache  # compiled before any request
    assert "base.html" in loader.get_template_cache
    assert programmes._catalogue._held  # the programme catalogue is read (a registered kept value)


def test_a_failing_step_is_logged_and_the_others_still_run(monkeypatch, caplog):
    ran = []

    def broken():
        raise RuntimeError("database not reachable yet")

    monkeypatch.setattr(warmup, "STEPS", (broken, lambda: ran.append("next")))
    with caplog.at_level(logging.WARNING, logger="smartregion.warmup"):
        warmup.warm_up()
    assert ran == ["next"]
    assert "warm-up step broken failed" in caplog.text


def test_gunicorn_warms_each_worker_up(monkeypatch):
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append(1) or 0.5)
    config = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))

    class Worker:
        class log:
            @staticmethod
            def info(message, *args):
                calls.append(message % args)

    config["post_worker_init"](Worker())
    assert calls == [1, "warmed up in 0.5 s"]
    assert config["worker_connections"] == config["threads"]


def test_worker_connections_follow_threads_given_on_the_command_line(monkeypatch):
    """gunicorn applies `--threads` after gunicorn.conf.py; the start hook derives the connections again."""
    from gunicorn.app.wsgiapp import WSGIApplication

    config_file = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
    monkeypatch.setattr("sys.argv", ["gunicorn", f"--config={config_file}", "--threads=5"])
    config = WSGIApplication().cfg

    class Server:
        cfg = config

    config.on_starting(Server())
    assert (config.threads, config.worker_connections) == (5, 5)
