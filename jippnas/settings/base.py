"""Settings shared by every environment.

Every environment variable the portal reads is declared here once (name, default and
meaning); ``dev``/``test`` need none of them and ``production`` refuses to start without the
secret ones. The README lists them in a table.
"""
import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "jippnas"


def env(name, default=None):
    """Read a string variable; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


# --- Core -----------------------------------------------------------------------------
# DJANGO_SECRET_KEY: signing key; dev/test use a fixed harmless key, production requires it.
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = False
# DJANGO_ALLOWED_HOSTS: comma-separated host names the site answers to.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# DJANGO_CSRF_TRUSTED_ORIGINS: comma-separated origins (https://portal.example.go.id).
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "regions",
    "agencies",
    "hubs",
    "innovations",
    "news",
    "search",
    "replication",
    "pkri",
    "competitions",
    "clinics",
    "maturity",
    "unpsa",
    "opendata",
    "intake",
    "outbox",
    "api",
    "axes",
    "csp",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.PortalCSPMiddleware",  # outermost after security: cached pages and static files get it too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.PageCacheMiddleware",  # anonymous pages from the shared cache (before any session work)
    "django.middleware.http.ConditionalGetMiddleware",  # ETag / 304 for what a proxy revalidates
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",  # the chosen language only, not Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login with the lockout page
]

ROOT_URLCONF = "jippnas.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "jippnas.wsgi.application"

# --- Database -------------------------------------------------------------------------
# DATABASE_URL: e.g. postgres://user:pass@host:5432/jippnas; unset means embedded SQLite.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a seed or a worker writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_PREPARED", True):
    # Parameters bound by the server, and statements prepared once a connection has run them
    # DATABASE_PREPARE_THRESHOLD times: a page's few queries are the same text on every request,
    # and PostgreSQL spent longer planning them (the API lists' joins and their related-lists
    # union) than running them (bench/page_queries.py, README). Search statements write their
    # tsquery in as a literal (search.ranking.tsquery_sql), so no generic plan parses it per row.
    # Set DATABASE_PREPARED=0 behind a pooler that cannot keep prepared statements (PgBouncer
    # before 1.21 in transaction mode, or without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": env_int("DATABASE_PREPARE_THRESHOLD", 2)})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# CACHE_URL: redis://host:6379/1 to share a cache between several app servers.
if env("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Full-page cache of anonymous pages (core/page_cache.py): seconds a stored page may live (a
# content change invalidates it at once anyway; 0 turns the cache off), and the max-age told to
# browsers and proxies, which cannot be told of changes (keep it short).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS") or 600)
PAGE_CACHE_MAX_AGE = int(env("PAGE_CACHE_MAX_AGE") or 60)
# Fragments of pages ({% fragment %}, core/templatetags/fragment_tags.py) and shared figures
# (page_cache.figures) are kept this many seconds under the same generation, so a page the
# full-page cache does not hold (another query string, a page just invalidated) renders from
# stored parts; only for visitors without a session (see the tag); 0 turns them off.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS") or 600)
# True when every process of the portal reads the same cache (Redis, or one process): only then
# may a process keep what another could change (the view restrictions, core/visibility.py).
CACHE_IS_SHARED = True

# --- Content-Security-Policy (django-csp) ---------------------------------------------------
# Public pages run no inline script and no inline style: JavaScript only from /static/js/
# (data passed with json_script islands), chart bars sized by CSS classes (static/css/site.css),
# the province map drawn from our own outlines (no tile server). Nothing is loaded from another
# origin, no one may frame the portal, forms post only to it.
# CSP_REPORT_ONLY: true sends the policy as Content-Security-Policy-Report-Only (browsers report
# violations in their console, and to CSP_REPORT_URI if set, but block nothing): a way to try a
# change of policy on production traffic first. Default false: the policy is enforced.
# (Read into local names: django-csp 4 refuses Django settings spelt CSP_*.)
_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
_CSP_REPORT_URI = env("CSP_REPORT_URI")
_CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if _CSP_REPORT_URI:
    _CSP_PUBLIC["report-uri"] = [_CSP_REPORT_URI]
# Wagtail's admin (and Django's) still writes inline scripts and style attributes (Wagtail 8's page
# editor has a dozen of each), shows Gravatar avatars, blob: previews of uploads, the page preview
# in a same-origin frame, and asks releases.wagtail.org for a newer version: under these prefixes
# core.csp.PortalCSPMiddleware sends this relaxed policy instead (never on public pages).
ADMIN_CSP_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CSP_DIRECTIVES = {
    **_CSP_PUBLIC,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://www.gravatar.com"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CONTENT_SECURITY_POLICY = None if _CSP_REPORT_ONLY else {"DIRECTIVES": _CSP_PUBLIC}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_PUBLIC} if _CSP_REPORT_ONLY else None

# --- Login throttling (django-axes) ------------------------------------------------------
# After AXES_FAILURE_LIMIT wrong passwords an account, and separately an address, is locked
# for AXES_COOLOFF_TIME; every failure and lockout is recorded (Django admin: Axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "core.views.login_locked"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"

# TRUSTED_PROXY_HEADER: the header our reverse proxy puts the visitor's address in (e.g.
# X-Forwarded-For); TRUSTED_PROXY_COUNT: how many of our proxies append to it (default 1).
# Unset means REMOTE_ADDR (no proxy). Used by every per-address limit (core/client_ip.py).
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language -------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]

# --- Static and media -----------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
# STATIC_ROOT / MEDIA_ROOT: where collectstatic writes and uploads are kept.
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Email ----------------------------------------------------------------------------
# EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS): SMTP
# relay; unset means mail is printed to the console.
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# DEFAULT_FROM_EMAIL: sender of portal mail.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "JIPPNas <noreply@jippnas.localhost>")

# --- Celery ---------------------------------------------------------------------------
# CELERY_BROKER_URL: redis://host:6379/0 (or amqp://); unset means tasks run eagerly.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Run `celery -A jippnas beat` on one host for these (PKRI reminders, pemutakhiran requests).
CELERY_BEAT_SCHEDULE = {
    # delivers and retries every pending side effect (mail, index updates, notifications)
    "outbox-deliver": {"task": "outbox.tasks.deliver_outbox", "schedule": 60},
    # ends the import jobs whose worker died (a heartbeat older than IMPORT_STALE_SECONDS)
    "intake-stale-jobs": {"task": "intake.tasks.fail_stale_imports", "schedule": 60},
    "pkri-deadline-reminders": {"task": "pkri.tasks.send_deadline_reminders", "schedule": 24 * 3600},
    "pkri-data-refresh": {"task": "pkri.tasks.request_data_refresh", "schedule": 24 * 3600},
    "clinic-reminders": {"task": "clinics.tasks.send_reminders", "schedule": 24 * 3600},
    # the open-data dump at 02:00, when the portal is quiet
    "opendata-nightly-dump": {"task": "opendata.tasks.dump_dataset", "schedule": crontab(hour=2, minute=0)},
}
CELERY_RESULT_BACKEND = None
# an import job whose worker has not beaten for this long is ended as failed (intake/jobs.py);
# one that no worker took within IMPORT_QUEUE_SECONDS too
IMPORT_HEARTBEAT_SECONDS = env_int("IMPORT_HEARTBEAT_SECONDS", 10)
IMPORT_STALE_SECONDS = env_int("IMPORT_STALE_SECONDS", 120)
IMPORT_QUEUE_SECONDS = env_int("IMPORT_QUEUE_SECONDS", 1800)

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "JIPPNas"
# SITE_BASE_URL: public address used in emails and admin links.
WAGTAILADMIN_BASE_URL = env("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx", "zip", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# always https (Wagtail's default is protocol-relative): the admin's CSP allows only this origin
WAGTAIL_GRAVATAR_PROVIDER_URL = "https://www.gravatar.com/avatar"
TAGGIT_CASE_INSENSITIVE = True
# Wagtail's own background work (its search and reference index) runs through django-tasks;
# the immediate backend does it at the end of the transaction, in process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGIN_URL = "/admin/login/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Page sizes offered in listings; the first is the default.
CATALOGUE_PAGE_SIZES = (24, 12, 48, 96)

# --- Public search ------------------------------------------------------------------------
# ELASTICSEARCH_URL: https://user:pass@es.example:9200 — switches public search to
# Elasticsearch (the embedded engine answers whenever the cluster fails). Unset: embedded
# engine (SQLite FTS5, or PostgreSQL full-text search on PostgreSQL).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# ELASTICSEARCH_API_KEY / ELASTICSEARCH_CA_CERTS: optional credentials for the cluster.
ELASTICSEARCH_API_KEY = env("ELASTICSEARCH_API_KEY")
ELASTICSEARCH_CA_CERTS = env("ELASTICSEARCH_CA_CERTS")
# SEARCH_INDEX_PREFIX: prefix of index and alias names, so environments can share a cluster.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "jippnas_")
# SEARCH_BULK_CHUNK_SIZE: documents per bulk request (hosted clusters reject large bulks).
SEARCH_BULK_CHUNK_SIZE = env_int("SEARCH_BULK_CHUNK_SIZE", 500)
# SEARCH_AND_MIN_RESULTS: the embedded engine matches every query word first and adds partial
# matches (any word) only when fewer documents than this match them all.
SEARCH_AND_MIN_RESULTS = env_int("SEARCH_AND_MIN_RESULTS", 20)
# SEARCH_RANK_CAP: on PostgreSQL, a query whose every word is in more documents than this ranks
# this many of its matches, chosen by where the words occur (title, summary, body), then award
# and recency (docs/search.md); totals and facet counts stay exact.
SEARCH_RANK_CAP = env_int("SEARCH_RANK_CAP", 2000)
# ELASTICSEARCH_TIMEOUT: seconds before a search request gives up and the embedded engine answers.
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)
# ELASTICSEARCH_FRAGMENT_TIMEOUT: seconds for autocomplete and page fragments (similar innovations).
ELASTICSEARCH_FRAGMENT_TIMEOUT = float(env("ELASTICSEARCH_FRAGMENT_TIMEOUT", "0.5"))
# The circuit breaker (search/breaker.py, state shared through the cache): after
# SEARCH_BREAKER_FAILURES failures in a row the cluster is left alone for SEARCH_BREAKER_OPEN_SECONDS.
SEARCH_BREAKER_FAILURES = env_int("SEARCH_BREAKER_FAILURES", 3)
SEARCH_BREAKER_OPEN_SECONDS = env_int("SEARCH_BREAKER_OPEN_SECONDS", 30)
