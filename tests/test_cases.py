"""Acceptance tests: one folder per case under tests/cases/, run through the real CLI.

Each case folder holds a `flows/` tree, the exact expected stdout of
``handbook validate flows --today 2026-11-27`` (``expected.txt``), the expected
exit code (``exit.txt``) and, optionally, extra arguments one per line (``args.txt``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(folder for folder in CASES_DIR.iterdir() if (folder / "expected.txt").is_file())
BASE_ARGS = ["validate", "flows", "--today", "2026-11-27"]


def _lines(file: Path) -> list[str]:
    return [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize("case_dir", CASES, ids=[case.name for case in CASES])
def test_case(
    case_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args_file = case_dir / "args.txt"
    extra = _lines(args_file) if args_file.is_file() else []
    monkeypatch.chdir(case_dir)

    code = main([*BASE_ARGS, *extra])

    captured = capsys.readouterr()
    assert captured.out.splitlines() == _lines(case_dir / "expected.txt")
    assert code == int((case_dir / "exit.txt").read_text(encoding="utf-8").strip())
    assert "Traceback" not in captured.err
