"""Settings for the arms-transfer tracker, read from the environment.

``TRACKER_ENV`` is ``local`` (the default: ``make run``, the ``extract`` command),
``test`` or ``production``. Outside local runs and tests a missing ``SECRET_KEY``
is an error, and DEBUG is off unless asked for.
"""

from __future__ import annotations

from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from tracker.env import envbool, envint, envlist, envrate, envstr
from workers import task_names

BASE_DIR = Path(__file__).resolve().parent.parent

TRACKER_ENV = envstr("TRACKER_ENV", "local")
if TRACKER_ENV not in {"local", "test", "production"}:
    raise ImproperlyConfigured(f"TRACKER_ENV must be local, test or production, got {TRACKER_ENV!r}")

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if TRACKER_ENV == "production":
        raise ImproperlyConfigured("SECRET_KEY must be set when TRACKER_ENV=production")
    SECRET_KEY = "insecure-key-for-local-runs-and-tests-only"

DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "axes",
    "csp",
    "simple_history",
    "tracker",
]

MIDDLEWARE = [
    # Outermost: request latency per view for /metrics, the whole stack included.
    "tracker.monitoring.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records the signed-in user as the author of each history entry (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a 429 answer.
    "axes.middleware.AxesMiddleware",
]
# No CORS middleware: browsers on other origins get no Access-Control-Allow-* header,
# so cross-origin scripts cannot read the API. Add django-cors-headers to open it.

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": envstr("DATABASE_NAME", "tracker"),
        "USER": envstr("DATABASE_USER", "tracker"),
        "PASSWORD": envstr("DATABASE_PASSWORD", ""),
        "HOST": envstr("DATABASE_HOST", "127.0.0.1"),
        "PORT": envint("DATABASE_PORT", 5432),
        "CONN_MAX_AGE": envint("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "connect_timeout": envint("DATABASE_CONNECT_TIMEOUT", 5),
            # Prepared statements: Django's cursors bind parameters on the client
            # and never prepare, whatever this says. The one statement that asks
            # for it is the worker's record writer (services.recording._write_records):
            # sent and parsed once per connection, and after five calls run with
            # PostgreSQL's generic plan instead of being planned on every call
            # (planning is a large part of its cost). Django's default, None, turns preparing off
            # even for a statement that asks.
            "prepare_threshold": envint("DATABASE_PREPARE_THRESHOLD", 5),
            # Every query here reads a page through indexes and stops at a LIMIT;
            # parallel workers only add their start-up to it (bench/RESULTS.md).
            "options": "-c max_parallel_workers_per_gather=0",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin (and any session) login is throttled by django-axes: after
# LOGIN_FAILURE_LIMIT failures for one username from one address, that pair is
# refused with 429 for LOGIN_COOLOFF_MINUTES. Off by default in tests only because
# Django's test client logs in without a request, which axes refuses; the
# security tests switch it on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = envbool("LOGIN_THROTTLE", TRACKER_ENV != "test")
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
# Two counts: one name from one address (the right password from elsewhere still
# gets in), and one address whatever the names (10 names x 4 passwords from one
# address are stopped after LOGIN_FAILURE_LIMIT). A name alone is not a count:
# anyone could then lock a curator out from everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Behind a proxy every request comes from the proxy's address: with
# TRUSTED_PROXY_COUNT proxies in front, the client's address is the one the
# nearest of them wrote into X-Forwarded-For (README, "Deployment"); it is what
# the login lockout and the per-address read quota count.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "tracker.api.quotas.client_ip"
AXES_RESET_ON_SUCCESS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if TRACKER_ENV == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production the web server serves admin assets straight from the apps.
WHITENOISE_USE_FINDERS = TRACKER_ENV != "production"

# Content-Security-Policy on every response (django-csp): scripts, frames and
# connections from this origin only, no plugins, forms post here only. Inline
# styles stay allowed: the admin's templates and Swagger UI set style attributes.
# The API docs page loads its script from a URL (SpectacularSwaggerSplitView),
# not inline, so scripts need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Articles are stored verbatim; anything bigger than this is refused with 413.
ARTICLE_MAX_BYTES = envint("ARTICLE_MAX_BYTES", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_BYTES + 64 * 1024

# Reading the API needs a signed-in user unless the data is public.
PUBLIC_READ = envbool("PUBLIC_READ", False)
# POST /api/articles/batch/: at most this many articles, and this many bytes of request body.
BATCH_MAX_ITEMS = envint("BATCH_MAX_ITEMS", 500)
BATCH_MAX_BYTES = envint("BATCH_MAX_BYTES", 32 * 1024 * 1024)
# Bulk re-parse (manage.py reparse, the admin action): articles per batch, and how
# many may wait for a worker before the next batch is queued (0: no limit).
REPARSE_BATCH_SIZE = envint("REPARSE_BATCH_SIZE", 100)
REPARSE_MAX_QUEUED = envint("REPARSE_MAX_QUEUED", 200)
REPARSE_PAUSE_SECONDS = envint("REPARSE_PAUSE_MS", 1000) / 1000
# Submissions per user; DRF rate syntax ("120/minute").
SUBMIT_RATE = envrate("SUBMIT_RATE", "120/minute")
# Per-account quotas (tracker/api/quotas.py), answered with 429 and Retry-After.
# Read requests per account (per address when signed out); empty turns it off.
READ_RATE = envrate("READ_RATE", "600/minute")
# An article's detail counts as one more read per this many bytes of its text.
READ_UNIT_BYTES = envint("READ_UNIT_BYTES", 256 * 1024)
if READ_UNIT_BYTES < 1:
    raise ImproperlyConfigured("READ_UNIT_BYTES must be at least 1")
# Bytes of new articles one submitter may store in any 24 hours.
SUBMIT_BYTES_PER_DAY = envint("SUBMIT_BYTES_PER_DAY", 100 * 1024 * 1024)
# Rows of CSV / JSON-lines export per account in any hour, and in one export (400 past it).
EXPORT_ROWS_PER_HOUR = envint("EXPORT_ROWS_PER_HOUR", 1_000_000)
EXPORT_MAX_ROWS = envint("EXPORT_MAX_ROWS", 100_000)

CACHES = {
    "default": {
        # Misses rather than raises while Redis is away: submissions go on (tracker/cache.py).
        "BACKEND": "tracker.cache.ResilientRedisCache",
        # Throttle counters are shared by every web process through Redis (db 1).
        "LOCATION": envstr("CACHE_URL", None) or envstr("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + "/1",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tracker.api.permissions.ReadPermission"],
    # Bodies the parser cannot read are 400s, never 500s (tracker/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["tracker.api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "tracker.api.params.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "tracker.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    # orjson encodes a large page several times faster than the json module.
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["tracker.api.quotas.ReadThrottle"],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
    "DEFAULT_THROTTLE_RATES": {"submit": SUBMIT_RATE, "read": READ_RATE},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tracker.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "tracker.api.params.StrictContentNegotiation",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Arms transfer tracker API",
    "DESCRIPTION": "Who supplies arms to whom, which officials are involved and what they said, "
    "each fact tied to the sentence of the news article that supports it.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs page are readable by whoever may read the API:
    # signed-in users, or everyone with PUBLIC_READ.
    "SERVE_PERMISSIONS": ["tracker.api.permissions.ReadPermission"],
    # Swagger UI assets are served by this service, not fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Error answers and the query parameters' real bounds (tracker/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tracker.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "tracker.models.ArticleStatus",
        "TransferStatusEnum": "tracker.models.TransferStatus",
        "MetadataSourceEnum": "tracker.models.MetadataSource",
    },
}

# Celery: Redis is the broker; results are not kept (the database is the record).
CELERY_BROKER_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_IGNORE_RESULT = True
# One Redis can serve several deployments (or test runs) on queues of their own.
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A replacement pool process (after a crash or a kill) gets this long to start.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 30.0
CELERY_TASK_SOFT_TIME_LIMIT = envint("PARSE_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = envint("PARSE_TIME_LIMIT", 150)
# The visibility timeout must exceed the hard time limit, or Redis would hand an
# unacknowledged message that is still being worked on to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": envint("BROKER_VISIBILITY_TIMEOUT", 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A submission must not hang when Redis is away: the article is stored and the
# periodic sweep sends it later.
CELERY_BROKER_TRANSPORT_OPTIONS.update({"socket_connect_timeout": 2, "socket_timeout": 5})
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Articles left queued or parsing longer than this are sent again by the sweep.
# A parse outlives its hard time limit by no more than the pool needs to kill it,
# so a claim older than the limit belongs to a dead worker: staleness must be
# longer, or the sweep would hand a live parse to a second worker.
ARTICLE_STALE_SECONDS = envint("ARTICLE_STALE_SECONDS", 300)
if ARTICLE_STALE_SECONDS <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        f"ARTICLE_STALE_SECONDS ({ARTICLE_STALE_SECONDS}) must be longer than PARSE_TIME_LIMIT "
        f"({CELERY_TASK_TIME_LIMIT})"
    )
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("BROKER_VISIBILITY_TIMEOUT must be longer than PARSE_TIME_LIMIT")
# Claims allowed per parse request (a re-parse starts again at zero); a claim that
# finds them used up marks the article failed rather than loop on a poison text.
ARTICLE_MAX_ATTEMPTS = envint("ARTICLE_MAX_ATTEMPTS", 5)
# Articles one parse task takes from the queue and parses in one batched spaCy
# pass (its own and up to this many minus one never-tried others): less CPU per
# article than one at a time, when there is a backlog. 1 turns it off.
PARSE_BATCH_SIZE = envint("PARSE_BATCH_SIZE", 4)
if PARSE_BATCH_SIZE < 1:
    raise ImproperlyConfigured("PARSE_BATCH_SIZE must be at least 1")
# Deals (tracker/services/deals.py): an article's event joins a deal of the same
# pair and system when its date is within this many years of the deal's events
# (an announcement and the first delivery are often five years or more apart).
DEAL_GAP_YEARS = envint("DEAL_GAP_YEARS", 8)
# Two articles are one story when the MinHash estimate of their texts' Jaccard
# similarity (five-word shingles) is at least this, in percent.
STORY_MIN_SIMILARITY = envint("STORY_MIN_SIMILARITY", 50) / 100
if not 0 < STORY_MIN_SIMILARITY <= 1:
    raise ImproperlyConfigured("STORY_MIN_SIMILARITY must be between 1 and 100")
# How often the sweep runs (celery beat, started with the worker).
ARTICLE_SWEEP_SECONDS = envint("ARTICLE_SWEEP_SECONDS", 60)
# How often the relations summary (/api/relations/) is refreshed, when records changed.
RELATIONS_REFRESH_SECONDS = envint("RELATIONS_REFRESH_SECONDS", 30)
CELERY_BEAT_SCHEDULE = {
    "article-requeue-stale": {
        "task": task_names.REQUEUE_STALE,
        "schedule": float(ARTICLE_SWEEP_SECONDS),
    },
    "articles-link-pending": {
        "task": task_names.LINK_PENDING,
        "schedule": float(ARTICLE_SWEEP_SECONDS),
    },
    "relations-refresh": {
        "task": task_names.RELATIONS_REFRESH,
        "schedule": float(RELATIONS_REFRESH_SECONDS),
        # A refresh that missed its turn is replaced by the next one.
        "options": {"expires": float(RELATIONS_REFRESH_SECONDS)},
    },
}

# Operators' endpoints: /metrics answers the addresses or networks listed here
# (loopback by default), or anyone with ``Authorization: Bearer <METRICS_TOKEN>``.
METRICS_ALLOWED_ADDRESSES = envlist("METRICS_ALLOWED_ADDRESSES", ["127.0.0.1", "::1"])
for _address in METRICS_ALLOWED_ADDRESSES:
    try:
        ip_network(_address, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_ADDRESSES must list IP addresses or networks, got {_address!r}") from None
METRICS_TOKEN = envstr("METRICS_TOKEN") or None
# Each worker refreshes its heartbeat in Redis this often; three missed beats and
# /readyz stops counting it as live.
WORKER_HEARTBEAT_SECONDS = envint("WORKER_HEARTBEAT_SECONDS", 10)
if WORKER_HEARTBEAT_SECONDS < 1:
    raise ImproperlyConfigured("WORKER_HEARTBEAT_SECONDS must be at least 1")

# ``text`` (readable lines) or ``json`` (one object per line, with article_id and
# task_id where there is one: tracker/monitoring/logs.py).
LOG_FORMAT = envstr("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Readable text by default, structured fields (``extra={"event": ...}``) after the
    # message (tracker.logfields); with LOG_FORMAT=json one JSON object per line that
    # carries the article and task ids (tracker.monitoring.logs).
    "filters": {"context": {"()": "tracker.monitoring.logs.ContextFilter"}},
    "formatters": {
        "plain": {"()": "tracker.logfields.FieldsFormatter",
                  "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "tracker.monitoring.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "filters": ["context"] if LOG_FORMAT == "json" else [],
                             "formatter": "json" if LOG_FORMAT == "json" else "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes announces itself at INFO on every start of every command.
    "loggers": {"axes": {"level": "WARNING"}},
}

if TRACKER_ENV == "production":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
