"""The client's address behind a reverse proxy: login lockouts and rate limits count each
client apart, and X-Forwarded-For counts only when it comes through a trusted proxy."""

import ipaddress

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from accounts.ratelimit import client_address
from profiles.models import CVDocument

PASSWORD = "correct horse battery"
PROXY = "127.0.0.1"
ALICE, BOB = "203.0.113.10", "198.51.100.20"


def networks(*items: str) -> list:
    return [ipaddress.ip_network(item) for item in items]


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = networks("127.0.0.1/32", "10.0.0.0/8")


def via_proxy(address: str) -> dict:
    """The request as the proxy passes it on: from the proxy, the client's address appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No trusted proxy: the header is whatever the client says, and ignored.
        ([], ALICE, "1.2.3.4", ALICE),
        ([], PROXY, ALICE, PROXY),
        # One proxy: the address it appended.
        (["127.0.0.1/32"], PROXY, ALICE, ALICE),
        # Entries the client wrote itself stand to the left and are ignored.
        (["127.0.0.1/32"], PROXY, f"6.6.6.6, {ALICE}", ALICE),
        # Two proxies in a row, both trusted.
        (["127.0.0.1/32", "10.0.0.0/8"], PROXY, f"6.6.6.6, {ALICE}, 10.1.2.3", ALICE),
        # Straight from a client, not from the proxy: the header is ignored.
        (["127.0.0.1/32"], BOB, ALICE, BOB),
        # From the proxy without a header (its own health check).
        (["127.0.0.1/32"], PROXY, "", PROXY),
        # Junk where the proxy should have written an address.
        (["127.0.0.1/32"], PROXY, "nonsense", PROXY),
        (["::1/128"], "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = networks(*trusted)
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def fail_logins(client, username: str, times: int, **meta) -> None:
    for _ in range(times):
        client.post("/accounts/login/", {"username": username, "password": "wrong"}, **meta)


def test_bad_passwords_from_one_client_do_not_lock_the_owner_out(client, owner, behind_proxy):
    fail_logins(client, "ada", 5, **via_proxy(BOB))
    locked = client.post(
        "/accounts/login/", {"username": "ada", "password": PASSWORD}, **via_proxy(BOB)
    )
    assert locked.status_code == 429
    response = client.post(
        "/accounts/login/", {"username": "ada", "password": PASSWORD}, **via_proxy(ALICE)
    )
    assert response.status_code == 302


def test_a_forged_header_neither_escapes_nor_moves_a_lockout(client, owner):
    """Without TRUSTED_PROXIES, a client that changes X-Forwarded-For stays itself."""
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR=BOB,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    login = {"username": "ada", "password": PASSWORD}
    forged = client.post("/accounts/login/", login, REMOTE_ADDR=BOB, HTTP_X_FORWARDED_FOR=ALICE)
    assert forged.status_code == 429
    assert client.post("/accounts/login/", login, REMOTE_ADDR=ALICE).status_code == 302


def test_an_address_trying_many_usernames_is_locked_out(client, owner, settings, behind_proxy):
    settings.LOGIN_ADDRESS_LIMIT = 4
    for n in range(4):
        fail_logins(client, f"user{n}", 1, **via_proxy(BOB))
    login = {"username": "ada", "password": PASSWORD}
    response = client.post("/accounts/login/", login, **via_proxy(BOB))
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert client.post("/accounts/login/", login, **via_proxy(ALICE)).status_code == 302


def test_a_login_under_the_address_limit_goes_through(client, owner, settings):
    settings.LOGIN_ADDRESS_LIMIT = 4
    for n in range(3):
        fail_logins(client, f"user{n}", 1)
    assert (
        client.post("/accounts/login/", {"username": "ada", "password": PASSWORD}).status_code
        == 302
    )


def test_uploads_of_one_client_do_not_count_against_another(
    client, owner, other_user, settings, behind_proxy, django_capture_on_commit_callbacks
):
    settings.UPLOAD_RATE_LIMIT = 1

    def upload(user, address: str) -> int:
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            cv = SimpleUploadedFile("cv.md", f"# {user.username}\n\nA CV.\n".encode())
            return client.post("/upload/", {"file": cv}, **via_proxy(address)).status_code

    assert upload(owner, ALICE) == 302
    assert upload(other_user, BOB) == 302
    assert CVDocument.objects.count() == 2
    # The limit still holds for a client behind the proxy.
    assert upload(other_user, BOB) == 429
