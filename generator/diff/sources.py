"""The two sides of a diff: a folder holding (or being) a `flows/` tree, or a git revision.

A side names a folder when that folder exists (``old-flows/``, ``../v1``): its
``flows/`` subfolder when it has one, else the folder itself. Otherwise it is a
revision of the git repository around the working directory (``main``,
``HEAD~1``, a tag, a commit): the ``flows/`` tree of that revision is read with
``git`` itself (``git rev-parse``, ``git ls-tree``, ``git cat-file --batch``)
into a temporary folder and loaded like any other. Messages and annotations
name files by their path in the repository (``flows/port/berthing.yaml``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.check import check_flows
from generator.diagnostics import Diagnostic, Severity
from generator.errors import EXIT_USAGE, HandbookError
from generator.messages.text import msg
from generator.model import Handbook

GIT_TIMEOUT = 120.0
"""Seconds any one git command may take."""


class SourceError(HandbookError):
    """A side cannot be read (no such folder or revision, shallow clone, no git): exit 2."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Side:
    """One side of the diff, loaded and validated."""

    name: str
    """How the side was named on the command line."""
    handbook: Handbook
    """What was loaded."""
    diagnostics: tuple[Diagnostic, ...]
    """Loader and validator diagnostics (paths as :attr:`display_root` names them)."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that are errors."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


def _git(repository: Path, *arguments: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """Run git in *repository*: exit code, standard output, first line of standard error."""
    try:
        process = subprocess.run(
            ["git", "-C", str(repository), *arguments],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise SourceError(
            msg("git is not installed; install git, or compare two folders")
        ) from None
    except subprocess.TimeoutExpired:
        message = msg(
            "git {command} took longer than {seconds} s",
            command=arguments[0],
            seconds=f"{GIT_TIMEOUT:.0f}",
        )
        raise SourceError(message) from None
    error_lines = process.stderr.decode("utf-8", "replace").strip().splitlines()
    return process.returncode, process.stdout, error_lines[0] if error_lines else ""


def _repository_top(cwd: Path) -> Path | None:
    code, output, _ = _git(cwd, "rev-parse", "--show-toplevel")
    return Path(output.decode("utf-8").strip()) if code == 0 else None


def _resolve_revision(top: Path, revision: str) -> str:
    """The commit id of *revision*, or a SourceError saying why there is none."""
    code, output, _ = _git(
        top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if code == 0:
        return output.decode("ascii").strip()
    _, shallow, _ = _git(top, "rev-parse", "--is-shallow-repository")
    if shallow.strip() == b"true":
        raise SourceError(
            msg(
                "revision '{revision}' is not in this shallow clone: fetch more history"
                " (git fetch --deepen=50, or git fetch --unshallow) and run again",
                revision=revision,
            )
        )
    raise SourceError(
        msg("'{name}' is neither a folder nor a revision of the git repository", name=revision)
    )


def _tree_files(top: Path, commit: str, prefix: str) -> list[tuple[str, str]]:
    """(object id, path) of every file under *prefix* in *commit*."""
    pathspec = ["--", prefix] if prefix != "." else []
    code, output, message = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, *pathspec)
    if code != 0:
        raise SourceError(msg("git {command} failed: {reason}", command="ls-tree", reason=message))
    files = []
    for entry in output.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, object_id = meta.split(" ")
        if kind == "blob" and mode != "120000":
            files.append((object_id, path))
    return files


def _write_blobs(top: Path, files: list[tuple[str, str]], prefix: str, target: Path) -> None:
    """Write the files' contents under *target*, paths taken relative to *prefix*."""
    request = "".join(f"{object_id}\n" for object_id, _ in files).encode("ascii")
    code, output, message = _git(top, "cat-file", "--batch", stdin=request)
    if code != 0:
        raise SourceError(msg("git {command} failed: {reason}", command="cat-file", reason=message))
    position = 0
    for _, path in files:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split(b" ")
        if len(header) != 3:
            reason = header[-1].decode("utf-8", "replace")
            raise SourceError(msg("git cannot read {path}: {reason}", path=path, reason=reason))
        size = int(header[2])
        content = output[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        relative = PurePosixPath(path)
        if prefix != ".":
            relative = relative.relative_to(prefix)
        destination = target.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)


def _flows_prefix(top: Path, cwd: Path, flows: str) -> str:
    """The repository path of the flows folder *flows* (relative to *cwd*)."""
    absolute = (cwd / flows).resolve()
    try:
        relative = absolute.relative_to(top.resolve())
    except ValueError:
        message = msg("flows folder '{flows}' is outside the git repository", flows=flows)
        raise SourceError(message) from None
    return relative.as_posix()


def _load(name: str, folder: Path, display_root: str, today: dt.date) -> Side:
    result = check_flows(folder, today=today, display_root=display_root)
    return Side(name, result.handbook, result.diagnostics)


def read_side(name: str, *, flows: str = "flows", cwd: Path | None = None, today: dt.date) -> Side:
    """Load the side *name*: a folder, or a revision of the repository around *cwd*.

    *flows* is where the flows tree lives in the repository, relative to *cwd*
    (for revisions). Raises SourceError when the side cannot be read.
    """
    cwd = cwd or Path.cwd()
    folder = cwd / name
    if folder.is_dir():
        display = PurePosixPath(Path(name).as_posix())
        if (folder / "flows").is_dir():
            return _load(name, folder / "flows", str(display / "flows"), today)
        return _load(name, folder, str(display), today)
    top = _repository_top(cwd)
    if top is None:
        raise SourceError(
            msg("'{name}' is not a folder (and this is not a git repository)", name=name)
        )
    commit = _resolve_revision(top, name)
    prefix = _flows_prefix(top, cwd, flows)
    files = _tree_files(top, commit, prefix)
    if not files:
        raise SourceError(
            msg("revision '{revision}' has no '{folder}' folder", revision=name, folder=prefix)
        )
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as temporary:
        tree = Path(temporary) / "flows"
        _write_blobs(top, files, prefix, tree)
        return _load(name, tree, prefix, today)
