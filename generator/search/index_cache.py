"""Material's search entries of each page, computed once per page text and kept across builds.

The search plugin parses every page's HTML into sections and cuts their
Chinese into words (:mod:`generator.search.segmenter`) in ``on_page_context``.
Nothing of that changes while the page's HTML, address, table of contents and
search settings do not, so :func:`search_indexed_once` wraps the plugin's
``add_entry_from_context`` for the duration of one build: a page seen before
takes its entries from ``.handbook-cache/search`` (one JSON file per page
version, named by the hash of everything the entries depend on), a new one is
indexed by the plugin itself and stored. The index written is the one the
plugin would write (a test compares it with plain ``mkdocs build``).

This is our own process only (no MkDocs plugin or hook: plain ``mkdocs build``
and ``zensical build`` index the pages themselves). When Material's search
plugin is absent or has another shape, the build runs unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.search.segmenter import Segmenter
from generator.site.json_store import JsonStore

FORMAT = 1
"""The version of the cache files; part of every key."""


class EntryStore(JsonStore):
    """Page entries by key, one JSON file each under *folder*."""

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """The entries stored under *key*, or ``None``."""
        stored: list[dict[str, Any]] | None = self.load(key, list)
        return stored


def _toc(items: Any) -> list[Any]:
    """The parts of a table of contents the plugin reads: ids, URLs, children."""
    return [[item.id, item.url, _toc(item.children)] for item in items]


def page_key(page: Any, segmenter_key: str) -> str:
    """A hash of everything the plugin's entries of *page* depend on."""
    meta = page.meta
    parts = [
        FORMAT,
        _material_version(),
        segmenter_key,
        page.url,
        str(meta.get("title", page.title)),  # the title the plugin gives untitled sections
        meta.get("search"),
        meta.get("tags"),
        _toc(page.toc),
        page.content,
    ]
    text = json.dumps(parts, ensure_ascii=False, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def _material_version() -> str:
    """Material's version, read once: importlib.metadata scans site-packages on every call
    (3 ms a page at 1,000 flows)."""
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return ""


@contextlib.contextmanager
def search_indexed_once(cache_dir: Path, *, prune: bool = True) -> Iterator[EntryStore | None]:
    """During the block, Material's search plugin takes unchanged pages' entries from *cache_dir*.

    Yields the store (its ``hits`` and ``misses`` say what happened), or
    ``None`` when Material's search plugin is not installed as expected. Only
    a block that ends without an error prunes the cache, and only with *prune*.
    """
    try:
        from material.plugins.search import plugin as material_search
    except ImportError:
        yield None
        return
    index_class = getattr(material_search, "SearchIndex", None)
    original = getattr(index_class, "add_entry_from_context", None)
    if index_class is None or original is None or not hasattr(material_search, "jieba"):
        yield None
        return
    store = EntryStore(cache_dir)
    segmenter = Segmenter()
    real_jieba = material_search.jieba

    def add_entry_from_context(index: Any, page: Any) -> None:
        key = page_key(page, segmenter.key)
        entries = store.get(key)
        if entries is not None:
            store.hits += 1
            index.entries.extend(entries)
            return
        store.misses += 1
        before = len(index.entries)
        original(index, page)
        store.put(key, index.entries[before:])

    material_search.jieba = segmenter if real_jieba is not None else None
    index_class.add_entry_from_context = add_entry_from_context
    try:
        yield store
    finally:
        index_class.add_entry_from_context = original
        material_search.jieba = real_jieba
    if prune:
        store.prune()
