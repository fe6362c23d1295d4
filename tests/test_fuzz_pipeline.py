"""Property test of the whole pipeline: YAML → load → validate → DOT → SVG → Markdown → HTML.

Hypothesis writes small, structurally valid handbooks (a domain, its roles, one
or two flows with tasks, an optional decision and an end) whose every text field
is drawn from hostile pieces: HTML and script tags, template syntax, DOT and
Markdown syntax, quotes, backslashes, control and bidi characters, Chinese.
Each handbook must validate, render to DOT that Graphviz accepts, and render to
Markdown pages that, converted with the site's Markdown extensions, hold no
active content, give a template engine nothing to evaluate, and show the texts
as written (titles and step names compared without white space).

The suite runs the ``ci`` profile (60 examples); maintainers run the long one::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz_pipeline.py
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.check import check_flows
from generator.diagrams import COMPACT_SUFFIX, diagram_text, flow_sources, render_svgs
from generator.render.pages import PageSettings, render_pages

TODAY = dt.date(2026, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"
SITE_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.tasklist",
]
"""The Markdown extensions of the repository's mkdocs.yml (toc without permalinks)."""

HOSTILE_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>", "</title>", "<img src=x onerror=alert(2)>",
        '"><svg onload=alert(3)>', "javascript:alert(4)", "[x](javascript:alert(5))",
        "{{ 7*7 }}", "{% raw %}", "{#", "#}", "${x}", '"', "'", "\\", "\\N", "\\l",
        "]; a -> b [", "{ a | <b> }", "<<b>>", "|", "*", "_", "`", "#", "- ", "1. ", "!!! ",
        "&amp;", "&", "<!--", "-->", "\n", "\t", "  ", "\x1b[31m", "\u202e", "\u200b",
        "中文", "岗位", "🙂", ":", ": ", "no", "10:30", "~~", "==", "^", "]", "\x1e", "\u2028",
    ]
)  # fmt: skip

SAFE_CHARACTERS = st.characters(exclude_categories=["Cs"])


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """A non-blank text: a Chinese character, then hostile pieces and random characters."""
    pieces = draw(st.lists(st.one_of(HOSTILE_PIECES, st.text(SAFE_CHARACTERS, max_size=4)),
                           max_size=5))  # fmt: skip
    return "字" + "".join(pieces)


