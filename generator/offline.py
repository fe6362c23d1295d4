"""``handbook build --offline``: a site that works opened from ``file://`` with no network.

For a ward or a ship's bridge: the site folder is copied to a machine without
network and opened in a browser from the file system. What that takes:

* **Page URLs that name files** (``use_directory_urls: false``): ``port/berthing.html``
  rather than ``port/berthing/``, which a browser shows as a folder listing from
  ``file://``. The generator writes its raw HTML links (print links, diagrams)
  for that URL style too, so the pages are generated with it.
* **Search without a server**: Material's ``offline`` plugin inlines the search
  index into ``search/search_index.js``; the search runs in a Web Worker, which
  ``file://`` pages cannot start, so the ``iframe-worker`` shim stands in for it.
  The plugin would load the shim from a CDN: the generator ships it
  (``all/assets/iframe-worker.js``) and names it in ``extra.polyfills`` instead.
* **No fonts or scripts from elsewhere**: ``theme.font`` is set to ``false``
  (else Material loads Google Fonts); the generator's own pages load nothing.

The PDF decks and the diagrams (inline SVG) need nothing more.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.render import paths
from generator.site.config import SiteConfig

POLYFILL = f"{paths.ASSETS_FOLDER}/iframe-worker.js"
"""The Web Worker shim for ``file://`` pages, shipped in ``generator/assets``."""


class OfflineError(BuildError):
    """The configuration cannot make an offline site; the message is one line."""

    stage = "offline"


def offline_site(site: SiteConfig) -> SiteConfig:
    """*site* built for ``file://``: file URLs (the pages' raw links are generated for them)."""
    return dataclasses.replace(site, use_directory_urls=False, offline=True)


def mkdocs_overrides(config_file: Path) -> dict[str, Any]:
    """The MkDocs settings that make *config_file*'s site work offline.

    ``theme``, ``plugins`` and ``extra`` replace the file's own (MkDocs overrides
    whole keys), so they are the file's with fonts off, the ``offline`` plugin and
    the shim added.
    """
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as source:
            config = yaml_load(source)
    except Exception as error:  # MkDocs reports YAML and INHERIT problems in many types
        raise OfflineError(f"cannot read {config_file}: {error}") from None
    theme = config.get("theme") or {"name": "material"}
    theme = {**theme, "font": False} if isinstance(theme, dict) else {"name": theme, "font": False}
    plugins: Any = config.get("plugins", ["search"])
    if isinstance(plugins, dict):
        plugins = {**plugins, "offline": plugins.get("offline") or {}}
    else:
        names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in plugins]
        plugins = list(plugins) if "offline" in names else [*plugins, "offline"]
    extra = dict(config.get("extra") or {})
    polyfills = [script for script in extra.get("polyfills", []) if "iframe-worker" not in script]
    extra["polyfills"] = [*polyfills, POLYFILL]
    return {"use_directory_urls": False, "theme": theme, "plugins": plugins, "extra": extra}
