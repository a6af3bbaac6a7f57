"""Two visual embedders behind one interface: the built-in descriptor (default) and CLIP from a local folder.

CLIP is used only when DAM_CLIP_MODEL names a folder holding a CLIP model (as saved by transformers or
sentence-transformers); it is loaded offline, once per process, and also turns search text into image space.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image

from dam.similar import descriptor

CLIP_ENV = "DAM_CLIP_MODEL"


class Embedder(Protocol):
    name: str  # also the key of its table in dam/repos/embeddings.py
    version: str  # stored with the vectors: vectors of another version are not comparable (reindex)

    def embed(self, images: list[Image.Image]) -> np.ndarray:
        """Unit-length float32 vectors, one row per image."""

    def mirror(self, vectors: np.ndarray) -> np.ndarray | None:
        """The vectors of the mirrored pictures when the embedder can tell them from the vectors, else None."""


@dataclass(frozen=True)
class Descriptor:
    """Layout, colour and texture features computed from the pixels (dam/similar/descriptor.py)."""

    name: str = "descriptor"
    version: str = descriptor.VERSION

    def embed(self, images: list[Image.Image]) -> np.ndarray:
        if not images:
            return np.zeros((0, descriptor.DIMENSIONS), np.float32)
        return np.stack([descriptor.describe(image) for image in images])

    def mirror(self, vectors: np.ndarray) -> np.ndarray:
        return descriptor.mirror(vectors)


_clip_models: dict[str, object] = {}
_clip_lock = threading.Lock()


@dataclass(frozen=True)
class Clip:
    """A CLIP image model through sentence-transformers, from a local folder; never reaches a model hub."""

    folder: str
    name: str = "clip"

    @property
    def version(self) -> str:
        """The model folder: another model's vectors live in another space."""
        return os.path.realpath(self.folder)

    def mirror(self, vectors: np.ndarray) -> None:
        return None  # CLIP's space has no known mirror map; its vectors are close for mirrored pictures anyway

    def model(self):
        with _clip_lock:
            if self.folder not in _clip_models:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                _clip_models[self.folder] = SentenceTransformer(self.folder, device="cpu", local_files_only=True)
            return _clip_models[self.folder]

    def embed(self, images: list[Image.Image]) -> np.ndarray:
        if not images:
            return np.zeros((0, 0), np.float32)
        rgb = [image.convert("RGB") for image in images]
        vectors = self.model().encode(rgb, batch_size=16, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, np.float32)

    def embed_text(self, text: str) -> np.ndarray:
        """A search text in the same space as the images: text-to-image search."""
        vector = self.model().encode([text], normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vector, np.float32)[0]


def configured() -> list[Embedder]:
    """The embedders in use: always the descriptor, plus CLIP when DAM_CLIP_MODEL names a folder."""
    found: list[Embedder] = [Descriptor()]
    folder = os.environ.get(CLIP_ENV, "").strip()
    if folder and os.path.isdir(folder):
        found.append(Clip(folder))
    return found


def current_version(name: str) -> str | None:
    """The version of the named embedder as configured now (None: not configured)."""
    try:
        return by_name(name).version
    except LookupError:
        return None


def require_current(con, name: str) -> None:
    """Refuse clearly when the stored vectors were computed by another version of the embedder."""
    from dam.errors import Rejected
    from dam.repos import embeddings

    stored, now = embeddings.version(con, name), current_version(name)
    if stored is not None and now is not None and stored != now:
        raise Rejected("The pictures' visual vectors were made by an older version of The Library. "
                       "An administrator runs `python -m dam reindex` to recompute them; until then "
                       "Find similar and duplicates are unavailable.")  # fmt: skip


def by_name(name: str) -> Embedder:
    for embedder in configured():
        if embedder.name == name:
            return embedder
    raise LookupError(f"no {name} embedder configured")
