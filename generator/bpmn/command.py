"""``handbook export bpmn`` and ``handbook import bpmn``: parser setup and runners.

Export validates the flows first (nothing is written for an invalid tree),
then writes ``<out>/<domain>/<flow>.bpmn``. Import reads one BPMN file, writes
``<flows>/<domain>/<flow>.yaml`` (never over an existing file), appends the
roles it needs to the domain's ``roles.yaml`` as text (existing entries and
comments untouched), creates ``domain.yaml`` when the domain is new, and
prints one report of everything it mapped to a nearer form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def add_parsers(commands: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    """Add ``export bpmn`` and ``import bpmn`` to the ``handbook`` command's subcommands.

    Returns the parsers made (``export``, ``export bpmn``, ``import``, ``import bpmn``),
    for the command line to give them its common options.
    """
    export = commands.add_parser("export", help="write flows in another format (bpmn)")
    formats = export.add_subparsers(dest="format", required=True)
    bpmn_out = formats.add_parser("bpmn", help="one BPMN 2.0 file per flow, with its layout")
    bpmn_out.add_argument("flow", nargs="*", help="DOMAIN/FLOW or DOMAIN (default: every flow)")
    bpmn_out.add_argument("--project", default=".", help="project folder (with mkdocs.yml)")
    bpmn_out.add_argument("--flows", default=None, help="flows folder (default: <project>/flows)")
    bpmn_out.add_argument(
        "--out", default=None, help="output folder (default: <project>/site/bpmn)"
    )

    into = commands.add_parser("import", help="bring a file of another format in as a flow")
    kinds = into.add_subparsers(dest="format", required=True)
    bpmn_in = kinds.add_parser("bpmn", help="a BPMN 2.0 file as a draft flow")
    bpmn_in.add_argument("file", help="the .bpmn file")
    bpmn_in.add_argument("--domain", required=True, help="the domain the flow goes into")
    bpmn_in.add_argument("--flows", default="flows", help="flows folder (default: flows)")
    bpmn_in.add_argument("--id", default=None, help="the flow id (default: from the file)")
    return [export, bpmn_out, into, bpmn_in]


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``handbook export bpmn``."""
    from generator.bpmn.export import export_flows
    from generator.check import check_flows
    from generator.diagrams import DiagramError
    from generator.model import Flow
    from generator.reporters import format_text
    from generator.site.config import SiteConfigError, read_site_config

    project = Path(args.project)
    flows_dir = Path(args.flows) if args.flows else project / "flows"
    result = check_flows(flows_dir, today=dt.date.today(), display_root=flows_dir.as_posix())
    if not result.ok:
        err.write(format_text(result.diagnostics, getattr(args, "lang", None) or "en"))
        err.write("handbook export bpmn: the flows have errors; nothing was written\n")
        return EXIT_PROBLEMS
    handbook = result.handbook
    chosen: list[Flow] = []
    for wanted in args.flow:
        found = [flow for flow in handbook.flows if flow.key == wanted or flow.domain == wanted]
        if not found:
            err.write(f"handbook export bpmn: no flow or domain '{wanted}'\n")
            return EXIT_USAGE
        chosen.extend(flow for flow in found if flow not in chosen)
    if not args.flow:
        chosen = list(handbook.flows)
    language = "zh"
    config = project / "mkdocs.yml"
    if config.is_file():
        try:
            language = read_site_config(config).language
        except (SiteConfigError, ValueError):
            language = "zh"
    output = Path(args.out) if args.out else project / "site" / "bpmn"
    try:
        documents = export_flows(
            handbook, chosen, cache_dir=project / ".handbook-cache" / "diagrams", language=language
        )
    except DiagramError as error:
        err.write(f"handbook export bpmn: {error}\n")
        return EXIT_PROBLEMS
    try:
        for key, document in documents.items():
            domain, _, flow_id = key.partition("/")
            target = output / domain / f"{flow_id}.bpmn"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8", newline="\n")
    except OSError as error:
        err.write(f"handbook export bpmn: cannot write {output}: {error.strerror or error}\n")
        return EXIT_PROBLEMS
    out.write(f"wrote {len(documents)} BPMN file(s) to {output.as_posix()}\n")
    return EXIT_OK


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``handbook import bpmn``."""
    import yaml

    from generator.bpmn.importer import BpmnImportError, bpmn_to_flow
    from generator.bpmn.reader import XmlReadError, parse_xml
    from generator.bpmn.yamltext import quoted, role_entries
    from generator.i18n import DEFAULT_LANGUAGE, LANGUAGES, labels

    prefix = "handbook import bpmn"
    # the notes go into the flow file: the handbook's language (mkdocs.yml), as --lang says
    language = args.lang if getattr(args, "lang", None) in LANGUAGES else DEFAULT_LANGUAGE
    if not _ID.fullmatch(args.domain):
        err.write(f"{prefix}: --domain '{args.domain}' is not an id (like port or itsm-ops)\n")
        return EXIT_USAGE
    if args.id is not None and not _ID.fullmatch(args.id):
        err.write(f"{prefix}: --id '{args.id}' is not an id (like berthing)\n")
        return EXIT_USAGE
    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as error:
        err.write(f"{prefix}: cannot read {source}: {error.strerror or error}\n")
        return EXIT_USAGE
    flows_dir = Path(args.flows)
    domain_dir = flows_dir / args.domain

    def flow_exists(reference: str) -> bool:
        domain, _, flow_id = reference.rpartition("/")
        if not _ID.fullmatch(flow_id) or (domain and not _ID.fullmatch(domain)):
            return False
        return (flows_dir / (domain or args.domain) / f"{flow_id}.yaml").is_file()

    try:
        imported = bpmn_to_flow(
            parse_xml(data),
            domain=args.domain,
            fallback_id=args.id or source.stem,
            flow_exists=flow_exists,
            words=labels(language),
            today=dt.date.today(),
            domain_exists=lambda domain: (flows_dir / domain / "domain.yaml").is_file(),
        )
    except (XmlReadError, BpmnImportError) as error:
        err.write(f"{prefix}: {source}: {error}\n")
        return EXIT_PROBLEMS
    flow_id = args.id or imported.flow_id
    target = domain_dir / f"{flow_id}.yaml"
    if target.exists():
        err.write(f"{prefix}: refusing to overwrite {target.as_posix()} (use --id to name it)\n")
        return EXIT_PROBLEMS

    roles_file = domain_dir / "roles.yaml"
    existing: set[str] = set()
    roles_text = ""
    if roles_file.exists():
        try:
            roles_text = roles_file.read_text(encoding="utf-8-sig")
            document = yaml.safe_load(roles_text) or {}
            entries = document.get("roles") if isinstance(document, dict) else None
            existing = {str(entry.get("id")) for entry in entries or [] if isinstance(entry, dict)}
        except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError) as error:
            err.write(f"{prefix}: cannot read {roles_file.as_posix()}: {error}\n")
            return EXIT_PROBLEMS
    missing = [role for role in imported.roles if role[0] not in existing]
    domain_file = domain_dir / "domain.yaml"
    owner = imported.roles[0][0] if imported.roles else "process-owner"
    if not domain_file.exists() and not imported.roles and owner not in existing:
        # a new domain needs a role of its own to own it
        missing.append((owner, labels(language)["bpmn.default_role"]))
    indent = _item_indent(roles_text)
    if missing and roles_text and indent is None:
        err.write(
            f"{prefix}: cannot append roles to {roles_file.as_posix()} (its 'roles' list is"
            " not a block list at the end of the file): add them by hand:\n"
            + role_entries(missing, "  ")
        )
        return EXIT_PROBLEMS

    try:
        domain_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        if not domain_file.exists():
            domain_file.write_text(
                f"title: {args.domain}\nsummary: {quoted(source.name)}\nowner: {owner}\n",
                encoding="utf-8",
            )
            written.append(domain_file)
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(imported.text)
        written.append(target)
        if missing:
            if not roles_text:
                roles_file.write_text("roles:\n" + role_entries(missing, "  "), encoding="utf-8")
            else:
                separator = "" if roles_text.endswith("\n") else "\n"
                with open(roles_file, "a", encoding="utf-8", newline="\n") as handle:
                    handle.write(separator + role_entries(missing, indent or "  "))
            written.append(roles_file)
    except FileExistsError:
        err.write(f"{prefix}: refusing to overwrite {target.as_posix()}\n")
        return EXIT_PROBLEMS
    except OSError as error:
        err.write(
            f"{prefix}: cannot write into {domain_dir.as_posix()}: {error.strerror or error}\n"
        )
        return EXIT_PROBLEMS

    for note in imported.notes:
        err.write(f"{source.as_posix()}:{note.line}: {note.element}: {note.message}\n")
    if imported.notes:
        err.write(
            f"{prefix}: {len(imported.notes)} element(s) mapped to a nearer form or left out"
            " (listed above; noted in the steps' details)\n"
        )
    for path in written:
        out.write(f"wrote {path.as_posix()}\n")
    if missing:
        out.write(f"added roles: {', '.join(role for role, _name in missing)}\n")
    out.write(f"imported {imported.steps} step(s) as the draft flow {args.domain}/{flow_id}\n")
    return EXIT_OK


def _item_indent(roles_text: str) -> str | None:
    """The indent of the list items of a roles.yaml whose ``roles:`` block list ends the file."""
    lines = roles_text.splitlines()
    start = next((number for number, line in enumerate(lines) if line.startswith("roles:")), None)
    if start is None or lines[start].strip() not in ("roles:",):
        return None
    for line in lines[start + 1 :]:
        if line.strip() and not line.lstrip().startswith("#") and not line.startswith((" ", "-")):
            return None  # another top-level key follows the list
    item = next(
        (re.match(r"(\s*)- ", line) for line in lines[start + 1 :] if re.match(r"\s*- ", line)),
        None,
    )
    return item.group(1) if item is not None else "  "
