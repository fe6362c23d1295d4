"""Issue 11, item 10: inputs that used to vanish or be reported at the wrong place.

Symbolic links are made at test time (a case folder cannot hold a dangling one);
the other edge cases are acceptance cases under tests/cases/ (e120-…, w120-…,
e121-…, e122-…, e123-…, e113-lookalike-…, e113-next-names-another-flow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Location
from generator.loader import load_handbook
from generator.lookalikes import id_problem
from generator.yamlread import compose_text

from yamltree import flow_yaml, write_tree


def _diagnostics(flows: Path) -> list[tuple[str, str, str]]:
    _, diagnostics = load_handbook(flows, "flows")
    return [(str(d.location), d.code, d.message) for d in diagnostics]


def test_dangling_flow_link_is_reported_not_dropped(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/berthing.yaml": flow_yaml()})
    (flows / "port" / "unberthing.yaml").symlink_to("../../elsewhere/unberthing.yaml")

    assert _diagnostics(flows) == [
        (
            "flows/port/unberthing.yaml:1:1",
            "E100",
            "'unberthing.yaml' is a symbolic link to '../../elsewhere/unberthing.yaml', "
            "which does not exist",
        )
    ]


def test_looping_link_is_reported(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/berthing.yaml": flow_yaml()})
    (flows / "port" / "loop.yaml").symlink_to("loop.yaml")

    assert _diagnostics(flows) == [
        (
            "flows/port/loop.yaml:1:1",
            "E100",
            "'loop.yaml' is a symbolic link that leads back to itself (via 'loop.yaml')",
        )
    ]


def test_dangling_roles_file_is_unreadable_not_missing(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/berthing.yaml": flow_yaml()})
    (flows / "port" / "roles.yaml").unlink()
    (flows / "port" / "roles.yaml").symlink_to("/nonexistent/roles.yaml")

    assert [(where, code) for where, code, _ in _diagnostics(flows)] == [
        ("flows/port/roles.yaml:1:1", "E100")
    ]


def test_dangling_domain_folder_link_is_reported(tmp_path: Path) -> None:
    flows = write_tree(tmp_path, {"port/berthing.yaml": flow_yaml()})
    (flows / "bank").symlink_to("../bank-handbook")

    assert [(where, code) for where, code, _ in _diagnostics(flows)] == [("flows/bank:1:1", "E100")]


@pytest.mark.parametrize(
    ("line", "column"), [(1, 1), (2, 9), (22, 5)], ids=["first", "middle", "line-22"]
)
def test_raw_control_character_is_located(line: int, column: int) -> None:
    lines = [f"key{number}: value" for number in range(1, 25)]
    text_line = lines[line - 1]
    lines[line - 1] = text_line[: column - 1] + "\a" + text_line[column - 1 :]

    document = compose_text("\n".join(lines) + "\n", "f.yaml")

    assert [(d.code, d.location) for d in document.diagnostics] == [
        ("E120", Location("f.yaml", line, column))
    ]


@pytest.mark.parametrize(
    ("text", "key", "suggestion"),
    [
        ("аpprove", "id", "approve"),  # Cyrillic а
        ("ｐlan", "id", "plan"),  # full-width p
        ("bank/tеller", None, "bank/teller"),  # Cyrillic е in a reference
        ("plan–berth", "id", "plan-berth"),  # en dash
    ],
)
def test_lookalike_characters_are_named_and_fixed(
    text: str, key: str | None, suggestion: str
) -> None:
    problem = id_problem(text, key)

    assert problem is not None
    assert problem.suggestion == suggestion
    assert "U+" in problem.reason


@pytest.mark.parametrize(
    ("text", "key"), [("审批", "id"), ("clinic/payment", "next"), ("a/b", "id")]
)
def test_no_suggestion_made_by_dropping_characters(text: str, key: str) -> None:
    problem = id_problem(text, key)

    assert problem is not None
    assert problem.suggestion is None
