"""How long does `handbook validate` take on a large tree, against what YAML parsing costs?

Writes synthetic flows (``bench.synth``) into a temporary folder, then times:

a. the whole process ``handbook validate <dir>``, wall clock, as a user or CI sees it;
b. the floor: composing the same files with libyaml's C composer
   (``yaml.compose(..., Loader=yaml.CSafeLoader)``), in this process;
c. the same with PyYAML's pure-Python composer (``yaml.SafeLoader``), once, for scale;

and, to explain (a), the start-up alone: a process that only imports the CLI.
Each figure is the best of ``--repeat`` runs. It prints, it does not assert:
the target is (a) under 1.5 s for 1,000 flows.

Run from the repository root::

    python -m bench.bench_validate            # 1,000 flows
    python -m bench.bench_validate --count 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.synth import write_synthetic_flows

TARGET_SECONDS = 1.5
"""The whole-process target for 1,000 flows."""


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    """The shortest wall-clock time of *repeat* runs of *action*, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _handbook_command() -> list[str]:
    """The installed ``handbook`` script, else ``python -m generator``."""
    script = shutil.which("handbook")
    return [script] if script else [sys.executable, "-m", "generator"]


def _run(command: list[str]) -> None:
    """Run a command, failing loudly if it does not exit 0."""
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(
            f"{' '.join(command)} exited {completed.returncode}:\n"
            f"{completed.stdout[-2000:]}{completed.stderr[-2000:]}"
        )


def _compose_all(files: list[Path], loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    """Read and compose every file with *loader* (node trees with marks, like the loader)."""
    for path in files:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)


def _milliseconds(seconds: float) -> str:
    """Format seconds as milliseconds for the report."""
    return f"{seconds * 1000:7.0f} ms"


def main(argv: list[str] | None = None) -> int:
    """Generate the tree, time each figure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1000, help="number of flows (1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (3)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic content seed (0)")
    arguments = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary:
        root = Path(temporary)
        write_synthetic_flows(root, arguments.count, seed=arguments.seed)
        flows_root = root / "flows"
        files = sorted(flows_root.rglob("*.yaml"))
        size = sum(path.stat().st_size for path in files)
        print(
            f"{arguments.count} flows, {len(files)} files, {size / 1e6:.1f} MB "
            f"(best of {arguments.repeat})"
        )

        handbook = _handbook_command()
        validate = [*handbook, "validate", str(flows_root)]
        startup = [sys.executable, "-c", "import generator.cli"]
        whole = _best_of(arguments.repeat, lambda: _run(validate))
        started = _best_of(arguments.repeat, lambda: _run(startup))
        floor = (
            _best_of(arguments.repeat, lambda: _compose_all(files, yaml.CSafeLoader))
            if yaml.__with_libyaml__
            else None
        )
        # Pure Python is ten times slower: one run tells the scale.
        pure = _best_of(1, lambda: _compose_all(files, yaml.SafeLoader))

    verdict = "within" if whole < TARGET_SECONDS else "OVER"
    rows: list[tuple[str, float | None]] = [
        ("a. handbook validate DIR (whole process)", whole),
        ("   of which start-up (python -c 'import generator.cli')", started),
        ("b. floor: yaml.compose, CSafeLoader (libyaml C)", floor),
        ("c. yaml.compose, SafeLoader (pure Python, one run)", pure),
    ]
    for label, seconds in rows:
        figure = "n/a (PyYAML without libyaml)" if seconds is None else _milliseconds(seconds)
        print(f"{label:<56}{figure}")
    print(
        f"validate: {whole / arguments.count * 1000:.2f} ms per flow; "
        f"{verdict} the {TARGET_SECONDS:.1f} s target for 1,000 flows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
