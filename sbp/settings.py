"""Settings for SBP Boards, all driven by environment variables (see the README's configuration table)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from sbp.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set unless DJANGO_DEBUG=1.")
    SECRET_KEY = "insecure-development-only-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEBUG else [])

try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=60,
            conn_health_checks=True,
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we can use: {error}") from error

# SQLite lets one writer in at a time. WAL lets pages read while an import writes; the busy timeout makes a
# second writer wait its turn rather than fail with "database is locked"; IMMEDIATE takes the write lock at
# BEGIN, because a transaction that reads first and then asks for it cannot wait and fails at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT_SECONDS", 60),
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "django_filters",
    "simple_history",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    # Ours, in dependency order: sbp (the directory) <- crime, strategy <- boards.
    "sbp",
    "crime",
    "strategy",
    "boards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages, so it sits above everything that writes the body, and below WhiteNoise, whose static
    # files come pre-compressed (ADR 0014). Django's pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the history tables (agenda items, minutes, resolutions, actions).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "sbp.urls"
WSGI_APPLICATION = "sbp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# -- Serving static files in production (docs/decisions/0014-serving-and-backups.md) --------------------------
# Without DEBUG, collectstatic writes content-hashed names with gzip and brotli copies beside them, and
# WhiteNoise serves those for ten years as immutable. Tests and DEBUG read the files as they are through the
# finders (DJANGO_STATIC_MANIFEST=0), so nothing has to be collected first.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "sbp.staticfiles.HashedCompressedStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Only the hashed names are kept, which halves collectstatic's compressing; every template uses {% static %}.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# -- End of static files in production ---------------------------------------------------------------------
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Strict security headers. plotly.js sets inline styles, so style-src needs 'unsafe-inline' (PLATFORM.md);
# scripts run only from our own static files.
SECURE_CSP = {
    "default-src": ["'self'"],
    # The middleware puts each response's nonce in place of CSP.NONCE; a literal 'nonce' would match nothing.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- HTTPS (ADR 0013): on by default without DEBUG, each overridable from the environment. ---
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP inside the network; a redirect would read as a failure.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# Preloading binds the whole domain into browsers for months: the domain's owner opts in, never a default.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Only behind a proxy that sets X-Forwarded-Proto itself: trusted from anyone else, it lets a client claim HTTPS.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith((".", "*"))]
)

# --- Sessions (ADR 0013): a working day, then sign in again. ---
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)

# --- Sign-in throttling with django-axes (ADR 0013). ---
# Kept here rather than in the lists above, so the apps and middleware of this concern read in one place.
INSTALLED_APPS += ["axes"]
# Last, as axes asks: it turns a lockout flagged during the view into our sign-in page (sbp/signin.py).
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before any password is checked; signs nobody in itself.
    "axes.backends.AxesStandaloneBackend",
    "boards.demo_sign_ins.DemoPasswordRefusedBackend",
]
# A username from one address: one person's typos cannot lock a colleague out, nor a guesser every account.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("DJANGO_SIGN_IN_FAILURE_LIMIT", 5)
# 0 minutes: locked until an administrator unlocks (a zero timedelta would expire every failure at once).
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_SIGN_IN_COOLOFF_MINUTES", 30)) or None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sbp.signin.locked_out"

# The open data API (/api/v1/, boards/api, ADR 0027): read-only and public, so no authentication (every reader
# is the public, and no session means no CSRF), JSON and CSV only (the browsable API would need inline script),
# pages of 50 and an OpenAPI 3 description. Decimals go out as numbers: they are counts and percentages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "boards.api.pagination.OpenDataPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SBP Boards open data",
    "DESCRIPTION": "The published business of community safety partnership boards: partnerships, boards, their "
    "members, published meetings and agendas, approved minutes, resolutions, attendance and the police figures "
    "of each published quarter. Part 2 (exempt) business appears only as its number, title shown and reason.",
    "VERSION": "1",
    "LICENSE": {
        "name": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
}

# Slow work (building PDF packs) runs as background tasks: a database-backed queue whose `db_worker` command
# `make run` starts; tests use the immediate backend (docs/decisions/0007-agenda-packs.md).
TASKS = {"default": {"BACKEND": env_str("DJANGO_TASKS_BACKEND") or "django_tasks_db.DatabaseBackend"}}

# Derived work (the dashboard's figures and drawn sections, pack fingerprints, matters arising) is cached per
# process, keyed by the data version (sbp/data_version.py), so no cache can outlive the data it came from and
# none needs sharing between workers (docs/decisions/0016-caches-keyed-by-a-data-version.md).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sbp-derived",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

# -- Email (README, Configuration) -----------------------------------------------------------------------------
# Printed to the console under DEBUG, else sent by SMTP, unless EMAIL_BACKEND names another. Django 6.1
# configures mail as MAILERS (its EMAIL_* settings are deprecated); the environment keeps the familiar EMAIL_*
# names. Only SMTP takes server options.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Without DEBUG mail is really sent (check --deploy refuses the console backend there).
EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else SMTP_BACKEND
)
SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST") or "localhost",
    "port": env_int("EMAIL_PORT", default=25),
    "username": env_str("EMAIL_HOST_USER"),
    "password": env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env_bool("EMAIL_USE_TLS", default=False),
}
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": SMTP_OPTIONS if EMAIL_BACKEND_PATH == SMTP_BACKEND else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "webmaster@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails are read away from the site, so their links are absolute: the address people reach the site at.
SITE_URL = (env_str("DJANGO_SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
# -- End of email ----------------------------------------------------------------------------------------------

DJANGO_TABLES2_TEMPLATE = "sbp/_table.html"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# --- Upload limits (ADR 0013): each upload form refuses a larger file next to its field (sbp/uploads.py). ---
# Papers are PDFs no bigger than a large agenda appendix; crime files are whole MPS releases (a ward file of
# a whole force runs to tens of megabytes). The web server in front must let the largest of these through.
MAX_PAPER_MB = env_int("DJANGO_MAX_PAPER_MB", 20)
MAX_CRIME_FILE_MB = env_int("DJANGO_MAX_CRIME_FILE_MB", 100)
# Form fields other than files: files are streamed to disk and never count against this limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_FORM_MB", 20) * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL") or "INFO"},
    # WeasyPrint narrates every page at INFO and warns about each SVG style it skips: keep its errors only.
    # axes announces itself at every start and each failed sign-in (kept in its tables): keep its lockouts.
    "loggers": {name: {"level": "WARNING"} for name in ("fontTools", "kaleido", "choreographer", "logistro", "axes")}
    | {"weasyprint": {"level": "ERROR"}},
}
