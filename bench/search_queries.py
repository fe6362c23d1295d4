"""Which Chinese queries does the site search answer with a page that lacks the query?

Every step name, input and output of the bundled flows that is four to eight
Chinese characters (about 240 queries) is searched in a built site, in Chromium,
by the site's own search worker (the one Material's pages start: the handbook's
wrapper, see generator/search/worker.py). A query "misses" when its first result
is a page whose indexed text does not hold the query; the script lists them and
counts them. ``--material`` serves Material's own worker instead of the wrapper
(the figures before the fix). Build the site first::

    python -m generator build --no-pdf
    python -m bench.search_queries                # the handbook's worker
    python -m bench.search_queries --material     # Material's worker, as shipped

It prints, it does not assert (tests/browser/test_search_ranking.py does).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bench.timing import REPOSITORY

_HAN_QUERY = re.compile(r"^[\u4e00-\u9fff]{4,8}$")
_TAG = re.compile(r"<[^>]*>")

_RUN = """
async ({ worker, queries }) => {
  const index = await (await fetch("search/search_index.json")).json();
  const search = new Worker(worker);
  const reply = () => new Promise(done =>
    search.addEventListener("message", event => done(event.data), { once: true }));
  search.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  await reply();
  const pages = {};
  for (const query of queries) {
    search.postMessage({ type: 2, data: query });
    const { data } = await reply();
    pages[query] = data.items.map(group => group[0].location.split("#")[0]);
  }
  search.terminate();
  return pages;
}
"""


def flow_queries(flows: Path) -> list[str]:
    """Step names, inputs and outputs of the flows under *flows*: Chinese, 4-8 characters."""
    found: dict[str, None] = {}
    for path in sorted(flows.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for step in data.get("steps") or []:
            texts = [step.get("name"), *(step.get("inputs") or []), *(step.get("outputs") or [])]
            for text in texts:
                if isinstance(text, str) and _HAN_QUERY.match(text):
                    found.setdefault(text)
    return list(found)


def page_texts(site: Path) -> dict[str, str]:
    """Each page's indexed title and text (all its sections), as the phrase test reads them."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        text = "\n".join(
            separator.sub("", _TAG.sub("", part)).lower() for part in (doc["title"], doc["text"])
        )
        texts[page] = texts.get(page, "") + "\n" + text
    return texts


class _Site(http.server.SimpleHTTPRequestHandler):
    """The site; with ``material`` set, Material's own worker under the worker's name."""

    material = False

    def translate_path(self, path: str) -> str:
        """The file for *path* (the wrapper's address gives Material's worker with --material)."""
        local = super().translate_path(path)
        name = Path(local).name
        if self.material and re.fullmatch(r"search\.[0-9a-f]+\.min\.js", name):
            return str(Path(local).with_name(f"material-{name}"))
        return local

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextlib.contextmanager
def served(site: Path, material: bool) -> Iterator[str]:
    """*site* over HTTP on 127.0.0.1 (an ephemeral port)."""
    handler = functools.partial(
        type("Handler", (_Site,), {"material": material}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_pages(site: Path, queries: list[str], *, material: bool) -> dict[str, list[str]]:
    """Each query's result pages, in order, from the site's worker in Chromium."""
    from playwright.sync_api import sync_playwright

    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            with served(site, material) as url:
                page = browser.new_page()
                page.goto(url, wait_until="networkidle")
                found: dict[str, list[str]] = page.evaluate(
                    _RUN, {"worker": f"assets/javascripts/workers/{worker}", "queries": queries}
                )
        finally:
            browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=REPOSITORY / "site")
    parser.add_argument("--flows", type=Path, default=REPOSITORY / "flows")
    parser.add_argument("--material", action="store_true", help="Material's worker as shipped")
    args = parser.parse_args()
    queries = flow_queries(args.flows)
    texts = page_texts(args.site)
    pages = first_pages(args.site, queries, material=args.material)
    misses = 0
    for query in queries:
        found = pages[query]
        holding = [rank for rank, page in enumerate(found) if query in texts.get(page, "")]
        if found and holding and holding[0] == 0:
            continue
        misses += 1
        first = holding[0] + 1 if holding else "-"
        print(f"{query}: first {found[0] if found else '-'}; first page holding it: #{first}")
    worker = "Material's worker" if args.material else "the handbook's worker"
    print(f"{misses} of {len(queries)} queries rank a page without the query first ({worker})")


if __name__ == "__main__":
    main()
