"""Celery application.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in the calling
process, so the embedded set-up needs no broker; with Redis (or RabbitMQ) configured the
same tasks go to real workers: ``celery -A jippnas worker``.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jippnas.settings.dev")

app = Celery("jippnas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
