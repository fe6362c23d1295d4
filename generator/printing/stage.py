"""The ``pdf`` stage of ``handbook build``: every deck printed, finished and written.

:func:`write_print_decks` renders the deck documents (:mod:`.decks`), prints
them with Chromium on two tabs (:mod:`.chromium`), finishes each PDF as it
arrives (:mod:`.pdffile`: reproducible dates and identifier, repaired text) and
writes it under ``<site>/print/``; when the last domain deck is in, it joins
the domain decks into ``print/handbook.pdf`` while Chromium prints the role cards.
Cards are printed once: the whole-handbook deck is a merge, not a second print.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.model import Handbook
from generator.printing.chromium import PrintEngineError, PrintJob, print_documents
from generator.printing.decks import Deck, deck_texts, plan_decks
from generator.printing.files import HANDBOOK_DECK, RESERVED_DOMAIN
from generator.printing.fonts import font_face_css, font_faces
from generator.printing.pdffile import (
    DeckPart,
    PdfFinishError,
    PdfMetadata,
    finish_pdf,
    merge_pdfs,
)
from generator.render.pages import PageSettings

CREATOR = f"process-handbook {__version__}"
"""The ``/Creator`` of every deck."""


class PrintError(Exception):
    """A deck could not be made; the message is one line a user can act on."""


@dataclass(frozen=True)
class PrintReport:
    """What the stage wrote."""

    decks: tuple[str, ...]
    """Every PDF written, relative to the site folder, sorted."""
    seconds: float
    """Wall-clock time of the stage."""


def _write(target: Path, content: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PrintError(f"cannot write {target}: {reason}") from None


class _Finisher:
    """Finishes and writes each printed deck; joins the domain decks when all are in."""

    def __init__(
        self,
        site_dir: Path,
        domains: tuple[Deck, ...],
        roles: tuple[Deck, ...],
        *,
        subject: str,
        handbook_title: str,
        epoch: int,
    ):
        self.site_dir = site_dir
        self.decks = {deck.path: deck for deck in (*domains, *roles)}
        self.domains = domains
        self.subject = subject
        self.handbook_title = handbook_title
        self.epoch = epoch
        self.finished: dict[str, bytes] = {}
        self.written: list[str] = []
        self.lock = threading.Lock()

    def metadata(self, title: str) -> PdfMetadata:
        return PdfMetadata(title=title, subject=self.subject, creator=CREATOR, epoch=self.epoch)

    def __call__(self, job: PrintJob, pdf: bytes) -> None:
        deck = self.decks[job.key]
        try:
            finished = finish_pdf(pdf, self.metadata(deck.title))
        except PdfFinishError as error:
            raise PrintError(f"{deck.path}: {error}") from None
        _write(self.site_dir / deck.path, finished)
        with self.lock:
            self.written.append(deck.path)
            if deck in self.domains:
                self.finished[deck.path] = finished
                complete = len(self.finished) == len(self.domains)
            else:
                complete = False
        if complete:
            self.join_domains()

    def join_domains(self) -> None:
        parts = [DeckPart(deck.bookmark, self.finished[deck.path]) for deck in self.domains]
        try:
            merged = merge_pdfs(parts, self.metadata(self.handbook_title))
        except PdfFinishError as error:
            raise PrintError(f"{HANDBOOK_DECK}: {error}") from None
        _write(self.site_dir / HANDBOOK_DECK, merged)
        with self.lock:
            self.written.append(HANDBOOK_DECK)


def write_print_decks(
    handbook: Handbook,
    *,
    diagrams: Mapping[str, str],
    settings: PageSettings,
    site_dir: Path,
    epoch: int,
    cache_dir: Path | None = None,
    tabs: int = 2,
) -> PrintReport:
    """Print every deck of a valid *handbook* into ``<site_dir>/print/``.

    A handbook without flows has role cards only (no SOP cards, no handbook deck).

    *diagrams* are the flows' SVGs, *settings* the pages' settings (language,
    site URL for the QR codes), *epoch* the build's SOURCE_DATE_EPOCH (PDF dates,
    role card date); *cache_dir* keeps the cut-down fonts between builds. Raises
    :class:`PrintError` with one line on any failure.
    """
    started = time.perf_counter()
    if any(domain.id == RESERVED_DOMAIN for domain in handbook.domains):
        raise PrintError(
            f"the domain id '{RESERVED_DOMAIN}' would overwrite the whole-handbook deck"
            f" {HANDBOOK_DECK}: rename the domain folder, or build with --no-pdf"
        )
    fonts_dir = cache_dir / "fonts" if cache_dir is not None else None
    faces = font_faces(deck_texts(handbook, settings.language), cache_dir=fonts_dir)
    plan = plan_decks(
        handbook, diagrams=diagrams, settings=settings, epoch=epoch, fonts=font_face_css(faces)
    )
    finisher = _Finisher(
        site_dir,
        plan.domains,
        plan.roles,
        subject=plan.subject,
        handbook_title=plan.handbook_title,
        epoch=epoch,
    )
    jobs = (PrintJob(deck.path, deck.document()) for deck in (*plan.domains, *plan.roles))
    try:
        print_documents(jobs, finisher, tabs=tabs)
    except PrintEngineError as error:
        raise PrintError(str(error)) from None
    return PrintReport(decks=tuple(sorted(finisher.written)), seconds=time.perf_counter() - started)
