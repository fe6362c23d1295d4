"""How long does `handbook build` take, measured against floors; how big is the site?

For each ``--counts`` value it writes that many synthetic flows (``bench.synth``)
into a fresh project under ``--out`` (mkdocs.yml copied from the repository),
then measures, each in a fresh process, wall clock and CPU time (the process and
all it started; on a busy machine the CPU figures compare better):

- ``handbook build --no-pdf`` cold (empty caches, empty docs folder), with the
  time of each stage as :class:`generator.build.BuildReport` gives it;
- the same build warm, nothing changed;
- the same build warm after one flow's step name changed (issue 10's "warm");
- the floors (:mod:`bench.floors`): (a) the theme floor, plain MkDocs on the
  same pages with empty bodies, jieba off; (b) jieba's dictionary load and
  cutting over the text of the built search index; and each build as a
  multiple of (a).

Goals (issue 10): 1,000 flows ≤ 40 s cold, ≤ 20 s warm (one flow changed).
``--plain`` also times plain ``mkdocs build`` of the generated pages. It also
reports the site size (bytes per flow should stay flat as flows grow).

``--bundled`` measures this repository's handbook instead: cold and warm
``--no-pdf``, then the build with the PDF decks, first and warm, against the
same floors. Goals: warm ``--no-pdf`` ≤ 3 s; the decks add ≤ 50 %.

With ``--serve`` it measures ``handbook serve`` instead: it starts the server
on the project, edits a step name in a flow file and times until the flow page
served over HTTP shows the new name (what a browser shows after live reload),
for ``--edits`` different flows. Target (issue 10): under 1 s with 1,000 flows.

It prints, it does not assert. Run from the repository root::

    python -m bench.bench_build                      # 1,000 flows
    python -m bench.bench_build --counts 250,500,1000 --jobs 2
    python -m bench.bench_build --bundled
    python -m bench.bench_build --serve --counts 1000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.floors import jieba_time, theme_floor
from bench.synth import write_synthetic_flows
from bench.timing import REPOSITORY, children_cpu, environment

__all__ = ["REPOSITORY", "make_project", "timed_build"]


_CHILD_BUILD = """
import datetime as dt, json, sys
from pathlib import Path
from generator.build import build_site
from generator.options import Options
report = build_site(
    Options(
        Path(sys.argv[1]), today=dt.date(2026, 6, 1), jobs=int(sys.argv[2]),
        pdf=sys.argv[3] == "pdf",
    )
)
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


_environment = environment
_children_cpu = children_cpu


def timed_build(
    project: Path, jobs: int, *, pdf: bool = False
) -> tuple[float, float, dict[str, object]]:
    """Run ``build_site`` in a fresh process; wall-clock and CPU seconds and its report.

    CPU time counts the process and everything it started (dot, page workers).
    """
    cpu = _children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD_BUILD, str(project), str(jobs), "pdf" if pdf else "no-pdf"],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"handbook build failed:\n{completed.stderr[-3000:]}")
    report: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return elapsed, _children_cpu() - cpu, report


def timed_plain_mkdocs(project: Path, site: Path) -> tuple[float, float]:
    """Run plain ``mkdocs build`` on the generated pages in a fresh process; wall, CPU seconds."""
    shutil.rmtree(site, ignore_errors=True)
    cpu = _children_cpu()
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
    return elapsed, _children_cpu() - cpu


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


GOALS = {"cold": 40.0, "warm": 20.0}
"""Issue 10's goals for 1,000 flows, wall seconds (--no-pdf)."""

BUNDLED_GOAL = 3.0
"""Issue 10's goal for the bundled handbook, warm --no-pdf, wall seconds."""


def edit_one_flow(project: Path) -> str:
    """Change one step name of one flow (as an author would); the flow's key."""
    flow_files = sorted(
        path
        for path in (project / "flows").glob("*/*.yaml")
        if path.name not in ("domain.yaml", "roles.yaml")
    )
    path = flow_files[len(flow_files) // 2]
    source = path.read_text(encoding="utf-8")
    line = next(line for line in source.splitlines() if line.startswith("    name: "))
    path.write_text(source.replace(line, f"{line}（已修订）", 1), encoding="utf-8")
    return f"{path.parent.name}/{path.stem}"


def _stages(report: dict[str, object]) -> str:
    timings = report["timings"]
    assert isinstance(timings, dict)
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in timings.items())


