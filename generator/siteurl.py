"""Whether printed cards can be verified: ``site_url`` must name where staff open the site.

The QR code and the online link of every printed SOP card point at
``<site_url>verify/<domain>/<flow>/<version>/``. Without ``site_url``, or with an
example domain left from a template (``example.com`` and friends, ``.invalid``,
``.test``, ``.example``), those codes lead nowhere: ``handbook build`` warns
(W420), and ``--strict`` makes it an error.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse
from collections.abc import Collection
from pathlib import Path

from generator.check import CheckResult
from generator.diagnostics import Diagnostic, Location, sorted_diagnostics
from generator.messages.text import msg
from generator.site.config import SiteConfig

EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
"""Second-level domains reserved for documentation (RFC 2606)."""
EXAMPLE_SUFFIXES = (".example", ".invalid", ".test")
"""Top-level domains reserved for examples and tests (RFC 2606)."""
_SITE_URL_LINE = re.compile(r"^site_url[ \t]*:[ \t]*", re.MULTILINE)


def is_placeholder_url(site_url: str) -> bool:
    """Whether *site_url* is an example address (or no web address at all)."""
    parsed = urllib.parse.urlsplit(site_url.strip())
    host = (parsed.hostname or "").lower().rstrip(".")
    if parsed.scheme not in ("http", "https") or not host:
        return True
    if any(host == domain or host.endswith("." + domain) for domain in EXAMPLE_DOMAINS):
        return True
    return host.endswith(EXAMPLE_SUFFIXES) or host in {suffix[1:] for suffix in EXAMPLE_SUFFIXES}


def _location(config_file: Path, display: str) -> Location:
    """Where ``site_url``'s value is in mkdocs.yml (the file's start when it is absent)."""
    try:
        source = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Location(display)
    match = _SITE_URL_LINE.search(source)
    if match is None:
        return Location(display)
    line = source.count("\n", 0, match.end()) + 1
    column = match.end() - (source.rfind("\n", 0, match.end()) + 1) + 1
    return Location(display, line, column)


def site_url_diagnostics(site: SiteConfig, display: str | None = None) -> list[Diagnostic]:
    """W420 when ``site_url`` is missing or an example address; else nothing."""
    shown = display or site.config_file.as_posix()
    if site.site_url is None:
        message = msg(
            "site_url is not set: printed QR codes and links cannot point at the handbook"
        )
    elif is_placeholder_url(site.site_url):
        message = msg(
            "site_url '{url}' is an example address: printed QR codes and links would lead nowhere",
            url=site.site_url,
        )
    else:
        return []
    return [Diagnostic("W420", message, _location(site.config_file, shown))]


def with_site_check(result: CheckResult, site: SiteConfig, ignore: Collection[str]) -> CheckResult:
    """*result* with the site_url diagnostic added (unless ignored), still sorted."""
    found = [d for d in site_url_diagnostics(site) if d.code not in ignore]
    if not found:
        return result
    return dataclasses.replace(
        result, diagnostics=tuple(sorted_diagnostics([*result.diagnostics, *found]))
    )
