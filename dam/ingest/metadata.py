"""Metadata embedded by cameras and photographers' tools: EXIF, XMP and IPTC, read into one Embedded record.

Precedence follows what photographers expect from Lightroom, Bridge and Photo Mechanic:
- taken_at and camera come from EXIF, falling back to XMP (exif:DateTimeOriginal, xmp:CreateDate, tiff:Make/Model).
  taken_at is the camera's wall-clock time as written, without a time zone (most cameras' zones are unset or wrong).
- title, description and rating come from XMP (dc:title, dc:description, xmp:Rating), falling back to IPTC
  (2:05 Object Name, 2:120 Caption). A rating of 0 (unrated) or -1 (Lightroom's "rejected") means no rating.
- tags are the union of XMP dc:subject, IPTC 2:25 Keywords and the *leaf* of each lr:hierarchicalSubject path
  ("Places|France|Paris" -> "paris"): Lightroom already writes the levels a photographer chose to export into
  dc:subject, so adding every level again would flood the library with category names like "places".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
}
_RDF = "{%s}" % NS["rdf"]
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XMP_PACKET = re.compile(rb"<x:xmpmeta[\s>].*?</x:xmpmeta>", re.DOTALL)
_XMP_END = b"</x:xmpmeta>"
MAX_XMP_BYTES = 4 * 1024 * 1024  # a packet larger than this is not a photographer's metadata

# EXIF tags (IFD0 and the Exif sub-IFD).
ORIENTATION, MAKE, MODEL, DATETIME = 0x0112, 0x010F, 0x0110, 0x0132
EXIF_IFD, DATETIME_ORIGINAL = 0x8769, 0x9003


@dataclass(frozen=True)
class Embedded:
    """What a file says about itself."""

    title: str | None = None
    description: str | None = None
    rating: int | None = None
    tags: tuple[str, ...] = ()
    taken_at: datetime | None = None
    camera: str | None = None

    def over(self, fallback: "Embedded") -> "Embedded":
        """These values, with gaps filled from `fallback`; tags are combined."""
        return Embedded(
            title=self.title or fallback.title,
            description=self.description or fallback.description,
            rating=self.rating if self.rating is not None else fallback.rating,
            tags=tuple(dict.fromkeys(self.tags + fallback.tags)),
            taken_at=self.taken_at or fallback.taken_at,
            camera=self.camera or fallback.camera,
        )


@dataclass
class _Xmp:
    values: dict[str, str | list[str]] = field(default_factory=dict)  # "dc:title" -> value(s)

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        return clean_text(value)

    def items(self, key: str) -> list[str]:
        value = self.values.get(key)
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list) else [value]) if v and v.strip()]


def find_xmp_packet(data) -> bytes | None:
    """The XMP packet inside raw file bytes or an mmap (JPEG APP1, PNG iTXt, MP4 uuid box, PDF stream, ...)."""
    # Plain find() rather than a regex: this runs over every byte of every file without XMP, twice as fast.
    start = data.find(b"<x:xmpmeta")
    end = data.find(_XMP_END, start) if start >= 0 else -1
    return bytes(data[start : end + len(_XMP_END)]) if end >= 0 else None


def from_xmp(packet: bytes | str | None) -> Embedded:
    """Read rating, tags, title, description (and EXIF fallbacks) from an XMP packet; unreadable XMP gives nothing."""
    if not packet:
        return Embedded()
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    match = _XMP_PACKET.search(packet)
    body = match.group(0) if match else packet.strip(b"\x00 \r\n\t")
    if len(body) > MAX_XMP_BYTES:
        return Embedded()
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except Exception:  # malformed or hostile XMP must never cost the photo its upload
        return Embedded()
    xmp = _Xmp()
    for description in root.iter(f"{_RDF}Description"):
        _collect(description, xmp)
    hierarchical = [path.split("|")[-1] for path in xmp.items("lr:hierarchicalSubject")]
    return Embedded(
        title=xmp.text("dc:title"),
        description=xmp.text("dc:description"),
        rating=_rating(xmp.text("xmp:Rating")),
        tags=tuple(dict.fromkeys(t.strip() for t in xmp.items("dc:subject") + hierarchical if t.strip())),
        taken_at=parse_datetime(
            xmp.text("exif:DateTimeOriginal") or xmp.text("photoshop:DateCreated") or xmp.text("xmp:CreateDate")
        ),
        camera=camera_name(xmp.text("tiff:Make"), xmp.text("tiff:Model")),
    )


def _collect(description: Element, xmp: _Xmp) -> None:
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    for name, value in description.attrib.items():
        key = _key(name, prefixes)
        if key:
            xmp.values[key] = value
    for child in description:
        key = _key(child.tag, prefixes)
        if not key:
            continue
        container = next((c for c in child if c.tag in (f"{_RDF}Bag", f"{_RDF}Seq", f"{_RDF}Alt")), None)
        if container is None:
            xmp.values[key] = (child.text or "").strip()
            continue
        items = list(container.findall(f"{_RDF}li"))
        if container.tag == f"{_RDF}Alt":
            # A language alternative: the default language first.
            items.sort(key=lambda li: li.get(_XML_LANG) != "x-default")
        xmp.values[key] = [(li.text or "").strip() for li in items]


def _key(tag: str, prefixes: dict[str, str]) -> str | None:
    if not tag.startswith("{"):
        return None
    uri, _, local = tag[1:].partition("}")
    prefix = prefixes.get(uri)
    return f"{prefix}:{local}" if prefix else None


def from_iptc(iptc: dict | None) -> Embedded:
    """Read IPTC-IIM datasets as Pillow returns them: {(record, dataset): bytes or [bytes, ...]}."""
    if not iptc:
        return Embedded()
    charset = iptc.get((1, 90)) or b""
    encoding = "utf-8" if b"%G" in (charset if isinstance(charset, bytes) else b"") else None

    def values(dataset: int) -> list[str]:
        raw = iptc.get((2, dataset))
        raw = raw if isinstance(raw, list) else [raw] if raw else []
        return [_decode(v, encoding) for v in raw]

    title = values(5)
    caption = values(120)
    return Embedded(
        title=clean_text(title[0]) if title else None,
        description=clean_text(caption[0]) if caption else None,
        tags=tuple(dict.fromkeys(k.strip() for k in values(25) if k.strip())),
    )


def _decode(value: bytes, encoding: str | None) -> str:
    # Without a declared character set, UTF-8 is what modern tools write; Latin-1 is what old ones wrote.
    try:
        return value.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def from_exif(exif) -> Embedded:
    """taken_at and camera from a Pillow Exif mapping."""
    if not exif:
        return Embedded()
    try:
        original = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL)
    except Exception:  # a broken Exif sub-IFD still leaves IFD0 usable
        original = None
    return Embedded(
        taken_at=parse_datetime(original) or parse_datetime(exif.get(DATETIME)),
        camera=camera_name(exif.get(MAKE), exif.get(MODEL)),
    )


def camera_name(make, model) -> str | None:
    """"Canon" + "Canon EOS R5" -> "Canon EOS R5"; "FUJIFILM" + "X-T4" -> "FUJIFILM X-T4"."""
    make, model = clean_text(make), clean_text(model)
    if not model:
        return make
    if not make or model.lower().startswith(make.split()[0].lower()):
        return model
    return f"{make} {model}"


def parse_datetime(value) -> datetime | None:
    """EXIF ("2024:05:01 14:30:00") or ISO 8601 dates; the time zone, when given, is dropped (see module notes)."""
    text = clean_text(value)
    if not text:
        return None
    text = text.replace("T", " ")
    if len(text) >= 10 and text[4] == ":" and text[7] == ":":
        text = text[:4] + "-" + text[5:7] + "-" + text[8:]
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?", text)
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        stamp = datetime(*parts)
    except ValueError:  # "0000:00:00 00:00:00" is how cameras say "not set"
        return None
    return stamp if 1900 <= stamp.year <= 2200 else None


def _rating(value: str | None) -> int | None:
    try:
        rating = round(float(value)) if value is not None else None
    except ValueError:
        return None
    return rating if rating is not None and 1 <= rating <= 5 else None


def clean_text(value) -> str | None:
    """Text as stored: decoded, NULs and surrounding whitespace removed, empty as None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = _decode(value, None)
    text = "".join(c for c in str(value) if c == "\n" or ord(c) >= 32).strip()
    return text or None

