"""The one options object of ``validate``, ``build`` and ``serve``, built once by the command line.

Every setting a run needs travels in one frozen :class:`Options`; the stages
read what they need from it (nothing passes ``strict`` or ``ignore`` by hand).
Defaults live here and only here: the flows folder (``<project>/flows``), the
review date (:meth:`Options.review_date`: today, unless ``--today`` fixed it),
the folders mkdocs.yml names unless overridden.

Adding a setting: a field with a default and a docstring below, the
command-line flag in :mod:`generator.cli`, and one line in :func:`options_from_args`
(``getattr`` with the field's default, so a command without the flag still builds
its options).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.i18n import DEFAULT_LANGUAGE

CACHE_FOLDER = ".handbook-cache"
"""The project's cache folder (diagrams, fonts), safe to delete."""

DEFAULT_HOST = "127.0.0.1"
"""``handbook serve`` listens on the loopback interface only, unless asked otherwise."""

DEFAULT_PORT = 8000
"""MkDocs' usual port."""


@dataclass(frozen=True)
class Options:
    """What one ``handbook`` run was asked to do."""

    project_root: Path = Path(".")
    """The project folder (with mkdocs.yml and, by default, ``flows/``)."""
    flows_dir: Path | None = None
    """The flows folder; ``None``: ``<project>/flows`` (see :attr:`flows`)."""
    display_root: str | None = None
    """How messages name the flows folder (default: the folder as given)."""
    today: dt.date | None = None
    """The date overdue reviews are judged against; ``None``: the real date (see
    :meth:`review_date`)."""
    strict: bool = False
    """Warnings count as errors (validation warnings and MkDocs warnings)."""
    ignore: frozenset[str] = field(default_factory=frozenset)
    """Diagnostic codes dropped from the report."""
    pdf: bool = True
    """Print the PDF decks of SOP and role cards into ``site/print/``."""
    jobs: int = 2
    """Processes the heavy stages may use (diagrams, pages)."""
    site_dir: Path | None = None
    """The output folder; ``None``: mkdocs.yml's ``site_dir``."""
    docs_dir: Path | None = None
    """The docs folder; ``None``: mkdocs.yml's ``docs_dir``."""
    config_file: Path | None = None
    """The site configuration; ``None``: ``<project>/mkdocs.yml``."""
    host: str = DEFAULT_HOST
    """The address ``handbook serve`` listens on."""
    port: int = DEFAULT_PORT
    """The port ``handbook serve`` listens on."""
    quiet: bool = False
    """``handbook build`` shows no progress lines (it shows them only on a terminal anyway)."""
    drafts: bool = False
    """Publish draft flows too (``build --drafts``; ``serve`` always does); see
    :mod:`generator.publish`."""
    language: str = DEFAULT_LANGUAGE
    """The language of the command's messages (``--lang``; see
    :mod:`generator.messages.choice`); the site's own language is mkdocs.yml's."""
    engine: str = "mkdocs"
    """The site engine (:data:`generator.site.engine.ENGINES`): ``mkdocs`` or ``zensical``."""
    offline: bool = False
    """A site that works opened from ``file://`` with no network (:mod:`generator.offline`)."""

    @property
    def flows(self) -> Path:
        """The flows folder: :attr:`flows_dir`, else ``<project>/flows``."""
        return self.flows_dir if self.flows_dir is not None else self.project_root / "flows"

    @property
    def cache_dir(self) -> Path:
        """The project's cache folder, ``<project>/.handbook-cache``."""
        return self.project_root / CACHE_FOLDER

    @property
    def flows_display(self) -> str:
        """How summaries name the flows folder."""
        return self.display_root or self.flows.as_posix()

    def review_date(self) -> dt.date:
        """The date reviews are judged against: :attr:`today`, else the real date (asked now).

        ``handbook serve`` asks again at every rebuild, so a server left running
        over midnight judges by the new day.
        """
        return self.today if self.today is not None else dt.date.today()


def display_name(flows: Path) -> str:
    """Name the flows folder relative to the working directory when it is inside it."""
    try:
        return flows.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return flows.as_posix()


def options_from_args(args: argparse.Namespace) -> Options:
    """The options of a parsed ``validate``, ``metrics``, ``build`` or ``serve`` command line."""
    project = Path(getattr(args, "project", None) or ".")
    if getattr(args, "path", None) is not None:  # validate, metrics: the flows folder itself
        flows = Path(args.path)
        display = flows.as_posix()
    else:
        flows = Path(args.flows) if getattr(args, "flows", None) else project / "flows"
        display = display_name(flows)
    site = getattr(args, "site", None)
    return Options(
        project_root=project,
        flows_dir=flows,
        display_root=display,
        today=getattr(args, "today", None),
        strict=bool(getattr(args, "strict", False)),
        ignore=frozenset(getattr(args, "ignore", ())),
        # build prints the decks unless --no-pdf; serve only with --pdf
        pdf=bool(getattr(args, "pdf", not getattr(args, "no_pdf", False))),
        site_dir=Path(site) if site else None,
        host=getattr(args, "host", DEFAULT_HOST),
        port=getattr(args, "port", DEFAULT_PORT),
        quiet=bool(getattr(args, "quiet", False)),
        # staff builds publish what is in force (serve always shows drafts, under a banner)
        drafts=bool(getattr(args, "drafts", False)),
        language=getattr(args, "lang", None) or DEFAULT_LANGUAGE,
        engine=getattr(args, "engine", "mkdocs"),
        offline=bool(getattr(args, "offline", False)),
    )


__all__ = [
    "CACHE_FOLDER",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "Options",
    "display_name",
    "options_from_args",
]
