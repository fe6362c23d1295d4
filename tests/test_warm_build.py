"""``handbook build`` across runs: the saved generation renders only what an edit affects.

Every incremental result is compared with a full build from scratch of the same
sources (whole docs trees, byte for byte); every reason the saved generation
must not be trusted falls back to a full render. Most builds here skip MkDocs
(the engine only makes the output folder): the pages are the generator's.
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_build_site import TODAY, _same_tree, make_project

from generator.build import GenerateReport, build_site
from generator.options import Options
from generator.site import generation_cache
from generator.site.generation_cache import FILE_NAME, load_snapshot, save_snapshot
from generator.site.mkdocs_engine import MkDocsEngine


def _build(project: Path) -> GenerateReport:
    return build_site(Options(project, today=TODAY, pdf=False)).generated


@pytest.fixture
def no_mkdocs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine only makes its output folder (the docs folder is what is compared)."""

    def build(self: MkDocsEngine, site: Any, *, output: Path, **_settings: Any) -> None:
        output.mkdir(parents=True, exist_ok=True)

    monkeypatch.setattr(MkDocsEngine, "build", build)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _from_scratch(project: Path, folder: Path) -> Path:
    """A fresh copy of *project*'s sources (no docs output, no caches), built in full."""
    fresh = make_project(folder)
    shutil.rmtree(fresh / "flows")
    shutil.copytree(project / "flows", fresh / "flows")
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    report = _build(fresh)
    assert not report.incremental
    return fresh


def test_a_second_build_with_nothing_changed_renders_no_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    first = _build(project)
    assert not first.incremental and first.pages_rendered > 20
    docs, site = tmp_path / "docs-before", tmp_path / "site-before"
    shutil.copytree(project / "handbook", docs)
    shutil.copytree(project / "site", site)
    second = _build(project)
    assert second.incremental
    assert second.pages_rendered == 0
    assert second.written == () and second.removed == ()
    assert _same_tree(docs, project / "handbook") == []
    assert _same_tree(site, project / "site") == []


VESSEL = "flows/port/vessel-berthing.yaml"
DISCHARGE = "flows/port/container-discharge.yaml"

EDITS = {
    "title": (VESSEL, "title: 船舶靠泊\n", "title: 船舶靠泊作业\n"),
    "step": (DISCHARGE, "name: 理货\n", "name: 理货核对\n"),
    "role-letter": (VESSEL, "consulted: [pilot]", "consulted: [pilot, tally]"),
    "sub-flow-call": (VESSEL, "flow: container-discharge", "flow: bank/consultation"),
    # the metrics: the flow's expected time on its domain's dashboard and its roles' workload
    "duration": (VESSEL, "duration: 1h30m", "duration: 3h"),
}


@pytest.mark.usefixtures("no_mkdocs")
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_incremental_build_writes_what_a_full_build_would(tmp_path: Path, edit: str) -> None:
    project = make_project(tmp_path / "project")
    full = _build(project)
    file, old, new = EDITS[edit]
    _edit(project / file, old, new)
    report = _build(project)
    assert report.incremental
    assert 0 < report.pages_rendered < full.pages_rendered
    fresh = _from_scratch(project, tmp_path / "fresh")
    assert _same_tree(fresh / "handbook", project / "handbook") == []


@pytest.mark.usefixtures("no_mkdocs")
def test_a_withdrawn_version_loses_its_verify_page_as_in_a_full_build(tmp_path: Path) -> None:
    """A version bump reverted: the bumped version's verify page goes, as a full build has it."""
    project = make_project(tmp_path / "project")
    _build(project)
    bump = (
        'version: "1.3"\n',
        'history:\n  - version: "1.3"\n    date: 2026-02-01\n'
        "    approved_by: 运营总监\n    summary: 修订\n",
    )
    _edit(project / VESSEL, 'version: "1.2"\n', bump[0])
    _edit(project / VESSEL, "history:\n", bump[1])
    _build(project)
    assert (project / "handbook/verify/port/vessel-berthing/1.3/index.md").is_file()
    _edit(project / VESSEL, bump[0], 'version: "1.2"\n')
    _edit(project / VESSEL, bump[1], "history:\n")
    _build(project)
    fresh = _from_scratch(project, tmp_path / "fresh")
    assert _same_tree(fresh / "handbook", project / "handbook") == []


def _language(project: Path) -> None:
    _edit(project / "mkdocs.yml", "  language: zh\n", "  language: en\n")


def _site_url(project: Path) -> None:
    _edit(project / "mkdocs.yml", "site_url: http://127.0.0.1:8000/", "site_url: https://x.test/")


def _deleted_page(project: Path) -> None:
    (project / "handbook" / "port" / "vessel-berthing" / "index.md").unlink()


