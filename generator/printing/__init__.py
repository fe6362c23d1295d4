"""Printed output: PDF decks of SOP cards and role cards, made with Chromium's print.

``handbook build`` writes, after MkDocs built the site into its temporary folder
and before that folder replaces ``site/``, the decks under ``site/print/``:

* ``print/<domain>.pdf``: the SOP card of every flow of one domain;
* ``print/roles/<domain>/<role>.pdf``: one role's card (duties, and every step it
  holds across the handbook with its checklist and control point);
* ``print/handbook.pdf``: the domain decks one after the other.

Printing draws the cards with the pages' view data, templates and words, which
it takes from the public view layer :mod:`generator.render.views` only (where
the decks go is named there too, since the pages link to them). Modules:
:mod:`~generator.printing.decks` (the HTML documents),
:mod:`~generator.printing.chromium` (printing them), :mod:`~generator.printing.pdffile`
and :mod:`~generator.printing.tounicode` (finishing the PDFs),
:mod:`~generator.printing.stage` (the build stage that ties them together).
"""
