"""The JSON Schemas under schema/ match the spec, and accept exactly what the loader accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main, schema_text
from generator.loader import load_handbook
from generator.spec import FILE_KINDS

from yamltree import flow_yaml, write_tree

REPO = Path(__file__).resolve().parent.parent
SHAPE_CODES = {"E110", "E111", "E112", "E113", "E114", "E115", "E116", "E117"}
UNREPRESENTABLE = {"E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108"}

# YAML 1.2 core schema, as editors (yaml-language-server) read scalars.
_INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$")


def editor_value(node: yaml.Node) -> Any:
    """Convert a composed node the way a YAML 1.2 editor would see it."""
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): editor_value(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [editor_value(item) for item in node.value]
    text = node.value
    if getattr(node, "style", None):
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def schema_accepts(kind: str, text: str) -> bool:
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert root is not None
    instance = editor_value(root)
    validator = jsonschema.Draft202012Validator(
        json.loads(schema_text(kind)), format_checker=jsonschema.FormatChecker()
    )
    return bool(validator.is_valid(instance))


def loader_verdict(tmp_path: Path, relative: str, text: str) -> bool | None:
    """True/False: the loader's shape verdict; None when JSON cannot represent the file."""
    flows = write_tree(tmp_path, {relative: text})
    _, diagnostics = load_handbook(flows)
    mine = [d for d in diagnostics if d.location.path.endswith(relative)]
    if any(d.code in UNREPRESENTABLE for d in mine):
        return None
    return not any(d.code in SHAPE_CODES for d in mine)


@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_committed_schema_files_match_the_spec(kind: str) -> None:
    committed = (REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run `handbook schema --write schema` and commit"


def test_schema_command_prints_one_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "flow"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "process-handbook flow file"


def bundled_files() -> list[Path]:
    return sorted((REPO / "flows").glob("*/*.yaml"))


@pytest.mark.parametrize(
    "path", bundled_files(), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_schema_accepts_every_bundled_file(path: Path) -> None:
    kind = {"domain.yaml": "domain", "roles.yaml": "roles"}.get(path.name, "flow")
    assert schema_accepts(kind, path.read_text(encoding="utf-8-sig"))


TRICKY_VALUES = [
    "no",
    "yes",
    "10:30",
    "1.10",
    "0777",
    "123",
    "-1",
    '""',
    "~",
    "[a, b]",
    "{a: 1}",
    "2026-13-45",
    "2026-02-28",
    "30m",
    "1h30m",
    "3x",
    "Abc",
    "a b",
    "port/dispatcher",
    "approved",
    "aproved",
    "decision",
    "end",
    "x-y",
    "'  '",
    "true",
    "[]",
    "中文",
]
STEP_KEYS = [
    "id",
    "name",
    "kind",
    "role",
    "accountable",
    "consulted",
    "checklist",
    "duration",
    "next",
    "branches",
    "flow",
    "details",
    "bogus",
]
FLOW_KEYS = ["title", "owner", "version", "status", "effective", "review", "tags", "steps"]


@given(
    flow_key=st.sampled_from(FLOW_KEYS),
    step_key=st.sampled_from(STEP_KEYS),
    flow_value=st.sampled_from(TRICKY_VALUES),
    step_value=st.sampled_from(TRICKY_VALUES),
    drop=st.sampled_from(["", "title", "owner", "review"]),
)
def test_schema_and_loader_agree_on_mutated_flows(
    tmp_path_factory: pytest.TempPathFactory,
    flow_key: str,
    step_key: str,
    flow_value: str,
    step_value: str,
    drop: str,
) -> None:
    step = f"  - id: plan\n    name: 计划\n    role: dispatcher\n    {step_key}: {step_value}\n"
    if step_key in ("id", "name", "role"):
        step = f"  - {step_key}: {step_value}\n" + "".join(
            f"    {key}: {value}\n"
            for key, value in (("id", "plan"), ("name", "计划"), ("role", "dispatcher"))
            if key != step_key
        )
    steps = step + "  - id: done\n    kind: end\n    name: 完成\n"
    text = flow_yaml(steps, **{flow_key: flow_value}) if flow_key != "steps" else flow_yaml(steps)
    if drop:
        text = (
            "\n".join(line for line in text.splitlines() if not line.startswith(f"{drop}:")) + "\n"
        )
    verdict = loader_verdict(tmp_path_factory.mktemp("case"), "port/a.yaml", text)
    if verdict is not None:
        assert schema_accepts("flow", text) == verdict, text
