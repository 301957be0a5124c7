#!/usr/bin/env python3
"""Measure posdiag against the speed targets of the README, from outside:
whole release processes, their wall time, CPU time and peak memory.

    python3 scripts/bench.py            # everything (a few minutes)
    python3 scripts/bench.py --quick    # fewer runs, no 100k set

Prints one row per figure with its target and PASS or MISS, and exits 1 if
any target is missed. Needs only Python 3 and cargo; all inputs are made by
the repository's own generators (examples/generate_rules.rs,
examples/generate_batch.rs) in a temporary folder.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "posdiag"
EXAMPLES = ROOT / "target" / "release" / "examples"
BAUD = 115200
GNU_TIME = "/usr/bin/time"

rows = []


ALL_CORES = os.sched_getaffinity(0)


def all_cores():
    """Let a child use every core again (the script itself runs on one)."""
    os.sched_setaffinity(0, ALL_CORES)


def run(args, stdin=None, stdout=subprocess.DEVNULL, env=None, pin=True):
    """Run a process to its end: (exit code, wall s, cpu s). Children share
    the script's one core unless `pin` is false."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdin=stdin or subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.DEVNULL, env=env,
                            preexec_fn=None if pin else all_cores)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime


def peak(args, stdin=None, env=None):
    """Peak resident memory of a run, in MB, measured by GNU time (a child
    forked from Python would count Python's own pages); None without it."""
    if not Path(GNU_TIME).exists():
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run([GNU_TIME, "-o", out.name, "-f", "%M", *map(str, args)],
                       stdin=stdin or subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)
        return int(out.read().strip().splitlines()[-1]) / 1024


def memory_row(name, mb, limit):
    if mb is None:
        rows.append((name, "n/a", f"<= {limit} MB", "SKIP (install GNU time)"))
        print(f"  {name}: not measured; install GNU time (apt install time)", flush=True)
    else:
        row(name, mb, "MB", f"<= {limit} MB", mb <= limit)


def row(name, value, unit, target, ok):
    rows.append((name, f"{value:.3g} {unit}" if isinstance(value, float) else f"{value} {unit}",
                 target, "PASS" if ok else "MISS"))
    print(f"  {name}: {rows[-1][1]} (target {target}) {rows[-1][3]}", flush=True)


def env_without_history(tmp):
    env = dict(os.environ)
    env["POSDIAG_STATE_DIR"] = str(tmp / "state")
    env["POSDIAG_DATA_DIR"] = str(tmp / "data")
    env["LANG"] = "en_US.UTF-8"
    return env


