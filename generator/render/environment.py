"""The one Jinja environment of the generator.

Templates are files shipped in ``generator/render/templates``; text from YAML
only ever reaches them as data. Every printed value is escaped by default
(``finalize`` runs :func:`~generator.render.escape.text` on anything that is not
already :class:`~markupsafe.Markup`), so a template cannot forget to escape;
trusted fragments (author Markdown fields, SVG, QR codes) are Markup made by
the functions of :mod:`generator.render.escape` and the diagram stage.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from generator.render.escape import (
    css_string,
    escape_by_default,
    front_matter_string,
    inline_code,
    markdown_field,
    text,
)

TEMPLATES = Path(__file__).parent / "templates"
"""The folder of page templates."""


@cache
def environment() -> jinja2.Environment:
    """The shared environment: autoescape on, escaping by default, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=escape_by_default,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["text"] = text
    env.filters["markdown"] = markdown_field
    env.filters["front_matter"] = front_matter_string
    env.filters["css"] = css_string
    env.filters["inline_code"] = inline_code
    return env
