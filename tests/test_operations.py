"""What an operator relies on: a production start refuses a placeholder secret, logs carry time,
level and logger (JSON on request), and a server error reaches the administrators."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

ROOT = Path(settings.BASE_DIR)


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="circuito.settings", ALLOWED_HOSTS="portal.example.org", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("secret", ["change-me", "short", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"])
def test_production_refuses_a_placeholder_secret_key(secret):
    result = _run("print('started')", DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _run("print('started')", DEBUG="0", SECRET_KEY="k" * 20 + "9f8e7d6c5b4a39281706f5e4d3c2b1a0")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_log_lines_carry_time_level_and_logger():
    code = "import logging; logging.getLogger('circuito.check').warning('disk almost full')"
    text = _run(code).stderr.strip().splitlines()[-1]
    parts = text.split(" ")
    assert parts[0][:2] == "20" and ":" in parts[1]  # date and time
    assert parts[2:5] == ["WARNING", "circuito.check", "disk"], text
    line = _run(code, LOG_FORMAT="json").stderr.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["level"] == "WARNING" and record["logger"] == "circuito.check"
    assert record["message"] == "disk almost full" and record["time"]


@pytest.mark.django_db
def test_a_server_error_is_mailed_to_the_administrators(monkeypatch):
    from circuito import views

    def broken(*args, **kwargs):
        raise RuntimeError("the database answered something unexpected")

    monkeypatch.setattr(views, "render", broken)  # a fault injected into a real page
    with override_settings(DEBUG=False, ADMINS=[("Ops", "ops@example.org")]):
        response = Client(raise_request_exception=False).get("/fr/legal/")
    assert response.status_code == 500
    assert [m.to for m in mail.outbox] == [["ops@example.org"]]
    assert "RuntimeError" in mail.outbox[0].body
