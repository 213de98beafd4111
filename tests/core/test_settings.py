"""Settings: production refuses to start half-configured, passes the deploy checklist when
configured, and the models match the migrations."""
import io
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED = ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]


@pytest.fixture
def production_env(tmp_path):
    """A clean environment (no variables leaking from the developer's shell) with everything set."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "jippnas.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "portal.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


SETUP = ["-c", "import django; django.setup()"]


def test_production_refuses_to_start_without_any_required_variable(production_env):
    env = {k: v for k, v in production_env.items() if k not in REQUIRED}
    result = run(SETUP, env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED:
        assert name in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_production_names_exactly_the_missing_variable(production_env, missing, how):
    env = dict(production_env)
    if how == "unset":
        del env[missing]
    else:
        env[missing] = ""  # an empty value counts as unset
    result = run(SETUP, env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: Production settings need these environment variables: "
        + missing
    )


def test_production_starts_when_configured(production_env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE']]))"
    )
    result = run(["-c", code], production_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        False, ["portal.example.go.id"], True, True, True, 31_536_000, "django.db.backends.sqlite3"
    ]


def test_production_rejects_a_malformed_boolean(production_env):
    env = dict(production_env, DJANGO_SECURE_SSL_REDIRECT="mungkin")
    result = run(SETUP, env)
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL_REDIRECT must be true or false, not 'mungkin'" in result.stderr


def test_deploy_check_reports_no_issues(production_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_when_ssl_redirect_is_switched_off(production_env):
    # Proves the previous test can fail: the checklist does run against these settings.
    env = dict(production_env, DJANGO_SECURE_SSL_REDIRECT="false")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.django_db
def test_no_missing_migrations():
    try:
        call_command("makemigrations", check=True, dry_run=True, verbosity=1, stdout=io.StringIO())
    except SystemExit as exc:  # raised with code 1 when a model change has no migration
        pytest.fail(f"makemigrations --check found model changes without migrations (exit {exc.code})")


def test_production_keeps_the_page_cache_off_without_a_shared_cache(production_env):
    """A per-process cache could not hear another worker's change: the page cache needs CACHE_URL."""
    show = ["-c", "import django; django.setup(); from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"]
    assert run(show, production_env).stdout.strip() == "0"
    production_env["CACHE_URL"] = "redis://127.0.0.1:6379/13"
    assert run(show, production_env).stdout.strip() == "600"
