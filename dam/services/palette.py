"""Brand colours: hex colours checked and normalised, and a palette suggested from assets' dominant colours.

    >>> clean_palette(["#1A2B3C", "fff", "#ffffff"])
    ['#1a2b3c', '#ffffff']
    >>> suggest([["#ff0000", "#0000ff"], ["#fe0101", "#00ff00"], ["#ff0000"]], count=2)
    ['#ff0000', '#0000ff']
"""

from __future__ import annotations

import math
import re

from dam.errors import Rejected

MAX_COLOURS = 24
SUGGESTED = 6
# Colours closer than this (CIE76 distance in Lab) read as the same colour: about what an eye tells apart
# side by side, so a suggestion never offers two near-identical swatches.
SAME_COLOUR = 12.0
_HEX = re.compile(r"^#?([0-9a-f]{3}|[0-9a-f]{6})$")


def normalise_colour(text: str) -> str:
    """`#1A2B3C`, `1a2b3c` or `#abc` -> `#1a2b3c`; anything else is Rejected with an example."""
    match = _HEX.match(text.strip().lower())
    if match is None:
        raise Rejected(f"{text.strip()[:40]!r} is not a hex colour: write it like #1a2b3c or #abc.")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def clean_palette(colours: list[str]) -> list[str]:
    """Every colour normalised, in the order given, each once; blank entries skipped."""
    cleaned = list(dict.fromkeys(normalise_colour(c) for c in colours if c and c.strip()))
    if len(cleaned) > MAX_COLOURS:
        raise Rejected(f"A palette holds at most {MAX_COLOURS} colours, not {len(cleaned)}.")
    return cleaned


def suggest(palettes: list[list[str]], count: int = SUGGESTED) -> list[str]:
    """The colours that dominate across assets, most weighty first, no two alike.

    Each asset's palette lists its colours most covered first, so a colour weighs 1 / (its rank + 1) there.
    Colours within SAME_COLOUR of a heavier one join it; each group is shown by its heaviest real colour
    (never an average no asset has).
    """
    weights: dict[str, float] = {}
    for palette in palettes:
        for rank, colour in enumerate(dict.fromkeys(palette)):
            try:
                hex_colour = normalise_colour(colour)
            except Rejected:
                continue  # a malformed stored colour is not worth failing a suggestion for
            weights[hex_colour] = weights.get(hex_colour, 0.0) + 1.0 / (rank + 1)
    groups: list[tuple[str, tuple[float, float, float], float]] = []  # (representative, its Lab, total weight)
    for colour, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        lab = _lab(colour)
        near = next((i for i, (_, centre, _w) in enumerate(groups) if math.dist(lab, centre) < SAME_COLOUR), None)
        if near is None:
            groups.append((colour, lab, weight))
        else:
            rep, centre, total = groups[near]
            groups[near] = (rep, centre, total + weight)
    groups.sort(key=lambda g: (-g[2], g[0]))
    return [rep for rep, _lab_, _w in groups[:count]]


def _lab(colour: str) -> tuple[float, float, float]:
    """sRGB hex -> CIE Lab (D65), where straight-line distance follows what the eye sees."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)
