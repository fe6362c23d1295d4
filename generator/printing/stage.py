"""The ``pdf`` stage of ``handbook build``: every deck printed, finished and written.

:func:`write_print_decks` renders the deck documents (:mod:`.decks`), prints
them with Chromium on two tabs (:mod:`.chromium`), finishes each PDF as it
arrives (:mod:`.pdffile`: reproducible dates and identifier, repaired text) and
writes it under ``<site>/print/``; when the last domain deck is in, it joins
the domain decks into ``print/handbook.pdf`` while Chromium prints the role cards.
Cards are printed once: the whole-handbook deck is a merge, not a second print.
Each deck is rendered when its turn comes, so rendering overlaps printing.

:class:`PrintRun` runs all that in a process of its own (:mod:`.worker`) while
``handbook build`` runs MkDocs, and moves the decks into the new site at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import HandbookError
from generator.model import Handbook
from generator.printing.chromium import (
    RESOURCES_URL,
    PrintEngineError,
    PrintJob,
    find_chromium,
    print_documents,
)
from generator.printing.deck_cache import DeckCache
from generator.printing.decks import Deck, DeckPlan, deck_texts, plan_decks
from generator.printing.fonts import font_face_css, font_faces, font_file
from generator.printing.pdffile import (
    DeckPart,
    PdfFinishError,
    PdfMetadata,
    finish_pdf,
    merge_pdfs,
)
from generator.render.views import HANDBOOK_DECK, PRINT_FOLDER, RESERVED_DOMAIN, PageSettings

CREATOR = f"process-handbook {__version__}"
"""The ``/Creator`` of every deck."""


class PrintError(HandbookError):
    """A deck could not be made; the message is one line a user can act on."""

    stage = "pdf"


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
    """Finishes and writes each printed deck; joins the domain decks when all are in.

    Its :attr:`plan` is set by the job generator before the first job is printed.
    """

    def __init__(self, site_dir: Path, epoch: int):
        self.site_dir = site_dir
        self.epoch = epoch
        self.plan: DeckPlan | None = None
        self.finished: dict[str, bytes] = {}
        self.written: list[str] = []
        self.cache: DeckCache | None = None
        self.cache_keys: dict[str, str] = {}

    def metadata(self, title: str) -> PdfMetadata:
        assert self.plan is not None
        return PdfMetadata(
            title=title, subject=self.plan.subject, creator=CREATOR, epoch=self.epoch
        )

    def __call__(self, job: PrintJob, pdf: bytes) -> None:
        assert self.plan is not None
        decks = {
            deck.path: deck for deck in (*self.plan.domains, *self.plan.flows, *self.plan.roles)
        }
        deck = decks[job.key]
        try:
            finished = finish_pdf(pdf, self.metadata(deck.title))
        except PdfFinishError as error:
            raise PrintError(f"{deck.path}: {error}") from None
        if self.cache is not None and job.key in self.cache_keys:
            self.cache.put(self.cache_keys[job.key], finished)
        self.take(deck, finished)

    def take(self, deck: Deck, finished: bytes) -> None:
        """Write a finished deck (printed now or taken from the cache)."""
        assert self.plan is not None
        _write(self.site_dir / deck.path, finished)
        self.written.append(deck.path)
        if deck in self.plan.domains:
            self.finished[deck.path] = finished
            if len(self.finished) == len(self.plan.domains):
                self.join_domains()

    def join_domains(self) -> None:
        assert self.plan is not None
        parts = [DeckPart(deck.bookmark, self.finished[deck.path]) for deck in self.plan.domains]
        try:
            merged = merge_pdfs(parts, self.metadata(self.plan.handbook_title))
        except PdfFinishError as error:
            raise PrintError(f"{HANDBOOK_DECK}: {error}") from None
        _write(self.site_dir / HANDBOOK_DECK, merged)
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
    cancel: threading.Event | None = None,
) -> PrintReport:
    """Print every deck of a valid *handbook* into ``<site_dir>/print/``.

    A handbook without flows has role cards only (no SOP cards, no handbook deck).

    *diagrams* are the flows' SVGs, *settings* the pages' settings (language,
    site URL for the QR codes), *epoch* the build's SOURCE_DATE_EPOCH (PDF dates,
    role card date); *cache_dir* keeps the cut-down fonts between builds. When
    *cancel* is set, no further deck is started (:class:`PrintCancelledError`).
    Raises :class:`PrintError` with one line on any failure.

    The font is cut and the decks are planned by the job generator, in its own
    thread, while the browser starts.
    """
    started = time.perf_counter()
    if any(domain.id == RESERVED_DOMAIN for domain in handbook.domains):
        raise PrintError(
            f"the domain id '{RESERVED_DOMAIN}' would overwrite the whole-handbook deck"
            f" {HANDBOOK_DECK}: rename the domain folder, or build with --no-pdf"
        )
    fonts_dir = cache_dir / "fonts" if cache_dir is not None else None
    finisher = _Finisher(site_dir, epoch)
    resources: dict[str, tuple[bytes, str]] = {}
    stop = cancel or threading.Event()
    cache = _deck_cache(cache_dir)
    finisher.cache = cache
    # Decks printed before: plan everything first and print only what changed (or nothing,
    # without starting Chromium). Otherwise plan while the browser starts, as each deck prints.
    reuse = cache is not None and cache.has_entries()

    def jobs() -> Iterator[PrintJob]:
        faces = font_faces(deck_texts(handbook, settings.language), cache_dir=fonts_dir)
        resources.update({font_file(face): (face.data, "font/otf") for face in faces})
        fonts = font_face_css(faces, RESOURCES_URL)
        plan = plan_decks(handbook, diagrams=diagrams, settings=settings, epoch=epoch, fonts=fonts)
        finisher.plan = plan
        for deck in (*plan.domains, *plan.flows, *plan.roles):
            if stop.is_set():
                return
            html = deck.document()
            if cache is not None:
                key = cache.key(
                    deck_path=deck.path,
                    html=html,
                    metadata_text=repr(finisher.metadata(deck.title)),
                    resources=resources,
                )
                cached = cache.get(key) if reuse else None
                if cached is not None:
                    finisher.take(deck, cached)
                    continue
                finisher.cache_keys[deck.path] = key
            yield PrintJob(deck.path, html)

    try:
        pending = list(jobs()) if reuse else jobs()
        if not reuse or pending:
            print_documents(iter(pending), finisher, tabs=tabs, resources=resources)
    except PrintEngineError as error:
        raise PrintError(str(error)) from None
    if stop.is_set():
        raise PrintCancelledError("printing was cancelled")
    if cache is not None:
        cache.prune()
    return PrintReport(decks=tuple(sorted(finisher.written)), seconds=time.perf_counter() - started)


def _deck_cache(cache_dir: Path | None) -> DeckCache | None:
    """The cache of printed decks under *cache_dir* (none without a cache folder)."""
    if cache_dir is None:
        return None
    try:
        executable: Path | None = find_chromium()
    except PrintEngineError:
        executable = None
    return DeckCache(cache_dir / "decks", executable)


class PrintCancelledError(PrintError):
    """:meth:`PrintRun.cancel` stopped the printing before every deck was made."""


@dataclass(frozen=True)
class PrintRequest:
    """What the PDF worker (:mod:`.worker`) prints, and where."""

    handbook: Handbook
    """The valid model."""
    diagrams: Mapping[str, str]
    """Every flow's SVG, by flow key."""
    settings: PageSettings
    """The pages' settings (language, site URL, URL style)."""
    site_dir: Path
    """Where ``print/`` is written."""
    epoch: int
    """SOURCE_DATE_EPOCH of the build."""
    cache_dir: Path | None
    """The project cache (cut-down fonts)."""


