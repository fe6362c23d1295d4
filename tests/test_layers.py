"""The import rules between the generator's rooms, read from the source (no import is run).

``render`` never imports ``printing``; ``printing`` imports ``render`` only through its
public view layer, :mod:`generator.render.views`.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def imported_modules(text: str, package: str) -> set[str]:
    """Every module the source *text* of a module of *package* imports, absolute.

    ``from generator import printing`` counts as ``generator.printing``; relative
    imports are resolved; imports inside functions and ``TYPE_CHECKING`` count too.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def room(name: str) -> dict[str, set[str]]:
    """The imports of every module of ``generator/<name>/``, by file name."""
    return {
        path.name: imported_modules(path.read_text(encoding="utf-8"), f"generator.{name}")
        for path in sorted((GENERATOR / name).glob("*.py"))
    }


def test_the_walk_sees_every_import_form() -> None:
    source = (
        "import generator.printing.stage\n"
        "from generator import printing\n"
        "from . import paths\n"
        "from ..printing.decks import plan_decks\n"
        "def later():\n"
        "    from generator.printing.chromium import find_chromium\n"
    )
    found = imported_modules(source, "generator.render")
    assert {
        "generator.printing.stage",
        "generator.printing",
        "generator.render.paths",
        "generator.printing.decks",
        "generator.printing.chromium",
    } <= found


def test_render_does_not_import_printing() -> None:
    offenders = {
        name: sorted(module for module in modules if module.startswith("generator.printing"))
        for name, modules in room("render").items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_printing_imports_render_only_through_its_view_layer() -> None:
    allowed = ("generator.render.views",)
    offenders = {
        name: sorted(
            module
            for module in modules
            if module.startswith("generator.render")
            and module != "generator.render"
            and not module.startswith(allowed)
        )
        for name, modules in room("printing").items()
    }
    assert {name: found for name, found in offenders.items() if found} == {}
    assert any("generator.render.views" in modules for modules in room("printing").values())
