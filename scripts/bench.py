#!/usr/bin/env python3
"""Measure posdiag against the speed targets of the README, from outside:
whole release processes, their wall time, CPU time and peak memory.

    python3 scripts/bench.py            # everything (a few minutes)
    python3 scripts/bench.py --quick    # fewer runs, no 100k set

Prints one row per figure with its target and PASS or MISS, and exits 1 if
any target is missed. Absolute times on a shared machine move by +-30 %
with its load, so every figure is also given as a ratio to a reference
measured in the same run: the process floor of a hello-world binary
(start-up, wall and memory), and CLIPS 6.30 loading the same graph as
facts (`apt-get install clips`; skipped without it). Needs Python 3, cargo
and rustc; all inputs are made by the repository's own generators
(examples/generate_rules.rs, examples/generate_batch.rs,
examples/rules_to_clips.rs) in a temporary folder.
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


def run(args, stdin=None, stdout=subprocess.DEVNULL, env=None, pin=True, cwd=None):
    """Run a process to its end: (exit code, wall s, cpu s). Children share
    the script's one core unless `pin` is false."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdin=stdin or subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.DEVNULL, env=env, cwd=cwd,
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


# The references of this run: the hello-world floor and CLIPS per size.
REF = {}


def ratio(value, reference, name):
    """`value` as a multiple of a reference of this run, e.g. "1.6x floor"."""
    if not reference:
        return "-"
    return f"{value / reference:.3g}x {name}"


def memory_row(name, mb, limit):
    if mb is None:
        rows.append((name, "n/a", "-", f"<= {limit} MB", "SKIP (install GNU time)"))
        print(f"  {name}: not measured; install GNU time (apt install time)", flush=True)
    else:
        row(name, mb, "MB", f"<= {limit} MB", mb <= limit,
            ratio(mb, REF.get("floor_mb"), "floor"))


def row(name, value, unit, target, ok, versus="-"):
    shown = f"{value:.3g} {unit}" if isinstance(value, float) else f"{value} {unit}"
    result = "-" if target == "-" else "PASS" if ok else "MISS"
    rows.append((name, shown, versus, target, result))
    print(f"  {name}: {shown} [{versus}] (target {target}) {rows[-1][4]}", flush=True)


def floor(tmp, runs, env):
    """The process floor: a hello-world binary started the same way."""
    print("reference: a hello-world binary", flush=True)
    source = tmp / "hello.rs"
    source.write_text('fn main() { println!("hello"); }\n')
    hello = tmp / "hello"
    subprocess.run(["rustc", "-O", "-o", hello, source], check=True)
    median = hyperfine_median([hello], runs, env)
    if median is None:
        median = statistics.median(run([hello], env=env)[1] for _ in range(runs))
    REF["floor_ms"] = median * 1000
    REF["floor_cpu"] = statistics.median(run([hello], env=env)[2] for _ in range(runs))
    REF["floor_mb"] = peak([hello], env=env)
    print(f"  median wall {REF['floor_ms']:.2f} ms, CPU {REF['floor_cpu'] * 1000:.2f} ms, "
          f"peak memory {REF['floor_mb'] or 0:.1f} MB", flush=True)


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
        row(f"{label}: median wall", median, "ms", "<= 5 ms", median <= 5,
            ratio(median, REF.get("floor_ms"), "floor"))
        memory_row(f"{label}: peak memory", peak(args, env=env), 15)


def clips_cpu(tmp, folder, nodes, runs):
    """CPU seconds CLIPS 6.30 takes to load and check the graph of `folder`
    written as facts (examples/rules_to_clips.rs); None without CLIPS."""
    if not shutil.which("clips"):
        return None
    out = tmp / f"clips-{nodes}"
    subprocess.run([EXAMPLES / "rules_to_clips", folder, out], check=True,
                   stderr=subprocess.DEVNULL)
    cpus = []
    for _ in range(runs):
        # A CLIPS batch that does not reach `(exit)` waits for input forever.
        rc, _, cpu = run(["timeout", "300", "clips", "-f2", "load.bat"], cwd=out)
        assert rc == 0, f"clips on {nodes} nodes exited {rc}"
        cpus.append(cpu)
    return statistics.median(cpus)


