"""A fingerprint of the code, templates and translations, used as the key prefix of the shared caches.

Kept values are pickled objects and rendered HTML (core.freshness, core.pagecache). After an update
that changes a kept class, a template or a translation, values written by the old code must not be read
back: with the fingerprint in every key, a new release starts with an empty shared cache instead of
serving pages in an old layout or failing to unpickle. Standard library only: settings import it.
"""

import hashlib
from pathlib import Path

SUFFIXES = (".py", ".html", ".mo")


def fingerprint(package_dir: Path) -> str:
    """Twelve hex digits that change whenever a module, template or compiled translation changes."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.suffix in SUFFIXES and path.is_file():
            digest.update(path.relative_to(package_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
