"""The WSGI application the HTTP benchmarks serve with gunicorn: the project's URLs plus a
hello-world view (bench.search), on the database the benchmark seeded (DATABASE_URL)."""

import os

import django
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()
settings.ROOT_URLCONF = "bench.search"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
