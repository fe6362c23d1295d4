"""How long does BPMN export add on top of the diagram layout the build already has?

Writes synthetic flows (``bench.synth``: fifteen steps, six roles, a decision
with a loop, Chinese text), loads and validates them, renders their swimlane
diagrams with ``render_svgs`` (the layout a build computes anyway; timed
separately, cache empty), then times :func:`generator.bpmn.flow_bpmn` on every
flow: graph, layout from the SVG, XML text. It also checks the output is
byte-identical on a second pass. It prints, it does not assert: the target is
at most 3 ms per flow for the export.

Run from the repository root::

    python -m bench.bench_bpmn                  # 1,000 flows, best of 3
    python -m bench.bench_bpmn --count 200 --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.synth import write_synthetic_flows
from generator.bpmn.export import flow_bpmn
from generator.check import check_flows
from generator.diagrams import diagram_text, flow_dot, render_svgs

TARGET_MS = 3.0
"""Export target per flow, on top of the layout."""


def main() -> None:
    """Command line: ``python -m bench.bench_bpmn [--count N] [--repeat N] [--jobs N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="number of flows")
    parser.add_argument("--repeat", type=int, default=3, help="export passes (best is shown)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel dot processes")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_synthetic_flows(root, arguments.count)
        result = check_flows(root / "flows", today=dt.date(2026, 6, 1))
        assert result.ok, "the synthetic flows must be valid"
        handbook = result.handbook
        text = diagram_text("zh")
        started = time.perf_counter()
        run = render_svgs(
            {flow.key: flow_dot(flow, handbook, text=text) for flow in handbook.flows},
            cache_dir=root / "cache",
            jobs=arguments.jobs,
        )
        layout_seconds = time.perf_counter() - started
        passes: list[float] = []
        cpu: list[float] = []
        outputs: list[dict[str, str]] = []
        for _ in range(arguments.repeat):
            started = time.perf_counter()
            cpu_started = time.process_time()
            outputs.append(
                {
                    flow.key: flow_bpmn(flow, handbook, svg=run.svgs[flow.key])
                    for flow in handbook.flows
                }
            )
            passes.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    count = len(handbook.flows)
    best = min(passes) / count * 1000
    size = sum(len(document) for document in outputs[0].values()) / count / 1024
    identical = all(output == outputs[0] for output in outputs)
    print(f"flows: {count} (about {size:.1f} KB of BPMN each)")
    print(f"diagram layout (render_svgs, empty cache): {layout_seconds / count * 1000:.2f} ms/flow")
    print(
        f"BPMN export on top of it: {best:.2f} ms/flow (best of {len(passes)};"
        f" target <= {TARGET_MS:g} ms); CPU time {min(cpu) / count * 1000:.2f} ms/flow"
    )
    print(f"byte-identical across passes: {'yes' if identical else 'NO'}")


if __name__ == "__main__":
    main()
