"""Helpers to write small flows trees for tests."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

DOMAIN_YAML = "title: 港口业务\nsummary: 码头作业\nowner: port-manager\n"
ROLES_YAML = (
    "roles:\n  - id: port-manager\n    name: 港口经理\n  - id: dispatcher\n    name: 生产调度\n"
)


def write_tree(root: Path, files: dict[str, str | bytes], *, with_domain: bool = True) -> Path:
    """Write *files* (path under flows/ -> content) and a valid port domain; return flows/."""
    flows = root / "flows"
    every: dict[str, str | bytes] = {}
    if with_domain:
        every.update({"port/domain.yaml": DOMAIN_YAML, "port/roles.yaml": ROLES_YAML})
    every.update(files)
    for name, content in every.items():
        path = flows / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return flows


def flow_yaml(steps: str = "", **overrides: str) -> str:
    """A valid flow file; keys can be overridden (value text as written in YAML)."""
    keys = {
        "title": "船舶靠泊",
        "summary": "船舶安全靠泊",
        "owner": "dispatcher",
        "version": '"1.0"',
        "status": "approved",
        "effective": "2026-01-01",
        "review": "2027-06-30",
    }
    keys.update(overrides)
    body = "".join(f"{key}: {value}\n" for key, value in keys.items())
    default_steps = (
        "  - id: plan\n    name: 生成计划\n    role: dispatcher\n    checklist: [核对船期]\n"
        "  - id: done\n    kind: end\n    name: 完成\n"
    )
    return body + "steps:\n" + (steps or default_steps) + _history(keys)


def _history(keys: dict[str, str]) -> str:
    """The one revision an approved flow records (FORMAT v1.1), when its keys allow one."""
    version = keys["version"].strip("\"'")
    try:
        dt.date.fromisoformat(keys["effective"])
    except ValueError:
        return ""
    if keys["status"] != "approved" or not re.fullmatch(r"[0-9]+(\.[0-9]+)*", version):
        return ""
    return (
        f'history:\n  - version: "{version}"\n    date: {keys["effective"]}\n'
        "    approved_by: 运营总监\n    summary: 首次发布\n"
    )
