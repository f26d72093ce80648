"""Test settings: the real settings, with fast hashing, in-memory e-mail and plain static files
(the manifest storage 404s under live_server)."""

from circuito.settings import *  # noqa: F403
from circuito.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
AXES_ENABLED = True
SECURE_SSL_REDIRECT = False
