"""Property tests: random and mutated YAML give a model or diagnostics, never an exception."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check import check_flows
from generator.diagnostics import CODES

from yamltree import flow_yaml, write_tree

REPO = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((REPO / "flows").glob("*/*.yaml"))[:12]
TODAY = dt.date(2026, 11, 27)

YAML_BITS = st.sampled_from(
    [
        ":",
        "- ",
        "  ",
        "\t",
        "\n",
        "&a ",
        "*a",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "#",
        "---\n",
        "? ",
        "<<: ",
        "!!python/object:os.system ",
        "no",
        "10:30",
        "1.10",
        "\ufeff",
        "\x00",
        "中文",
        "%YAML 1.1\n",
    ]
)


def assert_only_diagnostics(tmp_path: Path, relative: str, content: str | bytes) -> None:
    flows = write_tree(tmp_path, {relative: content})
    result = check_flows(flows, today=TODAY, display_root="flows")
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert diagnostic.location.path.startswith("flows/")
        assert diagnostic.location.line >= 1 and diagnostic.location.column >= 1


@given(content=st.text(max_size=400))
def test_random_text_as_a_flow(tmp_path_factory: pytest.TempPathFactory, content: str) -> None:
    assert_only_diagnostics(tmp_path_factory.mktemp("t"), "port/a.yaml", content)


@given(content=st.binary(max_size=400))
def test_random_bytes_as_roles(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    assert_only_diagnostics(tmp_path_factory.mktemp("t"), "port/roles.yaml", content)


@given(pieces=st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=60))
def test_yaml_shaped_noise(tmp_path_factory: pytest.TempPathFactory, pieces: list[str]) -> None:
    assert_only_diagnostics(tmp_path_factory.mktemp("t"), "port/a.yaml", "".join(pieces))


@st.composite
def mutated_files(draw: st.DrawFn) -> str:
    """A valid flow file (bundled or minimal), then a few line-level mutations."""
    use_seed = draw(st.booleans())
    if SEED_FILES and use_seed:
        text = draw(st.sampled_from(SEED_FILES)).read_text(encoding="utf-8")
    else:
        text = flow_yaml()
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(
            st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "truncate"])
        )
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[index])))
            bit = draw(YAML_BITS)
            lines[index] = lines[index][:column] + bit + lines[index][column:]
        elif operation == "indent":
            lines[index] = "  " + lines[index]
        elif operation == "dedent":
            lines[index] = lines[index].lstrip()
        else:
            lines = lines[:index]
    return "\n".join(lines) + "\n"


@given(text=mutated_files())
def test_mutated_valid_flows(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    assert_only_diagnostics(tmp_path_factory.mktemp("t"), "port/a.yaml", text)
