"""Demo media beyond photos: short videos encoded with PyAV, SVG logos and a hand-written PDF brand guide."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from dam.demo.photos import PhotoSpec, render

# Codec settings per container: small files, fast encodes, and the same bytes on every run (one thread,
# bit-exact muxing so no random segment id or time stamp lands in the file).
_VIDEO = {
    ".mp4": ("mp4", "libx264", {"crf": "27", "preset": "superfast", "threads": "1"}),
    ".webm": ("webm", "libvpx-vp9", {"crf": "36", "b": "0", "deadline": "realtime", "cpu-used": "8", "threads": "1"}),
}


def video(path: Path, spec: PhotoSpec, seconds: float = 2.5, fps: int = 24) -> Path:
    """Encode a moving version of a photo scene: each frame is the scene drawn at a later `t`."""
    import av

    fmt, codec, options = _VIDEO[path.suffix.lower()]
    w, h = spec.size
    frames = max(2, int(seconds * fps))
    with av.open(str(path), "w", format=fmt, options={"fflags": "+bitexact"}) as container:
        stream = container.add_stream(codec, rate=fps, options=options)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.codec_context.flags |= av.codec.context.Flags.bitexact
        for i in range(frames):
            frame = av.VideoFrame.from_image(render(spec, i / (frames - 1)))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@dataclass(frozen=True)
class BrandLook:
    """What a logo and a brand guide need to know about a brand."""

    name: str
    palette: tuple[str, ...]  # dark, accent, light, ...
    mark: str  # peaks | sun | globe
    tagline: str
    serif: bool = False


def _mark_svg(look: BrandLook, cx: float, cy: float, r: float) -> str:
    """The brand's symbol as SVG shapes inside a circle of radius r."""
    dark, accent, light = look.palette[0], look.palette[1], look.palette[2]
    parts = [f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{dark}"/>']
    if look.mark == "peaks":
        peaks = [(-0.75, 0.45), (-0.25, -0.35), (0.05, 0.1), (0.35, -0.55), (0.8, 0.45)]
        points = " ".join(f"{cx + x * r:.1f},{cy + y * r:.1f}" for x, y in peaks)
        parts.append(f'<polygon points="{points}" fill="{light}"/>')
        snow = [(0.2, -0.3), (0.35, -0.55), (0.5, -0.3), (0.42, -0.22), (0.35, -0.3), (0.28, -0.22)]
        parts.append(f'<polygon points="{" ".join(f"{cx + x * r:.1f},{cy + y * r:.1f}" for x, y in snow)}" fill="{accent}"/>')
    elif look.mark == "sun":
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r * 0.42}" fill="{light}"/>')
        for k in range(12):
            a = k * math.pi / 6
            x1, y1 = cx + math.cos(a) * r * 0.55, cy + math.sin(a) * r * 0.55
            x2, y2 = cx + math.cos(a) * r * 0.78, cy + math.sin(a) * r * 0.78
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{accent}" '
                         f'stroke-width="{r * 0.07:.1f}" stroke-linecap="round"/>')  # fmt: skip
    else:  # globe: meridians and a bean-shaped equator
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r * 0.7}" fill="none" stroke="{light}" stroke-width="{r * 0.06:.1f}"/>')
        for rx in (0.25, 0.5):
            parts.append(f'<ellipse cx="{cx}" cy="{cy}" rx="{r * rx:.1f}" ry="{r * 0.7:.1f}" fill="none" '
                         f'stroke="{light}" stroke-width="{r * 0.05:.1f}"/>')  # fmt: skip
        parts.append(f'<path d="M {cx - r * 0.7:.1f} {cy} Q {cx} {cy - r * 0.25:.1f} {cx + r * 0.7:.1f} {cy}" '
                     f'fill="none" stroke="{accent}" stroke-width="{r * 0.09:.1f}"/>')  # fmt: skip
    return "\n  ".join(parts)


def logo_svg(look: BrandLook) -> str:
    """A horizontal lock-up: the mark on the left, the name set in the brand's type on the right.
    Plain shapes and text only: no scripts, no external references, nothing the ingest would refuse."""
    family = "Liberation Serif, DejaVu Serif, serif" if look.serif else "Liberation Sans, DejaVu Sans, sans-serif"
    word, _, rest = look.name.partition(" ")
    display = word if look.serif else word.upper()
    spacing = 0 if look.serif else 6
    # Fit the word into the 600 px right of the mark (bold Latin capitals average about 0.74 em).
    size = int(min(96, (600 / len(display) - spacing) / 0.74))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="960" height="320" viewBox="0 0 960 320">
  <title>{escape(look.name)} logo</title>
  <rect width="960" height="320" fill="{look.palette[2]}"/>
  {_mark_svg(look, 170, 160, 110)}
  <text x="320" y="175" font-family="{family}" font-size="{size}" font-weight="bold" fill="{look.palette[0]}"
        letter-spacing="{spacing}">{escape(display)}</text>
  <text x="324" y="232" font-family="{family}" font-size="34" fill="{look.palette[1]}"
        letter-spacing="12">{escape(rest.upper())}</text>
