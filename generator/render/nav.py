"""The navigation file: a small YAML document that mkdocs.yml includes with ``INHERIT``.

Why a generated ``nav`` included by ``INHERIT`` rather than no ``nav`` at all:
MkDocs builds an implicit navigation from the file tree, sorted by file name,
with section titles made from folder names ("Port"), so it can follow neither
the domains' ``order`` nor their Chinese titles. A plugin could fix that, but
Zensical runs no MkDocs plugins or hooks; it does read ``INHERIT`` and ``nav``.
So the generator writes the navigation as a file and both tools read it.

What the navigation holds, and why it stays small: the home page, one section
per domain (its page, then its flows, unless a domain has more than
:data:`NAV_FLOW_LIMIT` flows: then only its page, whose table lists them), the
handbook index section, and the hand-written pages; the pages for people who
write flows or work on the generator (the hand-written folders named in
:data:`MAINTAINER_FOLDERS` and the diagnostics reference) go in a section of
their own at the end, outside the staff's part of the menu. Role pages and SOP cards are
reached from the flow and domain pages and are declared ``not_in_nav``. With
Material's ``navigation.prune`` every page then carries a navigation whose size
does not grow with the number of flows, so the site grows linearly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.model import Handbook
from generator.render import paths
from generator.render.escape import text

MAINTAINER_FOLDERS = ("guide", "dev")
"""Hand-written folders for authors and developers (authoring guide, threat model):
they go in the maintainers' section, not among the staff pages."""

NAV_FLOW_LIMIT = 60
"""A domain with more flows than this lists only its own page in the navigation."""

HEADER = (
    "# Written by `handbook build` from flows/ (do not edit: it is rewritten on every build).\n"
    "# mkdocs.yml includes it with INHERIT; it holds the navigation only.\n"
)
"""The first lines of the navigation file; also how the build recognises its own file."""


def nav_entries(
    handbook: Handbook,
    *,
    words: Mapping[str, str],
    handwritten: Sequence[str],
    folder_titles: Mapping[str, str],
    archived: Sequence[str] = (),
) -> list[Any]:
    """The ``nav`` list: home, domains in order, the index section, hand-written pages.

    *archived* are the pages of retired flows: a section of their own after the index.
    """
    handwritten_set = set(handwritten)
    entries: list[Any] = []
    if "index.md" in handwritten_set:
        entries.append("index.md")
    for domain in handbook.domains:
        flows = handbook.flows_of(domain.id)
        children: list[Any] = [paths.domain_page(domain.id)]
        if len(flows) <= NAV_FLOW_LIMIT:
            children.extend(paths.flow_page(flow.key) for flow in flows)
        entries.append({str(text(domain.title)): children})
    entries.append({str(text(words["index_section"])): [paths.ALL_FLOWS_PAGE, paths.REVIEW_PAGE]})
    entries.append({str(text(words["archive"])): [paths.ARCHIVE_PAGE, *archived]})
    others = sorted(handwritten_set - {"index.md"})
    maintainer = [page for page in others if page.split("/", 1)[0] in MAINTAINER_FOLDERS]
    staff = [page for page in others if page not in maintainer]
    entries.extend(_handwritten_entries(staff, folder_titles))
    entries.append(
        {
            str(text(words["maintainer_section"])): [
                *_handwritten_entries(maintainer, folder_titles),
                paths.DIAGNOSTICS_PAGE,
            ]
        }
    )
    return entries


def _handwritten_entries(pages: Sequence[str], folder_titles: Mapping[str, str]) -> list[Any]:
    """Hand-written pages as nav entries: files as they are, folders as titled sections."""
    tree: dict[str, Any] = {}
    for page in pages:
        node = tree
        *folders, name = page.split("/")
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[name] = page
    return _entries_of(tree, "", folder_titles)


def _entries_of(
    node: Mapping[str, Any], prefix: str, folder_titles: Mapping[str, str]
) -> list[Any]:
    """One folder level: ``index.md`` first, then files, then sub-folders, by name."""
    names = sorted(node, key=lambda name: (name != "index.md", name.endswith("/"), name))
    entries: list[Any] = []
    for name in names:
        value = node[name]
        if isinstance(value, str):
            entries.append(value)
            continue
        folder = prefix + name.rstrip("/")
        title = folder_titles.get(folder) or name.rstrip("/")
        entries.append({str(text(title)): _entries_of(value, folder + "/", folder_titles)})
    return entries


def nav_document(
    handbook: Handbook,
    *,
    words: Mapping[str, str],
    handwritten: Sequence[str] = (),
    folder_titles: Mapping[str, str] | None = None,
    theme_dir: str | None = None,
    archived: Sequence[str] = (),
) -> str:
    """The navigation file's text (deterministic YAML); *archived*: retired flows' pages.

    With *theme_dir* (relative to mkdocs.yml) the file also names the generated
    theme templates (:mod:`generator.render.theme`) as the theme's ``custom_dir``.
    """
    domains_past_limit = [
        domain.id
        for domain in handbook.domains
        if len(handbook.flows_of(domain.id)) > NAV_FLOW_LIMIT
    ]
    not_in_nav = [f"/*/{paths.ROLES_FOLDER}/", "/*/*/sop.md", f"/{paths.VERIFY_FOLDER}/"]
    not_in_nav += [f"/{domain_id}/*/index.md" for domain_id in domains_past_limit]
    document: dict[str, Any] = {
        "nav": nav_entries(
            handbook,
            words=words,
            handwritten=handwritten,
            folder_titles=folder_titles or {},
            archived=archived,
        ),
        "not_in_nav": "\n".join(not_in_nav) + "\n",
    }
    # Snippets for hand-written pages are read by pymdownx.snippets, not published as pages.
    document["exclude_docs"] = f"/{paths.INCLUDES_FOLDER}/\n"
    if theme_dir is not None:
        document["theme"] = {"custom_dir": theme_dir}
    body = yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )
    return HEADER + body
