"""Keep the authoring guide's table of diagnostic codes equal to the registry.

The table in ``handbook/guide/authoring.md`` sits between the marker comments
:data:`START` and :data:`END` and is generated from
:data:`generator.diagnostics.CODES`. After adding or changing a code, run::

    python -m generator.docs            # rewrite the table
    python -m generator.docs --check    # exit 1 if the table is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import CODES, Severity
from generator.messages.localize import code_hint, code_title

GUIDE_LANGUAGE = "zh"
"""The language of the authoring guide (its titles and hints come from generator/messages)."""
GUIDE_PATH = Path(__file__).resolve().parent.parent / "handbook" / "guide" / "authoring.md"
"""The authoring guide in this repository."""
START = "<!-- codes:start -->"
"""The line before the generated table."""
END = "<!-- codes:end -->"
"""The line after the generated table."""
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告"}
"""How the guide names each severity."""

_CODE_SPAN = re.compile(r"(`[^`]*`)")


def _cell(text: str) -> str:
    """Make registry text safe in a Markdown table cell; code spans stay as written."""
    parts = _CODE_SPAN.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = (
            parts[index]
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("|", "\\|")
        )
    return "".join(parts)


def codes_table() -> str:
    """The Markdown table of every code, in registry order, ending with a newline."""
    lines = ["| 代码 | 级别 | 问题 | 处理建议 |", "| --- | --- | --- | --- |"]
    for code in CODES.values():
        title = code_title(code.code, GUIDE_LANGUAGE)
        hint = code_hint(code.code, GUIDE_LANGUAGE)
        lines.append(
            f"| `{code.code}` | {SEVERITY_NAMES[code.severity]} | {_cell(title)} | {_cell(hint)} |"
        )
    return "\n".join(lines) + "\n"


class MarkersMissingError(ValueError):
    """The guide lacks the marker comments, or has them out of order."""


def generated_block(text: str) -> str:
    """The text between the markers of *text* (without the marker lines)."""
    start, end = text.find(START + "\n"), text.find("\n" + END)
    if start < 0 or end < start:
        raise MarkersMissingError(f"the guide needs the lines '{START}' and '{END}', in order")
    return text[start + len(START) + 1 : end + 1]


def with_codes_table(text: str) -> str:
    """*text* with the block between the markers replaced by :func:`codes_table`."""
    old_block = generated_block(text)
    start = text.find(START + "\n") + len(START) + 1
    return text[:start] + codes_table() + text[start + len(old_block) :]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or, with ``--check``, check) the guide's code table; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.docs", description="Regenerate the guide's code table."
    )
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    parser.add_argument("--guide", type=Path, default=GUIDE_PATH, help="the guide to update")
    arguments = parser.parse_args(argv)
    guide: Path = arguments.guide
    try:
        text = guide.read_text(encoding="utf-8")
        updated = with_codes_table(text)
    except (OSError, MarkersMissingError) as error:
        print(f"{guide}: {error}", file=sys.stderr)
        return 2
    if updated == text:
        print(f"{guide}: code table is up to date")
        return 0
    if arguments.check:
        print(f"{guide}: code table is out of date; run: python -m generator.docs", file=sys.stderr)
        return 1
    guide.write_text(updated, encoding="utf-8")
    print(f"{guide}: code table rewritten ({len(CODES)} codes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
