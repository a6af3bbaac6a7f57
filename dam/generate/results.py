"""A generation's results into the Library: checked first, then ingested as Generated drafts with lineage.

All or nothing: every image is sniffed before any is filed, and when the ingest refuses one after others went
in, those are purged again, so a failed request leaves no half results behind.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dam.errors import Rejected
from dam.generate.backend import GeneratedImage, GeneratorError
from dam.ingest import ImportOptions
from dam.ingest.formats import Format
from dam.ingest.sniff import HEAD_BYTES, sniff
from dam.library import Library
from dam.repos.generation_requests import GenerationRequest
from dam.services import trash

NAME_WORDS = 8  # the first words of the prompt name the new assets


@dataclass(frozen=True)
class Destination:
    """Where results go and who made them, resolved when the request runs."""

    brand: str  # the brand's current name (ingest files by name)
    creator: str | None  # the requester's handle
    collection_id: int | None
    campaign_id: int | None


def check(images: list[GeneratedImage]) -> list[Format]:
    """The format of each image; GeneratorError when one is not a picture the Library takes."""
    if not images:
        raise GeneratorError("The generator answered without any images.")
    found = []
    for number, image in enumerate(images, start=1):
        try:
            fmt = sniff(image.data[:HEAD_BYTES])
        except Rejected as exc:
            raise GeneratorError(f"Image {number} from the generator is not a picture: {exc}.") from None
        if fmt.kind not in ("image", "video"):
            raise GeneratorError(f"Image {number} from the generator is a {fmt.label} document, not a picture.")
        found.append(fmt)
    return found


def file_name(request: GenerationRequest, number: int, fmt: Format) -> str:
    """`dunes at dusk 12-1.png`: the prompt's first words, the request and the image's number."""
    words = " ".join(re.findall(r"[\w-]+", request.prompt)[:NAME_WORDS])[:60].strip() or "generation"
    return f"{words} {request.id}-{number}{fmt.extensions[0]}"


def options_for(request: GenerationRequest, image: GeneratedImage, where: Destination) -> ImportOptions:
    inputs = tuple(request.input_ids)
    return ImportOptions(
        brand=where.brand, source="generated", status="draft", creator=where.creator, prompt=request.prompt,
        negative_prompt=request.negative_prompt, model=image.model or request.model,
        seed=image.seed if image.seed is not None else request.seed, gen_params=request.params,
        parent_id=inputs[0] if inputs else None, input_ids=inputs[1:], collection_id=where.collection_id,
        campaign_id=where.campaign_id,
    )  # fmt: skip


def file_results(library: Library, request: GenerationRequest, images: list[GeneratedImage],
                 where: Destination) -> list[int]:  # fmt: skip
    """Ingest every image; the asset ids in order (an image the Library already holds gives that asset's id)."""
    from dam.ingest.pipeline import import_file

    formats = check(images)
    added: list[int] = []
    ids: list[int] = []
    # Beside the catalog, on the same disk: the store takes the files from here.
    with tempfile.TemporaryDirectory(dir=library.settings.data_dir, prefix=".generation-") as folder:
        try:
            for number, (image, fmt) in enumerate(zip(images, formats), start=1):
                path = Path(folder, f"{number}{fmt.extensions[0]}")
                path.write_bytes(image.data)
                result = import_file(library, path, options_for(request, image, where),
                                     display_name=file_name(request, number, fmt))  # fmt: skip
                if result.status == "rejected":
                    raise GeneratorError(f"Image {number} from the generator could not be added: {result.reason}.")
                if result.status == "added":
                    added.append(result.asset_id)
                ids.append(result.asset_id)
        except BaseException:
            if added:
                trash.take_back(library, added)
            raise
    return ids
