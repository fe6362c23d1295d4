"""How long does `handbook build` take next to plain MkDocs on the same pages; how big is the site?

For each ``--counts`` value it writes that many synthetic flows (``bench.synth``)
into a fresh project under ``--out`` (mkdocs.yml copied from the repository),
then measures, each in a fresh process, wall clock:

a. ``handbook build``, cold: empty diagram cache, empty docs folder; with the
   time of each stage (load+validate, diagrams, pages, mkdocs) as reported by
   :class:`generator.build.BuildReport`;
b. ``handbook build`` again, warm: diagrams cached, pages unchanged;
c. plain ``mkdocs build`` of the pages (a) generated, into another folder.

The target is (b) ≤ 1.2 × (c): the generator adds at most 20 % to MkDocs. It
also reports the site size (bytes per flow should stay flat as flows grow:
linear, not quadratic). It prints, it does not assert.

Run from the repository root::

    python -m bench.bench_build                      # 1,000 flows
    python -m bench.bench_build --counts 250,500,1000 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.synth import write_synthetic_flows

REPOSITORY = Path(__file__).resolve().parent.parent
"""The repository root (its mkdocs.yml is the benchmark's configuration)."""

TARGET_RATIO = 1.2
"""The whole build may take at most this multiple of plain MkDocs."""

_CHILD_BUILD = """
import datetime as dt, json, sys
from pathlib import Path
from generator.build import build_site
report = build_site(Path(sys.argv[1]), today=dt.date(2026, 6, 1), jobs=int(sys.argv[2]))
print(json.dumps({
    "timings": dict(report.timings),
    "written": len(report.generated.written),
    "unchanged": report.generated.unchanged,
    "rendered": report.generated.diagrams_rendered,
    "cached": report.generated.diagrams_cached,
}))
"""


def make_project(folder: Path, count: int, seed: int) -> None:
    """A fresh project: mkdocs.yml, a home page, and *count* synthetic flows."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "handbook").mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "handbook" / "index.md").write_text("# 基准手册\n\n合成流程。\n", encoding="utf-8")
    write_synthetic_flows(folder, count, seed=seed)


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment


def timed_build(project: Path, jobs: int) -> tuple[float, dict[str, object]]:
    """Run ``build_site`` in a fresh process; wall-clock seconds and its report."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD_BUILD, str(project), str(jobs)],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"handbook build failed:\n{completed.stderr[-3000:]}")
    report: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return elapsed, report


def timed_plain_mkdocs(project: Path, site: Path) -> float:
    """Run plain ``mkdocs build`` on the generated pages in a fresh process; seconds."""
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{completed.stderr[-3000:]}")
    return elapsed


def site_size(site: Path) -> tuple[int, int, int]:
    """Total bytes, HTML bytes and number of HTML files of a built site."""
    total = html = pages = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                html += size
                pages += 1
    return total, html, pages


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def run(count: int, out: Path, seed: int, jobs: int) -> None:
    """Benchmark one size and print its figures."""
    project = out / f"project-{count}"
    print(f"\n== {count} flows (project: {project})")
    make_project(project, count, seed)
    cold, cold_report = timed_build(project, jobs)
    warm, warm_report = timed_build(project, jobs)
    plain = timed_plain_mkdocs(project, out / f"plain-site-{count}")
    total, html, pages = site_size(project / "site")
    stages = cold_report["timings"]
    warm_stages = warm_report["timings"]
    assert isinstance(stages, dict) and isinstance(warm_stages, dict)
    rendered = cold_report["rendered"]
    print(f"a. handbook build, cold   {cold:7.2f} s   ({rendered} diagrams rendered)")
    for name, seconds in stages.items():
        print(f"     {name:<15} {seconds:7.2f} s   warm {warm_stages.get(name, 0.0):7.2f} s")
    print(
        f"b. handbook build, warm   {warm:7.2f} s   ({warm_report['cached']} diagrams cached,"
        f" {warm_report['written']} files written)"
    )
    print(f"c. plain mkdocs build     {plain:7.2f} s")
    ratio = warm / plain
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"   ratio b/c              {ratio:7.2f}    (target <= {TARGET_RATIO}: {verdict})")
    print(f"   ratio a/c              {cold / plain:7.2f}")
    print(
        f"   site {_megabytes(total)}, HTML {_megabytes(html)} in {pages} pages,"
        f" {total / max(count, 1) / 1000:.0f} kB per flow"
    )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000", help="comma-separated flow counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="parallel Graphviz batches")
    parser.add_argument("--out", type=Path, default=REPOSITORY / "bench" / "out" / "build")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for count in (int(part) for part in arguments.counts.split(",")):
        run(count, arguments.out, arguments.seed, arguments.jobs)


if __name__ == "__main__":
    main()
