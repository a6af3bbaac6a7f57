"""Raster images through Pillow (with pillow-heif for HEIC/HEIF): header check, fast reduced decode, orientation."""

from __future__ import annotations

from PIL import Image, IptcImagePlugin
from pillow_heif import register_heif_opener

from dam.ingest import metadata
from dam.ingest.checks import check_pixels
from dam.ingest.formats import Format
from dam.ingest.media import Content, Decoded
from dam.ingest.thumbnails import WORKING_FACTOR, fit, shrink

register_heif_opener(thumbnails=False)
# Ingest enforces settings.max_pixels itself, from the header, before any decoding (check_pixels below). Pillow's
# own guard would warn at 89 MP and refuse at 179 MP, below the 250 MP a library allows by default, and with a
# message that names no limit of ours, so it is switched off in the processes that ingest.
Image.MAX_IMAGE_PIXELS = None

# EXIF orientation -> the transpose that makes the picture upright (1 is already upright).
_UPRIGHT = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
_SIDEWAYS = {5, 6, 7, 8}  # orientations that swap width and height
_IPTC_FORMATS = {"JPEG", "TIFF"}


def decode(content: Content, fmt: Format, max_pixels: int, box: int) -> Decoded:
    """The picture decoded just large enough for a thumbnail of `box` px, upright; its size from the header."""
    with Image.open(content.stream(), formats=[fmt.pil]) as im:
        width, height = im.size  # read from the header: nothing is decoded yet
        check_pixels(width, height, max_pixels)
        exif = im.getexif()
        orientation = exif.get(metadata.ORIENTATION, 1)
        embedded = _embedded(im, exif, content)
        if im.format == "JPEG":
            # DCT scaling: libjpeg decodes straight to 1/2, 1/4 or 1/8 size, far cheaper than a full decode
            # (a 12 MP photo: 1/8 for the 400 px thumbnail ingest makes, 1/2 for a 1600 px preview).
            im.draft("RGB", fit((width, height), box))
        im.load()  # raises on truncated or corrupt data
        # Palette pictures resize badly (nearest neighbour only); the copy outlives the file being closed.
        picture = shrink(im.convert("RGBA") if im.mode in ("P", "PA") else im, WORKING_FACTOR * box)
        if picture is im:
            picture = im.copy()
    picture = upright(picture, orientation)
    if orientation in _SIDEWAYS:
        width, height = height, width
    return Decoded(picture=picture, width=width, height=height, embedded=embedded)


def upright(picture: Image.Image, orientation: int) -> Image.Image:
    for step in _UPRIGHT.get(orientation, ()):
        picture = picture.transpose(step)
    return picture


def _embedded(im: Image.Image, exif, content: Content) -> metadata.Embedded:
    xmp = im.info.get("xmp")
    if xmp is None and im.format != "JPEG":
        # A JPEG's XMP can only be in an APP1 segment, which Pillow has already read; other formats hide it in
        # places Pillow does not look, so the file is searched (about 1 ms per 3 MB).
        xmp = content.xmp_packet()
    iptc = None
    if im.format in _IPTC_FORMATS:
        try:
            iptc = IptcImagePlugin.getiptcinfo(im)
        except Exception:  # damaged IPTC must not cost the photo its upload
            iptc = None
    from_files = metadata.from_xmp(xmp).over(metadata.from_iptc(iptc))
    return metadata.from_exif(exif).over(from_files)
