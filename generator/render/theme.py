"""Theme files the generator writes: a 404 page in the handbook's language, the search worker.

Material's own 404 page says "404 - Not found" in every language. The generator
writes a replacement next to the navigation file (in a dot folder of the docs
folder, which MkDocs never publishes) and the navigation file names it as the
theme's ``custom_dir`` (a ``custom_dir`` set in mkdocs.yml wins over it). The
same folder holds the search worker that searches Chinese queries word for word
(:mod:`generator.search.worker`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from generator.render import paths
from generator.render.escape import label
from generator.search.worker import write_search_worker
from generator.site.writer import write_changed

DOCS_DIR_VARIABLE = "HANDBOOK_DOCS_DIR"
"""The environment variable that tells mkdocs.yml where the docs folder is.

pymdownx.snippets reads the generated home page table relative to its
``base_path``; mkdocs.yml sets it to ``!ENV [HANDBOOK_DOCS_DIR, handbook]``, and
``handbook build`` and ``handbook serve`` set the variable to the absolute docs
folder while MkDocs loads its configuration (plain ``mkdocs`` or ``zensical`` run
from the project folder use the default)."""


@contextlib.contextmanager
def docs_dir_environment(docs_dir: Path) -> Iterator[None]:
    """:data:`DOCS_DIR_VARIABLE` set to *docs_dir* (absolute) while MkDocs loads its config."""
    previous = os.environ.get(DOCS_DIR_VARIABLE)
    os.environ[DOCS_DIR_VARIABLE] = str(Path(docs_dir).resolve())
    try:
        yield
    finally:
        if previous is None:
            del os.environ[DOCS_DIR_VARIABLE]
        else:
            os.environ[DOCS_DIR_VARIABLE] = previous


THEME_FOLDER = ".generated-theme"
"""The folder of generated theme templates, next to the navigation file."""

HEADER = "{#- Written by `handbook build` (do not edit: it is rewritten on every build). -#}\n"
"""The first line of every generated template."""


def not_found_page(words: Mapping[str, str]) -> str:
    """The 404 template: a heading, what happened, and links back into the handbook."""
    all_flows = paths.url(paths.ALL_FLOWS_PAGE)
    return (
        HEADER
        + '{% extends "main.html" %}\n'
        + "{% block content %}\n"
        + f"<h1>{label(words['not_found_title'])}</h1>\n"
        + f"<p>{label(words['not_found_text'])}</p>\n"
        + f'<p><a href="{{{{ base_url }}}}/">{label(words["home"])}</a> · '
        + f'<a href="{{{{ base_url }}}}/{all_flows}">{label(words["all_flows"])}</a></p>\n'
        + "{% endblock %}\n"
    )


def write_theme(nav_file: Path, config_file: Path, words: Mapping[str, str]) -> str:
    """Write the generated theme files; the folder's path relative to mkdocs.yml's folder."""
    folder = nav_file.parent / THEME_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    write_search_worker(folder)
    write_changed(folder / "404.html", not_found_page(words).encode("utf-8"))
    return Path(os.path.relpath(folder, config_file.parent)).as_posix()
