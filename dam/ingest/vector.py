"""SVG: a safety check first, then rasterised with cairosvg for thumbnails only (never served as live markup).

What is refused, and why:
- `<script>`, `on*` event attributes, `javascript:` URLs and `<foreignObject>` (embedded HTML): code or markup
  that would run if anyone ever opened the original in a browser.
- References outside the file: `href`/`xlink:href`, CSS `url(...)` and `@import`, `<?xml-stylesheet?>`, pointing
  at http:, https:, file:, relative paths or anything else. Allowed: `#fragment` references within the file, and
  `data:` URIs of raster images (PNG, JPEG, GIF, WebP), which design tools use to embed bitmaps and which can
  neither reach the network nor run code. `data:image/svg+xml` is refused: a nested SVG would dodge this check.
- Entity declarations (billion laughs) and DOCTYPEs with an internal subset. A bare DOCTYPE naming the public SVG
  DTD, as Illustrator writes it, declares nothing and is accepted.
- `<use>` chains that expand to more than MAX_DRAWN_ELEMENTS drawn elements (the SVG cousin of entity expansion).
"""

from __future__ import annotations

import io
import re
import sys
from xml.etree.ElementTree import Element, ParseError

from cairosvg.parser import Tree
from cairosvg.surface import PNGSurface
from cairosvg.url import fetch as cairo_fetch
from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml import ElementTree as SafeET
from PIL import Image

from dam.errors import Rejected
from dam.ingest.media import Content, Decoded
from dam.ingest.metadata import from_xmp

MAX_SVG_BYTES = 32 * 1024 * 1024
MAX_DRAWN_ELEMENTS = 200_000
MAX_SIDE = 100_000  # px; a declared size beyond this is nonsense (and would not fit the catalog's INTEGER)
DEFAULT_SIZE = (300.0, 150.0)  # what browsers use for an SVG that declares no size at all

_SAFE_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|jpg|gif|webp)[;,]", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")


def decode(content: Content, box: int) -> Decoded:
    """A checked SVG drawn to fill a `box` px thumbnail; its own size as declared."""
    data = content.data if content.data is not None else content.path.read_bytes()
    if len(data) > MAX_SVG_BYTES:
        raise Rejected(f"SVG is larger than {MAX_SVG_BYTES // (1024 * 1024)} MiB")
    root = check_safe(data)
    width, height = intrinsic_size(root)
    scale = box / max(width, height)  # vectors scale up crisply, so every SVG gets a full-size thumbnail
    target = max(1, round(width * scale)), max(1, round(height * scale))
    return Decoded(
        picture=rasterise(data, target), width=round(width), height=round(height),
        embedded=from_xmp(content.xmp_packet()),
    )  # fmt: skip


def rasterise(data: bytes, size: tuple[int, int]) -> Image.Image:
    """Draw a checked SVG at `size` with cairosvg, taking the pixels straight from its cairo surface.

    Building the surface ourselves (rather than svg2png) lets the parser get our url_fetcher, and skips a PNG
    encode and decode that would cost more than the drawing.
    """
    tree = Tree(bytestring=data, unsafe=False, url_fetcher=_data_only)
    surface = PNGSurface(tree, io.BytesIO(), 96, output_width=size[0], output_height=size[1]).cairo
    surface.flush()
    # Cairo stores premultiplied ARGB in native byte order.
    raw_mode = "BGRa" if sys.byteorder == "little" else "aRGB"
    return Image.frombuffer(
        "RGBA", (surface.get_width(), surface.get_height()), bytes(surface.get_data()), "raw", raw_mode,
        surface.get_stride(), 1,
    )  # fmt: skip


