"""The semantic diff of two versions of the flows (``handbook diff``; FORMAT.md "Semantic diff").

* :mod:`~generator.diff.sources` reads each side: a folder, or a git revision via ``git``.
* :mod:`~generator.diff.compare` compares two handbooks (pure): flows by ``domain/id``,
  steps by id, domains and roles by id, into a :class:`~generator.diff.model.HandbookDiff`.
* :mod:`~generator.diff.versioncheck` is ``--check``: content changed, version not bumped.
* :mod:`~generator.diff.formats` writes text, JSON, Markdown and GitHub annotations;
  :mod:`~generator.diff.visual` the HTML pages with marked diagrams.
* :mod:`~generator.diff.command` is the subcommand.
"""
