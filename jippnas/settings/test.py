"""The one settings module for tests, used alike by `make test` and CI.

DATABASE_URL picks PostgreSQL (CI) or leaves the embedded SQLite; everything else is fixed.
"""
from .base import *
from .base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = None
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that build rows with factories and read pages expect fresh pages; the page cache's own
# tests (tests/core/test_page_cache.py) turn it on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
MEDIA_ROOT = BASE_DIR / ".test-media"
# Tests never run collectstatic: look files up per request instead of scanning a STATIC_ROOT that
# does not exist (which WhiteNoise would warn about once per test client).
WHITENOISE_AUTOREFRESH = True
WAGTAILADMIN_BASE_URL = "http://testserver"
if env("DATABASE_URL") is None:
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
