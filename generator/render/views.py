"""The public view layer of :mod:`generator.render`: everything another package may use.

The printing stage (:mod:`generator.printing`) draws the same SOP and role cards
as the pages, from the same view data, templates and words; it imports them
from here and from nowhere else in ``render``, and ``render`` never imports
``printing`` (a test walks the imports). What is here:

* page settings and the view data of cards: :class:`PageSettings`,
  :class:`StepView`, :func:`page_renderer` (the renderer whose ``step_views``,
  ``flow_ref`` and friends the cards share), :func:`display` (RACI letters in a cell);
* the Jinja environment factory :func:`environment` and the escaping of words
  for it, :func:`label`; paged-media CSS, :func:`page_counter`;
* paths: :mod:`paths` (pages, links) and the PDF decks' places
  (:data:`PRINT_FOLDER`, :data:`HANDBOOK_DECK`, :data:`RESERVED_DOMAIN`,
  :func:`domain_deck`, :func:`flow_deck`, :func:`role_deck`).
"""

from __future__ import annotations

from generator.render import paths
from generator.render.environment import environment
from generator.render.escape import label
from generator.render.paged import page_counter
from generator.render.pages import PageSettings, StepView, page_renderer
from generator.render.paths import (
    HANDBOOK_DECK,
    PRINT_FOLDER,
    RESERVED_DOMAIN,
    domain_deck,
    flow_deck,
    role_deck,
)
from generator.render.raci import display

__all__ = [
    "HANDBOOK_DECK",
    "PRINT_FOLDER",
    "RESERVED_DOMAIN",
    "PageSettings",
    "StepView",
    "display",
    "domain_deck",
    "environment",
    "flow_deck",
    "label",
    "page_counter",
    "page_renderer",
    "paths",
    "role_deck",
]
