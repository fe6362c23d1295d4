"""Printed output: PDF decks of SOP cards and role cards, made with Chromium's print.

``handbook build`` writes, after MkDocs built the site into its temporary folder
and before that folder replaces ``site/``, the decks under ``site/print/``:

* ``print/<domain>.pdf``: the SOP card of every flow of one domain;
* ``print/roles/<domain>/<role>.pdf``: one role's card (duties, and every step it
  holds across the handbook with its checklist and control point);
* ``print/handbook.pdf``: the domain decks one after the other.

Modules: :mod:`~generator.printing.files` (where decks go; imported by the pages
for their links, so it imports nothing heavy), :mod:`~generator.printing.paged`
(paged-media CSS pieces), :mod:`~generator.printing.decks` (the HTML documents),
:mod:`~generator.printing.chromium` (printing them), :mod:`~generator.printing.pdffile`
and :mod:`~generator.printing.tounicode` (finishing the PDFs),
:mod:`~generator.printing.stage` (the build stage that ties them together).
"""
