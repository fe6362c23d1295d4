"""Zensical as the second site engine (``handbook build --engine zensical``).

Zensical, Material for MkDocs' successor, reads ``mkdocs.yml`` (and ``INHERIT``,
so the generated navigation) but runs no MkDocs plugins or hooks. The generator
writes its pages as plain files, so the same docs folder builds with either
engine. Zensical runs in a process of its own (``python -m zensical build``:
its Rust runtime keeps global state and takes Ctrl+C its own way), with a small
configuration file beside ``mkdocs.yml`` that inherits it and points
``docs_dir`` and ``site_dir`` where the build wants them (Zensical has no
command-line overrides). Zensical insists that both lie inside the project
folder, given relative to it (0.0.73 panics on an absolute ``docs_dir``): a
site folder elsewhere is built inside the project and moved out.

What differs from MkDocs, and why, is listed in ``handbook/dev/engines.md``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from generator.errors import BuildError
from generator.render.theme import DOCS_DIR_VARIABLE
from generator.site.config import SiteConfig, load_site_config

ZENSICAL_VERSION = "0.0.73"
"""The Zensical version the generator is tested with (newer ones need ``zensical-ui``)."""

BUILD_TIMEOUT_SECONDS = 3600
"""Longest a Zensical build may take before it counts as hung."""

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_PROBLEM = re.compile(r"^(Warning|Error):\s*(.+)$")
_LOCATION = re.compile(r"\[\s*(\S+:\d+:\d+)\s*\]")


class ZensicalError(BuildError):
    """Zensical is missing or its build failed; the message is one line."""

    stage = "zensical"


class ZensicalEngine:
    """The :class:`~generator.site.engine.SiteEngine` that runs Zensical in a process of its own."""

    name = "zensical"
    """The engine's name on the command line."""

    def read_config(self, project_root: Path, config_file: Path | None = None) -> SiteConfig:
        """mkdocs.yml's settings the generator needs (Zensical reads the same file)."""
        return load_site_config(project_root, config_file)

    def build(
        self,
        site: SiteConfig,
        *,
        docs_dir: Path,
        output: Path,
        strict: bool,
        epoch: int,
        cache_dir: Path | None = None,
    ) -> None:
        """``zensical build`` of *docs_dir* into *output*; a :class:`ZensicalError` on failure.

        *cache_dir* (the generator's caches of MkDocs' work) plays no part: Zensical
        keeps its own cache in the project's ``.cache/``.
        """
        if site.offline:
            raise ZensicalError("--offline works with the mkdocs engine only")
        build_with_zensical(
            site.config_file, docs_dir=docs_dir, output=output, strict=strict, epoch=epoch
        )


def problem_line(output: str) -> str:
    """The first problem Zensical reported in *output*, on one line with its location."""
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    for index, line in enumerate(lines):
        found = _PROBLEM.match(line)
        if found:
            message = found.group(2)
            for following in lines[index + 1 : index + 4]:
                location = _LOCATION.search(following)
                if location:
                    return f"{message} ({location.group(1)})"
            return message
    text = [line for line in lines if line]
    return text[-1] if text else "zensical stopped without a message"


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def build_with_zensical(
    config_file: Path, *, docs_dir: Path, output: Path, strict: bool, epoch: int
) -> None:
    """Build *docs_dir* with the settings of *config_file* into the new folder *output*.

    Raises :class:`ZensicalError` when Zensical is not installed or the build
    fails (with *strict*, on its first warning); lets ``KeyboardInterrupt``
    through after stopping the Zensical process.
    """
    if find_spec("zensical") is None:
        raise ZensicalError(
            f"Zensical is not installed: pip install 'zensical=={ZENSICAL_VERSION}'"
        )
    root = config_file.parent.resolve()
    output = output.resolve()
    docs_dir = docs_dir.resolve()
    if not _within(docs_dir, root):
        raise ZensicalError(f"the docs folder {docs_dir} must be inside {root} for Zensical")
    target = output if _within(output, root) else root / f".{output.name}.zensical"
    if target != output:
        shutil.rmtree(target, ignore_errors=True)  # left by a build cut short
    settings = root / f".{config_file.stem}.zensical.yml"
    settings.write_text(
        f"# Written by handbook build for Zensical; deleted after the build.\n"
        f"INHERIT: {json.dumps(config_file.name)}\n"
        f"docs_dir: {json.dumps(docs_dir.relative_to(root).as_posix())}\n"
        f"site_dir: {json.dumps(target.relative_to(root).as_posix())}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "zensical", "build", "-f", str(settings), "--clean"]
    if strict:
        command.append("--strict")
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(epoch),
        "NO_COLOR": "1",
        DOCS_DIR_VARIABLE: str(docs_dir),  # mkdocs.yml's snippets base_path (!ENV)
    }
    try:
        with subprocess.Popen(
            command,
            cwd=root,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as process:
            try:
                output_text, _ = process.communicate(timeout=BUILD_TIMEOUT_SECONDS)
            except BaseException:
                process.kill()
                process.wait()
                raise
    except subprocess.TimeoutExpired:
        raise ZensicalError(f"no result after {BUILD_TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise ZensicalError(f"cannot run Zensical: {error.strerror or error}") from None
    finally:
        settings.unlink(missing_ok=True)
    if process.returncode != 0:
        if target != output:
            shutil.rmtree(target, ignore_errors=True)
        raise ZensicalError(" ".join(problem_line(output_text).split()))
    if target != output:
        shutil.rmtree(output, ignore_errors=True)
        shutil.move(target, output)


__all__ = ["ZensicalEngine", "ZensicalError", "build_with_zensical", "problem_line"]
