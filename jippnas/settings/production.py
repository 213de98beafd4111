"""Production: every secret and host comes from the environment; missing ones stop start-up."""
from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import FRAGMENT_CACHE_SECONDS, PAGE_CACHE_SECONDS, env, env_bool, env_int, env_list

_required = ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]
_missing = [name for name in _required if env(name) is None]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS: the portal sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# DJANGO_HSTS_SECONDS: Strict-Transport-Security max-age (default one year).
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# A per-process cache cannot be told by another worker that a page changed: without a shared
# cache (CACHE_URL) the full-page cache stays off.
PAGE_CACHE_SECONDS = PAGE_CACHE_SECONDS if env("CACHE_URL") else 0
FRAGMENT_CACHE_SECONDS = FRAGMENT_CACHE_SECONDS if env("CACHE_URL") else 0
CACHE_IS_SHARED = bool(env("CACHE_URL"))
