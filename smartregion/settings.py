"""Django settings for Smart Region Hub.

One settings module; everything that differs between machines comes from the environment
(see `.env.example`). Defaults are safe for local development: SQLite, console e-mail, DEBUG on.
Production sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

from datetime import date
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from smartregion.accounts.providers import read_environment as read_identity_providers
from smartregion.core.codeversion import fingerprint
from smartregion.schedule import SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="insecure-development-key-only-for-local-use-change-me-in-production",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "smartregion.core",
    "smartregion.accounts",
    "smartregion.notifications",
    "smartregion.jobs",
    "smartregion.territories",
    "smartregion.taxonomy",
    "smartregion.glossary",
    "smartregion.projects",
    "smartregion.actors",
    "smartregion.needs",
    "smartregion.network",
    "smartregion.events",
    "smartregion.assessments",
    "smartregion.funding",
    "smartregion.offerings",
    "smartregion.matching",
    "smartregion.reports",
    "smartregion.participation",
    "smartregion.opendata",
    "smartregion.toolkit",
    "smartregion.agendas",
    "smartregion.api",
    "smartregion.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "smartregion.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "smartregion.api.middleware.ApiLanguageMiddleware",
    "smartregion.core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "smartregion.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "smartregion.urls"
WSGI_APPLICATION = "smartregion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smartregion.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL (DATABASE_URL=postgres://…) is the production database.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL + a busy timeout let the dev server and a management command share the file.
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every key of the shared caches starts with this, so an update never reads what older code kept
# (core.codeversion): a new release starts with an empty cache.
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="") or fingerprint(PACKAGE_DIR)
_SHARED_CACHE = env.cache_url("CACHE_URL", default="dbcache://smartregion_cache?max_entries=20000")
# Limit counters (API, login, contributions; core.limits, ADR 0019) are shared by all workers and
# servers: their own table in the database, or the cache server CACHE_URL names, or THROTTLE_CACHE_URL.
# Their key prefix is fixed, so an update does not reset them.
if env("THROTTLE_CACHE_URL", default=""):
    _LIMITS_CACHE = env.cache_url("THROTTLE_CACHE_URL")
elif _SHARED_CACHE["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    _LIMITS_CACHE = {
        "BACKEND": "smartregion.core.limitscache.LimitsDatabaseCache",
        "LOCATION": "smartregion_limits",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},  # expired counters are deleted; live ones are never culled
    }
else:
    _LIMITS_CACHE = dict(_SHARED_CACHE)
CACHES = {
    # Shared by all workers: the database (no cache server needed) unless CACHE_URL names Redis.
    "default": {**_SHARED_CACHE, "KEY_PREFIX": CACHE_KEY_PREFIX},
    "throttle": {**_LIMITS_CACHE, "KEY_PREFIX": "limits"},
    # Whole public pages for visitors (core.pagecache) and kept dashboards: process memory in front
    # of the shared cache (core.layeredcache), or only the cache PAGE_CACHE_URL names.
    "pages": {**env.cache_url("PAGE_CACHE_URL"), "KEY_PREFIX": CACHE_KEY_PREFIX}
    if env("PAGE_CACHE_URL", default="")
    else {
        "BACKEND": "smartregion.core.layeredcache.LayeredCache",
        "LOCATION": "pages",
        "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": 300},
    },
}
# --- Redis (ADR 0025) ---
# A redis:// URL above gets core.rediscache: a Redis away is a cache miss (limit counters: counted in
# process memory meanwhile), a restarted Redis never serves what it kept before. Sessions are written to
# the database and read through the cache, so they survive a restart of Redis.
REDIS_RETRY_AFTER_SECONDS = env.float("REDIS_RETRY_AFTER_SECONDS", default=2.0)
for _alias, _cache in CACHES.items():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "smartregion.core.rediscache.RedisCache"
        _cache["OPTIONS"] = {
            "ON_ERROR": "local" if _alias == "throttle" else "miss",
            "RETRY_AFTER": REDIS_RETRY_AFTER_SECONDS,
            **_cache.get("OPTIONS", {}),
        }
REDIS_CACHE = CACHES["default"]["BACKEND"] == "smartregion.core.rediscache.RedisCache"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_CACHE else "django.contrib.sessions.backends.db"
# --- end Redis ---
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# How long the similar-projects ranking of a project is kept (projects.similarity.similar).
SIMILAR_CACHE_SECONDS = env.int("SIMILAR_CACHE_SECONDS", default=600)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "smartregion.accounts.oidc.ProviderBackend",  # does nothing unless an identity provider is set below
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
# Login throttling (ADR 0019), in fixed windows of LOGIN_FAILURE_WINDOW_SECONDS: failures of one e-mail
# address from one client, of one client for any address, of one address from everywhere. A browser
# that signed in to the account before (device cookie, LOGIN_DEVICE_COOKIE_DAYS) counts only its own
# failures (LOGIN_MAX_FAILURES), so strangers cannot lock the owner out of her own browser.
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", default=5)
LOGIN_MAX_FAILURES_PER_CLIENT = env.int("LOGIN_MAX_FAILURES_PER_CLIENT", default=20)
LOGIN_MAX_FAILURES_PER_ACCOUNT = env.int("LOGIN_MAX_FAILURES_PER_ACCOUNT", default=50)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=15 * 60)
LOGIN_DEVICE_COOKIE_DAYS = env.int("LOGIN_DEVICE_COOKIE_DAYS", default=180)
# Sign-up and password-reset mails: per address (beyond: silently none) and per client (beyond: refused).
# Sign-in through the administrations' identity providers (OpenID Connect, mozilla-django-oidc; ADR 0027).
# The single provider below: off unless issuer, client and the four endpoints are set (the login page then shows
# no button). The values are in the provider's discovery document (<issuer>/.well-known/openid-configuration);
# docs/operations.md.
OIDC_OP_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
# RP-initiated logout: signing out here also ends the session at the provider (end_session_endpoint).
OIDC_OP_END_SESSION_ENDPOINT = env.str("OIDC_END_SESSION_ENDPOINT", default="")
# The button says "Mit <name> anmelden"; empty: "Mit dem Konto Ihrer Verwaltung anmelden".
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGORITHM", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USERS", default=True)
# Optional, off when empty: provider groups → roles, "group=territory:<ARS or AGS>:<editor|admin>" or
# "group=network:<slug>:coordinator", comma-separated; the groups come from the claim OIDC_GROUPS_CLAIM.
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ROLE_MAPPING = env.dict("OIDC_ROLE_MAPPING", default={})
# More providers (a Land's and a Kreis' service): OIDC_PROVIDERS=land,kreis, each from OIDC_<KEY>_ISSUER … with
# the same suffixes as above (accounts.providers; the single provider above may stay beside them).
OIDC_PROVIDERS = read_identity_providers(env)
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR = env.int("ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR", default=3)
ACCOUNT_MAILS_PER_CLIENT_PER_HOUR = env.int("ACCOUNT_MAILS_PER_CLIENT_PER_HOUR", default=20)
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Requests for access to a territory one account may send per hour and per day (ADR 0021).
ACCESS_REQUESTS_PER_HOUR = env.int("ACCESS_REQUESTS_PER_HOUR", default=3)
ACCESS_REQUESTS_PER_DAY = env.int("ACCESS_REQUESTS_PER_DAY", default=10)
# Comments and ideas one person may write in one consultation per minute and per hour (ADR 0019).
PARTICIPATION_MAX_PER_MINUTE = env.int("PARTICIPATION_MAX_PER_MINUTE", default=5)
PARTICIPATION_MAX_PER_HOUR = env.int("PARTICIPATION_MAX_PER_HOUR", default=30)
# Contributions one person may report to the moderation per hour, across consultations (ADR 0019).
PARTICIPATION_MAX_FLAGS_PER_HOUR = env.int("PARTICIPATION_MAX_FLAGS_PER_HOUR", default=20)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Smart Region Hub <noreply@localhost>")
# Notifications (ADR 0028): links in mails start with SITE_URL (below); NOTIFICATIONS_ENQUEUE names a function
# that gets an outbox mail's id after commit (the task queue); without it the mail is sent in the process after commit.
# With a broker (CELERY_BROKER_URL, below) the default is the queue's own task (notifications.tasks.send_later).
NOTIFICATIONS_ENQUEUE = env.str(
    "NOTIFICATIONS_ENQUEUE",
    default="smartregion.notifications.tasks.send_later" if env.str("CELERY_BROKER_URL", default="") else "",
)
NOTIFICATIONS_SEND_AT_ONCE = False  # tests: send inside the transaction (their transaction never commits)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Task queue (Celery, ADR 0026) -----------------------------------------------------------
# Exports, peer statistics, the funding-gap warm-up and scheduled jobs run in `celery -A smartregion worker`
# when CELERY_BROKER_URL names a broker (redis://127.0.0.1:6379/3); without one every task runs at once in
# the process that asks (the embedded default: `make run` and the tests need no broker).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# CELERY_TASK_ALWAYS_EAGER=true with a broker is for `make test-production` only: every task goes through
# Celery's apply_async (its arguments serialized for the broker) and runs in the asking process, because a
# test's transaction never commits and a worker could not see its rows (ADR 0026, addendum).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None  # the state of a job is its row (smartregion.jobs), not a Celery result
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it has finished, not when it starts: a worker that dies mid-task (killed,
# out of memory, machine lost) leaves it to be delivered again; the tasks are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
# Redis hands an unacknowledged task to another worker after this many seconds: longer than the longest
# task (a council PDF of a large agenda takes well under a minute).
# CELERY_KEY_PREFIX starts every key the queue keeps in Redis: instances (or test runs) sharing a database.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "global_keyprefix": env.str("CELERY_KEY_PREFIX", default=""),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=1800)
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Scheduled jobs (`celery -A smartregion beat`; docs/operations.md): smartregion/schedule.py.
CELERY_BEAT_SCHEDULE = SCHEDULE
# Finished jobs and their files are deleted after this many days.
JOBS_KEEP_DAYS = env.int("JOBS_KEEP_DAYS", default=7)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# --- Object storage (ADR 0025) ---
# STORAGE_S3_BUCKET puts every uploaded and generated file into that bucket of an S3-compatible store
# (django-storages). Files stay private: the bucket needs no public access; the application streams each
# file through its permission-checked view (core.downloads.file_response) and hands out no bucket address.
STORAGE_S3_BUCKET = env.str("STORAGE_S3_BUCKET", default="")
if STORAGE_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "location": env.str("STORAGE_S3_PREFIX", default=""),
            "endpoint_url": env.str("STORAGE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("STORAGE_S3_REGION", default="") or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, an instance role).
            "access_key": env.str("STORAGE_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("STORAGE_S3_SECRET_KEY", default="") or None,
            "addressing_style": env.str("STORAGE_S3_ADDRESSING_STYLE", default="path"),
            "default_acl": None,  # the bucket's own: private
            "file_overwrite": False,  # a second upload of the same name gets a new name, as on disk
            "querystring_auth": True,  # should anything ask for .url: signed and short-lived, never public
            "querystring_expire": 60,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
# --- end object storage ---
WHITENOISE_USE_FINDERS = DEBUG
FORMS_URLFIELD_ASSUME_HTTPS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# TLS is terminated in front of the application in production; these follow DJANGO_HTTPS.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the application append the client's address to X-Forwarded-For;
# the client address is that many entries from the right (core.clients). 0: the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SILENCED_SYSTEM_CHECKS = env.list("DJANGO_SILENCED_SYSTEM_CHECKS", default=[])

# --- Site texts (operator-specific) ---------------------------------------------------------
SITE_NAME = env.str("SITE_NAME", default="Smart Region Hub")
# The site's public address: every identifier (DCAT URIs, API links, calendar UIDs, links in mails) is built
# from it, never from the request's host name (core.siteurl).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# GovData's contributor ID for this portal (dcatde:contributorID, http://dcat-ap.de/def/contributors/…); empty:
# not stated. Only GovData assigns it.
DCATDE_CONTRIBUTOR_ID = env.str("DCATDE_CONTRIBUTOR_ID", default="")
# The operator's legal notice and privacy statement. Placeholders until the operator sets them.
IMPRINT_TEXT = env.str("IMPRINT_TEXT", default="")
PRIVACY_TEXT = env.str("PRIVACY_TEXT", default="")
OPERATOR_NAME = env.str("OPERATOR_NAME", default="")
OPERATOR_CONTACT_EMAIL = env.str("OPERATOR_CONTACT_EMAIL", default="")
# The operator's video in Deutsche Gebärdensprache (BITV 2.0 § 4): a path on this host (e.g.
# /media/dgs/hub.mp4, played in the page) or an address elsewhere (linked).
SIGN_LANGUAGE_VIDEO_URL = env.str("SIGN_LANGUAGE_VIDEO_URL", default="")
# The accessibility statement (BGG §12b, BITV 2.0 §7): the day of its last self-evaluation (update it when
# the statement is checked again), messages of its feedback form per client and hour, and after how many days
# without an answer `manage.py accessibility_reminders` mails the operator (the answer is due after a month).
ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(env.str("ACCESSIBILITY_STATEMENT_DATE", default="2026-12-03"))
ACCESSIBILITY_FEEDBACK_PER_HOUR = env.int("ACCESSIBILITY_FEEDBACK_PER_HOUR", default=5)
ACCESSIBILITY_REMINDER_AFTER_DAYS = env.int("ACCESSIBILITY_REMINDER_AFTER_DAYS", default=21)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A task run in the asking process (no broker) is part of that request or command: no line per task.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Apps whose data `export_all` / `import_all` back up (with their history tables).
BACKUP_APP_LABELS = [
    "core",
    "accounts",
    "territories",
    "taxonomy",
    "glossary",
    "projects",
    "actors",
    "needs",
    "network",
    "events",
    "assessments",
    "funding",
    "offerings",
    "matching",
    "participation",
    "opendata",
    "toolkit",
    "agendas",
    "notifications",
]
# Apps with models that a backup leaves out on purpose: jobs are work in flight (a restored database asks again).
BACKUP_SKIPPED_APP_LABELS = ["jobs"]
# Not in a backup: the outbox of mails (ADR 0028: a restored waiting mail may have been sent after the backup was
# taken; the inbox entries are kept, so nobody loses what they were told).
BACKUP_EXCLUDED_MODELS = ["notifications.OutboxMail"]
# The backup's fixture format: XML with content types by natural key (core/backup_xml.py).
SERIALIZATION_MODULES = {"backup-xml": "smartregion.core.backup_xml"}

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "smartregion.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": ["smartregion.api.filtering.StrictFilterBackend"],
    "EXCEPTION_HANDLER": "smartregion.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "smartregion.territories.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "smartregion.api.throttling.AnonThrottle",
        "smartregion.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_RATE_ANON", default="120/min"),
        "user": env.str("API_RATE_USER", default="600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart Region Hub API",
    "DESCRIPTION": (
        "Offene Schnittstelle der Smart-Region-Plattform: Projekte, Selbsteinschätzungen, Expertinnen und "
        "Experten, Bedarfe, Veranstaltungen, Datenbestände und passende Lösungen."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "smartregion.api.schema.add_error_responses",
    ],
}
