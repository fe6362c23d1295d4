"""MkDocs as the site engine: config reading and one build into a staging folder.

MkDocs (with the Material theme and its plugins) turns the docs folder into the
site. The build runs with SOURCE_DATE_EPOCH set (the sitemap's dates) and the
docs and site folders overridden; every failure (an error in MkDocs, a plugin,
a hook or a theme template, a full disk) becomes one line of stage ``mkdocs``,
preceded by the first warning or error MkDocs logged, which says why it stopped.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.site.reuse import reused_work
from generator.site.config import SiteConfig, load_site_config
from generator.site.epoch import epoch_set
from generator.render.theme import docs_dir_environment


def quiet_jieba() -> None:
    """Keep jieba's dictionary-loading chatter (the search plugin's Chinese) out of the output."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    with contextlib.suppress(ImportError):
        import jieba

        jieba.setLogLevel(logging.WARNING)


class MkDocsEngine:
    """The :class:`~generator.site.engine.SiteEngine` that runs MkDocs in this process."""

    name = "mkdocs"
    """The engine's name on the command line."""

    def read_config(self, project_root: Path, config_file: Path | None = None) -> SiteConfig:
        """mkdocs.yml's settings the generator needs (read before MkDocs can load it)."""
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
        """``mkdocs build`` of *docs_dir* into *output*; a :class:`BuildError` on failure.

        With *cache_dir*, work of earlier builds is reused (:mod:`generator.site.reuse`).
        """
        from mkdocs import exceptions
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        quiet_jieba()
        overrides: dict[str, Any] = {"docs_dir": str(docs_dir), "site_dir": str(output)}
        if site.offline:
            from generator.offline import mkdocs_overrides

            overrides.update(mkdocs_overrides(site.config_file))
        if strict:
            overrides["strict"] = True
        first_problem = _FirstProblem()
        mkdocs_logger = logging.getLogger("mkdocs")
        mkdocs_logger.addHandler(first_problem)
        try:
            with epoch_set(epoch), docs_dir_environment(docs_dir):
                config = load_config(config_file=str(site.config_file), **overrides)
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    with reused_work(
                        config,
                        overrides,
                        config_file=site.config_file,
                        docs_dir=docs_dir,
                        cache_dir=cache_dir,
                    ):
                        build(config)
                finally:
                    config.plugins.on_shutdown()
        except Exception as error:
            message = mkdocs_message(error, exceptions.MkDocsException)
            if first_problem.message and first_problem.message not in message:
                message = f"{first_problem.message} ({message})"
            raise BuildError(message, stage="mkdocs") from None
        finally:
            mkdocs_logger.removeHandler(first_problem)


class _FirstProblem(logging.Handler):
    """Remembers the first warning or error MkDocs logs: it says why MkDocs aborted."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.message: str | None = None
        """The first problem's message, on one line."""

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the first record's message."""
        if self.message is None:
            self.message = " ".join(record.getMessage().split())


def mkdocs_message(error: Exception, expected: type[Exception]) -> str:
    """One line for an error MkDocs (or a plugin, hook or theme template) raised."""
    message = " ".join(str(error).split())
    if isinstance(error, expected | OSError):
        return message or type(error).__name__
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


__all__ = ["MkDocsEngine", "mkdocs_message", "quiet_jieba"]
