"""Fault injection: the real tools fail, the disk fills up, the build is killed.

Every test starts from a copy of one project built once for the module (the
mini flows, the repository's mkdocs.yml, hand-written pages in ``handbook/``),
changes a flow so the next site would differ, makes something real fail, and
checks that

- the command exits non-zero with one line that says what failed (no traceback),
- ``site/`` is byte for byte the previous site, with no temporary site left next to it,
- the hand-written pages are intact, and nothing half-written is left in ``handbook/``.

The failures are real processes and files: a ``dot`` on PATH that crashes after
reading part of its batch, a fontconfig that knows no fonts, a mkdocs.yml with a
broken setting, a hook and a theme template that raise in the middle of the
MkDocs build, a full tmpfs (mounted in a private user and mount namespace with
``unshare``), and SIGINT/SIGTERM/SIGKILL sent to ``python -m generator build``
while MkDocs writes the temporary site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from once import once_per_session

from generator.build import build_site
from generator.cli import main
from generator.options import Options
from generator.site.writer import MANIFEST

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "mini" / "flows"
TODAY = "2026-06-01"
HAND_WRITTEN = {
    "index.md": "# 小手册\n\n见 [全部流程](all/index.md)。\n",
    "guide/index.md": "# 编写指南\n\n如何编写流程。\n",
    "guide/notes.md": "# 笔记\n\n手写的页面，构建不得改动。\n",
}
BUILD = [sys.executable, "-m", "generator", "build", "--today", TODAY]
REAL_DOT = shutil.which("dot")

MonkeyPatch = pytest.MonkeyPatch
Capture = pytest.CaptureFixture[str]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* (hidden ones too) by relative path, as a content hash."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build_project(folder: Path) -> None:
    project = folder / "project"
    project.mkdir()
    shutil.copy(REPOSITORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(FIXTURE, project / "flows")
    for page, text in HAND_WRITTEN.items():
        (project / "handbook" / page).parent.mkdir(parents=True, exist_ok=True)
        (project / "handbook" / page).write_text(text, encoding="utf-8")
    build_site(Options(project, today=dt.date.fromisoformat(TODAY), strict=True))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini handbook with hand-written pages, built once (strict, PDFs) for the session.

    Tests copy it (:class:`Scene`) and never change it.
    """
    return once_per_session(tmp_path_factory, "faults", _build_project) / "project"


class Scene:
    """A copy of the built project, its state before the fault, and the checks after it."""

    def __init__(self, built: Path, folder: Path):
        self.project = folder / "project"
        shutil.copytree(built, self.project, symlinks=True)
        self.site_before = snapshot(self.project / "site")
        self.docs_before = snapshot(self.project / "handbook")
        assert self.site_before

    def change_a_flow(self, *, diagram: bool = True) -> None:
        """Edit a flow so a successful build would change the site (and, if asked, a diagram)."""
        flow = self.project / "flows" / "port" / "vessel-berthing.yaml"
        text = flow.read_text(encoding="utf-8")
        old, new = ("清理泊位", "清扫泊位") if diagram else ("核对船名", "核对船舶名称")
        assert old in text
        flow.write_text(text.replace(old, new), encoding="utf-8")

    def assert_site_kept(self) -> None:
        assert snapshot(self.project / "site") == self.site_before
        leftovers = sorted(path.name for path in self.project.glob(".site*"))
        assert leftovers == [], leftovers

    def assert_docs_kept(self) -> None:
        """Hand-written pages intact; no generated page changed; no temporary file anywhere."""
        assert snapshot(self.project / "handbook") == self.docs_before
        self.assert_hand_written_intact()

    def assert_hand_written_intact(self) -> None:
        for page, text in HAND_WRITTEN.items():
            assert (self.project / "handbook" / page).read_text(encoding="utf-8") == text
        temporary = [path for path in self.project.rglob("*.tmp")]
        assert temporary == []


@pytest.fixture
def scene(built_project: Path, tmp_path: Path) -> Scene:
    return Scene(built_project, tmp_path)


def run_in_process(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture, *, pdf: bool = False
) -> tuple[int, str]:
    """``handbook build`` via :func:`main` in the scene's project: (exit code, last stderr line).

    Without *pdf*, ``--no-pdf``: the failures these tests inject happen before the PDF stage.
    """
    monkeypatch.chdir(scene.project)
    code = main(["build", "--today", TODAY, *([] if pdf else ["--no-pdf"])])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    return code, lines[-1] if lines else ""


