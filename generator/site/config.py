"""The few settings of mkdocs.yml the generator needs, read before the site engine runs.

MkDocs cannot load mkdocs.yml before the generator has written the navigation
file it inherits, so the generator reads the file itself, tolerating the tags
MkDocs configurations use (``!ENV``, ``!!python/name:...``). Zensical reads the
same mkdocs.yml, so the settings here are the engines' common ground.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import HandbookError
from generator.i18n import handbook_language


class SiteConfigError(HandbookError):
    """mkdocs.yml is missing or unusable; the message says what to fix."""

    stage = "config"


CONFIG_FILE = "mkdocs.yml"
"""The site configuration, in the project folder."""


class TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads unknown tags (``!ENV``, Python names) as plain values.

    MkDocs configurations use such tags; whoever reads mkdocs.yml before MkDocs
    does (this module, :mod:`generator.metrics.config`) reads it with this loader.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return None


TolerantLoader.add_multi_constructor("!", _any_tag)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class SiteConfig:
    """What the generator takes from mkdocs.yml."""

    config_file: Path
    """The mkdocs.yml file."""
    docs_dir: Path
    """The docs folder (``docs_dir``), absolute."""
    site_dir: Path
    """The output folder (``site_dir``), absolute."""
    nav_file: Path
    """The navigation file the generator writes (the ``INHERIT`` target), absolute."""
    language: str
    """The handbook language: ``extra.handbook.language``, else ``theme.language``."""
    site_url: str | None
    """``site_url``, for SOP card QR codes."""
    use_directory_urls: bool
    """MkDocs' URL style."""
    offline: bool = False
    """Build for ``file://`` with no network (``--offline``, :mod:`generator.offline`)."""


def read_site_config(config_file: Path) -> SiteConfig:
    """Read *config_file*; raise :class:`SiteConfigError` with a one-line reason."""
    try:
        source = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SiteConfigError(f"{config_file} not found: the project needs an mkdocs.yml") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SiteConfigError(f"cannot read {config_file}: {error}") from None
    try:
        settings = yaml.load(source, Loader=TolerantLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise SiteConfigError(f"{config_file}{where}: not valid YAML") from None
    if not isinstance(settings, dict):
        raise SiteConfigError(f"{config_file}: expected a mapping of settings")
    base = config_file.parent
    inherit = settings.get("INHERIT")
    if not isinstance(inherit, str) or not inherit.strip():
        raise SiteConfigError(
            f"{config_file}: add 'INHERIT: handbook/.generated-nav.yml'; the generator writes"
            " the navigation into that file"
        )
    if "nav" in settings:
        raise SiteConfigError(
            f"{config_file}: remove 'nav': the generator writes the navigation into {inherit}"
        )
    theme = settings.get("theme")
    theme_language = theme.get("language") if isinstance(theme, dict) else None
    extra = settings.get("extra")
    handbook_extra = extra.get("handbook") if isinstance(extra, dict) else None
    chosen = handbook_extra.get("language") if isinstance(handbook_extra, dict) else None
    try:
        language = handbook_language(_optional_text(chosen or theme_language))
    except ValueError as error:
        raise SiteConfigError(f"{config_file}: {error}") from None
    site_url = settings.get("site_url")
    return SiteConfig(
        config_file=config_file,
        docs_dir=(base / str(settings.get("docs_dir") or "docs")).resolve(),
        site_dir=(base / str(settings.get("site_dir") or "site")).resolve(),
        nav_file=(base / inherit.strip()).resolve(),
        language=language,
        site_url=site_url if isinstance(site_url, str) and site_url.strip() else None,
        use_directory_urls=settings.get("use_directory_urls", True) is not False,
    )


def load_site_config(project_root: Path, config_file: Path | None = None) -> SiteConfig:
    """Read the project's site configuration (*config_file*, else ``<project>/mkdocs.yml``)."""
    return read_site_config(config_file or project_root / CONFIG_FILE)


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


__all__ = ["CONFIG_FILE", "SiteConfig", "SiteConfigError", "load_site_config", "read_site_config"]
