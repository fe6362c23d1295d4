"""The generated theme's search worker: the handbook's wrapper under Material's name, and
Material's worker beside it (generator/search/worker.py); the browser tests of what it does
are in tests/browser/test_search_ranking.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.i18n import labels
from generator.render.theme import THEME_FOLDER, write_theme
from generator.search import worker
from generator.search.worker import (
    MATERIAL_PREFIX,
    WORKERS_FOLDER,
    material_worker,
    worker_files,
    wrapper_source,
    write_search_worker,
)


def fake_material(folder: Path, digest: str) -> Path:
    """A stand-in for Material's worker file named with *digest*."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"search.{digest}.min.js"
    path.write_text(f"/* Material's worker {digest} */\n", encoding="utf-8")
    return path


def test_materials_worker_is_found_where_its_pages_load_it() -> None:
    found = material_worker()
    assert found is not None and re.fullmatch(r"search\.[0-9a-f]+\.min\.js", found.name)
    base = (found.parents[3] / "base.html").read_text(encoding="utf-8")
    assert f"{WORKERS_FOLDER}/{found.name}" in base  # the address Material's pages start


def test_the_wrapper_is_under_materials_name_and_materials_worker_beside_it(
    tmp_path: Path,
) -> None:
    material = fake_material(tmp_path / "material", "0a1b2c3d")
    files = worker_files(material)
    assert files == {
        f"{WORKERS_FOLDER}/search.0a1b2c3d.min.js": wrapper_source(),
        f"{WORKERS_FOLDER}/{MATERIAL_PREFIX}search.0a1b2c3d.min.js": material.read_bytes(),
    }
    source = wrapper_source().decode("utf-8")
    assert f'"{MATERIAL_PREFIX}"' in source  # how the wrapper names Material's worker
    assert "importScripts(material)" in source


def test_written_once_then_left_alone_and_an_earlier_materials_removed(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    first = fake_material(tmp_path / "old", "1111")
    assert write_search_worker(theme, first) is True
    folder = theme / WORKERS_FOLDER
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["material-search.1111.min.js", "search.1111.min.js"]
    stamps = {path: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert write_search_worker(theme, first) is False
    assert {path: path.stat().st_mtime_ns for path in folder.iterdir()} == stamps

    upgraded = fake_material(tmp_path / "new", "2222")
    assert write_search_worker(theme, upgraded) is True
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["material-search.2222.min.js", "search.2222.min.js"]
    assert (folder / "material-search.2222.min.js").read_bytes() == upgraded.read_bytes()


def test_without_materials_worker_material_searches_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = tmp_path / "theme"
    write_search_worker(theme, fake_material(tmp_path / "material", "3333"))
    monkeypatch.setattr(worker, "material_worker", lambda: None)
    assert worker_files() == {}
    assert write_search_worker(theme) is True  # the earlier wrapper would load nothing
    assert list((theme / WORKERS_FOLDER).iterdir()) == []
    assert write_search_worker(theme) is False


def test_the_generated_theme_holds_the_worker(tmp_path: Path) -> None:
    nav_file = tmp_path / "handbook" / ".generated-nav.yml"
    nav_file.parent.mkdir()
    write_theme(nav_file, tmp_path / "mkdocs.yml", labels("zh"))
    material = material_worker()
    assert material is not None
    folder = nav_file.parent / THEME_FOLDER / WORKERS_FOLDER
    assert (folder / material.name).read_bytes() == wrapper_source()
    assert (folder / f"{MATERIAL_PREFIX}{material.name}").read_bytes() == material.read_bytes()
