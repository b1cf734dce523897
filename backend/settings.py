"""Gagasan settings: one module, every value from the environment with a safe default.

Embedded default: SQLite and the in-memory channel layer. Production sets DATABASE_URL
(PostgreSQL) and REDIS_URL (channels-redis), DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import os
import tempfile
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment, or set DJANGO_DEBUG=1 "
            "for local development (make run does)."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Browser origins allowed to open WebSockets: exact matches only, never a domain suffix.
WEBSOCKET_ALLOWED_ORIGINS = env.list(
    "DJANGO_WS_ALLOWED_ORIGINS",
    default=["http://127.0.0.1:8000", "http://localhost:8000", *CSRF_TRUSTED_ORIGINS],
)

INSTALLED_APPS = [
    "backend.apps.GagasanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "accounts",
    "notifications",
    "ideas",
    "voting",
    "reviews",
    "rankings",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "backend.i18n.SiteLanguage",
    "backend.middleware.ApiInputGuard",
    "backend.middleware.DatabaseUnavailable",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "backend.urls"
ASGI_APPLICATION = "backend.asgi.application"
WSGI_APPLICATION = "backend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The browser app's pages (backend/pages.py).
        "DIRS": [BASE_DIR / "frontend_static" / "pages"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Databases: SQLite by default; DATABASE_URL (postgres://...) for PostgreSQL. Under ASGI the
# psycopg pool replaces CONN_MAX_AGE, which leaks connections there (PERFORMANCE.md pitfall 4).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Statements run through a server-binding cursor (the vote, voting.services) are
    # prepared after this many runs on a connection; Django's own client-binding cursors are
    # never prepared, so nothing else changes.
    # A database that does not answer fails a request within seconds (a 503, backend.
    # middleware), instead of holding its worker.
    DATABASES["default"]["OPTIONS"] = {
        "prepare_threshold": 2,
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
    }
    if env.bool("DATABASE_POOL", default=False):
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=20),
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str(
        "DATABASE_TEST_NAME", default="test_gagasan"
    )
else:
    # SQLite for a single-machine pilot: WAL lets readers run beside the one writer, IMMEDIATE
    # transactions take the write lock at BEGIN (so two writers queue instead of failing with
    # "database is locked" when one upgrades a read lock), and a writer waits up to `timeout`
    # seconds for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests run on a database file in WAL mode, as `make run` does, not on Django's shared-cache
    # in-memory default: there, a page's socket reading ideas while a request writes them gets
    # "database table is locked" at once (shared-cache table locks ignore the busy timeout).
    # One file per test process, so two runs never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": env.str(
            "DATABASE_TEST_NAME",
            default=str(Path(tempfile.gettempdir()) / f"gagasan-test-{os.getpid()}.sqlite3"),
        )
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Channel layer: in-memory for one process; Redis pub/sub when REDIS_URL is set.
# Pub/sub, not the list-based core layer: a group message is one PUBLISH that each process fans
# out to its own sockets in memory (PERFORMANCE.md: 3-5x the deliveries, nothing dropped at a
# per-consumer capacity). Messages to a process that is not listening are lost, which suits us:
# every message carries absolute state and a seq, and sockets resync from a snapshot.
# The connection options matter with redis-py >= 8: its 100-connection cap per pool fails a
# connect storm at once, and a read timeout must outlast the subscriber's idle waits.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": 15,
                        "socket_connect_timeout": 2,
                        "max_connections": 1000,
                    }
                ]
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Leaderboard sockets get at most one frame per this many seconds (rankings.hub): the
# floor of vote-to-screen latency under load, and the ceiling of frames per client per second.
LEADERBOARD_PUSH_INTERVAL = env.float("GAGASAN_LEADERBOARD_PUSH_INTERVAL", default=0.25)
# GET /api/leaderboard/ answers a ranking this process computed at most this long ago.
LEADERBOARD_CACHE_SECONDS = env.float("GAGASAN_LEADERBOARD_CACHE_SECONDS", default=1.0)
# The dashboard (dashboard.stats): how long a process reuses a computed body for the same
# filters over HTTP, and how often at most the dashboard socket pushes a changed one.
STATS_CACHE_SECONDS = env.float("GAGASAN_STATS_CACHE_SECONDS", default=2.0)
DASHBOARD_PUSH_INTERVAL = env.float("GAGASAN_DASHBOARD_PUSH_INTERVAL", default=1.0)

# The cache holds throttle counters; shared through Redis when there are several workers.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gagasan",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "gagasan_lang"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# The scripts and styles; the page templates beside them (frontend_static/pages) are not static.
STATICFILES_DIRS = [(part, BASE_DIR / "frontend_static" / part) for part in ("css", "js", "img")]
# Hashed names from `collectstatic` (backend/storage.py) wherever DEBUG is off, tests included;
# `make run` (DEBUG) serves the source files as they are edited.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "backend.storage.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env.bool("WHITENOISE_USE_FINDERS", default=False)
WHITENOISE_AUTOREFRESH = DEBUG

# Django's database sessions, with keys checked before any lookup (backend/sessions.py).
SESSION_ENGINE = "backend.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 12
LOGIN_URL = "/login/"

# How long each process remembers a token's user (accounts.authentication); 0 turns it off.
TOKEN_CACHE_SECONDS = env.float("GAGASAN_TOKEN_CACHE_SECONDS", default=10)
# A list of ideas this long or longer has its count remembered per process for this many
# seconds (ideas.selectors.idea_list_count): "1.234 ide" may lag a vote or two behind.
LIST_COUNT_REMEMBERED_FROM = env.int("GAGASAN_LIST_COUNT_REMEMBERED_FROM", default=1000)
LIST_COUNT_SECONDS = env.float("GAGASAN_LIST_COUNT_SECONDS", default=3)
# For how long after posting its author may edit or delete a comment (ideas.comments).
COMMENT_EDIT_SECONDS = env.int("GAGASAN_COMMENT_EDIT_SECONDS", default=900)
# core.db.Statement builds each query afresh beside its compiled SQL and fails on a difference
# (on in the tests).
STATEMENTS_CHECKED = env.bool("GAGASAN_STATEMENTS_CHECKED", default=False)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.CachedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "backend.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "backend.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "backend.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Per person, never per IP: a whole office shares one address.
    "DEFAULT_THROTTLE_RATES": {"vote": env.str("GAGASAN_VOTE_RATE", default="120/min")},
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

SPECTACULAR_SETTINGS = {
    "TITLE": "Gagasan API",
    "DESCRIPTION": "The innovation platform of Jakarta's provincial civil service.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files: /api/docs/ works without the
    # internet (no CDN), on an air-gapped network too.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "IdeaStatusEnum": "ideas.models.Idea.Status",
        "CommentKindEnum": "ideas.models.Comment.Kind",
        "ReportStatusEnum": "ideas.models.Report.Status",
        "ReportReasonEnum": "ideas.models.Report.Reason",
        "CoAuthorInvitationStatusEnum": "ideas.models.CoAuthorInvitation.Status",
    },
}

# Uploads allowed a larger body than DATA_UPLOAD_MAX_MEMORY_SIZE (backend.middleware): the staff
# directory, 65,000 rows of nip,full_name,agency_code,email, is about 5 MB.
API_BODY_LIMITS = {
    "/api/staff/import/": env.int("GAGASAN_STAFF_IMPORT_MAX_BYTES", default=16 * 1024 * 1024),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Exports (dashboard/exports.py, dashboard/tasks.py) ----------------------------------------
# A spreadsheet of more ideas than this is built in the background, not in the request: it
# takes about 1 s per 10,000 ideas (measured on PostgreSQL: 2.8 s for 28,600, 8.6 s for 85,800).
# CSV always streams from the request (85,800 ideas: first byte 0.3 s, all 21 MB in 3.6 s).
EXPORT_INLINE_MAX_ROWS = env.int("GAGASAN_EXPORT_INLINE_MAX_ROWS", default=10_000)
# A finished export is handed again to the same person asking the same for this long; files are
# kept this long; a job still pending or running after this long is taken as lost (worker died).
EXPORT_JOB_REUSE_SECONDS = env.int("GAGASAN_EXPORT_JOB_REUSE_SECONDS", default=300)
EXPORT_JOB_KEEP_SECONDS = env.int("GAGASAN_EXPORT_JOB_KEEP_SECONDS", default=24 * 3600)
EXPORT_JOB_STALE_SECONDS = env.int("GAGASAN_EXPORT_JOB_STALE_SECONDS", default=30 * 60)
# Built exports, through Django's storage API (shared by the API and the workers).
STORAGES["exports"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": env.path("GAGASAN_EXPORT_ROOT", default=BASE_DIR / "var" / "exports")},
}

# --- Background work (backend/celery.py) -------------------------------------------------------
# Redis is the broker when REDIS_URL is set; without it (the embedded default) tasks run
# eagerly, in the process that asks (exports in a thread of it: dashboard/tasks.py).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Exports take seconds each: a worker takes one at a time rather than hoarding a queue.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request handing work to a broker that is down fails within about a second, not minutes.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# ... also when Redis does not answer at all (a dropped route): each attempt gives up in 1 s.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
# The daily digest of notifications (notifications/tasks.py): `celery -A backend beat` runs it
# at 07:00 in TIME_ZONE; a second run the same day sends nothing (one digest per person and day).
CELERY_BEAT_SCHEDULE = {
    "notifications-digest": {
        "task": "notifications.digests_create",
        "schedule": crontab(hour=env.int("GAGASAN_DIGEST_HOUR", default=7), minute=0),
    },
}

# --- Email (notifications/emails.py) -----------------------------------------------------------
# Printed to the console unless EMAIL_HOST names an SMTP server; EMAIL_BACKEND overrides both
# (e.g. django.core.mail.backends.filebased.EmailBackend with EMAIL_FILE_PATH).
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
if env.str("EMAIL_FILE_PATH", default=""):
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Gagasan <gagasan@localhost>")
# Links in emails (each idea's page, the unsubscribe links) start with this address.
SITE_URL = env.str("GAGASAN_SITE_URL", default="http://localhost:8000")
