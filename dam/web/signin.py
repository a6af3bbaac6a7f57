"""The sign-in and sign-out routes: a small server-rendered form that sets an HttpOnly session cookie."""

from __future__ import annotations

import asyncio
import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from dam.auth import COOKIE_NAME, SESSION_SECONDS, Sessions, SignInFailed, sign_in
from dam.web import runtime

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · The Library</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f3f0;color:#1d1d1f;
display:grid;place-items:center;min-height:100vh}}
form{{background:#fff;padding:36px 40px;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.08);width:320px}}
h1{{font-size:22px;margin:0 0 4px}} p.sub{{margin:0 0 24px;color:#6e6e73}}
label{{display:block;font-weight:600;font-size:13px;margin:14px 0 6px}}
input{{width:100%;box-sizing:border-box;padding:10px 12px;border:1px solid #d2d2d7;border-radius:8px;font-size:15px}}
button{{margin-top:22px;width:100%;padding:11px;border:0;border-radius:8px;background:#1d1d1f;color:#fff;
font-size:15px;font-weight:600;cursor:pointer}}
.error{{background:#fdecea;color:#9b1c1c;padding:10px 12px;border-radius:8px;margin-bottom:8px;font-size:14px}}
.hint{{color:#6e6e73;font-size:13px;margin-top:18px}}
</style></head><body><form method="post" action="/auth/signin">
<h1>The Library</h1><p class="sub">Sign in to your studio's assets.</p>{error}
<label for="handle">Handle or e-mail</label><input id="handle" name="handle" autocomplete="username" value="{handle}" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button>{hint}</form></body></html>"""


def sessions() -> Sessions:
    return runtime.once("sessions", lambda: Sessions(runtime.signer_secret()))


def _page(error: str = "", handle: str = "", status: int = 200) -> HTMLResponse:
    hint = runtime.signin_hint()
    return HTMLResponse(
        PAGE.format(
            error=f'<div class="error" role="alert">{html.escape(error)}</div>' if error else "",
            handle=html.escape(handle, quote=True),
            hint=f'<p class="hint">{html.escape(hint)}</p>' if hint else "",
        ),
        status_code=status,
    )


async def signin_form(request: Request) -> Response:
    return _page()


async def signin(request: Request) -> Response:
    form = await request.form()
    handle, password = str(form.get("handle", "")), str(form.get("password", ""))
    library = runtime.library()
    try:
        user = await asyncio.to_thread(sign_in, library, handle, password)
    except SignInFailed as exc:
        return _page(str(exc), handle, status=401)
    cookie = await asyncio.to_thread(sessions().issue, library, user.id)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        COOKIE_NAME, cookie, max_age=SESSION_SECONDS, httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/",
    )  # fmt: skip
    return response


async def signout(request: Request) -> Response:
    library = runtime.library()
    user_id = sessions().user_id(library, request.cookies.get(COOKIE_NAME))
    if user_id is not None:
        await asyncio.to_thread(sessions().revoke, library, user_id)
    response = RedirectResponse("/auth/signin", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


ROUTES = [
    Route("/auth/signin", signin_form, methods=["GET"]),
    Route("/auth/signin", signin, methods=["POST"]),
    Route("/auth/signout", signout, methods=["GET", "POST"]),
]
