"""The QR code printed on SOP cards: the card's own URL, as inline SVG (segno, deterministic)."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup

MASK = 0
"""A fixed mask pattern: any of the eight is a valid code, and choosing the best costs 5x."""


@functools.lru_cache(maxsize=8192)
def qr_svg(address: str) -> Markup:
    """An inline SVG QR code of *address* (error correction M, 2-module quiet zone).

    The SVG carries a ``viewBox`` and no fixed size, so CSS sets its printed size.
    Remembered per address, so ``handbook serve`` encodes each card's URL once.
    """
    code = segno.make(address, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=1, border=2, dark="#000", omitsize=True, svgclass="handbook-qr")
    return Markup(svg)