def _line(label: str, wall: float, cpu: float, report: dict[str, object], floor: float) -> None:
    print(
        f"{label:<34} {wall:7.2f} s {cpu:7.2f} s  {wall / floor:5.1f}x floor  ({_stages(report)})"
    )


def report_floors(project: Path, work: Path, wall: float, cpu: float) -> float:
    """Print the theme floor and jieba on *project*'s built site; the floor's wall seconds."""
    floor_wall, floor_cpu, pages = theme_floor(project, work / "floor")
    load, cut, characters = jieba_time(project / "site", work)
    print(
        f"(a) theme floor: {pages} pages, empty bodies  {floor_wall:7.2f} s {floor_cpu:7.2f} s"
        f"  ({1000 * floor_wall / max(pages, 1):.1f} ms a page)"
    )
    print(
        f"(b) jieba over the index text: load {load:.2f} s, cut {cut:.2f} s"
        f" ({characters:,} Chinese characters)"
    )
    print(f"    last build / floor: wall {wall / floor_wall:.2f}x, CPU {cpu / floor_cpu:.2f}x")
    return floor_wall


def run(count: int, out: Path, seed: int, jobs: int, plain: bool) -> None:
    """Benchmark one size and print its figures."""
    project = out / f"project-{count}"
    print(f"\n== {count} flows (project: {project})")
    make_project(project, count, seed)
    cold, cold_cpu, cold_report = timed_build(project, jobs)
    warm, warm_cpu, warm_report = timed_build(project, jobs)
    edited = edit_one_flow(project)
    changed, changed_cpu, changed_report = timed_build(project, jobs)
    floor = report_floors(project, out / f"work-{count}", changed, changed_cpu)
    total, html, pages = site_size(project / "site")
    print("                                      wall      CPU")
    _line("cold (empty caches)", cold, cold_cpu, cold_report, floor)
    _line("warm, nothing changed", warm, warm_cpu, warm_report, floor)
    _line(f"warm, {edited} changed", changed, changed_cpu, changed_report, floor)
    if count == 1000:
        for name, wall in (("cold", cold), ("warm", changed)):
            verdict = "ok" if wall <= GOALS[name] else "OVER GOAL"
            print(f"   goal {name} <= {GOALS[name]:.0f} s: {verdict}")
    if plain:
        plain_wall, plain_cpu = timed_plain_mkdocs(project, out / f"plain-site-{count}")
        print(f"plain mkdocs build                 {plain_wall:7.2f} s {plain_cpu:7.2f} s")
    print(
        f"   site {_megabytes(total)}, HTML {_megabytes(html)} in {pages} pages,"
        f" {total / max(count, 1) / 1000:.0f} kB per flow"
    )
    print(f"   load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def make_bundled_project(folder: Path) -> None:
    """A project of this repository's flows, hand-written pages and mkdocs.yml."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(REPOSITORY / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPOSITORY / "flows", folder / "flows")
    manifest = REPOSITORY / "handbook" / ".handbook-manifest.json"
    generated = set(json.loads(manifest.read_text())["files"]) if manifest.exists() else set()
    for page in (REPOSITORY / "handbook").rglob("*.md"):
        relative = page.relative_to(REPOSITORY / "handbook")
        if relative.as_posix() in generated or relative.parts[0].startswith("."):
            continue
        if (page.parent / ".gitignore").exists() and page.parent != REPOSITORY / "handbook":
            continue
        target = folder / "handbook" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)


def run_bundled(out: Path, jobs: int) -> None:
    """The bundled handbook: cold and warm --no-pdf, then with the PDF decks."""
    project = out / "project-bundled"
    print(f"\n== bundled handbook (project: {project})")
    make_bundled_project(project)
    cold, cold_cpu, cold_report = timed_build(project, jobs)
    warm, warm_cpu, warm_report = timed_build(project, jobs)
    floor = report_floors(project, out / "work-bundled", warm, warm_cpu)
    first_pdf, first_pdf_cpu, first_pdf_report = timed_build(project, jobs, pdf=True)
    pdf, pdf_cpu, pdf_report = timed_build(project, jobs, pdf=True)
    print("                                      wall      CPU")
    _line("cold --no-pdf (empty caches)", cold, cold_cpu, cold_report, floor)
    _line("warm --no-pdf", warm, warm_cpu, warm_report, floor)
    _line("with PDFs, first", first_pdf, first_pdf_cpu, first_pdf_report, floor)
    _line("with PDFs, warm", pdf, pdf_cpu, pdf_report, floor)
    verdict = "ok" if warm <= BUNDLED_GOAL else "OVER GOAL"
    print(f"   goal warm --no-pdf <= {BUNDLED_GOAL:.0f} s: {verdict}")
    added = pdf / warm - 1
    print(f"   PDFs add {100 * added:.0f} % to the warm build (goal <= 50 %)")
    print(f"   load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


SERVE_TARGET_SECONDS = 1.0
"""An edited flow must show in the browser within this time."""

_CHILD_SERVE = """
import datetime as dt, sys
from pathlib import Path
from generator.options import Options
from generator.serve import serve
today = dt.date(2026, 6, 1)
serve(Options(Path(sys.argv[1]), port=int(sys.argv[2]), today=today, pdf=False))
"""


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def run_serve(count: int, out: Path, seed: int, port: int, edits: int) -> None:
    """Time edit-to-visible under ``handbook serve`` for *edits* flows."""
    project = out / f"project-{count}"
    if not (project / "flows").is_dir():
        make_project(project, count, seed)
    print(f"\n== handbook serve, {count} flows (project: {project})")
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: pass a free one with --port")
    log = (out / f"serve-{count}.log").open("w", encoding="utf-8")
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-c", _CHILD_SERVE, str(project), str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_environment(),
    )
    flow_files = sorted((project / "flows").glob("*/*.yaml"))
    flow_files = [path for path in flow_files if path.name not in ("domain.yaml", "roles.yaml")]
    originals: dict[Path, str] = {}
    try:
        while _fetch(f"http://127.0.0.1:{port}/") is None:
            if server.poll() is not None:
                raise SystemExit(f"handbook serve exited; see {log.name}")
            time.sleep(0.5)
        print(f"   first build and start     {time.perf_counter() - started:7.2f} s")
        for number in range(edits):
            path = flow_files[(number * 37) % len(flow_files)]
            source = path.read_text(encoding="utf-8")
            originals.setdefault(path, source)
            marker = f"编辑标记{number}"
            # even edits change a checklist line (the flow page and its card change), odd
            # edits a step name (the role pages that list the step change too)
            needle = "      - " if number % 2 == 0 else "    name: "
            kind = "checklist line" if number % 2 == 0 else "step name"
            line = next(line for line in source.splitlines() if line.startswith(needle))
            path.write_text(source.replace(line, f"{line}{marker}", 1), encoding="utf-8")
            edited = time.perf_counter()
            url = f"http://127.0.0.1:{port}/{path.parent.name}/{path.stem}/"
            while marker not in (_fetch(url) or ""):
                time.sleep(0.05)
            seconds = time.perf_counter() - edited
            verdict = "ok" if seconds <= SERVE_TARGET_SECONDS else "OVER TARGET"
            label = f"edit {number + 1}: {kind} in {path.stem}"
            print(f"   {label:<48} visible after {seconds:5.2f} s ({verdict})")
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
        for path, source in originals.items():
            path.write_text(source, encoding="utf-8")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000", help="comma-separated flow counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="parallel Graphviz batches")
    parser.add_argument("--out", type=Path, default=REPOSITORY / "bench" / "out" / "build")
    parser.add_argument("--serve", action="store_true", help="time edits under handbook serve")
    parser.add_argument("--port", type=int, default=8765, help="port for --serve")
    parser.add_argument("--edits", type=int, default=3, help="flows to edit with --serve")
    parser.add_argument("--plain", action="store_true", help="also time plain mkdocs build")
    parser.add_argument("--bundled", action="store_true", help="the bundled handbook instead")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    if arguments.bundled:
        run_bundled(arguments.out, arguments.jobs)
        return
    for count in (int(part) for part in arguments.counts.split(",")):
        if arguments.serve:
            run_serve(count, arguments.out, arguments.seed, arguments.port, arguments.edits)
        else:
            run(count, arguments.out, arguments.seed, arguments.jobs, arguments.plain)


if __name__ == "__main__":
    main()
