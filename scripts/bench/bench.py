"""Runs the peer (pandas + lifetimes), the native CLI and the page (headless
Chromium) on the same files and prints the side-by-side table. Called by
scripts/bench/run, which sets up what this needs."""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "bench"
# The speed build by default; TIERLENS_BENCH_CLI measures another.
CLI = Path(os.environ.get("TIERLENS_BENCH_CLI", ROOT / "target" / "release" / "tierlens"))
COPIES = 40


def make_data():
    """The three files: the sample, CDNOW master as CSV, and master 40 times
    over with distinct ids (customer k of copy c is k + c * 100000)."""
    data = WORK / "data"
    data.mkdir(parents=True, exist_ok=True)
    sample = data / "cdnow_sample.csv"
    sample.write_bytes((ROOT / "tests/data/cdnow_sample.csv").read_bytes())
    rows = []
    for line in (ROOT / "tests/data/CDNOW_master.txt").read_text().splitlines()[1:]:
        cells = line.split()
        if len(cells) == 4:
            d = cells[1]
            rows.append((int(cells[0]), f"{d[:4]}-{d[4:6]}-{d[6:]}", cells[3]))
    master = data / "cdnow_master.csv"
    scaled = data / f"cdnow_master_x{COPIES}.csv"
    write(master, rows, 1)
    if not scaled.exists():
        write(scaled, rows, COPIES)
    return [sample, master, scaled]


def write(path, rows, copies):
    with open(path, "w") as out:
        out.write("customer_id,date,amount\n")
        for copy in range(copies):
            offset = copy * 100_000
            out.writelines(f"{c + offset:07d},{d},{a}\n" for c, d, a in rows)


def timed(command):
    """Wall seconds and peak RSS (MB) of one child process. os.wait4 gives
    the rusage of that child alone (RUSAGE_CHILDREN would be the largest of
    all children so far)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True)
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{command[0]} failed:\n{err.read()}")
    return seconds, usage.ru_maxrss / 1024, out


def count_rows(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}; Python {platform.python_version()}; {chromium}"


def main():
    files = make_data()
    results = []
    for path in files:
        peer_s, peer_mb, peer_out = timed([sys.executable, str(ROOT / "scripts/bench/peer.py"), str(path)])
        cli_s, cli_mb, cli_out = timed([str(CLI), "analyze", str(path), "--json"])
        peer, cli = json.loads(peer_out), json.loads(cli_out)
        results.append({"file": path, "rows": count_rows(path), "peer": peer, "cli": cli,
                        "peer_s": peer_s, "peer_mb": peer_mb, "cli_s": cli_s, "cli_mb": cli_mb})
        print(f"{path.name}: peer {peer_s:.2f} s, CLI {cli_s:.2f} s", file=sys.stderr)
    page = subprocess.run(["node", str(ROOT / "tests/browser/bench-page.mjs"), *map(str, files)],
                          capture_output=True, text=True)
    if page.returncode != 0:
        sys.exit(f"the page benchmark failed:\n{page.stderr}")
    for r, line in zip(results, page.stdout.splitlines()):
        r["page"] = json.loads(line)
    report = table(results)
    print(report)
    (WORK / "results.md").write_text(report)
    check(results)


def table(results):
    lines = [
        f"Machine: {machine()}",
        "",
        "| file | rows | customers | peer s | peer MB | CLI s | CLI MB | CLI vs peer | page s | page wasm MB | page vs peer | longest main-thread task |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        p = r["page"]
        lines.append(
            f"| {r['file'].name} | {r['rows']:,} | {r['cli']['customers']:,} "
            f"| {r['peer_s']:.2f} | {r['peer_mb']:.0f} | {r['cli_s']:.2f} | {r['cli_mb']:.0f} "
            f"| {r['peer_s'] / r['cli_s']:.1f}× | {p['seconds']:.2f} | {p['wasm_mb']:.0f} "
            f"| {r['peer_s'] / p['seconds']:.1f}× | {p['longest_task_ms']:.0f} ms |")
    lines += ["", "Page phases (seconds from handing over the file): "
              + "; ".join(f"{r['file'].name}: {r['page']['stages']}" for r in results)]
    return "\n".join(lines) + "\n"


def check(results):
    """The three agree on what they all compute: customers and the top-20% share."""
    for r in results:
        cli, peer, page = r["cli"], r["peer"], r["page"]
        if not (cli["customers"] == peer["customers"] == page["customers"]):
            sys.exit(f"{r['file'].name}: customers differ: CLI {cli['customers']}, peer {peer['customers']}, page {page['customers']}")
        if abs(cli["pareto"]["top20_share"] - peer["top20_share"]) > 1e-4:
            sys.exit(f"{r['file'].name}: top-20% share differs: CLI {cli['pareto']['top20_share']}, peer {peer['top20_share']}")
        if page["errors"]:
            sys.exit(f"{r['file'].name}: the page logged errors: {page['errors']}")


if __name__ == "__main__":
    main()
