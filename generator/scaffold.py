"""``handbook new DOMAIN/FLOW``: write a small, valid draft flow to start from.

The flow file gets three steps (two tasks with checklists, one end), Chinese
placeholder text marked ``TODO``, ``effective`` today and ``review`` a year on.
The domain's ``domain.yaml`` and ``roles.yaml`` are written too when missing;
when they exist, the new flow uses their roles. Nothing existing is overwritten.
Every file starts with the ``yaml-language-server`` line that points editors at
the JSON Schema under ``schema/`` beside ``flows/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import HandbookError
from generator.messages.text import msg
from generator.spec import ID_RE

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
"""The first line of every written file; the path is relative to ``flows/<domain>/``."""

NEW_OWNER_ROLE = ("process-owner", "流程负责人")
"""The accountable role written into a new roles.yaml: (id, name)."""
NEW_WORKER_ROLE = ("operator", "经办岗位")
"""The role doing the work, written into a new roles.yaml: (id, name)."""


class ScaffoldError(HandbookError):
    """The flow cannot be scaffolded; the message is one line for the user."""

    stage = "scaffold"


@dataclass(frozen=True)
class _Staffing:
    """Which roles the new flow uses."""

    owner: str
    """The role owning the document and answering for the work (A)."""
    worker: str
    """The role doing the tasks (R)."""


def _check_id(kind: str, value: str) -> None:
    """Refuse ids that are not kebab-case ASCII."""
    if not ID_RE.fullmatch(value):
        template = (
            "invalid domain id '{value}': use kebab-case ASCII (lowercase letters, digits "
            "and single '-'), e.g. 'container-import'"
            if kind == "domain"
            else "invalid flow id '{value}': use kebab-case ASCII (lowercase letters, digits "
            "and single '-'), e.g. 'container-import'"
        )
        raise ScaffoldError(msg(template, value=value))


def _read_mapping(path: Path) -> dict[str, object]:
    """Read a YAML mapping with every scalar kept as text (``no`` stays ``"no"``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        document = yaml.load(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ScaffoldError(
            msg(
                "cannot read {path}: {problem}; run 'handbook validate'",
                path=path.as_posix(),
                problem=first_line,
            )
        ) from None
    return document if isinstance(document, dict) else {}


def _existing_role_ids(roles_path: Path) -> list[str]:
    """The role ids a roles.yaml defines, in file order (bad entries skipped)."""
    roles = _read_mapping(roles_path).get("roles")
    if not isinstance(roles, list):
        return []
    ids = [role.get("id") for role in roles if isinstance(role, dict)]
    return [role_id for role_id in ids if isinstance(role_id, str) and ID_RE.fullmatch(role_id)]


def _staffing(domain_path: Path, roles_path: Path) -> _Staffing:
    """Pick the new flow's roles: existing ones when the domain has them, else new ones."""
    owner = None
    if domain_path.exists():
        declared = _read_mapping(domain_path).get("owner")
        owner = declared if isinstance(declared, str) and ID_RE.fullmatch(declared) else None
    if roles_path.exists():
        role_ids = _existing_role_ids(roles_path)
        if not role_ids:
            raise ScaffoldError(
                msg(
                    "{path} defines no role to use; add one, then run this again",
                    path=roles_path.as_posix(),
                )
            )
        chosen_owner = owner if owner in role_ids else role_ids[0]
        workers = [role_id for role_id in role_ids if role_id != chosen_owner]
        return _Staffing(owner=chosen_owner, worker=workers[0] if workers else chosen_owner)
    owner = owner or NEW_OWNER_ROLE[0]
    worker = NEW_WORKER_ROLE[0] if owner != NEW_WORKER_ROLE[0] else NEW_OWNER_ROLE[0]
    return _Staffing(owner=owner, worker=worker)


def _one_year_later(day: dt.date) -> dt.date:
    """The same day next year (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _domain_text(domain: str, staffing: _Staffing) -> str:
    """A new domain.yaml."""
    return (
        SCHEMA_LINE.format(kind="domain")
        + f"title: TODO 业务领域名称（{domain}）\n"
        + "summary: TODO 用一段话说明本业务领域的范围与目标。\n"
        + f"owner: {staffing.owner}\n"
    )


def _roles_text(staffing: _Staffing) -> str:
    """A new roles.yaml defining the two roles the new flow uses."""
    owner_name = NEW_OWNER_ROLE[1] if staffing.owner == NEW_OWNER_ROLE[0] else "岗位名称"
    return (
        SCHEMA_LINE.format(kind="roles")
        + "roles:\n"
        + f"  - id: {staffing.owner}\n"
        + f"    name: TODO {owner_name}\n"
        + "    summary: TODO 一句话说明本岗位的职责。\n"
        + "    duties:\n"
        + "      - TODO 本岗位的一项常设职责\n"
        + f"  - id: {staffing.worker}\n"
        + f"    name: TODO {NEW_WORKER_ROLE[1]}\n"
        + "    summary: TODO 一句话说明本岗位的职责。\n"
        + f"    reports_to: {staffing.owner}\n"
        + "    duties:\n"
        + "      - TODO 本岗位的一项常设职责\n"
    )


def _flow_text(flow_id: str, staffing: _Staffing, today: dt.date) -> str:
    """A new draft flow of three steps."""
    accountable = (
        f"    accountable: {staffing.owner}\n" if staffing.owner != staffing.worker else ""
    )
    return (
        SCHEMA_LINE.format(kind="flow")
        + f"title: TODO 流程名称（{flow_id}）\n"
        + "summary: TODO 用一段话说明本流程的目的、适用范围与结果。\n"
        + f"owner: {staffing.owner}\n"
        + 'version: "0.1"\n'
        + "status: draft\n"
        + f"effective: {today.isoformat()}\n"
        + f"review: {_one_year_later(today).isoformat()}\n"
        + "trigger: TODO 什么事件启动本流程\n"
        + "outcome: TODO 流程完成时应达到的结果\n"
        + "steps:\n"
        + "  - id: receive\n"
        + "    name: TODO 受理申请\n"
        + f"    role: {staffing.worker}\n"
        + accountable
        + "    details: |\n"
        + "      TODO 说明本步骤做什么、怎么做、注意什么（支持 Markdown）。\n"
        + "    checklist:\n"
        + "      - TODO 核对申请资料齐全\n"
        + "      - TODO 登记受理时间\n"
        + "    duration: 15m\n"
        + "    outputs: [TODO 受理记录]\n"
        + "  - id: handle\n"
        + "    name: TODO 办理并确认\n"
        + f"    role: {staffing.worker}\n"
        + accountable
        + "    checklist:\n"
        + "      - TODO 按规定办理\n"
        + "      - TODO 请相关岗位签字确认\n"
        + "    control: TODO 本步骤的关键控制点\n"
        + "    duration: 1h\n"
        + "  - id: done\n"
        + "    kind: end\n"
        + "    name: TODO 办结\n"
    )


def scaffold_flow(
    flows_root: Path, domain: str, flow_id: str, *, today: dt.date | None = None
) -> list[Path]:
    """Write ``flows_root/<domain>/<flow_id>.yaml`` and any missing domain files.

    Returns the written paths (domain.yaml, roles.yaml, the flow), in that order.
    Raises :class:`ScaffoldError` for a bad id, an existing flow file, or a
    domain file that cannot be read; nothing is written then.
    """
    _check_id("domain", domain)
    _check_id("flow", flow_id)
    if flows_root.exists() and not flows_root.is_dir():
        raise ScaffoldError(msg("{path} is not a folder", path=flows_root.as_posix()))
    folder = flows_root / domain
    flow_path = folder / f"{flow_id}.yaml"
    if flow_path.exists():
        raise ScaffoldError(
            msg("{path} already exists; choose another flow id", path=flow_path.as_posix())
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(msg("{path} is not a folder", path=folder.as_posix()))
    domain_path = folder / "domain.yaml"
    roles_path = folder / "roles.yaml"
    staffing = _staffing(domain_path, roles_path)
    texts: list[tuple[Path, str]] = []
    if not domain_path.exists():
        texts.append((domain_path, _domain_text(domain, staffing)))
    if not roles_path.exists():
        texts.append((roles_path, _roles_text(staffing)))
    texts.append((flow_path, _flow_text(flow_id, staffing, today or dt.date.today())))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in texts:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
    except OSError as error:
        raise ScaffoldError(
            msg("cannot write {path}: {reason}", path=folder.as_posix(), reason=error.strerror)
        ) from None
    return [path for path, _ in texts]


PLACEHOLDER_MARK = "TODO"
"""The word that starts every placeholder text ``handbook new`` writes."""


def placeholder_phrases() -> frozenset[str]:
    """The placeholder sentences ``handbook new`` writes, without the ``TODO`` mark.

    Read from the very texts the scaffold writes, so the validator recognises a
    placeholder whose ``TODO`` the author deleted but whose words stayed. Phrases
    naming the flow or domain id (``流程名称（pilotage）``) keep their fixed part.
    """
    staffing = _Staffing(owner=NEW_OWNER_ROLE[0], worker=NEW_WORKER_ROLE[0])
    day = dt.date(2000, 1, 1)
    texts = (
        _domain_text("x", staffing),
        _roles_text(staffing),
        _flow_text("x", staffing, day),
    )
    phrases: set[str] = set()
    for text in texts:
        for line in text.splitlines():
            _, mark, rest = line.partition(f"{PLACEHOLDER_MARK} ")
            if mark:
                phrases.add(rest.split("（")[0].rstrip("]").strip())
    return frozenset(phrase for phrase in phrases if phrase)
