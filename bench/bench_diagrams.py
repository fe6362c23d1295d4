"""How long do the swimlane diagrams take: one ``dot`` per diagram, batched, cached?

Builds synthetic flows as model objects (fifteen steps over six roles, Chinese
names, a decision whose rejected branch loops back, a sub-flow call, an end
step), turns them into DOT with ``flow_dot`` and times, in milliseconds per diagram:

a. one ``dot -Tsvg`` process per diagram, on a sample (the naive way);
b. ``render_svgs`` on all of them with an empty cache (batches on ``--jobs`` cores);
c. ``render_svgs`` again, everything cached;
d. ``render_svgs`` after one flow changed (one diagram laid out).

It also reports the DOT generation and the CPU time ``dot`` used. It prints, it
does not assert: the target is (b) at most 1.5 ms per diagram, (c) and (d)
rendering zero and one diagram.

Run from the repository root::

    python -m bench.bench_diagrams                 # 1,000 flows, sample of 50
    python -m bench.bench_diagrams --count 3000 --jobs 2 --batch-size 400
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from generator.diagnostics import Location
from generator.diagrams import flow_dot, render_svgs
from generator.diagrams.graphviz import find_dot
from generator.model import Branch, Flow, Handbook, Role, Status, Step, StepKind

TARGET_MS = 1.5
"""Cold rendering target per diagram."""

ROLE_NAMES = ("生产调度", "港务经理", "引航员", "带缆工", "理货员", "安全监督员")
VERBS = ("核对", "确认", "登记", "审核", "通知", "检查", "编制", "安排", "复核", "发放", "签收")
OBJECTS = (
    "作业计划",
    "船舶动态与靠泊时间",
    "集装箱箱号与铅封",
    "危险品申报单",
    "泊位长度与吃水",
    "堆场计划",
    "理货报告并上报",
    "交接记录",
    "安全措施落实情况",
    "费用结算单据",
    "设备状态",
)
WHERE = Location("bench/flows.yaml", 1, 1)


def _step_name(rng: random.Random) -> str:
    """A Chinese step name of four to fourteen characters."""
    name = rng.choice(VERBS) + rng.choice(OBJECTS)
    return name + "并" + rng.choice(VERBS) + rng.choice(OBJECTS) if rng.random() < 0.3 else name


def synthetic_handbook(count: int, *, seed: int = 0) -> Handbook:
    """*count* fifteen-step flows over six roles, in ten domains; the same seed, the same flows."""
    rng = random.Random(seed)
    domains = [f"domain{number}" for number in range(min(10, count))]
    roles = tuple(
        Role(location=WHERE, id=f"role{number}", domain=domain, name=name)
        for domain in domains
        for number, name in enumerate(ROLE_NAMES)
    )
    flows = []
    for number in range(count):
        domain = domains[number % len(domains)]
        lanes = [f"role{index}" for index in range(6)]
        rng.shuffle(lanes)

        def lane(position: int, lanes: list[str] = lanes) -> str:
            return lanes[min(5, position * 6 // 13)] if rng.random() < 0.8 else rng.choice(lanes)

        steps: list[Step] = [
            Step(location=WHERE, id=f"s{index}", name=_step_name(rng), role=lane(index))
            for index in range(6)
        ]
        steps.append(
            Step(
                location=WHERE,
                id="review",
                name="审核是否通过？",
                role=lane(6),
                kind=StepKind.DECISION,
                branches=(
                    Branch(location=WHERE, when="通过", next="s7"),
                    Branch(location=WHERE, when="不通过", next="rework"),
                ),
            )
        )
        steps.append(
            Step(
                location=WHERE,
                id="rework",
                name="退回整改并" + _step_name(rng),
                role=lane(7),
                next=f"s{rng.randrange(1, 5)}",
            )
        )
        for index in range(7, 12):
            kind = StepKind.SUBFLOW if index == 9 else StepKind.TASK
            flow_ref = f"flow{(number + 1) % count}" if kind is StepKind.SUBFLOW else None
            steps.append(
                Step(
                    location=WHERE,
                    id=f"s{index}",
                    name=_step_name(rng),
                    role=lane(index),
                    kind=kind,
                    flow=flow_ref,
                )
            )
        steps.append(Step(location=WHERE, id="done", name="作业完成", kind=StepKind.END))
        flows.append(
            Flow(
                location=WHERE,
                id=f"flow{number}",
                domain=domain,
                title=f"作业流程{number}",
                summary="",
                owner="role0",
                version="1.0",
                status=Status.APPROVED,
                effective=dt.date(2026, 1, 1),
                review=dt.date(2027, 1, 1),
                steps=tuple(steps),
            )
        )
    return Handbook(roles=roles, flows=tuple(flows))


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Build the flows, time each figure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1000, help="number of flows (1000)")
    parser.add_argument("--sample", type=int, default=50, help="diagrams for (a) (50)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel dot processes (2)")
    parser.add_argument("--batch-size", type=int, default=400, help="graphs per dot (400)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic content seed (0)")
    arguments = parser.parse_args(argv)
    count = arguments.count

    handbook = synthetic_handbook(count, seed=arguments.seed)
    started = time.perf_counter()
    sources = {flow.key: flow_dot(flow, handbook) for flow in handbook.flows}
    generate = time.perf_counter() - started
    size = sum(len(source) for source in sources.values())
    print(
        f"{count} flows of 15 steps over 6 roles; DOT {size / count / 1000:.1f} KB per flow; "
        f"jobs {arguments.jobs}, batch size {arguments.batch_size}"
    )

    dot = find_dot()
    sample = list(sources.values())[: arguments.sample]
    cpu = _children_cpu()
    started = time.perf_counter()
    for source in sample:
        subprocess.run([dot, "-Tsvg"], input=source.encode(), capture_output=True, check=True)
    single = (time.perf_counter() - started) / len(sample)
    single_cpu = (_children_cpu() - cpu) / len(sample)

    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as temporary:
        cache = Path(temporary)
        cpu = _children_cpu()
        started = time.perf_counter()
        cold = render_svgs(
            sources, cache_dir=cache, jobs=arguments.jobs, batch_size=arguments.batch_size
        )
        cold_time = time.perf_counter() - started
        cold_cpu = (_children_cpu() - cpu) / max(cold.rendered, 1)

        started = time.perf_counter()
        warm = render_svgs(
            sources, cache_dir=cache, jobs=arguments.jobs, batch_size=arguments.batch_size
        )
        warm_time = time.perf_counter() - started

        changed_key = next(iter(sources))
        changed = dict(sources)
        changed[changed_key] = changed[changed_key].replace("作业完成", "作业全部完成")
        started = time.perf_counter()
        one = render_svgs(
            changed, cache_dir=cache, jobs=arguments.jobs, batch_size=arguments.batch_size
        )
        one_time = time.perf_counter() - started

    rows = [
        (f"flow_dot (DOT text, {count} flows)", generate / count, ""),
        (
            f"a. one dot process per diagram ({len(sample)})",
            single,
            f"dot CPU {single_cpu * 1000:.1f} ms",
        ),
        (
            f"b. batched, cold ({cold.rendered} rendered)",
            cold_time / count,
            f"dot CPU {cold_cpu * 1000:.1f} ms per graph",
        ),
        (f"c. warm ({warm.rendered} rendered, {warm.cached} cached)", warm_time / count, ""),
        (
            f"d. one changed ({one.rendered} rendered, {one.cached} cached)",
            one_time / count,
            f"{one_time * 1000:.0f} ms in all",
        ),
    ]
    for label, seconds, note in rows:
        print(f"{label:<48}{seconds * 1000:8.2f} ms per diagram  {note}")
    verdict = "within" if cold_time / count * 1000 <= TARGET_MS else "OVER"
    print(f"cold: {verdict} the {TARGET_MS} ms per diagram target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