</svg>
"""


def logo(path: Path, look: BrandLook) -> Path:
    path.write_text(logo_svg(look), encoding="utf-8")
    return path


# --- PDF -----------------------------------------------------------------------------------------------------
# Written by hand so that the guide is vector (crisp at any zoom), tiny and byte-for-byte repeatable: no
# creation time from a library, only the standard fonts every PDF reader has.

_PAGE_W, _PAGE_H = 842, 595  # A4 landscape, in points
_FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Times-Roman", "F4": "Times-Bold"}


def _pdf_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class _Page:
    """A content stream in PDF's drawing operators, with y measured from the top like the rest of the demo."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def fill(self, hex_colour: str) -> "_Page":
        r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
        self.ops.append(f"{r:.3f} {g:.3f} {b:.3f} rg")
        return self

    def rect(self, x: float, y: float, w: float, h: float) -> "_Page":
        self.ops.append(f"{x:.1f} {_PAGE_H - y - h:.1f} {w:.1f} {h:.1f} re f")
        return self

    def circle(self, cx: float, cy: float, r: float) -> "_Page":
        k, y = 0.5523 * r, _PAGE_H - cy  # four Bezier quarter arcs
        self.ops.append(
            f"{cx + r:.1f} {y:.1f} m {cx + r:.1f} {y + k:.1f} {cx + k:.1f} {y + r:.1f} {cx:.1f} {y + r:.1f} c "
            f"{cx - k:.1f} {y + r:.1f} {cx - r:.1f} {y + k:.1f} {cx - r:.1f} {y:.1f} c "
            f"{cx - r:.1f} {y - k:.1f} {cx - k:.1f} {y - r:.1f} {cx:.1f} {y - r:.1f} c "
            f"{cx + k:.1f} {y - r:.1f} {cx + r:.1f} {y - k:.1f} {cx + r:.1f} {y:.1f} c f"
        )
        return self

    def text(self, x: float, y: float, s: str, size: float, font: str = "F1") -> "_Page":
        self.ops.append(f"BT /{font} {size} Tf {x:.1f} {_PAGE_H - y:.1f} Td ({_pdf_text(s)}) Tj ET")
        return self

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1", "replace")


def _guide_pages(look: BrandLook) -> list[_Page]:
    dark, accent, light = look.palette[:3]
    head, body = ("F4", "F3") if look.serif else ("F2", "F1")
    cover = _Page().fill(dark).rect(0, 0, _PAGE_W, _PAGE_H).fill(accent).rect(60, 330, 120, 8)
    cover.fill(light).text(60, 300, look.name, 54, head).text(60, 380, "Brand guidelines  |  2026 edition", 20, body)
    cover.fill(accent).circle(700, 150, 70).fill(light).circle(700, 150, 30)

    colours = _Page().fill("#222222").text(60, 90, "Colour palette", 34, head)
    colours.text(60, 125, "Use the primary colour for large areas, the accent sparingly: calls to action, rules.", 13, body)
    for i, colour in enumerate(look.palette):
        x = 60 + i * 148
        colours.fill(colour).rect(x, 170, 130, 190).fill("#222222")
        colours.text(x, 385, colour.upper(), 14, head).text(x, 405, ("Primary", "Accent", "Paper", "Support", "Highlight")[i % 5], 12, body)

    type_page = _Page().fill("#222222").text(60, 90, "Typography", 34, head)
    type_page.fill(dark).text(60, 250, "Aa", 150, head).fill("#222222")
    samples = [("Headline", 30, head), ("Subhead in sentence case", 20, head), ("Body copy sits at 11 to 13 points.", 13, body)]
    for j, (sample, size, f) in enumerate(samples):
        type_page.text(360, 170 + j * 60, sample, size, f)
    type_page.fill(accent).text(360, 360, look.tagline, 24, head)

    usage = _Page().fill("#222222").text(60, 90, "Logo and clear space", 34, head)
    usage.fill(light).rect(60, 140, 340, 240).fill(dark).circle(230, 260, 70)
    usage.fill(accent).circle(230, 260, 28).fill("#222222")
    rules = ["Keep clear space equal to the height of the mark.", "Never stretch, recolour or outline the logo.",
             "On photos, place the logo on a calm area.", "Minimum width: 24 mm in print, 120 px on screen."]  # fmt: skip
    for j, rule in enumerate(rules):
        usage.text(440, 170 + j * 40, f"{j + 1}.  {rule}", 14, body)
    return [cover, colours, type_page, usage]


def guide_pdf(look: BrandLook) -> bytes:
    pages = _guide_pages(look)
    objects: list[bytes] = []
    font_ids = {name: 3 + i for i, name in enumerate(_FONTS)}
    first_page = 3 + len(_FONTS)
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for name, base in _FONTS.items():
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
    fonts = " ".join(f"/{name} {oid} 0 R" for name, oid in font_ids.items())
    for i, page in enumerate(pages):
        content_id = first_page + 2 * i + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
                       f"/Resources << /Font << {fonts} >> >> /Contents {content_id} 0 R >>".encode())  # fmt: skip
        data = page.stream()
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    info_id = len(objects) + 1
    objects.append(f"<< /Title ({_pdf_text(look.name)} brand guidelines) /Author (The Library demo) "
                   f"/CreationDate (D:20260105090000Z) >>".encode())  # fmt: skip
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_id, xref)
    return bytes(out)


def guide(path: Path, look: BrandLook) -> Path:
    path.write_bytes(guide_pdf(look))
    return path


def video_spec(spec: PhotoSpec, size: tuple[int, int] = (640, 360)) -> PhotoSpec:
    """A photo spec made fit for video frames: video size, no grain."""
    return replace(spec, size=size, grain=0.0)
