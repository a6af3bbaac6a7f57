"""Sign-in: hashed passwords, lockout, and session cookies that resist tampering, expiry and sign-out."""

from __future__ import annotations

import time

import pytest

from dam import auth
from dam.auth import COOKIE_NAME, Sessions, SignInFailed
from dam.repos import users
from dam.web import runtime
from tests.factories import make_user


@pytest.fixture
def mia(library):
    actor = make_user(library, "mia")
    auth.set_password(library, actor.user_id, "correct horse")
    return actor


def test_password_is_stored_hashed_and_checked(library, mia):
    stored = library.catalog.query("SELECT password_hash FROM users WHERE id = ?", [mia.user_id])[0][0]
    assert "correct horse" not in stored and stored.startswith("$argon2")
    assert auth.sign_in(library, "MIA", "correct horse").id == mia.user_id
    with pytest.raises(SignInFailed, match="Wrong handle or password"):
        auth.sign_in(library, "mia", "wrong horse")
    with pytest.raises(SignInFailed, match="Wrong handle or password"):
        auth.sign_in(library, "nobody", "correct horse")


def test_short_password_refused(library, mia):
    with pytest.raises(Exception, match="at least 8"):
        auth.set_password(library, mia.user_id, "short")


def test_lockout_after_repeated_failures_even_with_right_password(library, mia):
    for _ in range(auth.MAX_FAILURES - 1):
        with pytest.raises(SignInFailed, match="Wrong"):
            auth.sign_in(library, "mia", "nope nope")
    with pytest.raises(SignInFailed, match="locked"):
        auth.sign_in(library, "mia", "nope nope")
    with pytest.raises(SignInFailed, match="locked"):
        auth.sign_in(library, "mia", "correct horse")
    with library.catalog.transaction() as con:  # the lockout has run its course (15 minutes later)
        con.execute("UPDATE users SET locked_until = locked_until - INTERVAL 16 MINUTE WHERE id = ?", [mia.user_id])
    assert auth.sign_in(library, "mia", "correct horse").id == mia.user_id
    for _ in range(auth.MAX_FAILURES - 1):  # and a success starts the count again
        with pytest.raises(SignInFailed, match="Wrong"):
            auth.sign_in(library, "mia", "nope nope")
    assert auth.sign_in(library, "mia", "correct horse").id == mia.user_id


def test_session_cookie_round_trip_tamper_expiry_and_revoke(library, mia):
    sessions = Sessions(b"k" * 32)
    cookie = sessions.issue(library, mia.user_id)
    assert sessions.user_id(library, cookie) == mia.user_id
    other = make_user(library, "otto")
    forged = cookie.replace(f"{mia.user_id}.", f"{other.user_id}.", 1)
    assert sessions.user_id(library, forged) is None
    assert sessions.user_id(library, cookie[:-1] + ("0" if cookie[-1] != "0" else "1")) is None
    assert Sessions(b"x" * 32).user_id(library, cookie) is None  # another deployment's key
    assert sessions.user_id(library, "garbage") is None
    old = sessions.issue(library, mia.user_id, now=time.time() - auth.SESSION_SECONDS - 10)
    assert sessions.user_id(library, old) is None
    sessions.revoke(library, mia.user_id)
    assert sessions.user_id(library, cookie) is None


def test_signin_route_sets_httponly_cookie_and_signout_clears_it(library, mia, http):
    page = http.get("/auth/signin")
    assert page.status_code == 200 and 'name="password"' in page.text
    bad = http.post("/auth/signin", data={"handle": "<script>alert(1)</script>", "password": "x"})
    assert bad.status_code == 401 and "<script>alert" not in bad.text and "Wrong handle or password" in bad.text
    good = http.post("/auth/signin", data={"handle": "mia", "password": "correct horse"})
    assert good.status_code == 303
    set_cookie = good.headers["set-cookie"]
    assert set_cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
    cookie = http.cookies.get(COOKIE_NAME)
    sessions = Sessions(runtime.signer_secret())
    assert sessions.user_id(library, cookie) == mia.user_id
    http.post("/auth/signout")
    assert sessions.user_id(library, cookie) is None
    assert users.session_version(library.catalog.cursor(), mia.user_id) == 2