def check_safe(data: bytes) -> Element:
    """The parsed SVG root, or Rejected naming the first unsafe thing found."""
    if b"<?xml-stylesheet" in data:
        raise Rejected("SVG links an external stylesheet")
    if _INTERNAL_SUBSET.search(data):
        raise Rejected("SVG declares a DOCTYPE with its own definitions (entity expansion is not allowed)")
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden:
        raise Rejected("SVG declares XML entities (entity expansion is not allowed)") from None
    except DefusedXmlException:
        raise Rejected("SVG has an external reference in its DOCTYPE") from None
    except ParseError as exc:
        raise Rejected(f"SVG is not well-formed XML ({exc})") from None
    if _local(root.tag) != "svg":
        raise Rejected(f"not an SVG (root element <{_local(root.tag)}>)")
    for element in root.iter():
        _check_element(element)
    _check_expansion(root)
    return root


def _check_element(element: Element) -> None:
    name = _local(element.tag)
    if name == "script":
        raise Rejected("SVG contains a script")
    if name == "foreignObject":
        raise Rejected("SVG embeds HTML (foreignObject)")
    if name == "style":
        _check_css(element.text or "")
    for attribute, value in element.attrib.items():
        attribute = _local(attribute).lower()
        if attribute.startswith("on"):
            raise Rejected(f"SVG has an event handler attribute ({attribute})")
        if "javascript:" in "".join(value.split()).lower():
            raise Rejected("SVG contains a javascript: URL")
        if attribute in ("href", "src"):
            _check_reference(value)
        _check_css(value)


def _check_css(text: str) -> None:
    if "@import" in text.lower():
        raise Rejected("SVG imports an external stylesheet")
    for _quote, target in _CSS_URL.findall(text):
        _check_reference(target)


def _check_reference(target: str) -> None:
    target = target.strip()
    if target.startswith("#") or _SAFE_DATA_IMAGE.match(target):
        return
    shown = target if len(target) <= 60 else target[:57] + "..."
    raise Rejected(f"SVG references an external resource ({shown})")


def _check_expansion(root: Element) -> None:
    """Count what drawing would touch, following <use> references, without drawing anything."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    counted: dict[int, int] = {}
    visiting: set[int] = set()

    def drawn(element: Element) -> int:
        key = id(element)
        if key in counted:
            return counted[key]
        if key in visiting:
            raise Rejected("SVG has a <use> reference cycle")
        visiting.add(key)
        total = 1 + sum(drawn(child) for child in element)
        if _local(element.tag) == "use":
            href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
            target = by_id.get(href.strip()[1:]) if href.strip().startswith("#") else None
            total += drawn(target) if target is not None else 0
        visiting.discard(key)
        if total > MAX_DRAWN_ELEMENTS:
            raise Rejected("SVG expands to too many elements (nested <use> references)")
        counted[key] = total
        return total

    try:
        drawn(root)
    except RecursionError:
        raise Rejected(f"SVG nests more than {sys.getrecursionlimit()} levels deep") from None


def intrinsic_size(root: Element) -> tuple[float, float]:
    """The SVG's own size in CSS pixels, from width/height, then the viewBox, then the browser default."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = _view_box(root.get("viewBox"))
    if box and not (width and height):
        ratio = box[0] / box[1]
        if width:
            height = width / ratio
        elif height:
            width = height * ratio
        else:
            width, height = box
    if not (width and height):
        width, height = DEFAULT_SIZE
    if width > MAX_SIDE or height > MAX_SIDE:
        raise Rejected(f"SVG declares a size of {width:.0f}×{height:.0f} px, beyond {MAX_SIDE} px a side")
    return width, height


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if not match:
        return None  # percentages and font-relative units depend on a page we do not have
    length = float(match.group(1)) * _UNITS[match.group(2) or ""]
    return length if length > 0 else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    try:
        numbers = [float(n) for n in (value or "").replace(",", " ").split()]
    except ValueError:
        return None
    if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
        return numbers[2], numbers[3]
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _data_only(url: str, resource_type: str) -> bytes:
    # The safety check already refused external references; this makes sure cairosvg never fetches one anyway.
    if url.startswith("data:"):
        return cairo_fetch(url, resource_type)
    raise ValueError(f"refusing to fetch {url!r} while drawing an SVG")
