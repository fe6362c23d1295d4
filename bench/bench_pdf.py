"""What do the PDF decks add to ``handbook build``? The pdf stage next to the rest of the build.

For the bundled handbook (this repository's flows/) and for ``--count`` synthetic
flows (``bench.synth``), it writes a fresh project under ``--out`` and times,
each in a fresh process, wall clock:

a. ``build_site(Options(pdf=False))``: the build as ``handbook build --no-pdf`` runs it;
b. ``build_site(Options(pdf=True))`` of another fresh copy: the whole build with the decks,
   with the time of each stage (``pdf`` is the decks: fonts cut, documents printed
   by Chromium on two tabs, PDFs finished, the domain decks joined);
c. (b) again, warm: diagrams and the cut-down font come from the cache.

Each line also shows the CPU seconds of the build and every process it started
(Chromium included): on a machine shared with other work, that moves much less
than wall clock, and on an idle two-core machine wall clock is about half of it
plus whatever cannot run in parallel.

Both (a) and (b) start cold (empty diagram and font cache, empty docs folder). The
target is (b) <= 2 x (a): the decks at most double the build. It also prints the
size of the decks and their pages. It prints, it does not assert; on a shared
machine the figures move a lot (the load average is printed for that reason).

Run from the repository root::

    python -m bench.bench_pdf                      # the bundled handbook and 1,000 flows
    python -m bench.bench_pdf --count 200 --repeat 2
    python -m bench.bench_pdf --skip-bundled
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_build import REPOSITORY
from bench.bench_build import make_project as make_synthetic_project

TARGET_RATIO = 2.0
"""The build with decks may take at most this multiple of the build without."""

_CHILD_BUILD = """
import datetime as dt, json, sys
from pathlib import Path
from generator.build import build_site
from generator.options import Options
options = Options(Path(sys.argv[1]), today=dt.date(2026, 6, 1), pdf=sys.argv[2] == "pdf")
report = build_site(options)
print(json.dumps({"timings": dict(report.timings)}))
"""


def make_bundled_project(folder: Path) -> None:
    """A fresh project of this repository's flows, mkdocs.yml and home page."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "handbook").mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPOSITORY / "flows", folder / "flows")
    shutil.copy(REPOSITORY / "handbook" / "index.md", folder / "handbook" / "index.md")


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment


def timed_build(project: Path, *, pdf: bool) -> tuple[float, dict[str, float]]:
    """Run ``build_site`` in a fresh process; wall-clock seconds and stage timings.

    The timings get a ``cpu`` entry: CPU seconds of the process and everything it
    started (MkDocs, Graphviz, the Playwright driver, Chromium), which moves less
    than wall clock when other work shares the machine.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD_BUILD, str(project), "pdf" if pdf else "no-pdf"],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"handbook build failed:\n{completed.stderr[-3000:]}")
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    timings: dict[str, float] = report["timings"]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    timings["cpu"] = usage.ru_utime + usage.ru_stime - cpu_before
    return elapsed, timings


def deck_figures(site: Path) -> tuple[int, int, int]:
    """Number of PDFs, their bytes, and their pages (pages counted with pypdf)."""
    from pypdf import PdfReader

    files = sorted((site / "print").rglob("*.pdf"))
    pages = sum(len(PdfReader(path).pages) for path in files if path.name != "handbook.pdf")
    return len(files), sum(path.stat().st_size for path in files), pages


def _stages(timings: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items())


def run(name: str, make: object, out: Path, repeat: int) -> None:
    """Benchmark one handbook and print its figures."""
    assert callable(make)
    print(f"\n== {name}")
    without: list[tuple[float, dict[str, float]]] = []
    with_pdf: list[tuple[float, dict[str, float]]] = []
    warm: list[tuple[float, dict[str, float]]] = []
    for round_number in range(repeat):
        plain_project = out / f"{name}-no-pdf-{round_number}"
        pdf_project = out / f"{name}-pdf-{round_number}"
        make(plain_project)
        make(pdf_project)
        without.append(timed_build(plain_project, pdf=False))
        with_pdf.append(timed_build(pdf_project, pdf=True))
        warm.append(timed_build(pdf_project, pdf=True))
    best_without = min(without, key=lambda result: result[0])
    best_with = min(with_pdf, key=lambda result: result[0])
    best_warm = min(warm, key=lambda result: result[0])
    print(f"a. build --no-pdf, cold   {best_without[0]:7.2f} s   ({_stages(best_without[1])})")
    print(f"b. build with PDFs, cold  {best_with[0]:7.2f} s   ({_stages(best_with[1])})")
    print(f"c. build with PDFs, warm  {best_warm[0]:7.2f} s   ({_stages(best_warm[1])})")
    pdf_stage = best_with[1].get("pdf", 0.0)
    ratio = best_with[0] / best_without[0]
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(
        f"   pdf stage, cold        {pdf_stage:7.2f} s   warm {best_warm[1].get('pdf', 0.0):.2f} s"
    )
    print(f"   ratio b/a              {ratio:7.2f}    (target <= {TARGET_RATIO}: {verdict})")
    cpu_ratio = best_with[1]["cpu"] / best_without[1]["cpu"]
    print(f"   CPU seconds b/a        {cpu_ratio:7.2f}    (all processes; less load-dependent)")
    count, size, pages = deck_figures(out / f"{name}-pdf-0" / "site")
    print(f"   {count} PDFs, {size / 1_000_000:.1f} MB, {pages} pages (without handbook.pdf)")


def main(argv: list[str] | None = None) -> None:
    """Parse the options and run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="synthetic flows (0: none)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic flows")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best is reported")
    parser.add_argument("--skip-bundled", action="store_true", help="only the synthetic flows")
    parser.add_argument(
        "--out", type=Path, default=REPOSITORY / "bench" / "out" / "pdf", help="work folder"
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the start")
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.skip_bundled:
        run("bundled", make_bundled_project, args.out, args.repeat)
    if args.count:
        run(
            f"synthetic-{args.count}",
            lambda folder: make_synthetic_project(folder, args.count, args.seed),
            args.out,
            args.repeat,
        )


if __name__ == "__main__":
    main()
