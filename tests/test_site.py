"""Settings, the health check, the home page and the error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The e2e tests' DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is no production setting.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="vitae.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x1y2z3" * 8,
        ALLOWED_HOSTS="vitae.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_mail_settings_come_from_the_environment():
    code = (
        "from config import settings as s; "
        "print(repr((s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
        "s.EMAIL_USE_TLS, s.ADMINS, s.SERVER_EMAIL, s.EMAIL_BACKEND)))"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x1y2z3" * 8,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="vitae",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="1",
        ADMINS='"Lovelace, Ada" <ada@example.org>, ops@example.org',
        SERVER_EMAIL="errors@example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == repr(
        (
            "smtp.example.org",
            587,
            "vitae",
            "s3cret",
            True,
            [("Lovelace, Ada", "ada@example.org"), ("", "ops@example.org")],
            "errors@example.org",
            "django.core.mail.backends.smtp.EmailBackend",
        )
    )


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_hides_the_database_error(client, monkeypatch, caplog):
    from django.db import DatabaseError, connection

    def broken_cursor():
        raise DatabaseError('could not connect to server "db.internal" as user "vitae"')

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    assert "db.internal" in caplog.text


@pytest.mark.django_db
def test_home_page_has_a_strict_content_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "img-src 'self' data: https:" in policy  # linked profile photos, HTTPS only
    assert b'<main id="main">' in response.content


@pytest.mark.django_db
def test_home_page_empty_state(client):
    response = client.get("/")
    assert b"No profiles yet" in response.content


@pytest.mark.django_db
def test_unknown_page_gets_the_site_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Vitae" in response.content


def test_server_error_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
