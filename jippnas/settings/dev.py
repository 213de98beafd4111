"""Embedded defaults for `make run`: SQLite, eager Celery, console email. No variables needed."""
from .base import *
from .base import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-jippnas")
ALLOWED_HOSTS = ["*"]
