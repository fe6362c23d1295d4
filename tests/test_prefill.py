"""When a build starts the helper that renders pages ahead of MkDocs (generator/site/prefill.py).

The helper itself is tested in tests/test_build_site.py (it fills the caches a
build then uses, and the site is the same).
"""

from __future__ import annotations

from pathlib import Path

from generator.site.prefill import PREFILL_FROM, worth_prefilling


def _pages(docs: Path, count: int) -> None:
    for number in range(count):
        page = docs / f"domain-{number % 7}" / f"page-{number}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# page\n", encoding="utf-8")


def _cached(cache: Path, count: int) -> None:
    for number in range(count):
        entry = cache / f"{number % 256:02x}" / f"{number:064x}.json"
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text("{}", encoding="utf-8")


def test_a_small_site_builds_without_the_helper(tmp_path: Path) -> None:
    _pages(tmp_path / "docs", PREFILL_FROM - 1)
    assert not worth_prefilling(tmp_path / "docs", tmp_path / "cache")


def test_a_large_cold_site_starts_it_and_a_warm_one_does_not(tmp_path: Path) -> None:
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    _pages(docs, PREFILL_FROM)
    assert worth_prefilling(docs, cache)
    _cached(cache, PREFILL_FROM // 2 - 1)
    assert worth_prefilling(docs, cache)
    _cached(cache, PREFILL_FROM // 2)
    assert not worth_prefilling(docs, cache)
