"""Video through PyAV (FFmpeg): size, duration, frame rate, a poster frame, and a check that the file is whole."""

from __future__ import annotations

import av
from PIL import Image

from dam.errors import Rejected
from dam.ingest.checks import check_pixels
from dam.ingest.media import Content, Decoded
from dam.ingest.metadata import Embedded, camera_name, clean_text, from_xmp, parse_datetime
from dam.ingest.thumbnails import LARGE, WORKING_FACTOR, shrink

# The poster is the frame about a second in (or a tenth of the way through a short clip): first frames are
# often black or mid-fade.
POSTER_SECONDS = 1.0
# A file whose last packet ends this much before its declared duration was cut off (a partial copy or download).
TRUNCATION_TOLERANCE = 0.1


def decode(content: Content, max_pixels: int) -> Decoded:
    source = content.stream() if content.data is not None else str(content.path)
    try:
        container = av.open(source, metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise Rejected(f"corrupt or truncated video ({_plain(exc)})") from None
    with container:
        if not container.streams.video:
            raise Rejected("video has no picture stream")
        stream = container.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        check_pixels(width, height, max_pixels)
        duration = _duration(container, stream)
        rate = stream.average_rate or stream.guessed_rate
        poster, rotation = _poster_and_check(container, stream, duration)
        tags = {k.lower(): v for k, v in container.metadata.items()}
    if rotation % 180:
        width, height = height, width
    embedded = from_xmp(content.xmp_packet()).over(
        Embedded(
            title=clean_text(tags.get("title")),
            description=clean_text(tags.get("description") or tags.get("comment")),
            taken_at=parse_datetime(tags.get("com.apple.quicktime.creationdate") or tags.get("creation_time")),
            camera=camera_name(
                tags.get("com.apple.quicktime.make") or tags.get("make"),
                tags.get("com.apple.quicktime.model") or tags.get("model"),
            ),
        )
    )
    return Decoded(
        picture=poster, width=width, height=height, embedded=embedded,
        duration=round(duration, 3) if duration else None, fps=round(float(rate), 3) if rate else None,
    )  # fmt: skip


def _duration(container, stream) -> float | None:
    if container.duration:
        return container.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _poster_and_check(container, stream, duration: float | None) -> tuple[Image.Image, int]:
    """One pass over the packets: decode until the poster frame, then only read on to prove the file is whole."""
    target = min(POSTER_SECONDS, duration / 10) if duration else 0.0
    poster, last_end = None, 0.0
    time_base = stream.time_base
    try:
        for packet in container.demux(stream):
            if packet.pts is not None and time_base:
                last_end = max(last_end, float((packet.pts + (packet.duration or 0)) * time_base))
            if poster is not None and poster[1] >= target:
                continue  # past the poster: reading packets is enough to find where the file ends
            for frame in packet.decode():
                poster = (frame.to_image(), frame.time or 0.0, frame.rotation or 0)
    except av.error.FFmpegError as exc:
        raise Rejected(f"corrupt video ({_plain(exc)})") from None
    if poster is None:
        raise Rejected("corrupt or truncated video (no picture could be decoded)")
    if duration and last_end < duration * (1 - TRUNCATION_TOLERANCE) - 0.05:
        raise Rejected(f"truncated video (data ends at {last_end:.1f} s of {duration:.1f} s)")
    # Both thumbnails are made from the poster at ingest (dam/ingest/stages.py): it is kept big enough for the large.
    picture, rotation = shrink(poster[0], WORKING_FACTOR * LARGE), int(poster[2])
    # PyAV reports the display rotation counter-clockwise, as Pillow's rotate() takes it.
    return (picture.rotate(rotation, expand=True) if rotation % 360 else picture), rotation


def _plain(exc: Exception) -> str:
    # FFmpeg errors carry a readable strerror; their str() adds an errno and a file name of '<none>'.
    return " ".join((getattr(exc, "strerror", None) or str(exc)).split())[:160]