def _edited_page(project: Path) -> None:
    page = project / "handbook" / "port" / "vessel-berthing" / "sop.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _corrupt_cache(project: Path) -> None:
    cache = project / ".handbook-cache" / FILE_NAME
    data = cache.read_bytes()
    cache.write_bytes(data[: len(data) // 2])


def _garbage_cache(project: Path) -> None:
    (project / ".handbook-cache" / FILE_NAME).write_bytes(b"\x80\x05not a pickle at all")


def _foreign_cache(project: Path) -> None:
    cache = project / ".handbook-cache" / FILE_NAME
    header, _, rest = cache.read_bytes().partition(b"\n")
    cache.write_bytes(header[:-8] + b"00000000\n" + rest)


FALLBACKS: dict[str, Callable[[Path], None]] = {
    "language": _language,
    "site-url": _site_url,
    "deleted-generated-file": _deleted_page,
    "edited-generated-file": _edited_page,
    "corrupt-cache": _corrupt_cache,
    "garbage-cache": _garbage_cache,
    "foreign-cache": _foreign_cache,
}


@pytest.mark.usefixtures("no_mkdocs")
@pytest.mark.parametrize("cause", sorted(FALLBACKS))
def test_anything_the_saved_generation_cannot_vouch_for_means_a_full_render(
    tmp_path: Path, cause: str
) -> None:
    project = make_project(tmp_path / "project")
    full = _build(project)
    FALLBACKS[cause](project)
    report = _build(project)
    assert not report.incremental
    assert report.pages_rendered == full.pages_rendered
    fresh = _from_scratch(project, tmp_path / "fresh")
    assert _same_tree(fresh / "handbook", project / "handbook") == []
    assert _build(project).incremental  # and the next build trusts the new one


@pytest.mark.usefixtures("no_mkdocs")
def test_a_changed_generator_means_a_full_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    _build(project)
    monkeypatch.setattr(generation_cache, "code_digest", lambda: "another generator")
    assert not _build(project).incremental


def test_the_code_digest_covers_templates_and_assets() -> None:
    generation_cache.code_digest.cache_clear()
    assert len(generation_cache.code_digest()) == 64
    package = Path(generation_cache.__file__).resolve().parent.parent
    assert any(package.glob("render/templates/*")) and any(package.glob("assets/*"))


@pytest.mark.usefixtures("no_mkdocs")
def test_a_failed_generation_leaves_no_saved_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    _build(project)
    _edit(project / VESSEL, "title: 船舶靠泊\n", "title: 船舶靠泊作业\n")

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.build.publish_some", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _build(project)
    assert not (project / ".handbook-cache" / FILE_NAME).exists()
    monkeypatch.undo()
    assert not _build(project).incremental


class _TerminatedError(Exception):
    pass


@pytest.mark.usefixtures("no_mkdocs")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_a_signal_during_the_save_leaves_a_whole_file_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    project = make_project(tmp_path / "project")
    _build(project)
    snapshot = load_snapshot(
        project / ".handbook-cache",
        context=_saved_context(project),
        docs=(project / "handbook").resolve(),
    )
    assert snapshot is not None
    real_header = generation_cache._header

    def header_then_signal() -> bytes:
        signal.raise_signal(signum)  # arrives while the file is being written
        return real_header()

    def terminated(_signum: int, _frame: object) -> None:
        raise _TerminatedError

    monkeypatch.setattr(generation_cache, "_header", header_then_signal)
    previous = signal.signal(signal.SIGTERM, terminated)
    cache = tmp_path / "cache"
    try:
        with pytest.raises((KeyboardInterrupt, _TerminatedError)):
            save_snapshot(
                cache,
                handbook=snapshot.handbook,
                settings=snapshot.settings,
                archived=snapshot.archived,
                context=snapshot.context,
                docs=(project / "handbook").resolve(),
            )
    finally:
        signal.signal(signal.SIGTERM, previous)
    monkeypatch.undo()
    assert sorted(path.name for path in cache.iterdir()) == [FILE_NAME]  # no temporary file
    loaded = load_snapshot(cache, context=snapshot.context, docs=(project / "handbook").resolve())
    assert loaded is not None and loaded.handbook == snapshot.handbook


def test_a_failed_save_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.site.generation_cache.os.replace", full_disk)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".handbook-manifest.json").write_text('{"version": 1, "files": []}\n')
    from generator.model import Handbook
    from generator.render.pages import PageSettings

    saved = save_snapshot(
        tmp_path / "cache",
        handbook=Handbook(),
        settings=PageSettings(today=TODAY),
        archived=frozenset(),
        context="x",
        docs=docs,
    )
    assert not saved
    assert list((tmp_path / "cache").iterdir()) == []


def _saved_context(project: Path) -> str:
    from generator.site.config import load_site_config

    site = load_site_config(project)
    options = Options(project, today=TODAY, pdf=False)
    return generation_cache.context_digest(site, options, site.docs_dir.resolve())
