"""Load benchmark (issue 10): gunicorn on PostgreSQL as in production, readers plus editors.

Run: python bench/bench_load.py [--seconds 60] [--readers 50] [--editors 20] [--workers 4]
         [--worker-class sync] [--baseline COMMIT | --baseline-rps 111 | --no-baseline] [--quick]
         [--cpu]
(with the project's venv and gunicorn, the `prod` extra; PostgreSQL reachable through
--postgres, default the CI role on 127.0.0.1:5432). A full run with defaults takes about
5 minutes; --quick (15 s, 20 readers, 5 editors) about 2.

For the baseline and then for the working tree it creates a fresh database jobnet_load_<pid>_<n>,
runs `flask db upgrade`, `flask demo load` and creates the editors (coordinators, through the
invitation service) with JOBNET_* environment settings as production would, starts
`gunicorn --workers 4 wsgi:app` on a free port and waits until it answers. Then, for --seconds:
readers ask for the map page, its marker data and district counts (the URLs static/js/map/main.js
fetches), the post list with a search and filters, the geocode API and post pages; editors
(logged-in coordinators) edit the same few posts: GET the form, change one field to a unique
value, POST every field as a browser does (hidden ones included), start over from the form when
a conflict page (409) comes. At the end every (post, field) is compared with the last value the
server acknowledged with a redirect: lost updates. Processes and the database are removed in a
finally. The baseline is the same load against a `git worktree` of --baseline (default: the
commit issue 10's work started from, on which the issue measured 111 req/s, p99 700-790 ms).

Prints per endpoint requests, req/s, p50/p95/p99 and errors (5xx, no answer), the editors'
saves, conflicts shown and lost updates, where the CPU went (gunicorn workers, PostgreSQL, this
load generator, the whole machine; with --cpu also the workers' CPU per kind of page, through
the hooks in bench/gunicorn_cpu.py) and issue 10's goals, met or MISSED. Not a test: on a shared
machine the figures move with whatever else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_traffic import (
    EditorReport,
    Stats,
    login_editors,
    lost_updates,
    percentile,
    run_editors,
    run_readers,
)

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
# main's last commit before issue 10's work (the i10-* branches start here); the issue measured
# 111 req/s, p99 700-790 ms on it.
ISSUE_BASELINE = "657f5c9"
GOAL_ERRORS, GOAL_LOST, GOAL_RATIO, GOAL_P99_MS = 0, 0, 2.0, 400
EDITOR_ORGANISATION = "Kommunales Center für Arbeit (KCA) Main-Kinzig-Kreis"
EDITED_POSTS = 3
READER_ENDPOINTS = ("home", "marker data", "district counts", "list + search", "post detail",
                    "geocode")

# Run inside the checkout under test, with its own code: editors through the invitation service
# (invite as the demo admin, accept the link), and the published posts for readers and editors.
SETUP_SCRIPT = """
import json, secrets, sys
from sqlalchemy import select
from jobnet import create_app
from jobnet.accounts.invitations import accept_invitation, invite
from jobnet.accounts.models import Organisation, Role, User
from jobnet.clock import utcnow
from jobnet.extensions import db
from jobnet.posts.models import Post, Status
count, org_name, edited = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
app = create_app()
with app.app_context(), app.test_request_context():
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN))
    org = db.session.scalar(select(Organisation).where(Organisation.name == org_name))
    accounts, links = [], []
    for n in range(count):
        email, password = f"lasttest{n:02d}@example.org", secrets.token_urlsafe(12)
        invite(admin, email=email, name=f"Lasttest Editor {n:02d}", role=Role.COORDINATOR,
               organisation_id=org.id, now=utcnow(), link_for=lambda token: links.append(token) or token)
        accept_invitation(links[-1], password, now=utcnow())
        accounts.append({"email": email, "password": password})
    published = db.session.scalars(select(Post).where(Post.status == Status.PUBLISHED)
                                   .order_by(Post.id)).all()
    mine = [p.id for p in published if p.organisation_id == org.id][:edited]
    print(json.dumps({"accounts": accounts, "published": [p.id for p in published],
                      "edited": mine}))
