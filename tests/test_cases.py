"""Acceptance tests: one folder per case under tests/cases/, run through the real CLI.

Each case folder holds a `flows/` tree, the exact expected stdout of
``handbook validate flows --today 2026-11-27 --lang en`` (``expected.txt``), the expected
exit code (``exit.txt``) and, optionally, extra arguments one per line (``args.txt``).
The hint line under each diagnostic is the registry's hint for its code (tested in
tests/test_messages.py), so ``expected.txt`` holds the diagnostic lines only.

``expected.txt`` says what the tool SHOULD print. A case whose current output is
known to be wrong carries ``xfail.txt`` with the reason: it is a strict xfail, so
it fails as soon as the output is fixed, and then ``xfail.txt`` must go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.reporters import HINT_INDENT

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(folder for folder in CASES_DIR.iterdir() if (folder / "expected.txt").is_file())


def _param(case_dir: Path) -> object:
    """The case as a test parameter; strict xfail when it documents a known wrong output."""
    reason_file = case_dir / "xfail.txt"
    if not reason_file.is_file():
        return pytest.param(case_dir, id=case_dir.name)
    reason = reason_file.read_text(encoding="utf-8").strip()
    return pytest.param(
        case_dir, id=case_dir.name, marks=pytest.mark.xfail(strict=True, reason=reason)
    )


BASE_ARGS = ["validate", "flows", "--today", "2026-11-27", "--lang", "en"]


def _lines(file: Path) -> list[str]:
    return [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize("case_dir", [_param(case) for case in CASES])
def test_case(
    case_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args_file = case_dir / "args.txt"
    extra = _lines(args_file) if args_file.is_file() else []
    monkeypatch.chdir(case_dir)

    code = main([*BASE_ARGS, *extra])

    captured = capsys.readouterr()
    diagnostic_lines = [
        line for line in captured.out.splitlines() if not line.startswith(HINT_INDENT)
    ]
    assert diagnostic_lines == _lines(case_dir / "expected.txt")
    assert code == int((case_dir / "exit.txt").read_text(encoding="utf-8").strip())
    assert "Traceback" not in captured.err
