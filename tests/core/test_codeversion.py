"""The shared caches' key prefix changes with the code, so a release never reads what older code kept."""

import re

from django.conf import settings
from django.core.cache import caches

from smartregion.core.codeversion import fingerprint


def _package(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "views.py").write_text("def view(): ...\n")
    (tmp_path / "templates" / "page.html").write_text("<p>{{ body }}</p>\n")
    (tmp_path / "notes.txt").write_text("not part of the code\n")
    return tmp_path


def test_the_fingerprint_changes_with_a_module_a_template_or_a_translation(tmp_path):
    package = _package(tmp_path)
    first = fingerprint(package)
    assert first == fingerprint(package)  # stable while nothing changes
    (package / "notes.txt").write_text("edited\n")
    assert fingerprint(package) == first  # other files do not count

    (package / "templates" / "page.html").write_text("<div>{{ body }}</div>\n")
    after_template = fingerprint(package)
    (package / "views.py").write_text("def view(): return 1\n")
    after_module = fingerprint(package)
    (package / "django.mo").write_bytes(b"\x95\x04\x12\xde")
    after_translation = fingerprint(package)
    assert len({first, after_template, after_module, after_translation}) == 4


def test_a_renamed_file_changes_the_fingerprint(tmp_path):
    package = _package(tmp_path)
    first = fingerprint(package)
    (package / "views.py").rename(package / "pages.py")
    assert fingerprint(package) != first


def test_the_shared_caches_use_the_prefix():
    # The fingerprint as settings computed it at start (files edited since would give another one).
    assert re.fullmatch(r"[0-9a-f]{12}", settings.CACHE_KEY_PREFIX)
    assert caches["default"].key_prefix == settings.CACHE_KEY_PREFIX
    assert caches["default"].make_key("page") == f"{settings.CACHE_KEY_PREFIX}:1:page"
