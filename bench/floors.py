"""Floors to measure a build against: the theme alone, and jieba alone, on the same pages.

A build is judged against what cannot be avoided with MkDocs and Material,
not against MkDocs on the same heavy pages:

- the **theme floor** (:func:`theme_floor`): the same pages, the same
  navigation and configuration, every page's body emptied (its title kept), built
  by plain MkDocs in a fresh process with jieba switched off: what rendering
  Material's ``main.html`` once per page costs;
- **jieba** (:func:`jieba_time`): segmenting the text of a built site's search
  index (what Material's search plugin cuts) with jieba, in a fresh process:
  the dictionary load and the cutting, separately.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import children_cpu, environment

_FLOOR_BUILD = """
import sys
import material.plugins.search.plugin as search
search.jieba = None  # the theme floor: no Chinese segmentation (timed on its own)
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
for plugin in config.plugins.values():
    if hasattr(plugin.config, "jieba_dict_user"):
        plugin.config.jieba_dict_user = None
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
"""

_JIEBA = """
import json, logging, re, sys, time
import jieba
jieba.setLogLevel(logging.WARNING)
texts = json.load(open(sys.argv[1], encoding="utf-8"))
started = time.perf_counter()
jieba.initialize()
loaded = time.perf_counter() - started
han = re.compile(r"[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+")
started = time.perf_counter()
characters = 0
for text in texts:
    for run in han.findall(text):
        characters += len(run)
        list(jieba.cut(run.encode("utf-8")))
print(json.dumps({"load": loaded, "cut": time.perf_counter() - started, "characters": characters}))
"""

_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)
_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


def _empty_page(text: str) -> str:
    """A page with *text*'s title and no body."""
    found = _TITLE.search(text.split("\n---\n", 1)[0]) if text.startswith("---\n") else None
    if found is not None:
        return f"---\ntitle: {found.group(1)}\n---\n"
    heading = _HEADING.search(text)
    return f"# {heading.group(1)}\n" if heading else ""


def theme_floor(project: Path, work: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of plain MkDocs on *project*'s pages with empty bodies; page count.

    *project* must have been built (its docs folder holds the generated pages
    and the navigation file).
    """
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(project / "mkdocs.yml", work / "mkdocs.yml")
    docs = work / "handbook"
    shutil.copytree(project / "handbook", docs)
    pages = 0
    for page in docs.rglob("*.md"):
        if not any(part.startswith(".") for part in page.relative_to(docs).parts):
            page.write_text(_empty_page(page.read_text(encoding="utf-8")), encoding="utf-8")
            pages += 1
    cpu = children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _FLOOR_BUILD, str(work / "mkdocs.yml"), str(work / "site")],
        cwd=work,
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"the theme floor build failed:\n{completed.stderr[-3000:]}")
    return elapsed, children_cpu() - cpu, pages


def jieba_time(site: Path, work: Path) -> tuple[float, float, int]:
    """(dictionary load s, cutting s, Chinese characters) of jieba over *site*'s search text."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [
        (entry.get("title", "") + "\n" + entry.get("text", "")).replace("\u200b", "")
        for entry in index["docs"]
    ]
    work.mkdir(parents=True, exist_ok=True)
    source = work / "search-texts.json"
    source.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", _JIEBA, str(source)],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"the jieba timing failed:\n{completed.stderr[-3000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return float(figures["load"]), float(figures["cut"]), int(figures["characters"])