def hyperfine_median(args, runs, env):
    """Median wall time by hyperfine (no shell, warm-up runs), which times
    a start-up of a few milliseconds better than a Python loop; None
    without it."""
    if not shutil.which("hyperfine"):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        subprocess.run(["hyperfine", "-N", "-i", "--warmup", "10", "--runs", str(runs),
                        "--export-json", out.name, " ".join(map(str, args))],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        return json.load(out)["results"][0]["median"]


def startup(runs, env):
    print("start-up with the embedded rules", flush=True)
    for label, args, code in [
        ("posdiag check", [BIN, "check"], 0),
        ("first question (diagnose)", [BIN, "diagnose", "--format", "json"], 3),
    ]:
        rc, _, _ = run(args, env=env)
        assert rc == code, f"{label} exited {rc}"
        median = hyperfine_median(args, runs, env)
        if median is None:
            walls = [run(args, env=env)[1] for _ in range(runs)]
            median = statistics.median(walls)
        median *= 1000
        row(f"{label}: median wall", median, "ms", "<= 5 ms", median <= 5)
        memory_row(f"{label}: peak memory", peak(args, env=env), 15)


def generated(tmp, sizes, runs, env):
    print("generated rule sets: load and check (one core)", flush=True)
    cold = dict(env, POSDIAG_CACHE_DIR="")
    times = {}
    for nodes in sizes:
        folder = tmp / f"kb-{nodes}"
        subprocess.run([EXAMPLES / "generate_rules", str(nodes), folder], check=True,
                       stderr=subprocess.DEVNULL)
        args = [BIN, "--rules", folder, "check"]

        def median_of(environment, pin=True):
            walls = []
            for _ in range(runs):
                rc, wall, _ = run(args, env=environment, pin=pin)
                assert rc == 0, f"check of {nodes} nodes exited {rc}"
                walls.append(wall)
            return statistics.median(walls)

        times[nodes] = median_of(cold)
        mb = peak(args, env=cold)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        print(f"  {nodes} nodes ({size:.1f} MB of YAML): {times[nodes]:.3f} s, "
              f"{mb or 0:.0f} MB", flush=True)
        if nodes == 100_000:
            row("100k nodes: first load and check", times[nodes], "s", "<= 1 s",
                times[nodes] <= 1)
            memory_row("100k nodes: peak memory", mb, 300)
            cached = dict(env, POSDIAG_CACHE_DIR=str(tmp / "cache"))
            run(args, env=cached)  # fills the cache
            warm = median_of(cached)
            row("100k nodes: load and check again (cache)", warm, "s", "<= 1 s", warm <= 1)
            cores = median_of(cold, pin=False)
            print(f"  first load on all {len(ALL_CORES)} cores: {cores:.3f} s",
                  flush=True)
    if 10_000 in times and 100_000 in times:
        growth = times[100_000] / times[10_000]
        row("growth 10k -> 100k", growth, "x", "<= 12x", growth <= 12)


def batch(tmp, lines, env):
    print("batch diagnosis over the embedded rules", flush=True)
    path = tmp / "fleet.jsonl"
    with open(path, "wb") as out:
        subprocess.run([EXAMPLES / "generate_batch", str(lines)], stdout=out, check=True)
    with open(path, "rb") as inp:
        rc, wall, cpu = run([BIN, "diagnose", "--no-history", "--batch", "-"], stdin=inp,
                            env=env)
    assert rc == 0, f"batch exited {rc}"
    rate = lines / wall
    row(f"batch of {lines} lines", round(rate), "diagnoses/s", ">= 100000", rate >= 100_000)
    print(f"  ({wall:.3f} s wall, {cpu:.3f} s CPU, rules loaded once)", flush=True)


def probe(tmp, env, delay_ms=20):
    print(f"probe of the simulator over a pseudo-terminal at {BAUD} baud", flush=True)
    fixture = tmp / "paced.yaml"
    healthy = (ROOT / "fixtures" / "terminals" / "healthy.yaml").read_text()
    # The healthy fixture with a delay before every reply.
    text = re.sub(r"(?m)^faults:.*\n(?:[ \t]+.*\n)*", "", healthy)
    text += f"faults:\n  delay_ms: {delay_ms}\n"
    fixture.write_text(text)
    log = open(tmp / "sim.log", "w")
    sim = subprocess.Popen([BIN, "simulate", fixture], stdout=subprocess.PIPE, stderr=log,
                           text=True, env=env)
    try:
        pty = sim.stdout.readline().strip()
        record = tmp / "probe.rec"
        rc, wall, cpu = run([BIN, "probe", pty, "--baud", str(BAUD), "--record", record,
                                "--format", "json"], env=env)
        assert rc == 0, f"probe exited {rc}"
    finally:
        sim.kill()
        sim.wait()
        log.close()
    replies = sum(1 for line in open(tmp / "sim.log") if line.startswith("-> "))
    counted = sum(int(m.group(1)) for m in
                  re.finditer(r" (?:tx|rx) (\d+) bytes?$", record.read_text(), re.M))
    expected = replies * delay_ms / 1000 + counted * 10 / BAUD
    ratio = wall / expected
    print(f"  {replies} replies x {delay_ms} ms + {counted} bytes x 10 / {BAUD} = "
          f"{expected:.3f} s; probe took {wall:.3f} s", flush=True)
    row("probe: time / (delays + bytes x 10 / baud)", ratio, "x", "<= 1.2x", ratio <= 1.2)
    share = cpu / wall * 100
    row("probe: CPU / wall", share, "%", "<= 5 %", share <= 5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100k rule set")
    args = parser.parse_args()
    print("building the release binary and the generators", flush=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bins", "--examples"],
                   cwd=ROOT, check=True)
    # Everything below runs on one core, as the targets are stated for one.
    os.sched_setaffinity(0, {min(ALL_CORES)})
    with tempfile.TemporaryDirectory(prefix="posdiag-bench-") as t:
        tmp = Path(t)
        env = env_without_history(tmp)
        startup(20 if args.quick else 100, env)
        sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
        generated(tmp, sizes, 1 if args.quick else 3, env)
        batch(tmp, 20_000 if args.quick else 200_000, env)
        probe(tmp, env)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}}  {'measured':>18}  {'target':>12}  result")
    for name, value, target, result in rows:
        print(f"{name:<{width}}  {value:>18}  {target:>12}  {result}")
    return 1 if any(r[3] == "MISS" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
