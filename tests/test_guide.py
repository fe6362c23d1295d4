"""The authoring guide stays true: its code table, key tables and examples match the code."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import docs
from generator.cli import build_parser, main
from generator.diagnostics import CODES
from generator.spec import FILE_KINDS, ListOf, Record

GUIDE = docs.GUIDE_PATH
GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")

EXAMPLE = re.compile(r"<!-- example: (?P<path>[\w./-]+) -->\n```yaml\n(?P<body>.*?)```", re.S)
KEYS_TABLE = re.compile(r"<!-- keys: (?P<record>[\w ]+) -->\n(?P<table>(?:\|.*\n)+)")


def test_code_table_is_generated_from_the_registry() -> None:
    assert docs.generated_block(GUIDE_TEXT) == docs.codes_table(), (
        "the diagnostic code table in handbook/guide/authoring.md is out of date: "
        "run `python -m generator.docs`"
    )


def test_code_table_has_a_row_per_code() -> None:
    rows = [line for line in docs.codes_table().splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(CODES)


def test_docs_command_rewrites_a_stale_table_and_check_reports_it(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text(f"# Guide\n\n{docs.START}\n| old |\n{docs.END}\n\nafter\n", encoding="utf-8")
    assert docs.main(["--check", "--guide", str(guide)]) == 1
    assert docs.main(["--guide", str(guide)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert text == f"# Guide\n\n{docs.START}\n{docs.codes_table()}{docs.END}\n\nafter\n"
    assert docs.main(["--check", "--guide", str(guide)]) == 0


def test_docs_command_refuses_a_guide_without_markers(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide\n", encoding="utf-8")
    assert docs.main(["--guide", str(guide)]) == 2
    assert guide.read_text(encoding="utf-8") == "# Guide\n"


def test_complete_examples_validate_strictly(tmp_path: Path) -> None:
    examples = {match["path"]: match["body"] for match in EXAMPLE.finditer(GUIDE_TEXT)}
    names = {Path(path).name for path in examples}
    assert {"domain.yaml", "roles.yaml"} <= names
    assert len(names) >= 3, "the guide needs a complete example of each file kind"
    for path, body in examples.items():
        target = tmp_path / "flows" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    flows_root = str(tmp_path / "flows")
    code = main(["validate", "--strict", "--today", "2026-06-01", flows_root], out, err)
    assert code == 0, out.getvalue() + err.getvalue()


def records() -> Iterator[Record]:
    """Every record of the format, depth first (files, roles, steps, branches)."""
    pending: list[Record] = list(FILE_KINDS.values())
    while pending:
        record = pending.pop(0)
        yield record
        for key in record.keys:
            value = key.value.item if isinstance(key.value, ListOf) else key.value
            if isinstance(value, Record):
                pending.append(value)


def documented_keys() -> dict[str, list[tuple[str, str]]]:
    """The guide's key tables: record title -> [(key, required column)]."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for match in KEYS_TABLE.finditer(GUIDE_TEXT):
        rows = match["table"].splitlines()[2:]
        cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
        tables[match["record"]] = [(row[0].strip("`"), row[1]) for row in cells]
    return tables


def test_every_record_has_a_key_table() -> None:
    assert sorted(documented_keys()) == sorted(record.title for record in records())


@pytest.mark.parametrize("record", list(records()), ids=lambda record: record.title)
def test_key_table_lists_every_key_with_its_requirement(record: Record) -> None:
    conditional = {condition.key for condition in record.conditions}
    expected = [
        (key.name, "必填" if key.required else "条件必填" if key.name in conditional else "可选")
        for key in record.keys
    ]
    assert documented_keys()[record.title] == expected, (
        f"update the '{record.title}' key table in handbook/guide/authoring.md"
    )


def test_guide_shows_every_command_exit_code_and_strict() -> None:
    parser = build_parser()
    subcommands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    for command in subcommands.choices:
        assert f"handbook {command}" in GUIDE_TEXT
    for text in ("`--strict`", "`--format FORMAT`", "`github`", "| `0` |", "| `1` |", "| `2` |"):
        assert text in GUIDE_TEXT
    assert "# yaml-language-server: $schema=../../schema/flow.schema.json" in GUIDE_TEXT
