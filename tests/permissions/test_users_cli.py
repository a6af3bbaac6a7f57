"""`python -m dam user ...` and `brand ...`: a real deployment's first admin, people, roles and passwords."""

from __future__ import annotations

import io
import json

from dam import auth
from dam.cli import main
from dam.config import Settings
from dam.library import Library
from dam.permissions import load_actor


def run(capsys, monkeypatch, data, *argv, password=None):
    """(exit code, JSON lines printed, error text) of one command, with `password` piped to standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n" if password is not None else ""))
    code = main(["--data", str(data), *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.startswith("{")], err


def test_first_admin_then_people_and_roles_from_the_command_line(tmp_path, capsys, monkeypatch):
    data = tmp_path / "library"
    code, printed, _ = run(capsys, monkeypatch, data, "user", "add", "root", "--admin", "--name", "Ruth",
                           "--email", "ruth@studio.example", "--password-stdin", password="first admin pw")  # fmt: skip
    assert code == 0 and printed == [{"id": printed[0]["id"], "handle": "root", "is_admin": True}]
    assert run(capsys, monkeypatch, data, "brand", "add", "Acme")[0] == 0
    assert run(capsys, monkeypatch, data, "user", "add", "carl", "--password-stdin", password="carls password")[0] == 0
    assert run(capsys, monkeypatch, data, "user", "role", "carl", "Acme", "creator")[0] == 0
    _, listed, _ = run(capsys, monkeypatch, data, "user", "list")
    assert {p["handle"]: (p["is_admin"], p["roles"]) for p in listed} == {"root": (True, {}), "carl": (False, {"Acme": "creator"})}
    assert run(capsys, monkeypatch, data, "user", "passwd", "carl", "--password-stdin", password="a new password")[0] == 0

    with Library.open(Settings(data_dir=data)) as library:
        root = auth.sign_in(library, "ruth@studio.example", "first admin pw")  # by e-mail, as the form allows
        assert load_actor(library.catalog.cursor(), root.id).is_admin
        assert auth.sign_in(library, "carl", "a new password").handle == "carl"
        stored = library.catalog.query("SELECT string_agg(password_hash, ' ') FROM users")[0][0]
        logged = library.catalog.query("SELECT string_agg(coalesce(before, '') || coalesce(after, ''), ' ') FROM events")[0][0]
        for password in ("first admin pw", "carls password", "a new password"):
            assert password not in stored and password not in logged  # hashed, never stored or logged in clear


def test_mistakes_get_one_line_and_no_traceback(tmp_path, capsys, monkeypatch):
    data = tmp_path / "library"
    run(capsys, monkeypatch, data, "user", "add", "root", "--admin", "--password-stdin", password="first admin pw")
    for argv, password, message in [
        (("user", "add", "root", "--password-stdin"), "another password", "already exists"),
        (("user", "add", "shorty", "--password-stdin"), "short", "at least 8 characters"),
        (("user", "role", "nobody", "Acme", "viewer"), None, "No user with the handle 'nobody'"),
        (("user", "role", "root", "Nowhere", "viewer"), None, "Nowhere"),
        (("user", "add", "quiet"), None, "--password-stdin"),  # no terminal to ask on
    ]:
        code, _, err = run(capsys, monkeypatch, data, *argv, password=password)
        assert code != 0 and message in err and "Traceback" not in err, (argv, err)
