"""Where each generated page lives under the docs folder, and links between pages.

Every page path is POSIX and relative to the docs folder (``handbook/``); the
PDF deck paths (:data:`PRINT_FOLDER`, :func:`domain_deck`, :func:`role_deck`) are
relative to the site folder, where the printing stage writes them and the pages
link to them. Links in generated Markdown point at ``.md`` source files, so
MkDocs (and Zensical) resolve and check them, whatever ``use_directory_urls`` says.
"""

from __future__ import annotations

import functools
import posixpath

INDEX_FOLDER = "all"
"""The generated folder of handbook-wide pages (all flows, review report, codes, assets)."""

ALL_FLOWS_PAGE = f"{INDEX_FOLDER}/index.md"
"""The filterable table of every flow."""

REVIEW_PAGE = f"{INDEX_FOLDER}/review.md"
"""The review report: overdue and soon due flows."""

DIAGNOSTICS_PAGE = f"{INDEX_FOLDER}/diagnostics.md"
"""The diagnostic code reference."""

ARCHIVE_PAGE = f"{INDEX_FOLDER}/archive.md"
"""The index of retired flows (document control)."""
VERIFY_FOLDER = "verify"
"""The folder of the pages printed cards' QR codes open, one per flow version."""
ASSETS_FOLDER = f"{INDEX_FOLDER}/assets"

INCLUDES_FOLDER = f"{INDEX_FOLDER}/includes"
"""Generated Markdown snippets for hand-written pages (excluded from the site's pages)."""

HOME_DOMAINS_SNIPPET = f"{INCLUDES_FOLDER}/home-domains.md"
"""The home page's table of domains and flows, included by ``handbook/index.md`` with
``--8<-- "all/includes/home-domains.md"`` (pymdownx.snippets, base path the docs folder)."""
"""CSS and JavaScript shipped with the generator (mkdocs.yml links them)."""

ROLES_FOLDER = "roles"
"""The folder of a domain's role pages."""


def _split(key: str) -> tuple[str, str]:
    """``domain/id`` into its two parts."""
    domain, _, item = key.partition("/")
    return domain, item


def domain_page(domain_id: str) -> str:
    """The domain page: ``<domain>/index.md``."""
    return f"{domain_id}/index.md"


def flow_page(flow_key: str) -> str:
    """The flow page: ``<domain>/<flow>/index.md`` (URL ``/<domain>/<flow>/``)."""
    domain, flow = _split(flow_key)
    return f"{domain}/{flow}/index.md"


def flow_diagram(flow_key: str) -> str:
    """The flow's diagram as a standalone file next to its page: ``<domain>/<flow>/diagram.svg``."""
    domain, flow = _split(flow_key)
    return f"{domain}/{flow}/diagram.svg"


DIAGRAM_FILE = "diagram.svg"
"""The standalone diagram's file name, as the flow page links to it."""


def sop_page(flow_key: str) -> str:
    """The SOP card: ``<domain>/<flow>/sop.md`` (URL ``/<domain>/<flow>/sop/``)."""
    domain, flow = _split(flow_key)
    return f"{domain}/{flow}/sop.md"


def role_page(role_key: str) -> str:
    """The role page: ``<domain>/roles/<role>/index.md`` (URL ``/<domain>/roles/<role>/``).

    An index page, as every page with raw HTML links is (the print link): MkDocs
    leaves a raw link as written, relative to the page's URL, while Zensical reads
    it relative to the source file; only for an index page are the two the same.
    """
    domain, role = _split(role_key)
    return f"{domain}/{ROLES_FOLDER}/{role}/index.md"


@functools.lru_cache(maxsize=65536)
def _relative(from_folder: str, to_page: str) -> str:
    """*to_page* relative to *from_folder* (both clean POSIX paths under the docs folder)."""
    source = from_folder.split("/") if from_folder else []
    target = to_page.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one page's source file to another's (optionally to an anchor)."""
    target = "" if to_page == from_page else _relative(posixpath.dirname(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


def url(page: str, *, use_directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) MkDocs gives a page source file."""
    stem = page.removesuffix(".md")
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def root_prefix(page: str, *, use_directory_urls: bool = True) -> str:
    """The relative prefix from a page's URL back to the site root (``../../``)."""
    return "../" * url(page, use_directory_urls=use_directory_urls).count("/")


# -- the printed decks, relative to the site folder ------------------------------------

PRINT_FOLDER = "print"
"""The folder of the decks in the built site."""

HANDBOOK_DECK = f"{PRINT_FOLDER}/handbook.pdf"
"""Every SOP card of the handbook, domain after domain."""

RESERVED_DOMAIN = "handbook"
"""The domain id whose deck would overwrite :data:`HANDBOOK_DECK`."""


def domain_deck(domain_id: str) -> str:
    """The SOP cards of one domain: ``print/<domain>.pdf``."""
    return f"{PRINT_FOLDER}/{domain_id}.pdf"


def flow_deck(flow_key: str) -> str:
    """One flow's SOP card, next to its page: ``<domain>/<flow>/<flow>.pdf``."""
    domain, flow = _split(flow_key)
    return f"{domain}/{flow}/{flow}.pdf"


def role_deck(role_key: str) -> str:
    """One role's card: ``print/roles/<domain>/<role>.pdf``."""
    domain, _, role = role_key.partition("/")
    return f"{PRINT_FOLDER}/roles/{domain}/{role}.pdf"
