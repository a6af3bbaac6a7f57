"""The generator interface: what a backend is given (a Job) and gives back (GeneratedImages), and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from dam.config import Settings
from dam.errors import DamError


class GeneratorError(DamError):
    """The generator failed, timed out or answered something unusable; the message says which, in plain words."""


class NoGenerator(DamError):
    """No generator is configured (DAM_GENERATOR_URL is not set)."""

    def __init__(self) -> None:
        super().__init__("No generator is configured: set DAM_GENERATOR_URL to the address of a self-hosted image "
                         "generation server (dam/generate/http.py says what it must answer).")


@dataclass(frozen=True)
class Picture:
    """An image sent to the generator: an input to start from, or a brand anchor to follow."""

    asset_id: int
    name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class Job:
    """Everything a backend needs for one request."""

    request_id: int
    prompt: str
    negative_prompt: str | None
    model: str | None
    seed: int | None
    params: dict[str, Any]
    inputs: list[Picture] = field(default_factory=list)
    anchors: list[Picture] = field(default_factory=list)


@dataclass(frozen=True)
class GeneratedImage:
    """One result; seed and model when the generator says which it used for this image."""

    data: bytes
    seed: int | None = None
    model: str | None = None


class Backend(Protocol):
    """A generator. `describe` names it for the queue's record; `generate` returns at least one image or raises
    GeneratorError with a message for the person who asked."""

    def describe(self) -> str: ...

    def generate(self, job: Job) -> list[GeneratedImage]: ...


def configured(settings: Settings) -> Backend | None:
    """The backend the settings name, or None when no generator is configured."""
    if not settings.generator_url:
        return None
    from dam.generate.http import HttpBackend

    return HttpBackend(settings.generator_url, timeout=settings.generator_timeout)
