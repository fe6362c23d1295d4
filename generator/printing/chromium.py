"""Chromium's print to PDF, driven through Playwright: one browser, a few tabs in parallel.

The browser is the one the system provides (Debian's ``/usr/bin/chromium``, or
the program named by ``HANDBOOK_CHROMIUM``); Playwright only drives it, no
browser is ever downloaded. Documents are given as HTML text with everything
inline (CSS, SVG): JavaScript is off and every network request is refused, so
printing reads nothing but the document and the system fonts.

:func:`print_documents` prints jobs on ``tabs`` tabs at once (Chromium lays out
and writes the PDF of each tab in its own renderer process, so two tabs use two
cores) and hands each PDF to a callback in a worker thread while the tabs go on.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import HandbookError

if TYPE_CHECKING:
    from playwright.async_api import Route

CHROMIUM_VARIABLE = "HANDBOOK_CHROMIUM"
"""Environment variable naming the Chromium program to print with."""

DEFAULT_CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (``apt-get install chromium``), used when the variable is not set."""

LAUNCH_ARGUMENTS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Flags for a headless print server: no sandbox (containers, root), no GPU, no network chatter."""

RESOURCES_URL = "https://print.handbook.invalid/"
"""Where documents find the files given to :func:`print_documents` (served from memory).

