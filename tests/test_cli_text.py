"""The command line itself (issue 11, item 9): --version, help and usage errors in the
handbook's language, one way to name the flows folder, the domain-folder explanation,
and the progress lines of ``handbook build``.
"""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import build_parser, main
from generator.clitext import chosen_flows
from generator.options import options_from_args
from generator.progress import Progress, progress_wanted

REPOSITORY = Path(__file__).resolve().parent.parent
MINI_FLOWS = Path(__file__).parent / "fixtures" / "mini" / "flows"
CASES = Path(__file__).parent / "cases"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"handbook {__version__}\n", "")


def test_help_in_chinese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, chinese, _ = run(["validate", "--help", "--lang", "zh"], capsys)
    assert code == 0
    assert chinese.startswith("用法：handbook validate")
    assert "校验流程定义" in chinese and "流程文件夹（默认：flows）" in chinese
    assert "显示本帮助并退出" in chinese and "usage" not in chinese

    _, english, _ = run(["validate", "--help", "--lang", "en"], capsys)
    assert english.startswith("usage: handbook validate")
    assert "check process definitions" in english and "流程" not in english


def test_top_level_help_follows_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HANDBOOK_LANG")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("theme:\n  language: zh\n", encoding="utf-8")

    code, out, _ = run(["--help"], capsys)

    assert code == 0
    assert "流程手册生成器" in out and "生成手册网站" in out


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "handbook: unrecognized arguments: --strikt\n"),
        ("zh", "handbook: 无法识别的参数：--strikt\n"),
    ],
)
def test_usage_error_in_both_languages(
    language: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["validate", "--lang", language, "--strikt"], capsys) == (2, "", expected)


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "other/flows"],
        ["validate", "--flows", "other/flows"],
        ["build", "other/flows"],
        ["build", "--flows", "other/flows"],
        ["serve", "other/flows"],
        ["serve", "--flows=other/flows"],
    ],
)
def test_the_flows_folder_is_named_the_same_way_everywhere(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    flows = chosen_flows(args)
    if args.command == "validate":
        args.path = flows
    else:
        args.flows = flows

    assert options_from_args(args).flows == Path("other/flows")


def test_new_takes_the_flows_folder_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "one"
    second = tmp_path / "two"

    assert run(["new", "port/berthing", str(first), "--lang", "en"], capsys)[0] == 0
    assert run(["new", "port/berthing", "--flows", str(second), "--lang", "zh"], capsys)[1] == (
        f"已创建 {(second / 'port' / 'domain.yaml').as_posix()}\n"
        f"已创建 {(second / 'port' / 'roles.yaml').as_posix()}\n"
        f"已创建 {(second / 'port' / 'berthing.yaml').as_posix()}\n"
    )
    assert (first / "port" / "berthing.yaml").is_file()


def test_two_different_flows_folders_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", "a", "--flows", "b", "--lang", "en"], capsys)

    assert code == 2
    assert err == "handbook validate: FLOWS and --flows name different folders: a / b\n"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "handbook validate: flows: 'flows/port' is a domain folder; check its parent "
            "'flows' instead: references cross domains, so the whole flows folder is checked "
            "at once\n",
        ),
        (
            "zh",
            "handbook validate: flows: “flows/port”是一个领域文件夹；请改为校验它的上级“flows”："
            "引用会跨领域，所以整个流程文件夹要一起校验\n",
        ),
    ],
)
def test_a_domain_folder_is_explained_instead_of_false_e119(
    language: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(CASES / "valid-clean-handbook")

    assert run(["validate", "flows/port", "--lang", language], capsys) == (2, "", expected)


class _Terminal(io.StringIO):
    """Text written to a terminal (a real pseudo-terminal answers ``isatty``)."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "quiet", "environ", "wanted"),
    [
        (_Terminal(), False, {}, True),
        (_Terminal(), True, {}, False),
        (_Terminal(), False, {"CI": "true"}, False),
        (_Terminal(), False, {"CI": "false"}, True),
        (io.StringIO(), False, {}, False),
    ],
    ids=["terminal", "quiet", "ci", "ci-false", "pipe"],
)
def test_progress_only_on_a_terminal_outside_ci(
    stream: io.StringIO, quiet: bool, environ: dict[str, str], wanted: bool
) -> None:
    assert progress_wanted(stream, quiet=quiet, environ=environ) is wanted


def test_progress_says_each_stage_once() -> None:
    stream = io.StringIO()
    progress = Progress(stream, "zh", enabled=True)
    for stage in ("validate", "config", "diagrams", "pages", "pages", "mkdocs", "pdf"):
        progress(stage)

    assert stream.getvalue() == (
        "handbook build: 校验流程…\nhandbook build: 绘制图表…\nhandbook build: 生成页面…\n"
        "handbook build: MkDocs 构建网站…\nhandbook build: 打印 PDF…\n"
    )


def _drain(leader: int) -> bytes:
    """Everything written to a pseudo-terminal so far: a read may return only part of it."""
    said = b""
    while select.select([leader], [], [], 0.2)[0]:
        chunk = os.read(leader, 65536)
        if not chunk:
            break
        said += chunk
    return said


def test_build_on_a_terminal_shows_its_stages_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "mini"
    project.mkdir()
    shutil.copy(REPOSITORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(MINI_FLOWS, project / "flows")
    (project / "handbook").mkdir()
    (project / "handbook" / "index.md").write_text("# 小手册\n", encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.delenv("CI", raising=False)
    leader, follower = pty.openpty()
    try:
        with os.fdopen(follower, "w", encoding="utf-8", closefd=False) as terminal:
            code = main(
                ["build", "--no-pdf", "--today", "2026-11-27", "--lang", "zh"], err=terminal
            )
        said = _drain(leader).decode("utf-8").replace("\r\n", "\n")
    finally:
        os.close(leader)
        os.close(follower)

    assert code == 0, said
    lines = said.splitlines()
    assert lines[:4] == [
        "handbook build: 校验流程…",
        "handbook build: 绘制图表…",
        "handbook build: 生成页面…",
        "handbook build: MkDocs 构建网站…",
    ]
    assert lines[4].startswith("handbook: 已生成 ")