"""


@dataclass
class Run:
    label: str
    seconds: float = 0.0
    stats: Stats = field(default_factory=Stats)
    editors: EditorReport = field(default_factory=EditorReport)
    lost: int = 0
    checked: int = 0
    lost_examples: list[str] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)
    # --cpu: {kind of page: [requests, worker CPU seconds]} over the warm-up and the run
    pages: dict[str, list[float]] = field(default_factory=dict)

    def reader_latencies(self) -> list[float]:
        return [t for e in READER_ENDPOINTS for t in self.stats.latencies.get(e, [])]

    def reader_rps(self) -> float:
        return len(self.reader_latencies()) / self.seconds if self.seconds else 0.0

    def server_cpu_per_request(self) -> float:
        requests_ = sum(len(v) for v in self.stats.latencies.values())
        return (self.cpu["gunicorn"] + self.cpu["postgres"]) / max(1, requests_)

    def errors(self) -> int:
        return sum(self.stats.errors.values())


def main() -> None:
    args = parse_args()
    print(f"JobNet load: gunicorn {args.workers} {args.worker_class} workers on PostgreSQL, "
          f"{args.readers} readers + {args.editors} editors for {args.seconds:.0f} s, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          "(other processes share this machine)")
    baseline = None
    if args.baseline_rps is None and not args.no_baseline:
        commit = git("rev-parse", "--short", args.baseline)
        with worktree(commit) as checkout:
            baseline = measure(checkout, f"baseline {commit}", args, 1)
        report(baseline)
    current = measure(REPO, f"current {git('rev-parse', '--short', 'HEAD')}"
                      + (" + uncommitted changes" if git("status", "--porcelain", "--", "jobnet",
                                                            "templates", "static", "migrations",
                                                            "config") else ""), args, 2)
    report(current)
    verdicts(current, baseline, args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.5,
                        help="editors' mean pause (s) before saving and between edits")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn --threads (gthread)")
    parser.add_argument("--baseline", default=ISSUE_BASELINE,
                        help=f"commit measured first in a temporary git worktree "
                             f"(default {ISSUE_BASELINE}, main before issue 10)")
    parser.add_argument("--baseline-rps", type=float,
                        help="a stated baseline instead of measuring one, e.g. 111")
    parser.add_argument("--baseline-p99", type=float, help="stated baseline p99 in ms")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--quick", action="store_true", help="15 s, 20 readers, 5 editors")
    parser.add_argument("--cpu", action="store_true",
                        help="print the workers' CPU per kind of page (bench/gunicorn_cpu.py)")
    parser.add_argument("--postgres", default="postgresql://jobnet_ci:jobnet_ci@127.0.0.1:5432",
                        help="server URL of a role that may create databases (no database name)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.readers, args.editors = 15, 20, 5
    return args


def git(*argv: str) -> str:
    return subprocess.run(["git", *argv], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout.strip()


@contextmanager
def worktree(commit: str):
    """A detached git worktree of commit in a temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="jobnet-load-"))
    checkout = folder / "checkout"
    git("worktree", "add", "--detach", str(checkout), commit)
    try:
        # Compiled catalogs are not in git (make translations builds them).
        subprocess.run([str(VENV_BIN / "pybabel"), "compile", "--use-fuzzy", "-d",
                        "jobnet/translations", "-D", "messages"], cwd=checkout, check=False,
                       capture_output=True)
        yield checkout
    finally:
        git("worktree", "remove", "--force", str(checkout))
        shutil.rmtree(folder, ignore_errors=True)
        git("worktree", "prune")


