"""Repair the text layer of Chromium's PDFs: CJK ideographs, not look-alike radicals.

A PDF font maps glyphs back to text with a ``/ToUnicode`` CMap; copy, search
and text extraction read it. Noto Sans CJK (like every Source Han font) draws
about 280 common ideographs and their radicals with one glyph: 一 and ⼀
(U+2F00), 口 and ⼝, 页 and ⻚ (U+2EDA), 门, 见, 车, 长, 风, 马, ... Chromium
writes, for such a glyph, the lowest code point the font lists for it, which is
the radical. The page looks right, but "集装箱进口" is extracted as "集装箱进⼝"
and a search for 页 finds nothing.

:func:`fixed_cmap` rewrites a ToUnicode CMap so every radical of the two radical
blocks that shares its glyph with an ideograph maps to the ideograph: Kangxi
Radicals (U+2F00–U+2FD5) by their compatibility decomposition (NFKC), CJK
Radicals Supplement (U+2E80–U+2EF3) by :data:`SUPPLEMENT_IDEOGRAPHS`, the
pairs that share a glyph in Noto Sans CJK SC (regular and bold alike).
"""

from __future__ import annotations

import re
import unicodedata

SUPPLEMENT_IDEOGRAPHS: dict[int, int] = {
    0x2E82: 0x4E5B, 0x2E83: 0x4E5A, 0x2E85: 0x4EBB, 0x2E87: 0x20628, 0x2E89: 0x5202,
    0x2E8B: 0x353E, 0x2E8D: 0x2D544, 0x2E8F: 0x5C23, 0x2E90: 0x5C22, 0x2E92: 0x5DF3,
    0x2E93: 0x5E7A, 0x2E94: 0x5F51, 0x2E95: 0x5F50, 0x2E96: 0x5FC4, 0x2E98: 0x624C,
    0x2E99: 0x6535, 0x2E9B: 0x65E1, 0x2E9E: 0x6B7A, 0x2E9F: 0x6BCD, 0x2EA0: 0x6C11,
    0x2EA1: 0x6C35, 0x2EA3: 0x706C, 0x2EA4: 0x722B, 0x2EA6: 0x4E2C, 0x2EA8: 0x72AD,
    0x2EA9: 0x248E9, 0x2EAD: 0x793B, 0x2EAE: 0x25AD7, 0x2EAF: 0x7CF9, 0x2EB0: 0x7E9F,
    0x2EB1: 0x7F53, 0x2EB3: 0x34C1, 0x2EB9: 0x8002, 0x2EBA: 0x8080, 0x2EBD: 0x26951,
    0x2EBE: 0x8279, 0x2EC2: 0x8864, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC7: 0x278B2,
    0x2EC8: 0x8BA0, 0x2EC9: 0x8D1D, 0x2ECA: 0x27FB7, 0x2ECB: 0x8F66, 0x2ECC: 0x8FB6,
    0x2ED0: 0x9485, 0x2ED1: 0x9577, 0x2ED2: 0x9578, 0x2ED3: 0x957F, 0x2ED4: 0x95E8,
    0x2ED5: 0x28E0F, 0x2ED6: 0x961D, 0x2ED8: 0x9752, 0x2ED9: 0x97E6, 0x2EDA: 0x9875,
    0x2EDB: 0x98CE, 0x2EDC: 0x98DE, 0x2EDD: 0x98DF, 0x2EDE: 0x2967F, 0x2EDF: 0x98E0,
    0x2EE0: 0x9963, 0x2EE1: 0x29810, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C,
    0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE7: 0x5364, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4,
    0x2EEA: 0x9EFE, 0x2EEB: 0x6589, 0x2EEC: 0x9F50, 0x2EEE: 0x9F7F, 0x2EEF: 0x7ADC,
    0x2EF0: 0x9F99, 0x2EF1: 0x9F9C, 0x2EF2: 0x4E80, 0x2EF3: 0x9F9F,
}  # fmt: skip
"""CJK Radicals Supplement → the ideograph Noto Sans CJK SC draws with the same glyph."""

_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_SECTION = re.compile(rb"(\d+)\s+begin(bfchar|bfrange)(.*?)end\2", re.DOTALL)
_ENTRIES_PER_SECTION = 100
"""The most entries one ``bfchar`` section may hold (PDF 32000-1, 9.10.3)."""


def ideograph(radical: str) -> str:
    """The ideograph a radical stands for in Noto CJK text (the radical itself if none)."""
    code = ord(radical)
    if 0x2F00 <= code <= 0x2FDF:
        decomposed = unicodedata.normalize("NFKC", radical)
        return decomposed if len(decomposed) == 1 else radical
    mapped = SUPPLEMENT_IDEOGRAPHS.get(code)
    return chr(mapped) if mapped is not None else radical


def fixed_text(text: str) -> str:
    """*text* with every radical that shares its glyph with an ideograph replaced by it."""
    return _RADICALS.sub(lambda match: ideograph(match.group()), text)


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", errors="replace")


def _hex(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode("ascii")


def _mappings(cmap: bytes) -> list[tuple[bytes, str]] | None:
    """Every (source code, text) pair of the CMap's bfchar/bfrange sections.

    ``None`` when a section has a shape this module does not understand.
    """
    pairs: list[tuple[bytes, str]] = []
    for match in _SECTION.finditer(cmap):
        values = _HEX.findall(match.group(3))
        if match.group(2) == b"bfchar":
            if len(values) % 2:
                return None
            pairs.extend((values[i], _utf16(values[i + 1])) for i in range(0, len(values), 2))
            continue
        body = match.group(3)
        if b"[" in body:
            return None  # arrays of destinations: Chromium does not write them
        if len(values) % 3:
            return None
        for i in range(0, len(values), 3):
            low, high, base = values[i], values[i + 1], _utf16(values[i + 2])
            width = len(low)
            first, last = int(low, 16), int(high, 16)
            if last < first or last - first > 0xFFFF or not base:
                return None
            for offset in range(last - first + 1):
                target = base[:-1] + chr(ord(base[-1]) + offset)
                pairs.append((f"{first + offset:0{width}X}".encode("ascii"), target))
    return pairs


def fixed_cmap(cmap: bytes) -> bytes | None:
    """The ToUnicode CMap *cmap* with radicals mapped to ideographs, or ``None`` if unchanged.

    The mappings are written back as ``bfchar`` sections (ranges are expanded);
    the CMap's header and trailer are kept as they were.
    """
    parsed = _mappings(cmap)
    if parsed is None:
        return None
    pairs = parsed
    fixed = [(code, fixed_text(text)) for code, text in pairs]
    if fixed == pairs:
        return None
    sections = list(_SECTION.finditer(cmap))  # not empty: there were pairs
    first, last = sections[0], sections[-1]
    blocks = []
    for start in range(0, len(fixed), _ENTRIES_PER_SECTION):
        chunk = fixed[start : start + _ENTRIES_PER_SECTION]
        lines = b"\n".join(b"<" + code + b"> <" + _hex(text) + b">" for code, text in chunk)
        blocks.append(b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), lines))
    return cmap[: first.start()] + b"\n".join(blocks) + cmap[last.end() :]