def generated(tmp, sizes, runs, env):
    print("generated rule sets: first load and check, CPU on one core", flush=True)
    cold = dict(env, POSDIAG_CACHE_DIR="")
    cpu = {"yaml": {}, "json": {}}
    for nodes in sizes:
        # A small set loads in milliseconds, where one interruption by
        # another process moves a single run by a tenth: more runs there.
        size_runs = runs if nodes >= 100_000 else runs * 5
        folders = {}
        for fmt in ("yaml", "json"):
            folders[fmt] = tmp / f"kb-{nodes}-{fmt}"
            flag = ["--json"] if fmt == "json" else []
            subprocess.run([EXAMPLES / "generate_rules", *flag, str(nodes), folders[fmt]],
                           check=True, stderr=subprocess.DEVNULL)

        def median_of(fmt, environment, pin=True, what=2):
            times = []
            for _ in range(size_runs):
                result = run([BIN, "--rules", folders[fmt], "check"], env=environment, pin=pin)
                assert result[0] == 0, f"check of {nodes} nodes ({fmt}) exited {result[0]}"
                times.append(result[what])
            return statistics.median(times)

        for fmt in ("yaml", "json"):
            cpu[fmt][nodes] = median_of(fmt, cold)
        clips = clips_cpu(tmp, folders["json"], nodes, size_runs)
        REF[f"clips_{nodes}"] = clips
        size = {f: sum(p.stat().st_size for p in folders[f].iterdir()) / 1e6 for f in folders}
        clips_text = f"CLIPS {clips:.3f} s" if clips is not None else "CLIPS not installed"
        print(f"  {nodes} nodes: YAML ({size['yaml']:.1f} MB) {cpu['yaml'][nodes]:.3f} s, "
              f"JSON ({size['json']:.1f} MB) {cpu['json'][nodes]:.3f} s, {clips_text}",
              flush=True)
        for fmt in ("json", "yaml"):
            name = f"{nodes // 1000}k nodes, {fmt.upper()}: first load and check, CPU"
            value = cpu[fmt][nodes]
            if clips is not None:
                row(name, value, "s", "< CLIPS" if fmt == "json" else "-",
                    value < clips if fmt == "json" else True, ratio(value, clips, "CLIPS"))
            elif nodes == 100_000 and fmt == "json":
                row(name, value, "s", "<= 1 s", value <= 1,
                    ratio(value, REF.get("floor_cpu"), "floor"))
        if nodes == 100_000:
            args = [BIN, "--rules", folders["json"], "check"]
            mb = peak(args, env=cold)
            memory_row("100k nodes, JSON: peak memory", mb, 300)
            cached = dict(env, POSDIAG_CACHE_DIR=str(tmp / "cache"))
            run([BIN, "--rules", folders["yaml"], "check"], env=cached)  # fills the cache
            warm = median_of("yaml", cached)
            row("100k nodes, YAML seen before (cache), CPU", warm, "s", "<= 1 s", warm <= 1,
                ratio(warm, clips, "CLIPS"))
            cores = median_of("yaml", cold, pin=False, what=1)
            print(f"  first load of the YAML on all {len(ALL_CORES)} cores: {cores:.3f} s wall",
                  flush=True)
    for fmt in ("json", "yaml"):
        if 10_000 in cpu[fmt] and 100_000 in cpu[fmt]:
            growth = cpu[fmt][100_000] / cpu[fmt][10_000]
            clips = (REF.get("clips_100000") or 0) / (REF.get("clips_10000") or 1)
            row(f"growth 10k -> 100k, {fmt.upper()}", growth, "x", "<= 12x", growth <= 12,
                f"CLIPS {clips:.3g}x" if clips else "-")


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
    row(f"batch of {lines} lines", round(rate), "diagnoses/s", ">= 100000", rate >= 100_000,
        ratio(wall * 1000, REF.get("floor_ms"), "floor"))
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
    share_of = wall / expected
    print(f"  {replies} replies x {delay_ms} ms + {counted} bytes x 10 / {BAUD} = "
          f"{expected:.3f} s; probe took {wall:.3f} s", flush=True)
    row("probe: time / (delays + bytes x 10 / baud)", share_of, "x", "<= 1.2x", share_of <= 1.2,
        "(a ratio)")
    share = cpu / wall * 100
    row("probe: CPU / wall", share, "%", "<= 5 %", share <= 5,
        ratio(cpu * 1000, REF.get("floor_ms"), "floor"))


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
        floor(tmp, 20 if args.quick else 100, env)
        startup(20 if args.quick else 100, env)
        sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
        generated(tmp, sizes, 1 if args.quick else 3, env)
        batch(tmp, 20_000 if args.quick else 200_000, env)
        probe(tmp, env)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}}  {'measured':>18}  {'ratio':>16}  {'target':>12}  result")
    for name, value, versus, target, result in rows:
        print(f"{name:<{width}}  {value:>18}  {versus:>16}  {target:>12}  {result}")
    print(f"references: hello-world floor {REF.get('floor_ms', 0):.2f} ms wall, "
          f"{REF.get('floor_mb') or 0:.1f} MB; CLIPS "
          + ", ".join(f"{k[6:]} nodes {v:.3f} s" for k, v in REF.items()
                      if k.startswith("clips_") and v is not None))
    return 1 if any(r[4] == "MISS" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
