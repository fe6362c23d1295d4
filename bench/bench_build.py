"""How long does `handbook build` take next to plain MkDocs on the same pages; how big is the site?

For each ``--counts`` value it writes that many synthetic flows (``bench.synth``)
into a fresh project under ``--out`` (mkdocs.yml copied from the repository),
then measures, each in a fresh process, wall clock:

a. ``handbook build --no-pdf``, cold: empty diagram cache, empty docs folder; with the
   time of each stage (load+validate, diagrams, pages, mkdocs) as reported by
   :class:`generator.build.BuildReport`;
b. ``handbook build`` again, warm: diagrams cached, pages unchanged;
c. plain ``mkdocs build`` of the pages (a) generated, into another folder.

Each is given as wall clock and as CPU time (the process and all it started):
on a busy machine the CPU figures compare better. The target is (b) ≤ 1.2 ×
(c): the generator adds at most 20 % to MkDocs. It
also reports the site size (bytes per flow should stay flat as flows grow:
linear, not quadratic). The PDF decks are left out: they are printed by Chromium
after MkDocs, a product MkDocs does not make (``bench.bench_pdf`` times them).

With ``--serve`` it measures ``handbook serve`` instead: it starts the server
on the project, edits a step name in a flow file and times until the flow page
served over HTTP shows the new name (what a browser shows after live reload),
for ``--edits`` different flows. Target (issue 10): under 1 s with 1,000 flows.

It prints, it does not assert. Run from the repository root::

    python -m bench.bench_build                      # 1,000 flows
    python -m bench.bench_build --counts 250,500,1000 --jobs 2
    python -m bench.bench_build --serve --counts 1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
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
from generator.options import Options
report = build_site(
    Options(Path(sys.argv[1]), today=dt.date(2026, 6, 1), jobs=int(sys.argv[2]), pdf=False)
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


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPOSITORY), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path, jobs: int) -> tuple[float, float, dict[str, object]]:
    """Run ``build_site`` in a fresh process; wall-clock and CPU seconds and its report.

    CPU time counts the process and everything it started (dot, page workers).
    """
    cpu = _children_cpu()
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


def run(count: int, out: Path, seed: int, jobs: int) -> None:
    """Benchmark one size and print its figures."""
    project = out / f"project-{count}"
    print(f"\n== {count} flows (project: {project})")
    make_project(project, count, seed)
    cold, cold_cpu, cold_report = timed_build(project, jobs)
    warm, warm_cpu, warm_report = timed_build(project, jobs)
    plain, plain_cpu = timed_plain_mkdocs(project, out / f"plain-site-{count}")
    total, html, pages = site_size(project / "site")
    stages = cold_report["timings"]
    warm_stages = warm_report["timings"]
    assert isinstance(stages, dict) and isinstance(warm_stages, dict)
    rendered = cold_report["rendered"]
    print("                            wall      CPU")
    print(
        f"a. handbook build, cold   {cold:7.2f} s {cold_cpu:7.2f} s  ({rendered} diagrams rendered)"
    )
    for name, seconds in stages.items():
        print(f"     {name:<15} {seconds:7.2f} s   (warm {warm_stages.get(name, 0.0):7.2f} s)")
    print(
        f"b. handbook build, warm   {warm:7.2f} s {warm_cpu:7.2f} s  ({warm_report['cached']}"
        f" diagrams cached, {warm_report['written']} files written)"
    )
    print(f"c. plain mkdocs build     {plain:7.2f} s {plain_cpu:7.2f} s")
    ratios = {"b/c": (warm, warm_cpu), "a/c": (cold, cold_cpu)}
    for name, (handbook_wall, handbook_cpu) in ratios.items():
        ratio_wall, ratio_cpu = handbook_wall / plain, handbook_cpu / plain_cpu
        verdict = "ok" if min(ratio_wall, ratio_cpu) <= TARGET_RATIO else "OVER TARGET"
        print(
            f"   ratio {name}              {ratio_wall:7.2f}   {ratio_cpu:7.2f}"
            f"    (target <= {TARGET_RATIO}: {verdict})"
        )
    print(
        f"   site {_megabytes(total)}, HTML {_megabytes(html)} in {pages} pages,"
        f" {total / max(count, 1) / 1000:.0f} kB per flow"
    )
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
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for count in (int(part) for part in arguments.counts.split(",")):
        if arguments.serve:
            run_serve(count, arguments.out, arguments.seed, arguments.port, arguments.edits)
        else:
            run(count, arguments.out, arguments.seed, arguments.jobs)


if __name__ == "__main__":
    main()