@st.composite
def handbooks(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """A valid handbook as YAML documents by path under flows/."""
    role_ids = [f"r{number}" for number in range(draw(st.integers(1, 2)))]
    roles = []
    for number, role_id in enumerate(role_ids):
        role: dict[str, Any] = {"id": role_id, "name": draw(hostile_text())}
        if draw(st.booleans()):
            role["summary"] = draw(hostile_text())
        if draw(st.booleans()):
            role["duties"] = draw(st.lists(hostile_text(), min_size=1, max_size=2))
        if number:
            role["reports_to"] = role_ids[0]
        roles.append(role)
    documents: dict[str, dict[str, Any]] = {
        "fz/domain.yaml": {
            "title": draw(hostile_text()),
            "summary": draw(hostile_text()),
            "owner": role_ids[0],
        },
        "fz/roles.yaml": {"roles": roles},
    }
    for flow_number in range(draw(st.integers(1, 2))):
        documents[f"fz/flow-{flow_number}.yaml"] = draw(flows(role_ids))
    return documents


@st.composite
def flows(draw: st.DrawFn, role_ids: list[str]) -> dict[str, Any]:
    """A flow: tasks in order, an optional decision that can loop back, an end step."""
    task_count = draw(st.integers(1, 3))
    steps: list[dict[str, Any]] = []
    for number in range(task_count):
        step: dict[str, Any] = {
            "id": f"s{number}",
            "name": draw(hostile_text()),
            "role": draw(st.sampled_from(role_ids)),
        }
        for key in ("details", "control"):
            if draw(st.booleans()):
                step[key] = draw(hostile_text())
        for key in ("checklist", "inputs", "outputs"):
            if draw(st.booleans()):
                step[key] = draw(st.lists(hostile_text(), min_size=1, max_size=2))
        if draw(st.booleans()):
            step["consulted"] = [draw(st.sampled_from(role_ids))]
        steps.append(step)
    if draw(st.booleans()):
        steps.append(
            {
                "id": "choose",
                "kind": "decision",
                "name": draw(hostile_text()),
                "role": draw(st.sampled_from(role_ids)),
                "branches": [
                    {"when": draw(hostile_text()), "next": "done"},
                    {"when": draw(hostile_text()), "next": "s0"},
                ],
            }
        )
    steps.append({"id": "done", "kind": "end", "name": draw(hostile_text())})
    flow: dict[str, Any] = {
        "title": draw(hostile_text()),
        "summary": draw(hostile_text()),
        "owner": role_ids[0],
        "version": draw(hostile_text()),
        "status": "draft",
        "effective": "2026-01-01",
        "review": "2027-01-01",
        "steps": steps,
    }
    for key in ("trigger", "outcome"):
        if draw(st.booleans()):
            flow[key] = draw(hostile_text())
    if draw(st.booleans()):
        flow["tags"] = draw(st.lists(hostile_text(), min_size=1, max_size=2))
    return flow


class _Page(HTMLParser):
    """Elements, script bodies and the text of each ``<h1>`` of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def _squeezed(text: str) -> str:
    """The visible characters of *text*: no white space, controls, format characters or U+FFFD.

    Pages show a control character as U+FFFD, diagrams drop it; both show the rest.
    """
    return "".join(
        character
        for character in text
        if not character.isspace()
        and character != "\ufffd"
        and unicodedata.category(character) not in {"Cc", "Cf"}
    )


def _assert_inert(html: str, page: str) -> _Page:
    """Parse *html*; fail on scripts, frames, event handlers and ``javascript:`` URLs."""
    parsed = _Page()
    parsed.feed(html)
    for tag, attrs in parsed.elements:
        assert tag not in {"script", "iframe", "object", "embed", "base", "math"}, (page, tag)
        for name, value in attrs:
            assert not name.startswith("on"), (page, tag, name)
            if name in {"href", "src", "xlink:href", "action"} and value:
                assert not value.strip().lower().startswith("javascript:"), (page, value)
    return parsed


def _write(flows: Path, documents: dict[str, dict[str, Any]]) -> None:
    for relative, document in documents.items():
        path = flows / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


_CONVERTER = markdown.Markdown(extensions=SITE_EXTENSIONS)
NO_AUTHOR_TEXT = frozenset({"all/diagnostics.md"})
"""Generated pages that show no author text (not worth converting every example)."""


def _html(page: str) -> str:
    """A generated Markdown page (front matter dropped) as HTML, the way MkDocs converts it."""
    return str(_CONVERTER.reset().convert(page.split("\n---\n", 1)[-1]))


@given(documents=handbooks())
def test_any_text_goes_through_the_pipeline_inert_and_literal(
    tmp_path_factory: pytest.TempPathFactory, documents: dict[str, dict[str, Any]]
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    _write(root / "flows", documents)

    result = check_flows(root / "flows", today=TODAY, display_root="flows")
    assert result.ok, [str(diagnostic) for diagnostic in result.diagnostics]
    handbook = result.handbook

    text = diagram_text("zh")
    sources = flow_sources(handbook.flows, handbook, text=text)
    run = render_svgs(sources, cache_dir=root / "cache", jobs=1)
    for key, document in run.svgs.items():
        flow = handbook.flow(key.removesuffix(COMPACT_SUFFIX), "")
        assert flow is not None, key
        svg = ElementTree.fromstring(document)
        shown = _squeezed("".join(text.text or "" for text in svg.iter(f"{SVG}text")))
        for step in flow.steps:
            assert _squeezed(step.name) in shown, (key, step.name, shown)

    pages = render_pages(handbook, diagrams=run.svgs, settings=PageSettings(today=TODAY))
    titles = {f"fz/{flow.id}/index.md": flow.title for flow in handbook.flows}
    for path, page in sorted(pages.items()):
        for opener in ("{{", "{%", "{#"):
            assert opener not in page, (path, opener)
        assert "<script" not in page.lower(), path
        if path in NO_AUTHOR_TEXT:
            continue
        if not path.endswith(".md"):  # a standalone diagram: markup as it is, no Markdown pass
            _assert_inert(page, path)
            continue
        html = _html(page)
        parsed = _assert_inert(html, path)
        if path in titles:  # the page heading (a Markdown summary may hold headings too)
            assert _squeezed(parsed.h1[0]) == _squeezed(titles[path])
