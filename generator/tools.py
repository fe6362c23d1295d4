"""The system tools and fonts a build needs, checked before anything is written.

Each check either returns quietly or raises :class:`MissingToolError` with one
line that names the Debian package to install, so ``handbook build`` can stop
with exit code 1 before a single file changes:

- Graphviz ``dot`` (diagrams): ``graphviz`` (the check itself lives with the
  diagram runner, :func:`generator.diagrams.graphviz.find_dot`);
- a CJK font (diagram layout measures Chinese text with it; PDFs embed it):
  ``fonts-noto-cjk``, found with ``fc-list :lang=zh``.

Chromium, which the PDF stage prints with, is looked for by that stage
(:func:`generator.printing.chromium.find_chromium`, naming ``chromium``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from generator.errors import HandbookError

CJK_FONT_PACKAGE = "fonts-noto-cjk"
"""The Debian package that provides the CJK fonts the diagrams name."""

_CJK_TEXT = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_CJK_FONT_FILE = re.compile(r"cjk|wqy|wenquanyi|sourcehan|droidsansfallback|simsun|msyh", re.I)
_FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local" / "share" / "fonts",
)


class MissingToolError(HandbookError):
    """A tool or font the build needs is not installed; the message names the package.

    Its stage is the one that needed the tool (see :func:`generator.errors.in_stage`).
    """


def has_cjk(text: str) -> bool:
    """Whether *text* holds Chinese, Japanese or Korean characters (which need a CJK font)."""
    return _CJK_TEXT.search(text) is not None


def require_cjk_font() -> None:
    """Raise :class:`MissingToolError` unless fontconfig knows a font covering Chinese."""
    if not _cjk_font_installed(os.environ.get("FONTCONFIG_FILE"), os.environ.get("PATH")):
        raise MissingToolError(
            "no font with Chinese characters found (`fc-list :lang=zh` lists none): "
            f"install {CJK_FONT_PACKAGE} (apt-get install {CJK_FONT_PACKAGE})"
        )


@functools.lru_cache(maxsize=8)
def _cjk_font_installed(fontconfig_file: str | None, search_path: str | None) -> bool:
    """Ask ``fc-list``; without it, look for CJK font files in the usual folders.

    Remembered per fontconfig file and PATH (the arguments are the cache key), so
    ``handbook serve`` asks once.
    """
    del fontconfig_file  # part of the cache key only: fc-list reads it from the environment
    fc_list = shutil.which("fc-list", path=search_path)
    if fc_list is None:
        return any(
            _CJK_FONT_FILE.search(path.name)
            for folder in _FONT_FOLDERS
            if folder.is_dir()
            for path in folder.rglob("*")
        )
    try:
        completed = subprocess.run(
            [fc_list, ":lang=zh", "file"],
            capture_output=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return completed.returncode == 0 and bool(completed.stdout.strip())


__all__ = [
    "CJK_FONT_PACKAGE",
    "MissingToolError",
    "has_cjk",
    "require_cjk_font",
]