def fake_tool(folder: Path, name: str, script: str) -> Path:
    """An executable shell script *name* in *folder* (put first on PATH by the caller)."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    tool.chmod(0o755)
    return tool


# --- Graphviz, fonts ----------------------------------------------------------------------


def test_dot_crashing_mid_batch_keeps_everything(
    scene: Scene,
    tmp_path: Path,
    monkeypatch: MonkeyPatch,
    capsys: Capture,
) -> None:
    assert REAL_DOT is not None
    bin_dir = tmp_path / "bin"
    fake_tool(
        bin_dir,
        "dot",
        f'if [ "$1" = "-V" ]; then exec {REAL_DOT} -V; fi\n'
        f'head -c 3000 | {REAL_DOT} "$@" 2>/dev/null\n'
        'echo "fake dot: crashing mid-batch" >&2\n'
        "kill -SEGV $$\n",
    )
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: diagrams: Graphviz 'dot' failed on the diagram of")
    assert "killed by signal 11" in line
    scene.assert_site_kept()
    scene.assert_docs_kept()


def test_no_dot_on_path_names_the_package(
    scene: Scene,
    tmp_path: Path,
    monkeypatch: MonkeyPatch,
    capsys: Capture,
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fc_list = shutil.which("fc-list")
    assert fc_list is not None
    (bin_dir / "fc-list").symlink_to(fc_list)
    monkeypatch.setenv("PATH", str(bin_dir))
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: diagrams: Graphviz 'dot' not found on PATH")
    assert "apt-get install graphviz" in line
    scene.assert_site_kept()
    scene.assert_docs_kept()


def test_no_cjk_font_names_the_package(
    scene: Scene,
    tmp_path: Path,
    monkeypatch: MonkeyPatch,
    capsys: Capture,
) -> None:
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(no_fonts))
    listed = subprocess.run(
        ["fc-list", ":lang=zh"], capture_output=True, text=True, check=True
    ).stdout
    assert listed.strip() == ""  # the environment really has no CJK font now
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: diagrams: no font with Chinese characters found")
    assert "install fonts-noto-cjk" in line
    scene.assert_site_kept()
    scene.assert_docs_kept()


def test_no_chromium_names_the_package_before_anything_is_written(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("HANDBOOK_CHROMIUM", str(scene.project / "no-such-chromium"))
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys, pdf=True)
    assert code == 1
    assert line.startswith("handbook build: pdf: no Chromium at HANDBOOK_CHROMIUM=")
    assert "apt-get install chromium" in line
    scene.assert_site_kept()
    scene.assert_docs_kept()


def test_chromium_crashing_keeps_the_previous_site(
    scene: Scene, tmp_path: Path, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    chromium = fake_tool(
        tmp_path / "bin", "chromium", 'echo "fake chromium: crashing" >&2\nexit 3\n'
    )
    monkeypatch.setenv("HANDBOOK_CHROMIUM", str(chromium))
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys, pdf=True)
    assert code == 1
    assert line.startswith(f"handbook build: pdf: Chromium ({chromium}) did not start")
    scene.assert_site_kept()
    scene.assert_hand_written_intact()


# --- MkDocs -------------------------------------------------------------------------------


def test_a_broken_mkdocs_setting_keeps_the_previous_site(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    config = scene.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  omitted_files: warn\n" in text
    config.write_text(
        text.replace("omitted_files: warn", "omitted_files: sometimes"), encoding="utf-8"
    )
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line == (
        "handbook build: mkdocs: Config value 'validation': Sub-option 'nav': Sub-option"
        " 'omitted_files': Expected one of ['warn', 'info', 'ignore'], got 'sometimes'"
        " (Aborted with a configuration error!)"
    )
    scene.assert_site_kept()
    scene.assert_hand_written_intact()


def test_mkdocs_yml_that_is_not_yaml_keeps_the_previous_site(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    config = scene.project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nnot_a_setting: [1\n", encoding="utf-8"
    )
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: config: mkdocs.yml:") and line.endswith(
        "not valid YAML"
    )
    scene.assert_site_kept()
    scene.assert_docs_kept()


def test_an_unknown_theme_keeps_the_previous_site(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    config = scene.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("name: material", "name: no-such-theme"), encoding="utf-8")
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: mkdocs: ")
    assert "no-such-theme" in line
    scene.assert_site_kept()
    scene.assert_hand_written_intact()


def test_a_hook_raising_mid_build_keeps_the_previous_site(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    hook = scene.project / "hooks" / "explode.py"
    hook.parent.mkdir()
    hook.write_text(
        "def on_page_content(html, page, **kwargs):\n"
        "    if page.file.src_uri == 'port/vessel-berthing/index.md':\n"
        "        raise RuntimeError('the hook broke on purpose')\n"
        "    return html\n",
        encoding="utf-8",
    )
    config = scene.project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/explode.py\n", encoding="utf-8"
    )
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line == (
        "handbook build: mkdocs: Error reading page 'port/vessel-berthing/index.md':"
        " the hook broke on purpose (RuntimeError: the hook broke on purpose)"
    )
    scene.assert_site_kept()
    scene.assert_hand_written_intact()


def test_a_theme_template_error_keeps_the_previous_site(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    overrides = scene.project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ page.no_such_thing() }}{% endblock %}\n',
        encoding="utf-8",
    )
    config = scene.project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    scene.change_a_flow()
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: mkdocs: Error building page 'index.md': ")
    assert line.endswith("(UndefinedError: 'mkdocs.structure.pages.Page object' has no attribute"
                         " 'no_such_thing')")  # fmt: skip
    scene.assert_site_kept()
    scene.assert_hand_written_intact()


# --- signals ------------------------------------------------------------------------------


def _with_this_checkout() -> dict[str, str]:
    """The environment for a subprocess that must import this checkout's generator."""
    inherited = [os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPOSITORY), *inherited])}


