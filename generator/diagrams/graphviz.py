"""The one place that runs Graphviz: many graphs per ``dot`` process, processes in parallel.

Starting ``dot`` costs more than laying out a typical flow (process and font
start-up), so graphs are sent in batches: one process reads many graphs from
its standard input and writes one SVG document after another, which are split
on the XML prolog. Batches run in parallel threads, each waiting on its own
process. Batch size is capped, because a ``dot`` process keeps every graph it
has read in memory (about 300 MB at 3,000 graphs).

Every failure becomes a :class:`~generator.diagrams.errors.DiagramError` with
a one-line message: ``dot`` missing, crashing, timing out, or rejecting a graph.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from generator.diagrams.errors import DiagramError

INSTALL_HINT = "install it with `apt-get install graphviz`"
"""How a user gets Graphviz (the message names the Debian package)."""

_PROLOG = "<?xml"
_ERROR = "Error:"


def find_dot() -> str:
    """The path of the ``dot`` executable on PATH.

    Raises DiagramError when there is none.
    """
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(f"Graphviz 'dot' not found on PATH: {INSTALL_HINT}")
    return dot


def dot_version(dot: str) -> str:
    """The version line ``dot -V`` prints, e.g. ``dot - graphviz version 2.43.0 (0)``.

    Remembered per executable (path, size and modification time), so a long-running
    process asks once. Raises DiagramError when ``dot`` cannot be run.
    """
    try:
        status = os.stat(dot)
    except OSError as error:
        raise DiagramError(f"cannot run Graphviz '{dot}': {error.strerror}") from None
    return _version(dot, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _version(dot: str, size: int, mtime_ns: int) -> str:
    """Run ``dot -V`` (cached by path, size and modification time)."""
    del size, mtime_ns  # part of the cache key only
    try:
        completed = subprocess.run(
            [dot, "-V"], capture_output=True, timeout=30, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DiagramError(f"cannot run Graphviz '{dot} -V': {error}") from None
    text = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()
    if completed.returncode != 0 or not text:
        raise DiagramError(f"Graphviz '{dot} -V' failed: {_first_line(text)}; {INSTALL_HINT}")
    return text.splitlines()[0]


def batches(keys: Sequence[str], *, jobs: int, batch_size: int) -> list[list[str]]:
    """Split *keys* into evenly sized batches, none above *batch_size*.

    The number of batches is a multiple of *jobs* (when there are enough keys),
    so every job gets the same share and no core idles at the end.
    """
    if not keys:
        return []
    jobs = max(jobs, 1)
    count = -(-len(keys) // max(batch_size, 1))
    count = min(-(-count // jobs) * jobs, len(keys))
    size, extra = divmod(len(keys), count)
    result: list[list[str]] = []
    start = 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        result.append(list(keys[start:end]))
        start = end
    return result


def render_batches(
    dot: str,
    sources: dict[str, str],
    groups: list[list[str]],
    *,
    jobs: int,
    timeout: float,
    finish: Callable[[str, str], str],
) -> dict[str, str]:
    """Render each group of sources with one ``dot -Tsvg`` process, *jobs* at a time.

    ``finish(key, document)`` turns each SVG document into the result; it runs
    in the batch's thread as soon as its ``dot`` is done, while other batches
    are still being laid out. Raises DiagramError on the first failing batch
    (in batch order, so the message does not depend on timing).
    """
    if not groups:
        return {}

    def work(group: list[str]) -> dict[str, str]:
        documents = _render_group(dot, sources, group, timeout)
        return {key: finish(key, documents[key]) for key in group}

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(groups)))) as pool:
        futures = [pool.submit(work, group) for group in groups]
        results: dict[str, str] = {}
        for future in futures:
            results.update(future.result())
    return results


def _render_group(
    dot: str, sources: dict[str, str], group: list[str], timeout: float
) -> dict[str, str]:
    """One ``dot`` process for the graphs of *group*.

    When the process fails, each graph is rendered on its own, so the message
    names the graph to blame (and a batch that failed for another reason, such
    as memory, still completes).
    """
    stdin = "".join(sources[key] for key in group).encode("utf-8")
    returncode, stdout, stderr = _run_dot(dot, stdin, timeout, _describe(group))
    documents = _split_documents(stdout)
    if returncode == 0 and len(documents) == len(group) and _ERROR not in stderr:
        return dict(zip(group, documents, strict=True))
    if len(group) > 1:
        rendered: dict[str, str] = {}
        for key in group:
            rendered.update(_render_group(dot, sources, [key], timeout))
        return rendered
    errors = [line for line in stderr.splitlines() if _ERROR in line]
    reason = (errors[0].strip() if errors else _first_line(stderr)) or f"exit status {returncode}"
    if returncode < 0:
        reason = f"killed by signal {-returncode}"
    raise DiagramError(f"Graphviz 'dot' failed on {_describe(group)}: {reason}")


def _run_dot(dot: str, stdin: bytes, timeout: float, what: str) -> tuple[int, str, str]:
    """Run ``dot -Tsvg`` on *stdin*; return (exit status, output, error output)."""
    try:
        completed = subprocess.run(
            [dot, "-Tsvg"], input=stdin, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz 'dot' did not finish {what} within {timeout:g} s"
            " (use smaller batches or a longer timeout)"
        ) from None
    except FileNotFoundError:
        raise DiagramError(f"Graphviz 'dot' not found at {dot}: {INSTALL_HINT}") from None
    except OSError as error:
        raise DiagramError(f"cannot run Graphviz 'dot' ({what}): {error}") from None
    return (
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def _split_documents(output: str) -> list[str]:
    """The SVG documents in concatenated ``dot`` output (each starts with the XML prolog)."""
    return [_PROLOG + part for part in output.split(_PROLOG)[1:]]


def _describe(group: list[str]) -> str:
    """Name a batch in a message: the one key, or the count and first and last keys."""
    if len(group) == 1:
        return f"the diagram of '{group[0]}'"
    return f"a batch of {len(group)} diagrams ('{group[0]}' … '{group[-1]}')"


def _first_line(text: str) -> str:
    """The first non-empty line of *text*, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
