"""Celery application: settings come from Django's settings module (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "circuito.settings")

app = Celery("circuito")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
