"""Settings of the served benchmark site: the production settings plus one minimal view (load_urls)."""

from smartregion.settings import *  # noqa: F403

ROOT_URLCONF = "loadsite.urls"