def _start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        BUILD,
        cwd=project,
        env=_with_this_checkout(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_staging(
    build: subprocess.Popen[str], project: Path, folder_name: str = ".site.building"
) -> None:
    """Wait until the build has written into a temporary folder beside the site.

    ``.site.building`` is where MkDocs writes the new site, ``.site.print`` where
    the PDF stage prints its decks meanwhile.
    """
    folder = project / folder_name
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if folder.is_dir() and any(folder.iterdir()):
            return
        assert build.poll() is None, build.communicate()
        time.sleep(0.005)
    build.kill()
    raise AssertionError(f"the build never wrote into {folder}")


def _descendants(pid: int) -> set[int]:
    """The processes started (directly or not) by process *pid*, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    waiting = [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(
    ("signum", "code", "word", "folder_name"),
    [
        (signal.SIGINT, 130, "interrupted", ".site.building"),
        (signal.SIGTERM, 143, "terminated", ".site.building"),
        (signal.SIGINT, 130, "interrupted", ".site.print"),
    ],
    ids=["sigint-mkdocs", "sigterm-mkdocs", "sigint-printing-pdfs"],
)
def test_a_build_interrupted_while_writing_the_site_keeps_the_previous_one(
    scene: Scene, signum: int, code: int, word: str, folder_name: str
) -> None:
    scene.change_a_flow()
    build = _start_build(scene.project)
    _wait_for_staging(build, scene.project, folder_name)
    helpers = _descendants(build.pid)  # Graphviz, the Playwright driver, Chromium
    build.send_signal(signum)
    _, err = build.communicate(timeout=60)
    assert build.returncode == code, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"handbook build: {word}; the site folder holds the last complete build"
    )
    scene.assert_site_kept()
    scene.assert_hand_written_intact()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in helpers if _alive(pid)], "helper processes outlived the build"


def test_a_killed_build_and_a_cut_swap_are_recovered(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    scene.change_a_flow()
    build = _start_build(scene.project)
    _wait_for_staging(build, scene.project)
    build.kill()  # SIGKILL: no clean-up can run
    build.communicate(timeout=60)
    assert snapshot(scene.project / "site") == scene.site_before
    assert (scene.project / ".site.building").is_dir()  # left behind, as expected of SIGKILL

    # A swap cut between its two renames (power loss): the previous site is `.site.old`.
    os.replace(scene.project / "site", scene.project / ".site.old")
    config = scene.project / "mkdocs.yml"  # and this time MkDocs fails, so nothing replaces it
    config.write_text(
        config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
        encoding="utf-8",
    )
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: mkdocs: ")
    scene.assert_site_kept()  # restored from `.site.old`; the stale `.site.building` is gone
    scene.assert_hand_written_intact()


# --- a full disk --------------------------------------------------------------------------

_FULL_DISK_DRIVER = r"""
import json, os, shutil, subprocess, sys
project, mount, report, size = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mount], check=True)
work = os.path.join(mount, "project")
shutil.copytree(project, work, symlinks=True)
# no saved generation: a build deletes it before writing, which would free room on the full disk
os.remove(os.path.join(work, ".handbook-cache", "generation.pickle"))
build = [sys.executable, "-m", "generator", "build", "--today", sys.argv[5], "--no-pdf"]
filler = os.path.join(mount, "filler")

def fill(leave):
    # Fill the file system up to *leave* bytes (0: completely).
    with open(filler, "ab") as handle:
        try:
            while True:
                free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
                if free <= leave:
                    break
                handle.write(b"\0" * min(1 << 20, max(free - leave, 4096)))
                handle.flush()
        except OSError:
            pass

