"""Sign-up, logging in and out, passwords, login lockout, claims and rate limits."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.test import RequestFactory
from django_redis.cache import RedisCache

from accounts.models import Claim
from accounts.ratelimit import allow_request, hit, window_key
from profiles.models import Person
from tests.conftest import make_person

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parent.parent


def test_sign_up_logs_the_new_user_in_and_sends_them_to_the_upload(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newton",
            "email": "Newton@Example.org",
            "password1": "gravity apple tree",
            "password2": "gravity apple tree",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/upload/"
    user = get_user_model().objects.get(username="newton")
    assert user.email == "newton@example.org"
    assert client.get("/upload/").status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password2": "something else entirely"}, "password2", "didn’t match"),
        ({"email": "ada@example.org"}, "email", "could not create an account"),
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"username": "ada"}, "username", "already exists"),
        ({"password1": "123", "password2": "123"}, "password2", "too short"),
    ],
)
def test_sign_up_shows_what_is_wrong(client, owner, data, field, message):
    form = {
        "username": "newton",
        "email": "newton@example.org",
        "password1": "gravity apple tree",
        "password2": "gravity apple tree",
        **data,
    }
    response = client.post("/accounts/signup/", form)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not get_user_model().objects.filter(username="newton").exists()


def test_log_in_and_out(client, owner):
    response = client.post("/accounts/login/", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/upload/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/upload/").status_code == 302


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, owner):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_and_address(client, owner, other_user):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "brook", "password": PASSWORD})
    assert response.status_code == 302


def test_password_change(client, owner):
    client.force_login(owner)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new phrase",
            "new_password2": "a brand new phrase",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("a brand new phrase")


def test_password_reset_sends_a_link_that_sets_a_new_password(client, owner):
    response = client.post("/accounts/password_reset/", {"email": "ada@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :].strip()
    form_url = client.get(path)["Location"]
    response = client.post(
        form_url, {"new_password1": "reset phrase here", "new_password2": "reset phrase here"}
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("reset phrase here")


# --- claims --------------------------------------------------------------------


@pytest.fixture
def stub(db):
    return make_person("Grace Hopper")


def test_a_user_without_a_profile_claims_a_stub(client, other_user, stub):
    client.force_login(other_user)
    assert client.get(f"/accounts/claim/{stub.slug}/").status_code == 200
    response = client.post(f"/accounts/claim/{stub.slug}/", {"message": "My homepage lists it."})
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.user, claim.person, claim.status) == (other_user, stub, Claim.Status.PENDING)


@pytest.mark.parametrize("reason", ["has-profile", "owned", "pending"])
def test_claims_that_cannot_be_made(client, owner, other_user, stub, reason):
    user, target = other_user, stub
    if reason == "has-profile":
        user = owner
    elif reason == "owned":
        target = Person.objects.get(owner=owner)
    else:
        Claim.objects.create(user=other_user, person=stub)
    client.force_login(user)
    response = client.post(f"/accounts/claim/{target.slug}/", {"message": ""})
    assert response.status_code == 302
    assert Claim.objects.count() == (1 if reason == "pending" else 0)


def test_anonymous_must_log_in_to_claim(client, stub):
    response = client.get(f"/accounts/claim/{stub.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_approve_a_claim_in_the_admin(client, staff, other_user, stub):
    claim = Claim.objects.create(user=other_user, person=stub)
    rival = Claim.objects.create(user=get_user_model().objects.create(username="x"), person=stub)
    client.force_login(staff)
    response = client.post(
        "/admin/accounts/claim/",
        {"action": "approve", "_selected_action": [claim.pk]},
    )
    assert response.status_code == 302
    stub.refresh_from_db()
    assert stub.owner == other_user and not stub.is_stub
    claim.refresh_from_db()
    rival.refresh_from_db()
    assert (claim.status, claim.decided_by) == (Claim.Status.APPROVED, staff)
    assert rival.status == Claim.Status.REJECTED


def test_staff_reject_a_claim_in_the_admin(client, staff, other_user, stub):
    claim = Claim.objects.create(user=other_user, person=stub)
    client.force_login(staff)
    client.post("/admin/accounts/claim/", {"action": "reject", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    stub.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED
    assert stub.owner is None


def test_the_claim_admin_is_registered():
    assert Claim in site._registry


# --- rate limits ---------------------------------------------------------------


def test_hit_allows_up_to_the_limit_per_window(db):
    cache = caches["default"]
    cache.clear()
    assert [hit("k", limit=3, window=60) for _ in range(5)] == [True, True, True, False, False]


def test_uploads_are_limited_per_user_and_per_address(db, owner, other_user):
    caches["default"].clear()
    factory = RequestFactory()

    def request(user, address):
        req = factory.post("/upload/", REMOTE_ADDR=address)
        req.user = user
        return req

    assert allow_request(request(owner, "10.0.0.1"), "upload", limit=2, window=60)
    assert allow_request(request(owner, "10.0.0.2"), "upload", limit=2, window=60)
    # The user is at the limit, whatever the address.
    assert not allow_request(request(owner, "10.0.0.3"), "upload", limit=2, window=60)
    # The first address is at its limit too, whoever asks.
    assert allow_request(request(other_user, "10.0.0.1"), "upload", limit=2, window=60)
    assert not allow_request(request(other_user, "10.0.0.1"), "upload", limit=2, window=60)


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own on a free port (Debian's redis-server package;
    `make test` installs it). Missing, the test fails and says so; it never skips."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: apt-get install redis-server", pytrace=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as client, contextlib.suppress(OSError):
                client.connect(("127.0.0.1", port))
                break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_rate_limits_work_on_the_shared_redis_cache(redis_server):
    """Production counts in Redis."""
    redis = RedisCache(redis_server, {"KEY_PREFIX": "vitae-test"})
    results = [hit("redis-test", limit=2, window=30, backend=redis) for _ in range(3)]
    assert results == [True, True, False]
    assert 0 < redis.ttl(window_key("redis-test", 30)) <= 30


def test_a_window_outlives_the_file_caches_default_timeout(tmp_path):
    """Django's file cache sets its default timeout again at each incr(): without the
    window in the key and a touch(), the count would vanish a second after the last hit."""
    files = FileBasedCache(str(tmp_path), {"TIMEOUT": 1})
    assert [hit("file-test", limit=2, window=3600, backend=files) for _ in range(2)] == [True] * 2
    time.sleep(1.5)
    assert not hit("file-test", limit=2, window=3600, backend=files)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {},
            "django.core.cache.backends.filebased.FileBasedCache "
            "accounts.lockouts.DatabaseHandler "
            "django.core.mail.backends.console.EmailBackend",
        ),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/1"},
            "django_redis.cache.RedisCache "
            "accounts.lockouts.CacheHandler "
            "django.core.mail.backends.console.EmailBackend",
        ),
    ],
)
def test_development_settings_and_the_shared_cache(env, expected):
    """Without REDIS_URL: a cache in files (shared by a machine's processes), lockouts in
    the database; with it: Redis for both."""
    code = (
        "from config import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.AXES_HANDLER, s.EMAIL_BACKEND)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


# --- rate limits on sign-up, claims and password resets -------------------------------


@pytest.fixture
def one_per_hour(settings):
    caches["default"].clear()
    settings.ACCOUNT_RATE_LIMIT = 1
    yield
    caches["default"].clear()


def signup_data(name: str) -> dict:
    phrase = "gravity apple tree"
    return {
        "username": name,
        "email": f"{name}@example.org",
        "password1": phrase,
        "password2": phrase,
    }


def test_sign_ups_are_rate_limited_per_address(client, db, one_per_hour):
    assert client.post("/accounts/signup/", signup_data("newton")).status_code == 302
    client.logout()
    response = client.post("/accounts/signup/", signup_data("hooke"))
    assert response.status_code == 429
    assert "try again in an hour" in response.content.decode()
    assert not get_user_model().objects.filter(username="hooke").exists()


def test_the_signup_form_does_not_tell_whose_address_has_an_account(client, owner):
    response = client.post(
        "/accounts/signup/", {**signup_data("newton"), "email": "ada@example.org"}
    )
    page = response.content.decode()
    assert "exists" not in page and "could not create an account" in page


def test_claims_are_rate_limited(client, other_user, stub, one_per_hour):
    client.force_login(other_user)
    client.post(f"/accounts/claim/{stub.slug}/", {"message": ""})  # invalid or not, it counts
    other = make_person("Grace Brewster Hopper")
    response = client.post(f"/accounts/claim/{other.slug}/", {"message": "Mine."})
    assert response.status_code == 429
    assert not Claim.objects.filter(person=other).exists()


def test_password_reset_emails_are_rate_limited(client, owner, one_per_hour):
    assert client.post("/accounts/password_reset/", {"email": "ada@example.org"}).status_code == 302
    response = client.post("/accounts/password_reset/", {"email": "ada@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 1
    assert client.get("/accounts/password_reset/").status_code == 200  # the form still shows