class PrintRun:
    """The decks printed by a process of their own while the caller does other work.

    ``handbook build`` starts it before MkDocs: the decks are made from the model,
    not from MkDocs' output, and a separate process (:mod:`.worker`) keeps their
    Python work off MkDocs' interpreter lock, while Chromium prints on the cores
    MkDocs leaves idle. The decks go to a folder beside the site; :meth:`finish`
    moves them into MkDocs' new site folder before that folder replaces the old
    site, so a failure of either leaves the old site as it was.
    """

    def __init__(
        self,
        folder: Path,
        *,
        handbook: Handbook,
        diagrams: Mapping[str, str],
        settings: PageSettings,
        epoch: int,
        cache_dir: Path | None,
    ):
        self.folder = folder
        """Where the decks are printed (``<folder>/print/``); removed by :meth:`finish`."""
        self.request = PrintRequest(handbook, dict(diagrams), settings, folder, epoch, cache_dir)
        self.process: subprocess.Popen[bytes] | None = None
        # The worker's stderr (read when it fails), closed by finish() or cancel().
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115

    def start(self) -> PrintRun:
        """Start the worker and hand it the model; returns the run itself."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.printing.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=_worker_environment(),
        )
        stdin, self.process.stdin = self.process.stdin, None
        assert stdin is not None
        with contextlib.suppress(BrokenPipeError), stdin:  # a dead worker: finish() says why
            pickle.dump(self.request, stdin, protocol=pickle.HIGHEST_PROTOCOL)
        return self

    def _stderr(self) -> bytes:
        self.errors.seek(0)
        return self.errors.read()

    def finish(self, site_dir: Path) -> PrintReport:
        """Wait for the decks and move them into *site_dir*; :class:`PrintError` if they failed."""
        assert self.process is not None
        try:
            stdout, _ = self.process.communicate()
            result = _result(stdout, self._stderr(), self.process.returncode)
            target = site_dir / PRINT_FOLDER
            shutil.rmtree(target, ignore_errors=True)
            try:
                os.replace(self.folder / PRINT_FOLDER, target)
                for deck in result["decks"]:  # a flow's card sits next to its page
                    if not str(deck).startswith(f"{PRINT_FOLDER}/"):
                        (site_dir / deck).parent.mkdir(parents=True, exist_ok=True)
                        os.replace(self.folder / deck, site_dir / deck)
            except OSError as error:
                raise PrintError(f"cannot move the decks into {site_dir}: {error}") from None
            return PrintReport(decks=tuple(result["decks"]), seconds=float(result["seconds"]))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.errors.close()

    def cancel(self) -> None:
        """Stop the worker (it finishes the decks being printed) and remove the folder."""
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.errors.close()


def _worker_environment() -> dict[str, str]:
    """The environment of the worker: this one, with this package importable."""
    environment = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent.parent)
    paths = [package_root, *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
    environment["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return environment


def _result(stdout: bytes, stderr: bytes, returncode: int) -> dict[str, Any]:
    """The worker's answer line, or :class:`PrintError` with the reason it has none."""
    lines = stdout.decode("utf-8", errors="replace").strip().splitlines()
    try:
        result = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        result = None
    if isinstance(result, dict) and "error" in result:
        raise PrintError(str(result["error"]))
    if not isinstance(result, dict) or returncode != 0:
        problem = stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = problem[-1] if problem else f"exit status {returncode}"
        raise PrintError(f"the PDF worker failed: {reason}")
    return result