Nothing else is fetched: every other request is refused."""

TIMEOUT_MS = 600_000.0
"""How long one document may take to load or print (a 100-card deck takes seconds)."""


class PrintEngineError(HandbookError):
    """Chromium is missing or could not print a document; the message is one line."""

    stage = "pdf"


@dataclass(frozen=True)
class PrintJob:
    """One HTML document to print."""

    key: str
    """What the caller calls it (also used in error messages)."""
    html: str
    """The complete document, with its CSS and images inline."""


def find_chromium() -> Path:
    """The Chromium program to use; :class:`PrintEngineError` when there is none."""
    configured = os.environ.get(CHROMIUM_VARIABLE, "").strip()
    candidate = configured or DEFAULT_CHROMIUM
    found = shutil.which(candidate)
    if found is None:
        where = f"{CHROMIUM_VARIABLE}={configured}" if configured else DEFAULT_CHROMIUM
        raise PrintEngineError(
            f"no Chromium at {where}: install it (apt-get install chromium, see"
            f" scripts/setup.sh), set {CHROMIUM_VARIABLE}, or build with --no-pdf"
        )
    return Path(found)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def print_documents(
    jobs: Iterable[PrintJob],
    finish: Callable[[PrintJob, bytes], None],
    *,
    tabs: int = 2,
    resources: Mapping[str, tuple[bytes, str]] | None = None,
) -> None:
    """Print every job to PDF and call ``finish(job, pdf)`` for each, in one worker thread.

    *jobs* is read in a thread of its own while the browser starts and prints,
    so a generator that renders each document when asked overlaps rendering with
    printing; *tabs* documents are printed at once. ``finish`` calls run one at a
    time, overlapping the printing of the next documents. Raises
    :class:`PrintEngineError` when Chromium is missing, does not start, or fails
    on a document; an exception from *jobs* or ``finish`` is raised as it is.
    *resources* are files (bytes and media type, by name) the documents may load
    from :data:`RESOURCES_URL`; the browser keeps them once loaded (fonts). The
    mapping is read when a document asks, so *jobs* may fill it before its first job.
    """
    executable = find_chromium()
    run = _Run(executable, jobs, finish, max(1, tabs), {} if resources is None else resources)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run.main())
        return
    # Called from inside an event loop (a notebook, an async server): use a thread of our own.
    failure: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(run.main())
        except BaseException as error:  # re-raised in the calling thread
            failure.append(error)

    thread = threading.Thread(target=in_thread, name="handbook-print")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


class _Run:
    """One printing session: a browser, its tabs, a queue of jobs, a finishing thread."""

    def __init__(
        self,
        executable: Path,
        jobs: Iterable[PrintJob],
        finish: Callable[[PrintJob, bytes], None],
        tabs: int,
        resources: Mapping[str, tuple[bytes, str]],
    ):
        self.executable = executable
        self.jobs = jobs
        self.finish = finish
        self.tabs = tabs
        self.resources = resources
        self.failures: list[BaseException] = []
        self.stopped = threading.Event()

    def produce(
        self, queue: asyncio.Queue[PrintJob | None], loop: asyncio.AbstractEventLoop
    ) -> None:
        """Read the jobs (rendering them) into the queue; one ``None`` per tab at the end."""

        def put(item: PrintJob | None) -> None:
            asyncio.run_coroutine_threadsafe(queue.put(item), loop).result()

        try:
            for job in self.jobs:
                if self.stopped.is_set():
                    break
                put(job)
        except BaseException as error:  # handed to the printing thread
            self.failures.append(error)
        finally:
            for _ in range(self.tabs):
                put(None)

    async def serve(self, route: Route) -> None:
        """Answer a document's request: a given resource (kept by the browser) or refusal."""
        url = route.request.url
        name = url.removeprefix(RESOURCES_URL) if url.startswith(RESOURCES_URL) else None
        if name is None or name not in self.resources:
            await route.abort()
            return
        body, media_type = self.resources[name]
        await route.fulfill(
            status=200,
            body=body,
            headers={
                "Content-Type": media_type,
                "Cache-Control": "public, max-age=31536000, immutable",
                "Access-Control-Allow-Origin": "*",
            },
        )

    async def main(self) -> None:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright

        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[PrintJob | None] = asyncio.Queue(maxsize=self.tabs)
        producer = threading.Thread(
            target=self.produce, args=(queue, loop), name="handbook-decks", daemon=True
        )
        producer.start()
        with concurrent.futures.ThreadPoolExecutor(1, "handbook-pdf") as finisher:
            finishing: list[asyncio.Future[None]] = []
            try:
                async with async_playwright() as playwright:
                    try:
                        browser = await playwright.chromium.launch(
                            executable_path=str(self.executable),
                            args=list(LAUNCH_ARGUMENTS),
                            timeout=120_000,
                        )
                    except PlaywrightError as error:
                        raise PrintEngineError(
                            f"Chromium ({self.executable}) did not start: {_first_line(error)}"
                        ) from None
                    try:

                        async def tab() -> None:
                            # A context per tab: its own renderer process, so tabs use cores.
                            context = await browser.new_context(java_script_enabled=False)
                            await context.route("**/*", self.serve)
                            page = await context.new_page()
                            while (job := await queue.get()) is not None:
                                try:
                                    await page.set_content(
                                        job.html, wait_until="load", timeout=TIMEOUT_MS
                                    )
                                    pdf = await page.pdf(
                                        prefer_css_page_size=True, print_background=True
                                    )
                                except PlaywrightError as error:
                                    raise PrintEngineError(
                                        f"Chromium could not print {job.key}: {_first_line(error)}"
                                    ) from None
                                finishing.append(
                                    loop.run_in_executor(finisher, self.finish, job, pdf)
                                )
                            await context.close()

                        try:
                            async with asyncio.TaskGroup() as group:  # one fails: all stop
                                for _ in range(self.tabs):
                                    group.create_task(tab())
                        except BaseExceptionGroup as failed:
                            raise failed.exceptions[0] from None
                    finally:
                        await browser.close()
            finally:
                self.stopped.set()
                while producer.is_alive():  # let a blocked producer finish its last put
                    while not queue.empty():
                        queue.get_nowait()
                    await asyncio.sleep(0.01)
                results = await asyncio.gather(*finishing, return_exceptions=True)
            for failure in (*self.failures, *results):
                if isinstance(failure, BaseException):
                    raise failure
