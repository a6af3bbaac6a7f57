"""The grid's next page as JSON, fetched by the grid component itself so that scrolling needs no Streamlit rerun.

The Library page issues a ticket whose payload answers "the cards after the first `count`" for one view of one
signed-in person (dam/ui/library/results.py: NextPages); the route only redeems it. The payload re-checks the
person's roles on every call and declines (403) when they changed, and the grid then asks the page instead.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from dam.errors import DamError
from dam.web import runtime


async def next_page(request: Request) -> Response:
    ticket = runtime.tickets().redeem(request.path_params["ticket"], "grid")
    count = request.query_params.get("count", "")
    if ticket is None:
        return PlainTextResponse("Forbidden: this link is not valid for you, or it has expired.", status_code=403)
    if not count.isdigit():
        return PlainTextResponse("count must be a whole number.", status_code=400)
    try:
        page = await asyncio.to_thread(ticket.payload, int(count))
    except DamError as exc:
        return PlainTextResponse(str(exc), status_code=409)
    if page is None:
        return PlainTextResponse("Forbidden: your access has changed; reload the page.", status_code=403)
    return JSONResponse(page, headers={"Cache-Control": "no-store"})


ROUTES = [Route("/files/grid/{ticket:str}", next_page)]
