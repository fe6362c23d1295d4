"""The command's words in zh and en: catalog completeness, exact messages, language choice.

The acceptance cases (tests/test_cases.py) compare the English diagnostic lines;
here the same sources are printed in both languages, with the hint line under
each diagnostic, and the language is chosen the ways a user can choose it.
"""

from __future__ import annotations

import ast
import json
import pickle
import string
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import CODES
from generator.messages.catalog import ZH
from generator.messages.codes import ZH as ZH_CODES
from generator.messages.text import msg
from generator.spec import FILE_KINDS, ID_RULE, Record

from yamltree import flow_yaml, write_tree

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
CASES = Path(__file__).resolve().parent / "cases"


def _literal_templates() -> set[str]:
    """Every string literal given to ``msg(...)`` in the generator (both arms of an if)."""
    found: set[str] = set()
    for source in GENERATOR.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg"):
                continue
            first = node.args[0] if node.args else None
            arms = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            found.update(
                arm.value
                for arm in arms
                if isinstance(arm, ast.Constant) and isinstance(arm.value, str)
            )
    return found


def _records() -> set[str]:
    titles: set[str] = set()
    pending: list[Record] = list(FILE_KINDS.values())
    while pending:
        record = pending.pop()
        titles.add(record.title)
        for key in record.keys:
            nested = getattr(key.value, "item", key.value)
            if isinstance(nested, Record):
                pending.append(nested)
    return titles


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_template_has_chinese_with_the_same_fields() -> None:
    templates = _literal_templates() | _records() | {ID_RULE}
    assert len(templates) > 80
    missing = sorted(template for template in templates if template not in ZH)
    assert missing == []
    for template in templates:
        assert _fields(ZH[template]) == _fields(template), template


def test_every_code_has_a_chinese_title_and_hint() -> None:
    assert sorted(ZH_CODES) == sorted(CODES)
    for entry in ZH_CODES.values():
        assert entry.title.strip() and entry.hint.strip()


def test_a_message_is_its_english_text_and_survives_pickling() -> None:
    message = msg("unknown step '{step}'", step="plan")
    assert message == "unknown step 'plan'"
    again = pickle.loads(pickle.dumps(message))
    assert again == message and again.template == message.template


def _validate(case: str, *options: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    flows = str(CASES / case / "flows")
    code = main(["validate", flows, "--today", "2026-11-27", *options])
    assert code == 1
    captured = capsys.readouterr()
    return captured.out.split(": ", 1)[1], captured.err.replace(flows, "FLOWS")


def test_unknown_role_with_suggestion_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    english = _validate("no-cascade-role-typo-not-unused", "--lang", "en", capsys=capsys)
    chinese = _validate("no-cascade-role-typo-not-unused", "--lang", "zh", capsys=capsys)

    assert english == (
        "error E204 unknown role 'pilo' (did you mean 'pilot'?)\n"
        "  hint: Define the role in roles.yaml or fix the id.\n",
        "FLOWS: 1 error, 0 warnings\n",
    )
    assert chinese == (
        "错误 E204 未知的岗位“pilo”（是否应为“pilot”？）\n"
        "  提示：在 roles.yaml 中定义该岗位，或更正编号。\n",
        "FLOWS：1 个错误，0 个警告\n",
    )


@pytest.mark.parametrize(
    ("case", "english", "chinese"),
    [
        (
            "missing-required-key",
            "error E111 missing required key 'summary' in flow",
            "错误 E111 流程缺少必填键“summary”",
        ),
        (
            "e122-indentation-key-shallower",
            "error E122 line indented 3 spaces, but the key above it (line 16) is indented 4; "
            "start every key of a mapping in the same column",
            "错误 E122 这一行缩进了 3 个空格，但上方的键（第 16 行）缩进 4 个空格；"
            "同级的键要从同一列开始",
        ),
        (
            "e113-lookalike-letter-in-id",
            "error E113 invalid id 'bеrth' for 'id' of step: 'е' is U+0435 (CYRILLIC SMALL "
            "LETTER IE), not an ASCII letter; ids are written in ASCII (did you mean 'berth'?)",
            "错误 E113 步骤的“id”的编号“bеrth”无效：“е”是 U+0435 (CYRILLIC SMALL LETTER IE)，"
            "不是 ASCII 字母；编号只能用 ASCII 书写（是否应为“berth”？）",
        ),
    ],
)
def test_exact_first_line_in_both_languages(
    case: str, english: str, chinese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _validate(case, "--lang", "en", capsys=capsys)[0].splitlines()[0] == english
    assert _validate(case, "--lang", "zh", capsys=capsys)[0].splitlines()[0] == chinese


def test_json_keeps_its_keys_and_codes_and_speaks_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    flows = CASES / "no-cascade-role-typo-not-unused" / "flows"
    main(["validate", str(flows), "--format", "json", "--lang", "zh"])
    report = json.loads(capsys.readouterr().out)

    (diagnostic,) = report["diagnostics"]
    assert set(diagnostic) == {
        "path", "line", "column", "severity", "code", "message", "suggestion", "hint"
    }  # fmt: skip
    assert (diagnostic["code"], diagnostic["severity"]) == ("E204", "error")
    assert diagnostic["message"] == "未知的岗位“pilo”"
    assert diagnostic["suggestion"] == "pilot"
    assert diagnostic["hint"] == "在 roles.yaml 中定义该岗位，或更正编号。"


def _project(tmp_path: Path, mkdocs: str | None) -> Path:
    write_tree(tmp_path, {"port/berthing.yaml": flow_yaml(owner="nobody")})
    if mkdocs is not None:
        (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("mkdocs", "environment", "option", "expected"),
    [
        (None, None, None, "zh"),
        ("theme:\n  name: material\n  language: en\n", None, None, "en"),
        ("theme: {language: en}\nextra: {handbook: {language: zh-CN}}\n", None, None, "zh"),
        ("theme: {language: zh}\nextra: !ENV [X, y]\n", None, None, "zh"),
        ("theme: {language: zh}\n", "en", None, "en"),
        ("theme: {language: zh}\n", "en", "zh", "zh"),
    ],
    ids=["default", "theme", "extra-handbook", "mkdocs-tags", "environment", "option"],
)
def test_language_follows_option_environment_then_mkdocs_yml(
    mkdocs: str | None,
    environment: str | None,
    option: str | None,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _project(tmp_path, mkdocs)
    monkeypatch.chdir(project)
    if environment is None:
        monkeypatch.delenv("HANDBOOK_LANG", raising=False)
    else:
        monkeypatch.setenv("HANDBOOK_LANG", environment)

    main(["validate", *(["--lang", option] if option else [])])

    out = capsys.readouterr().out
    assert ("未知的岗位" in out) == (expected == "zh")
    assert ("unknown role" in out) == (expected == "en")


def test_quoted_parser_words_with_braces_are_not_templates() -> None:
    words = msg("did not find expected ',' or '}'")
    assert words == "did not find expected ',' or '}'"
    assert words.render("zh", lambda template, language: template) == words
