"""The PDF stage in a process of its own: ``python -m generator.printing.worker``.

``handbook build`` starts it before MkDocs (see :class:`generator.printing.stage.PrintRun`)
so that its Python work (rendering the decks, finishing the PDFs) runs beside
MkDocs' instead of taking turns with it for one interpreter lock.

Protocol: the parent writes one pickled :class:`~generator.printing.stage.PrintRequest`
to stdin and closes it;
the worker prints the decks and writes one JSON line to stdout, either
``{"decks": [...], "seconds": s}`` (exit 0) or ``{"error": "one line"}`` (exit 1).
SIGTERM asks it to stop after the decks being printed (exit 1, ``cancelled``).
The data is the parent's own model, handed over a pipe: it is trusted.
"""

from __future__ import annotations

import json
import pickle
import signal
import sys
import threading
from typing import Any

from generator.printing.stage import PrintRequest


def run(request: PrintRequest, cancel: threading.Event) -> dict[str, Any]:
    """Print the decks of *request*; the JSON-able result line."""
    from generator.printing.stage import PrintError, write_print_decks

    try:
        report = write_print_decks(
            request.handbook,
            diagrams=request.diagrams,
            settings=request.settings,
            site_dir=request.site_dir,
            epoch=request.epoch,
            cache_dir=request.cache_dir,
            cancel=cancel,
        )
    except PrintError as error:
        return {"error": str(error)}
    return {"decks": list(report.decks), "seconds": report.seconds}


def main() -> int:
    """Read the request from stdin, print, answer on stdout; the exit code."""
    cancel = threading.Event()
    signal.signal(signal.SIGTERM, lambda _signal, _frame: cancel.set())
    signal.signal(signal.SIGINT, lambda _signal, _frame: cancel.set())
    request = pickle.load(sys.stdin.buffer)
    if not isinstance(request, PrintRequest):
        result: dict[str, Any] = {"error": "the PDF worker was given no request"}
    else:
        result = run(request, cancel)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
