"""The CJK font of the decks: Noto Sans CJK SC, cut down to the characters the decks show.

Chromium embeds CJK OpenType fonts in a PDF as Type 3 fonts, and before it
writes the first glyph it walks the whole font (65,535 glyphs): about 0.2 s per
weight for every document printed, more than printing a short role card takes.
Given a font of only the characters a handbook uses (a thousand or two, 0.2 MB)
it does not. Such a subset also has no radical code points (⼝ U+2F1D, ⻚
U+2EDA, ...) in its character map, so the PDF's text layer names the
ideographs the authors wrote (see :mod:`generator.printing.tounicode`).

:func:`font_faces` cuts one subset per weight (regular, bold) with fontTools and
keeps it in the project cache, keyed by the font file and the characters: a
rebuild whose text did not change reuses it. The printing browser is given the
faces as files it fetches once (:mod:`.chromium` serves them from memory). The
faces are declared under the
system family's own name, so every use of the family (the card CSS, the
``font-family`` of the Graphviz SVG) takes the subset, with the same metrics as
the installed font (the card printed from the browser lays out the same).
Without fontTools or the font, :func:`font_faces` returns nothing and Chromium
uses the installed font, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

FAMILY = "Noto Sans CJK SC"
"""The font family the cards use (Debian: fonts-noto-cjk)."""

WEIGHTS = {400: 80, 700: 200}
"""The CSS weights the cards use, with fontconfig's weight for each (regular, bold)."""

ALWAYS = (
    "".join(chr(code) for code in range(0x20, 0x7F)) + "\u00a0·→—–“”‘’…、，。：；？！（）《》【】"
)
"""Characters every subset keeps: printable ASCII (page numbers, ids) and common punctuation."""


@dataclass(frozen=True)
class FontFace:
    """One weight of the cut-down font."""

    weight: int
    """The CSS ``font-weight`` it serves."""
    data: bytes
    """The OpenType font (CFF outlines)."""


def find_font(weight: int) -> tuple[Path, int] | None:
    """The installed file and face index of :data:`FAMILY` at *weight*, via fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{FAMILY}:weight={WEIGHTS[weight]}"
    try:
        found = subprocess.run(
            [fc_match, "--format=%{family}\n%{file}\n%{index}\n", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    if len(found) < 3 or FAMILY not in found[0].split(","):
        return None
    try:
        return Path(found[1]), int(found[2])
    except ValueError:
        return None


RECIPE = "no-layout-features,no-hints"
"""How :func:`_subset` cuts: part of the cache key, so a changed recipe cuts again."""


def _cache_key(font: Path, index: int, characters: str, version: str) -> str:
    status = font.stat()
    identity = f"{font}\0{index}\0{status.st_size}\0{status.st_mtime_ns}\0{version}\0{RECIPE}\0"
    return hashlib.sha256(identity.encode() + characters.encode("utf-8")).hexdigest()[:32]


def _subset(font: Path, index: int, characters: str) -> bytes:
    """A font of just *characters* (no layout features; hints kept, removing them is slower)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    face = TTFont(font, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options(layout_features=[], hinting=False, notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(character) for character in characters}))
    subsetter.subset(face)
    output = io.BytesIO()
    face.save(output)
    return output.getvalue()


def _write_atomically(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".font-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def font_faces(texts: Iterable[str], *, cache_dir: Path | None) -> list[FontFace]:
    """The cut-down font, one face per weight, covering every character of *texts*.

    Empty when fontTools or the installed font is missing (Chromium then uses the
    installed font). Faces are kept in *cache_dir* (when given) for the next build.
    """
    try:
        import fontTools
    except ImportError:
        return []
    characters = set(ALWAYS)
    for text in texts:
        characters.update(text)
    wanted = "".join(sorted(character for character in characters if character >= " "))
    faces = []
    for weight in sorted(WEIGHTS):
        found = find_font(weight)
        if found is None:
            return []
        font, index = found
        cached = None
        if cache_dir is not None:
            cached = cache_dir / f"{_cache_key(font, index, wanted, fontTools.version)}.otf"
            if cached.is_file():
                faces.append(FontFace(weight, cached.read_bytes()))
                continue
        try:
            data = _subset(font, index, wanted)
        except Exception:  # a font fontTools cannot cut: print with the installed one
            return []
        if cached is not None:
            with contextlib.suppress(OSError):  # a read-only cache only costs time
                _write_atomically(cached, data)
        faces.append(FontFace(weight, data))
    return faces


def font_file(face: FontFace) -> str:
    """The file name a face is served under to the printing browser (``font-700.otf``)."""
    return f"font-{face.weight}.otf"


def font_face_css(faces: Iterable[FontFace], base_url: str) -> Markup:
    """``@font-face`` rules declaring *faces* under :data:`FAMILY`, served from *base_url*.

    The browser fetches each face once per tab and keeps it (the documents only
    name it), instead of decoding a data URL in every document.
    """
    rules = []
    for face in faces:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-style: normal;'
            f' font-weight: {face.weight}; src: url("{base_url}{font_file(face)}")'
            ' format("opentype"); }'
        )
    return Markup("\n".join(rules))
