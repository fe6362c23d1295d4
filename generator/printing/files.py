"""Where the printed decks are written, relative to the site folder (and linked from pages)."""

from __future__ import annotations

PRINT_FOLDER = "print"
"""The folder of the decks in the built site."""

HANDBOOK_DECK = f"{PRINT_FOLDER}/handbook.pdf"
"""Every SOP card of the handbook, domain after domain."""

RESERVED_DOMAIN = "handbook"
"""The domain id whose deck would overwrite :data:`HANDBOOK_DECK`."""


def domain_deck(domain_id: str) -> str:
    """The SOP cards of one domain: ``print/<domain>.pdf``."""
    return f"{PRINT_FOLDER}/{domain_id}.pdf"


def role_deck(role_key: str) -> str:
    """One role's card: ``print/roles/<domain>/<role>.pdf``."""
    domain, _, role = role_key.partition("/")
    return f"{PRINT_FOLDER}/roles/{domain}/{role}.pdf"
