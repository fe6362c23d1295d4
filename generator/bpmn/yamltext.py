"""Flow files written as YAML text by hand: every value quoted so YAML 1.1 reads it back as written.

Text goes out as a JSON string (a YAML double-quoted scalar: ``no`` stays
``"no"``, ``10:30`` stays text), or as a literal block when it spans lines and
a block keeps it exactly. Dates and ids are plain. The output reads like a
hand-written flow file, in the format's key order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/flow.schema.json"
"""The first line of a flow file: editors check it against the schema."""

_PLAIN_KEYS = {"id", "kind", "role", "accountable", "next", "flow", "owner", "status"}
_PLAIN = re.compile(r"[a-z][a-z0-9/-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def quoted(text: str) -> str:
    """*text* as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def _block_safe(text: str) -> bool:
    """Whether a literal block scalar gives back exactly *text*."""
    if "\n" not in text.rstrip("\n") or text.endswith("\n\n"):
        return False
    if text[:1].isspace() or any(character in text for character in "\t\r\ufeff"):
        return False
    return all(character.isprintable() or character == "\n" for character in text)


def _scalar(key: str, value: object, indent: str) -> str:
    """``key: value`` (or a literal block) at *indent*."""
    if isinstance(value, float):
        return f"{indent}{key}: {value!r}\n"
    text = str(value)
    if key in _PLAIN_KEYS and _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return f"{indent}{key}: {text}\n"
    if _block_safe(text):
        chomp = "" if text.endswith("\n") else "-"
        body = "".join(
            f"{indent}  {line}\n" if line else "\n" for line in text.rstrip("\n").split("\n")
        )
        return f"{indent}{key}: |{chomp}\n{body}"
    return f"{indent}{key}: {quoted(text)}\n"


def _mapping(record: dict[str, object], indent: str, first_prefix: str) -> str:
    """A mapping as block YAML, the first key after *first_prefix* (``- `` for list items)."""
    out: list[str] = []
    for number, (key, value) in enumerate(record.items()):
        prefix = first_prefix if number == 0 else indent
        if isinstance(value, list | tuple):
            if not value:
                continue
            if all(isinstance(item, dict) for item in value):
                out.append(f"{prefix}{key}:\n")
                for item in value:
                    assert isinstance(item, dict)
                    out.append(_mapping(item, indent + "    ", indent + "  - "))
            else:
                out.append(f"{prefix}{key}:\n")
                out.extend(f"{indent}  - {quoted(str(item))}\n" for item in value)
        else:
            line = _scalar(key, value, indent)
            out.append(prefix + line[len(indent) :])
    return "".join(out)


def flow_yaml(
    *,
    title: str,
    summary: str,
    owner: str,
    version: str,
    effective: dt.date,
    review: dt.date,
    trigger: str | None,
    outcome: str | None,
    tags: Sequence[str],
    steps: Sequence[dict[str, object]],
    source_note: str,
) -> str:
    """The text of a draft flow file."""
    head: dict[str, object] = {
        "title": title,
        "summary": summary,
        "owner": owner,
        "version": version,
        "status": "draft",
    }
    out = [SCHEMA_LINE + "\n", f"# {source_note}\n", _mapping(head, "", "")]
    out.append(f"effective: {effective.isoformat()}\n")
    out.append(f"review: {review.isoformat()}\n")
    rest: dict[str, object] = {}
    if trigger is not None:
        rest["trigger"] = trigger
    if outcome is not None:
        rest["outcome"] = outcome
    if tags:
        rest["tags"] = list(tags)
    out.append(_mapping(rest, "", ""))
    out.append("steps:\n")
    out.extend(_mapping(step, "    ", "  - ") for step in steps)
    return "".join(out)


def role_entries(roles: Sequence[tuple[str, str]], indent: str) -> str:
    """Role entries to append to a roles.yaml list whose items start at *indent*."""
    return "".join(
        f"{indent}- id: {role_id}\n{indent}  name: {quoted(name)}\n" for role_id, name in roles
    )
