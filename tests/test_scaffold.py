"""`handbook new`: the scaffolded files are valid, strict but for their placeholders, and
nothing is ever overwritten."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.scaffold import SCHEMA_LINE, ScaffoldError, scaffold_flow

REPO_ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def validate_strict(flows_root: Path) -> None:
    """Strictly clean except the placeholder warnings (W130, W131), which must be there."""
    code, out, err = run("validate", "--strict", str(flows_root))
    assert code == 1
    codes = {found.group(1) for found in re.finditer(r": (?:warning|error) (\w+) ", out)}
    assert "W130" in codes and codes <= {"W130", "W131"}, out
    assert " W130 " in out
    ignore = ("--ignore", "W130", "--ignore", "W131")
    code, out, err = run("validate", "--strict", *ignore, str(flows_root))
    assert code == 0, out + err


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*.yaml")}


def test_new_domain_gets_all_three_files_and_validates_strictly(tmp_path: Path) -> None:
    flows_root = tmp_path / "flows"
    written = scaffold_flow(flows_root, "port", "berthing")
    assert [path.relative_to(flows_root).as_posix() for path in written] == [
        "port/domain.yaml",
        "port/roles.yaml",
        "port/berthing.yaml",
    ]
    validate_strict(flows_root)


def test_second_flow_reuses_the_domain_and_still_validates(tmp_path: Path) -> None:
    flows_root = tmp_path / "flows"
    scaffold_flow(flows_root, "port", "berthing")
    before = snapshot(flows_root)
    written = scaffold_flow(flows_root, "port", "unberthing")
    assert written == [flows_root / "port" / "unberthing.yaml"]
    assert {**snapshot(flows_root), **before} == snapshot(flows_root)
    validate_strict(flows_root)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("domain", "domain.yaml"), ("roles", "roles.yaml"), ("flow", "berthing.yaml")],
)
def test_every_file_points_editors_at_its_schema(tmp_path: Path, kind: str, name: str) -> None:
    flows_root = tmp_path / "flows"
    scaffold_flow(flows_root, "port", "berthing")
    first_line = (flows_root / "port" / name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == SCHEMA_LINE.format(kind=kind).rstrip("\n")
    relative = first_line.split("$schema=", 1)[1]
    # From a flow folder of this repository, the path reaches the committed schema file.
    assert (REPO_ROOT / "flows" / "port" / relative).resolve() == (
        REPO_ROOT / "schema" / f"{kind}.schema.json"
    )
    assert (REPO_ROOT / "schema" / f"{kind}.schema.json").is_file()


def test_dates_run_from_today_for_a_year(tmp_path: Path) -> None:
    flows_root = tmp_path / "flows"
    scaffold_flow(flows_root, "port", "leap", today=dt.date(2028, 2, 29))
    scaffold_flow(flows_root, "port", "today")
    leap = (flows_root / "port" / "leap.yaml").read_text(encoding="utf-8")
    assert "effective: 2028-02-29\n" in leap
    assert "review: 2029-02-28\n" in leap
    today = dt.date.today()
    text = (flows_root / "port" / "today.yaml").read_text(encoding="utf-8")
    assert f"effective: {today.isoformat()}\n" in text
    leap_day = (today.month, today.day) == (2, 29)
    review = dt.date(today.year + 1, today.month, 28 if leap_day else today.day)
    assert f"review: {review.isoformat()}\n" in text


def test_existing_domain_roles_are_used(tmp_path: Path) -> None:
    folder = tmp_path / "flows" / "bank"
    folder.mkdir(parents=True)
    (folder / "domain.yaml").write_text(
        "title: 银行网点\nsummary: 网点业务\nowner: branch-manager\n", encoding="utf-8"
    )
    (folder / "roles.yaml").write_text(
        "roles:\n  - id: teller\n    name: 柜员\n  - id: branch-manager\n    name: 网点负责人\n",
        encoding="utf-8",
    )
    written = scaffold_flow(tmp_path / "flows", "bank", "cash-deposit")
    assert written == [folder / "cash-deposit.yaml"]
    text = written[0].read_text(encoding="utf-8")
    assert "owner: branch-manager\n" in text
    assert "    role: teller\n" in text
    assert "    accountable: branch-manager\n" in text
    validate_strict(tmp_path / "flows")


def test_domain_without_roles_file_gets_one_defining_its_owner(tmp_path: Path) -> None:
    folder = tmp_path / "flows" / "port"
    folder.mkdir(parents=True)
    (folder / "domain.yaml").write_text(
        "title: 港口业务\nsummary: 码头作业\nowner: harbour-master\n", encoding="utf-8"
    )
    written = scaffold_flow(tmp_path / "flows", "port", "berthing")
    assert written == [folder / "roles.yaml", folder / "berthing.yaml"]
    assert "  - id: harbour-master\n" in written[0].read_text(encoding="utf-8")
    validate_strict(tmp_path / "flows")


def test_an_existing_flow_is_never_overwritten(tmp_path: Path) -> None:
    flows_root = tmp_path / "flows"
    scaffold_flow(flows_root, "port", "berthing")
    (flows_root / "port" / "berthing.yaml").write_text("title: 我的内容\n", encoding="utf-8")
    before = snapshot(flows_root)
    with pytest.raises(ScaffoldError, match=r"berthing\.yaml already exists"):
        scaffold_flow(flows_root, "port", "berthing")
    assert snapshot(flows_root) == before


@pytest.mark.parametrize("bad_id", ["Port", "port_x", "-port", "port-", "a--b", "港口", "a/b", ""])
@pytest.mark.parametrize("position", ["domain", "flow"])
def test_bad_ids_are_refused_and_nothing_is_written(
    tmp_path: Path, bad_id: str, position: str
) -> None:
    domain, flow = (bad_id, "berthing") if position == "domain" else ("port", bad_id)
    with pytest.raises(ScaffoldError) as raised:
        scaffold_flow(tmp_path / "flows", domain, flow)
    message = str(raised.value)
    assert f"invalid {position} id '{bad_id}'" in message
    assert "\n" not in message
    assert not (tmp_path / "flows").exists()


def test_roles_file_without_roles_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "flows" / "port"
    folder.mkdir(parents=True)
    (folder / "roles.yaml").write_text("roles: []\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match=r"roles\.yaml defines no role"):
        scaffold_flow(tmp_path / "flows", "port", "berthing")
    assert sorted(path.name for path in folder.iterdir()) == ["roles.yaml"]


def test_unreadable_domain_file_is_refused_with_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "flows" / "port"
    folder.mkdir(parents=True)
    (folder / "domain.yaml").write_text("title: [港口\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as raised:
        scaffold_flow(tmp_path / "flows", "port", "berthing")
    assert "port/domain.yaml" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_cli_new_creates_then_refuses(tmp_path: Path) -> None:
    flows_root = tmp_path / "flows"
    code, out, err = run("new", "port/berthing", "--flows", str(flows_root))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"created {(flows_root / 'port' / name).as_posix()}"
        for name in ("domain.yaml", "roles.yaml", "berthing.yaml")
    ]
    code, out, err = run("new", "port/berthing", "--flows", str(flows_root))
    assert code == 1
    assert "already exists" in err
    code, out, err = run("new", "port/Bad", "--flows", str(flows_root))
    assert code == 1
    assert "invalid flow id 'Bad'" in err
