"""The HTTP backend: a self-hosted image generation server at DAM_GENERATOR_URL, spoken to in a small JSON protocol.

The request: one `POST` to the configured URL with `Content-Type: application/json`:

    {"protocol": "the-library.generate/1", "request_id": 12,
     "prompt": "dunes at dusk", "negative_prompt": "people", "model": "sdxl", "seed": 42, "params": {"steps": 30},
     "inputs":  [{"asset_id": 5, "name": "beach.jpg", "mime": "image/jpeg", "data": "<base64>"}],
     "anchors": [{"asset_id": 9, "name": "palette board.png", "mime": "image/png", "data": "<base64>"}]}

`inputs` are the starting images; `anchors` are the brand's pinned assets, sent as guidance. Nulls mean "the
server's default". Each picture is the original when it is a JPEG, PNG or WebP of at most 20 MiB, otherwise
its 1600 px WebP preview.

The answer, on success (HTTP 2xx):

    {"images": [{"data": "<base64>", "seed": 43, "model": "sdxl-1.0"}], "model": "sdxl-1.0"}

`images` must hold at least one image (any format the Library ingests); per image, `seed` and `model` are
optional and override the request's (a top-level `model` applies to all). A 2xx answer with an `image/*`
Content-Type is taken as the bytes of one image. On failure, any non-2xx status: the message shown to people is
the JSON body's `error` (or `message`, or `detail`), else the start of the text body.

Timeouts: DAM_GENERATOR_TIMEOUT seconds (default 300) for the whole wait for an answer; connecting gets at most
10 s. An answer larger than 512 MiB is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any
from urllib.parse import urlsplit

import httpx

from dam.errors import Rejected
from dam.generate.backend import GeneratedImage, GeneratorError, Job, Picture

PROTOCOL = "the-library.generate/1"
CONNECT_TIMEOUT = 10.0
MAX_ANSWER_BYTES = 512 * 1024 * 1024
MAX_MESSAGE = 300


class HttpBackend:
    """POSTs each job to one URL and reads the images from the answer."""

    def __init__(self, url: str, *, timeout: float = 300.0):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Rejected(f"DAM_GENERATOR_URL must be an http:// or https:// address, not {url!r}.")
        if timeout <= 0:
            raise Rejected("DAM_GENERATOR_TIMEOUT must be a number of seconds above 0.")
        self.url = url
        self.timeout = float(timeout)

    def describe(self) -> str:
        return self.url

    def generate(self, job: Job) -> list[GeneratedImage]:
        timeout = httpx.Timeout(self.timeout, connect=min(CONNECT_TIMEOUT, self.timeout))
        try:
            with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
                with client.stream("POST", self.url, json=_body(job)) as answer:
                    data = _read_capped(answer)
        except httpx.TimeoutException:
            raise GeneratorError(f"The generator did not answer within {self.timeout:g} s.") from None
        except httpx.HTTPError as exc:
            raise GeneratorError(f"Could not reach the generator at {self.url}: {exc or type(exc).__name__}.") from None
        if not answer.is_success:
            raise GeneratorError(f"The generator failed (HTTP {answer.status_code}): {_failure_message(data)}")
        content_type = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type.startswith("image/"):
            return [GeneratedImage(data)]
        return _images(data)


def _picture(picture: Picture) -> dict[str, Any]:
    return {"asset_id": picture.asset_id, "name": picture.name, "mime": picture.mime,
            "data": base64.b64encode(picture.data).decode("ascii")}  # fmt: skip


def _body(job: Job) -> dict[str, Any]:
    return {
        "protocol": PROTOCOL, "request_id": job.request_id, "prompt": job.prompt,
        "negative_prompt": job.negative_prompt, "model": job.model, "seed": job.seed, "params": job.params,
        "inputs": [_picture(p) for p in job.inputs], "anchors": [_picture(p) for p in job.anchors],
    }  # fmt: skip


def _read_capped(answer: httpx.Response) -> bytes:
    chunks, size = [], 0
    for chunk in answer.iter_bytes():
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise GeneratorError(f"The generator's answer is larger than {MAX_ANSWER_BYTES // 2**20} MiB.")
        chunks.append(chunk)
    return b"".join(chunks)


def _failure_message(data: bytes) -> str:
    """What the server said went wrong, in one short line."""
    text = data.decode("utf-8", errors="replace").strip()
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, dict):
        said = next((body[k] for k in ("error", "message", "detail") if isinstance(body.get(k), str)), None)
        if said:
            text = said
    line = " ".join(text.split())
    if not line:
        return "no message."
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def _images(data: bytes) -> list[GeneratedImage]:
    try:
        body = json.loads(data)
    except ValueError as exc:
        raise GeneratorError(f"The generator's answer is not valid JSON ({exc.__class__.__name__}).") from None
    if not isinstance(body, dict) or not isinstance(body.get("images"), list):
        raise GeneratorError('The generator\'s answer has no "images" list.')
    if not body["images"]:
        raise GeneratorError("The generator answered without any images.")
    shared_model = _model(body.get("model"))
    images = []
    for number, item in enumerate(body["images"], start=1):
        encoded = item.get("data") if isinstance(item, dict) else None
        if not isinstance(encoded, str):
            raise GeneratorError(f'Image {number} in the generator\'s answer has no "data".')
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise GeneratorError(f"Image {number} in the generator's answer is not valid base64.") from None
        model = _model(item.get("model")) or shared_model
        images.append(GeneratedImage(raw, seed=_seed(item.get("seed")), model=model))
    return images


def _seed(value: Any) -> int | None:
    """A seed the catalog can hold (a 64-bit integer); anything else is dropped rather than failing the images."""
    return value if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63 else None


def _model(value: Any) -> str | None:
    return " ".join(value.split())[:200] or None if isinstance(value, str) else None