def measure(checkout: Path, label: str, args: argparse.Namespace, number: int) -> Run:
    run = Run(label)
    database = f"jobnet_load_{os.getpid()}_{number}"
    scratch = Path(tempfile.mkdtemp(prefix="jobnet-load-"))
    logins = checkout / "instance" / "demo-logins.json"  # demo load rewrites it: keep the user's
    kept = logins.read_bytes() if logins.exists() else None
    env = production_env(checkout, f"{args.postgres}/{database}", scratch)
    server = None
    print(f"\n== {label}: preparing database {database} ...", flush=True)
    admin_sql(args.postgres, f'CREATE DATABASE "{database}"')
    try:
        flask(checkout, env, "db", "upgrade")
        flask(checkout, env, "demo", "load")
        setup = json.loads(subprocess.run(
            [sys.executable, "-c", SETUP_SCRIPT, str(args.editors), EDITOR_ORGANISATION,
             str(EDITED_POSTS)], cwd=checkout, env=env, check=True, capture_output=True,
            text=True).stdout.strip().splitlines()[-1])
        server, base = start_gunicorn(checkout, env, args, scratch)
        warm_up(base, setup["published"])
        measure_load(run, base, args, setup, f"{args.postgres}/{database}", server.pid)
        final = final_values(f"{args.postgres}/{database}", setup["edited"])
        run.lost, run.checked, run.lost_examples = lost_updates(run.editors.saves, final)
    finally:
        if server is not None:
            stop(server)
            run.pages = page_cpu(scratch)
        admin_sql(args.postgres, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if kept is not None:
            logins.write_bytes(kept)
        elif logins.exists():
            logins.unlink()
        shutil.rmtree(scratch, ignore_errors=True)
    return run


def production_env(checkout: Path, database_url: str, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOBNET_", "FLASK_"))}
    env.update(PYTHONPATH=str(checkout), PATH=f"{VENV_BIN}:{env.get('PATH', '')}",
               JOBNET_SQLALCHEMY_DATABASE_URI=database_url.replace("postgresql://",
                                                                   "postgresql+psycopg://"),
               JOBNET_SECRET_KEY="load-benchmark-" + os.urandom(16).hex(),
               JOBNET_MAIL_TRANSPORT='"file"', JOBNET_MAIL_FILE_DIR=str(scratch / "mail"),
               JOBNET_PUBLIC_BASE_URL='"http://127.0.0.1"')
    return env


def admin_sql(server_url: str, statement: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def flask(checkout: Path, env: dict[str, str], *argv: str) -> None:
    done = subprocess.run([str(VENV_BIN / "flask"), "--app", "jobnet", *argv], check=False,
                          cwd=checkout, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(argv)} failed:\n{done.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(checkout: Path, env: dict[str, str], args, scratch: Path):
    port = free_port()
    command = [str(VENV_BIN / "gunicorn"), "--workers", str(args.workers), "--worker-class",
               args.worker_class, "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}",
               "--timeout", "60", "wsgi:app"]
    if args.cpu:  # the hooks come from this checkout's bench/, whatever commit is measured
        command[1:1] = ["--config", str(Path(__file__).with_name("gunicorn_cpu.py"))]
        env = {**env, "JOBNET_BENCH_CPU_DIR": str(scratch)}
    log = (scratch / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=checkout, env=env, stdout=log, stderr=log,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {(scratch / 'gunicorn.log').read_text()[-2000:]}")
        try:
            if requests.get(f"{base}/api/v1/districts", timeout=5).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def warm_up(base: str, post_ids: list[int]) -> None:
    """Every worker loads geodata, templates and connections before the clock runs (untimed)."""
    stats = Stats()
    run_readers(base, 8, time.monotonic() + 3, post_ids, stats, seed=99)


def stop(server: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's process group, SIGKILL after 15 s; asserts nothing is left."""
    group = server.pid
    try:
        os.killpg(group, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        server.wait(timeout=5)
    except ProcessLookupError:
        pass
    for _ in range(50):  # workers may outlive the master by a moment
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    time.sleep(0.5)
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return
    raise AssertionError(f"processes of gunicorn's group {group} are still running")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(parts[11]) + int(parts[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def process_tree(root: int) -> list[int]:
    return [int(p) for p in subprocess.run(["pgrep", "-g", str(root)], check=False,
                                           capture_output=True,
                                           text=True).stdout.split()]


def backend_cpu(connection) -> dict[int, float]:
    """CPU seconds of the PostgreSQL backends serving this database, by pid."""
    pids = [row[0] for row in connection.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()")]
    return {pid: cpu_seconds([pid]) for pid in pids}


def measure_load(run: Run, base: str, args, setup: dict, database_url: str, group: int) -> None:
    sessions = login_editors(base, setup["accounts"], run.editors)  # argon2: before the clock
    with psycopg.connect(database_url, autocommit=True) as connection:
        pg_before, gunicorn_before = backend_cpu(connection), cpu_seconds(process_tree(group))
        own_before, machine_before = resource.getrusage(resource.RUSAGE_SELF), machine_busy()
        started = time.monotonic()
        deadline = started + args.seconds
        editors = threading.Thread(target=run_editors, daemon=True, args=(
            base, sessions, setup["edited"], deadline, args.think, run.stats, run.editors))
        editors.start()
        run_readers(base, args.readers, deadline, setup["published"], run.stats)
        run.seconds = time.monotonic() - started  # readers' window, their last answers included
        editors.join()
        elapsed = time.monotonic() - started
        pg_after, gunicorn_after = backend_cpu(connection), cpu_seconds(process_tree(group))
        own_after, machine_after = resource.getrusage(resource.RUSAGE_SELF), machine_busy()
    own = (own_after.ru_utime + own_after.ru_stime) - (own_before.ru_utime + own_before.ru_stime)
    run.cpu = {"gunicorn": gunicorn_after - gunicorn_before, "load generator": own,
               "postgres": sum(t - pg_before.get(pid, 0.0) for pid, t in pg_after.items()),
               "elapsed": elapsed,
               "machine": (machine_after[0] - machine_before[0])
               / max(1, machine_after[1] - machine_before[1])}


def final_values(database_url: str, post_ids: list[int]) -> dict[tuple[int, str], str]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT id, title, summary, contact_name FROM post "
                                  "WHERE id = ANY(%s)", (post_ids,)).fetchall()
    return {(row[0], name): value for row in rows
            for name, value in zip(("title", "summary", "contact_name"), row[1:])}


def report(run: Run) -> None:
    print(f"\n{run.label}: {run.seconds:.1f} s")
    print(f"  {'endpoint':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
          f"{'errors':>8}{'4xx':>6}")
    names = [*READER_ENDPOINTS, *sorted(n for n in run.stats.latencies if n.startswith("editor"))]
    for name in names:
        values = run.stats.latencies.get(name, [])
        row(name, values, run.seconds, run.stats.errors.get(name, 0), run.stats.other.get(name, 0))
    reader_errors = sum(run.stats.errors.get(e, 0) for e in READER_ENDPOINTS)
    row("readers, all", run.reader_latencies(), run.seconds, reader_errors,
        sum(run.stats.other.get(e, 0) for e in READER_ENDPOINTS))
    e = run.editors
    acknowledged = sum(s.acknowledged for s in e.saves)
    print(f"  editors: {acknowledged} saves acknowledged, {e.conflicts} conflict pages shown, "
          f"{e.refused} saves refused with form errors, {e.gave_up} edits given up, "
          f"{e.login_failures} failed logins; lost updates: {run.lost} of {run.checked} "
          "(post, field) pairs")
    for example in run.lost_examples:
        print(f"    lost: {example}")
    for sample in run.stats.samples[:6]:
        print(f"    sample: {sample}")
    c = run.cpu
    if c:
        print(f"  CPU over {c['elapsed']:.0f} s (cores busy): gunicorn {c['gunicorn'] / c['elapsed']:.2f}, "
              f"PostgreSQL {c['postgres'] / c['elapsed']:.2f}, this load generator "
              f"{c['load generator'] / c['elapsed']:.2f}; whole machine "
              f"{c['machine'] * 100:.0f} % of {os.cpu_count()} cores")
        per_request = run.server_cpu_per_request()
        if run.pages:
            spent = sum(seconds for _, seconds in run.pages.values())
            print(f"  workers' CPU per kind of page (warm-up included): {'requests':>9}"
                  f"{'ms each':>9}{'share':>7}")
            for name, (count, seconds) in sorted(run.pages.items(), key=lambda item: -item[1][1]):
                print(f"    {name:<47}{count:>9}{seconds / count * 1000:>9.1f}"
                      f"{seconds / spent * 100:>6.0f}%")
        print(f"  server CPU per request (gunicorn + PostgreSQL, all requests): "
              f"{per_request * 1000:.1f} ms; {os.cpu_count()} cores / that = "
              f"{os.cpu_count() / per_request:.0f} req/s (CPU time per request grows on a crowded "
              "machine too, but less than latency: compare runs)")


def page_cpu(scratch: Path) -> dict[str, list[float]]:
    """The workers' sums from bench/gunicorn_cpu.py, added up (empty without --cpu)."""
    pages: dict[str, list[float]] = {}
    for path in scratch.glob("cpu-*.json"):
        for name, (count, seconds) in json.loads(path.read_text()).items():
            total = pages.setdefault(name, [0, 0.0])
            total[0] += count
            total[1] += seconds
    return pages


def row(name: str, values: list[float], seconds: float, errors: int, other: int) -> None:
    ms = [v * 1000 for v in values]
    print(f"  {name:<26}{len(values):>9}{len(values) / seconds:>8.1f}"
          f"{percentile(ms, 50):>8.0f}{percentile(ms, 95):>8.0f}{percentile(ms, 99):>8.0f}"
          f"{errors:>8}{other:>6}")


def verdicts(current: Run, baseline: Run | None, args) -> None:
    rps = current.reader_rps()
    p99 = percentile(current.reader_latencies(), 99) * 1000
    if baseline is not None:
        base_rps, base_p99 = baseline.reader_rps(), percentile(baseline.reader_latencies(), 99) * 1000
        source = baseline.label
    else:
        base_rps, base_p99, source = args.baseline_rps, args.baseline_p99, "stated"
    print(f"\nreaders: {rps:.1f} req/s, p99 {p99:.0f} ms", end="")
    if base_rps:
        print(f"; baseline ({source}) {base_rps:.1f} req/s"
              + (f", p99 {base_p99:.0f} ms" if base_p99 else "") + f": {rps / base_rps:.2f}x")
    else:
        print()
    if baseline is not None:
        before, after = baseline.server_cpu_per_request(), current.server_cpu_per_request()
        print(f"server CPU per request: baseline {before * 1000:.1f} ms, current {after * 1000:.1f} ms"
              f" ({before / after:.2f}x as many requests per CPU second)")
        print(f"  {'endpoint':<26}{'req/s before':>13}{'after':>8}{'p99 ms before':>15}{'after':>8}")
        for name in READER_ENDPOINTS:
            before, after = baseline.stats.latencies.get(name, []), current.stats.latencies.get(name, [])
            print(f"  {name:<26}{len(before) / baseline.seconds:>13.1f}"
                  f"{len(after) / current.seconds:>8.1f}{percentile(before, 99) * 1000:>15.0f}"
                  f"{percentile(after, 99) * 1000:>8.0f}")
    goals = [(f"0 errors (5xx, no answer): {current.errors()}", current.errors() == GOAL_ERRORS),
             (f"0 lost updates: {current.lost}", current.lost == GOAL_LOST),
             (f"p99 < {GOAL_P99_MS} ms at {args.readers} readers: {p99:.0f} ms", p99 < GOAL_P99_MS)]
    if base_rps:
        goals.insert(2, (f">= {GOAL_RATIO:.0f}x baseline req/s: {rps / base_rps:.2f}x",
                         rps >= GOAL_RATIO * base_rps))
    for text, met in goals:
        print(f"  goal {text}: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