def snapshot(folder):
    result = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                import hashlib
                result[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return result

def run(name):
    completed = subprocess.run(build, cwd=work, capture_output=True, text=True)
    results[name] = {
        "code": completed.returncode,
        "stderr": completed.stderr,
        "site": snapshot(os.path.join(work, "site")),
        "docs": snapshot(os.path.join(work, "handbook")),
        "leftovers": sorted(n for n in os.listdir(work) if n.startswith(".site")),
    }

results = {}
results["before"] = {"site": snapshot(os.path.join(work, "site")),
                     "docs": snapshot(os.path.join(work, "handbook"))}
flow = os.path.join(work, "flows", "port", "vessel-berthing.yaml")
with open(flow, encoding="utf-8") as handle:
    text = handle.read()
with open(flow, "w", encoding="utf-8") as handle:
    handle.write(text.replace("核对船名", "核对船舶名称"))
fill(0)                      # 1. no byte free: the changed pages cannot be written
run("pages")
os.remove(filler)            # 2. room for the pages, not for a second site
fill(int(sys.argv[6]))
run("mkdocs")
os.remove(filler)            # 3. space again: the build recovers by itself
run("recovered")
with open(report, "w", encoding="utf-8") as handle:
    json.dump(results, handle)
"""


def _can_mount_tmpfs() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run(
        [unshare, "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt || exit 1"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def _folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs `unshare -rm` (user namespaces)")
def test_a_full_disk_keeps_the_previous_site_and_recovers(scene: Scene, tmp_path: Path) -> None:
    mount = tmp_path / "mnt"
    mount.mkdir()
    report = tmp_path / "report.json"
    site_bytes = _folder_size(scene.project / "site") - _folder_size(
        scene.project / "site" / "print"
    )
    size = _folder_size(scene.project) + site_bytes + 16 * 1024 * 1024
    env = _with_this_checkout()
    subprocess.run(
        [
            "unshare", "-rm", sys.executable, "-c", _FULL_DISK_DRIVER,
            str(scene.project), str(mount), str(report), str(size), TODAY, str(site_bytes // 4),
        ],
        env=env, check=True, timeout=300,
    )  # fmt: skip
    results = json.loads(report.read_text(encoding="utf-8"))
    before = results["before"]

    pages = results["pages"]
    assert pages["code"] == 1
    assert "Traceback" not in pages["stderr"]
    assert (
        pages["stderr"]
        .strip()
        .splitlines()[-1]
        .startswith("handbook build: pages: cannot write the generated pages in ")
    )
    assert pages["stderr"].strip().endswith("No space left on device")
    assert pages["site"] == before["site"]
    assert pages["leftovers"] == []
    assert not [path for path in pages["docs"] if path.endswith(".tmp")]
    for page in HAND_WRITTEN:
        assert pages["docs"][page] == before["docs"][page]

    mkdocs = results["mkdocs"]
    assert mkdocs["code"] == 1
    assert "Traceback" not in mkdocs["stderr"]
    last = mkdocs["stderr"].strip().splitlines()[-1]
    assert last.startswith("handbook build: mkdocs: ") and "No space left on device" in last
    assert mkdocs["site"] == before["site"]
    assert mkdocs["leftovers"] == []

    recovered = results["recovered"]
    assert recovered["code"] == 0, recovered["stderr"]
    assert recovered["site"] != before["site"]
    assert recovered["leftovers"] == []
    assert MANIFEST in recovered["docs"]
    for page in HAND_WRITTEN:
        assert recovered["docs"][page] == before["docs"][page]


def test_a_full_disk_while_writing_pages_in_process(
    scene: Scene, monkeypatch: MonkeyPatch, capsys: Capture
) -> None:
    """The same failure where no tmpfs can be mounted: the lowest write the writer uses fails.

    ``Path.write_bytes`` is where every generated page's bytes reach the disk (a
    temporary file, then ``os.replace``); it fails after the first page, as a
    real full disk would on a bigger file.
    """
    real_write_bytes = Path.write_bytes
    written: list[Path] = []

    def write_until_full(path: Path, content: bytes) -> int:
        if written:
            with contextlib.suppress(OSError), path.open("wb") as handle:
                handle.write(content[: len(content) // 2])  # the part that fitted
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        return real_write_bytes(path, content)

    monkeypatch.setattr(Path, "write_bytes", write_until_full)
    scene.change_a_flow(diagram=False)
    (scene.project / "flows" / "port" / "crew-exchange.yaml").unlink()  # more pages change
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 1
    assert line.startswith("handbook build: pages: cannot write the generated pages in ")
    assert line.endswith("No space left on device")
    assert written  # one page was written before the disk filled up
    scene.assert_site_kept()
    scene.assert_hand_written_intact()
    monkeypatch.setattr(Path, "write_bytes", real_write_bytes)
    code, line = run_in_process(scene, monkeypatch, capsys)
    assert code == 0, line  # the next build, with space again, needs no manual repair
