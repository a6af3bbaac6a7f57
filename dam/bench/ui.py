"""`bench ui`: the Library page's speed in headless Chromium on a big library (see `bench seed`).

Starts `streamlit run serve.py` over the library, signs in through /auth/signin as a manager of the biggest brand
and times, as a person sees them: the first grid paint after navigation (goto -> first card's image loaded), a
filter change (a status typed in the search box + Enter -> every card shows that status and the first card's
image is loaded), the next page on scroll (last card scrolled into view -> more cards; 300 ms apart, as when
reading, so the grid may have the page in hand already: the first scroll after a view change fetches it, and that
is the max), viewer open (click -> viewer image loaded) and viewer next (ArrowRight -> counter changed and the
new image loaded). Each is repeated; p50 and max are reported. Timing starts once the server is idle after the
first page (the Library loads its text model in the background then).

Seeded libraries have no thumbnail files, so a first run gives every asset one of a few placeholder thumbnails
(small WebP tiles, content-addressed like real ones) and a password to the bench user.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from dam.config import Settings

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PASSWORD = "bench-ui-password"
PLACEHOLDERS = 6
TARGETS_MS = {"first paint": 1500, "filter change": 500, "scroll page": 300, "viewer next": 150}

# Element lookups through the components' shadow roots (Playwright's locators pierce them, but poll slowly).
DEEP = """
window.__deep = (selector) => {
  const out = [];
  const walk = (root) => {
    out.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(document);
  return out;
};
window.__loaded = (img) => !!img && img.complete && img.naturalWidth > 0;
"""
FIRST_CARD_LOADED = """(before) => { const c = __deep('[data-testid="asset-card"]')[0];
  return !!c && c.dataset.assetId !== before && __loaded(c.querySelector('img')); }"""
# Every card shows the status (the first card alone may already have it before the filter applies).
FIRST_CARD_OF_STATUS = """(status) => { const cs = __deep('[data-testid="asset-card"]');
  return cs.length > 0 && cs.every(c => !!c.querySelector('.badge.st-' + status)) && __loaded(cs[0].querySelector('img')); }"""
MORE_CARDS = "(n) => __deep('[data-testid=\"asset-card\"]').length > n"
VIEWER_LOADED = """(before) => { const i = __deep('[data-testid="viewer-image"]')[0];
  const c = __deep('[data-testid="viewer-counter"]')[0];
  return !!i && !!c && c.textContent !== before && __loaded(i) && i.getBoundingClientRect().width > 0; }"""


def register(bench: argparse._SubParsersAction) -> None:
    cmd = bench.add_parser("ui", help="time the Library page in headless Chromium (see `bench seed`)")
    cmd.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help="library folder (seeded)")
    cmd.add_argument("--runs", type=int, default=5, help="repetitions of each measurement")
    cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    cmd.set_defaults(handler=_cmd_ui)


def _cmd_ui(args: argparse.Namespace) -> int:
    settings = Settings().with_data(getattr(args, "data", None))
    results = bench_ui(settings, runs=args.runs)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


def prepare(settings: Settings) -> tuple[str, str]:
    """Placeholder thumbnails for assets without any, and a password for a manager of the biggest brand."""
    from PIL import Image

    from dam.auth import set_password
    from dam.library import Library
    from dam.storage import thumb_key

    with Library.open(settings) as library:
        con = library.catalog.cursor()
        brand_id, brand = con.execute(
            "SELECT b.id, b.name FROM assets a JOIN brands b ON b.id = a.brand_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
        ).fetchall()[0]  # fmt: skip
        user_id, handle = con.execute(
            "SELECT u.id, u.handle FROM memberships m JOIN users u ON u.id = m.user_id"
            " WHERE m.brand_id = ? AND m.role = 'manager' ORDER BY u.id LIMIT 1", [brand_id]).fetchall()[0]  # fmt: skip
        keys = []
        for k in range(PLACEHOLDERS):
            colour = (40 + 35 * k, 110 + 20 * (k % 3), 190 - 25 * k)
            pair = []
            for size, box in (("small", (400, 300)), ("large", (1600, 1200))):
                out = io.BytesIO()
                Image.new("RGB", box, colour).save(out, "WEBP")
                key = thumb_key(f"bench-placeholder-{k}", size)
                library.store.put_bytes(key, out.getvalue())
                pair.append(key)
            keys.append(pair)
        with library.catalog.transaction() as tx:
            for k, (small, large) in enumerate(keys):
                tx.execute("UPDATE assets SET thumb_small_key = ?, thumb_large_key = ? WHERE thumb_small_key IS NULL"
                           f" AND id % {PLACEHOLDERS} = ?", [small, large, k])  # fmt: skip
        set_password(library, user_id, PASSWORD)
    return brand, handle


def _serve(settings: Settings, log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "serve.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO), "DAM_DATA": str(settings.data_dir)}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/_stcore/health", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the server did not start:\n{log.read_text()}")


def _settle(process: subprocess.Popen, *, quiet_ms: float = 50, timeout: float = 90) -> None:
    """Wait until the server stops using CPU (the first page starts loading the text model in the background)."""
    stat = Path(f"/proc/{process.pid}/stat")
    if not stat.exists():  # not Linux: give the warm-up a fixed while
        time.sleep(15)
        return
    ticks = os.sysconf("SC_CLK_TCK")
    busy = lambda: sum(int(v) for v in stat.read_text().rsplit(")", 1)[1].split()[11:13]) * 1000 / ticks  # noqa: E731
    deadline, before = time.monotonic() + timeout, busy()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = busy()
        if now - before <= quiet_ms:
            return
        before = now


def _timed(samples: list[float], start: float) -> None:
    samples.append((time.perf_counter() - start) * 1000)


def _stats(samples: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(samples)), "max_ms": round(max(samples)), "runs": len(samples)}


def bench_ui(settings: Settings, *, runs: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    brand, handle = prepare(settings)
    log = Path(tempfile.mkdtemp(prefix="bench-ui-")) / "streamlit.log"
    process, base = _serve(settings, log)
    times: dict[str, list[float]] = {k: [] for k in ("first paint", "filter change", "scroll page", "viewer open", "viewer next")}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=base).new_page()
            page.set_default_timeout(60_000)
            page.add_init_script(DEEP)
            page.goto("/auth/signin")
            page.fill("#handle", handle)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            url = f"/?brand={quote(brand)}"
            page.goto(url)  # warm-up: the server's first run loads the query engine
            page.wait_for_function(FIRST_CARD_LOADED, arg="")
            _settle(process)
            for _ in range(runs):
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_function(FIRST_CARD_LOADED, arg="")
                _timed(times["first paint"], start)
            box = page.get_by_placeholder("Search names, prompts")
            for status in ["rejected", "approved", "draft", "in_review", "approved", "draft", "rejected"][: runs + 1]:
                page.wait_for_timeout(300)
                box.fill(f"status:{status}")
                start = time.perf_counter()
                box.press("Enter")
                page.wait_for_function(FIRST_CARD_OF_STATUS, arg=status)
                _timed(times["filter change"], start)
                # Typed filters add to those set (the status pills keep them): Clear all before the next one.
                page.get_by_role("button", name="Clear all").click()
                page.locator(".st-key-library-summary").wait_for(state="detached")
                page.wait_for_function(FIRST_CARD_LOADED, arg="")
            times["filter change"] = times["filter change"][1:]  # the first one warms the widgets' path
            for _ in range(runs):
                page.wait_for_timeout(300)
                n = page.evaluate("__deep('[data-testid=\"asset-card\"]').length")
                start = time.perf_counter()
                page.evaluate("(() => { const cs = __deep('[data-testid=\"asset-card\"]'); cs[cs.length - 1].scrollIntoView(); })()")
                page.wait_for_function(MORE_CARDS, arg=n)
                _timed(times["scroll page"], start)
            for i in range(runs):
                page.goto(url)
                page.wait_for_function(FIRST_CARD_LOADED, arg="")
                start = time.perf_counter()
                page.get_by_test_id("asset-card").nth(i).click()
                page.wait_for_function(VIEWER_LOADED, arg="")
                _timed(times["viewer open"], start)
                page.wait_for_timeout(500)
                for _ in range(2):
                    before = page.evaluate("__deep('[data-testid=\"viewer-counter\"]')[0].textContent")
                    start = time.perf_counter()
                    page.keyboard.press("ArrowRight")
                    page.wait_for_function(VIEWER_LOADED, arg=before)
                    _timed(times["viewer next"], start)
                    page.wait_for_timeout(400)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    n = _count(settings)
    return {"assets": n, "brand": brand, "load_average": round(os.getloadavg()[0], 2),
            "results": {k: _stats(v) for k, v in times.items()}, "targets_ms": TARGETS_MS}  # fmt: skip


def _count(settings: Settings) -> int:
    from dam.library import Library

    with Library.open(settings, read_only=True) as library:
        return library.catalog.cursor().execute("SELECT count(*) FROM assets").fetchall()[0][0]


def _table(results: dict) -> str:
    lines = [f"{results['assets']:,} assets · brand {results['brand']} · load average {results['load_average']}"]
    for name, r in results["results"].items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else (f"  (target ≤ {target} ms: {'met' if r['p50_ms'] <= target else 'MISSED'})")
        lines.append(f"{name:<14} p50 {r['p50_ms']:>6} ms   max {r['max_ms']:>6} ms{verdict}")
    return "\n".join(lines)
