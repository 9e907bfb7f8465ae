"""Serve a benchmark database with gunicorn on loopback and time the main pages.

    python bench/serve_bench.py --db bench/bench.db [--workers 2] [--requests 200]
                                [--concurrency 4] [--port 5099]

Starts gunicorn (`sicrm:create_app()`, bound to 127.0.0.1 only), waits for /healthz,
logs in as admin, then requests each page N times from a bounded thread pool in
which every thread has its own logged-in session. Every response must be a 200
(redirects are not followed, so a lost login counts as an error). Prints a
markdown table (p50, p95, requests/s, errors) and writes it to bench/out/latest.md.
Exits non-zero if any request failed. Gunicorn is always stopped at the end.

With --count-queries (the default), each page is also rendered once in-process with
Flask's test client against the same database, counting the SQL statements it runs,
so an N+1 pattern shows up as a query count that grows with the page's rows.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import platform
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import requests

HOST = "127.0.0.1"  # loopback only, never any other address
BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
SECRET_KEY = "sicrm-bench-fixed-secret-key-not-for-production"
ADMIN = ("admin", "bench1234")
COMMON_WORD = "科技"  # in many generated company names (网络科技, 电子科技, 数据科技 …)
COMMON_SURNAME = "王"


class _CsrfParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.token: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "csrf_token" and self.token is None:
            self.token = attrs.get("value")


def csrf_token(html: str) -> str:
    parser = _CsrfParser()
    parser.feed(html)
    if not parser.token:
        raise RuntimeError("no csrf_token input on the login page")
    return parser.token


def login(base: str, timeout: float) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=timeout)
    page.raise_for_status()
    response = session.post(
        f"{base}/login",
        data={"username": ADMIN[0], "password": ADMIN[1], "csrf_token": csrf_token(page.text)},
        timeout=timeout,
        allow_redirects=False,
    )
    if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
        raise RuntimeError(
            f"login as {ADMIN[0]} failed: HTTP {response.status_code} "
            f"(was the database made by bench/generate.py?)"
        )
    check = session.get(f"{base}/admin/users/", timeout=timeout, allow_redirects=False)
    if check.status_code != 200:
        raise RuntimeError(f"logged in, but /admin/users/ answered HTTP {check.status_code}")
    return session


@dataclass
class Result:
    label: str
    path: str
    latencies: list[float] = field(default_factory=list)  # milliseconds
    errors: list[str] = field(default_factory=list)
    warmup_errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    bytes: int = 0
    queries: int | None = None
    timed_out: bool = False

    @property
    def count(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies."""
        values = sorted(self.latencies)
        if not values:
            return float("nan")
        rank = max(1, min(len(values), math.ceil(p / 100 * len(values))))
        return values[rank - 1]


def measure(base: str, result: Result, sessions: list[requests.Session], requests_n: int,
            warmup: int, timeout: float, max_seconds: float) -> None:
    """N requests for one page, spread over one thread per session; bounded in count and time."""
    url = base + result.path
    counter = itertools.count()
    lock = threading.Lock()

    def one(session: requests.Session, record: bool) -> None:
        started = time.perf_counter()
        try:
            response = session.get(url, timeout=timeout, allow_redirects=False)
            elapsed = (time.perf_counter() - started) * 1000
            ok = response.status_code == 200
            problem = None if ok else f"HTTP {response.status_code} {response.headers.get('Location', '')}".strip()
            size = len(response.content)
        except requests.RequestException as error:
            elapsed, ok, problem, size = 0.0, False, f"{type(error).__name__}: {error}", 0
        if not record:
            if not ok:
                with lock:
                    result.warmup_errors.append(f"warm-up: {problem}")
            return
        with lock:
            if ok:
                result.latencies.append(elapsed)
                result.bytes += size
            else:
                result.errors.append(problem)

    def worker(session: requests.Session, deadline: float) -> None:
        while time.perf_counter() < deadline:
            if next(counter) >= requests_n:
                return
            one(session, True)
        result.timed_out = True

    with ThreadPoolExecutor(max_workers=len(sessions), thread_name_prefix="bench") as pool:
        # warm-up (not timed): templates compiled, each gunicorn worker touched
        list(pool.map(lambda s: [one(s, False) for _ in range(warmup)], sessions))
        started = time.perf_counter()
        deadline = started + max_seconds
        futures = [pool.submit(worker, session, deadline) for session in sessions]
        for future in futures:
            future.result()
        result.wall = time.perf_counter() - started


def count_queries(db_path: Path, paths: list[str]) -> dict[str, int]:
    """SQL statements each page runs, rendered in-process (test client, same database).

    No app context is held around the requests, so each gets a fresh database session
    as under gunicorn (nothing is served from a previous request's identity map)."""
    from sqlalchemy import event

    import sicrm
    from sicrm.extensions import db

    app = sicrm.create_app({"WTF_CSRF_ENABLED": False})
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            statements.append(statement)

    counts: dict[str, int] = {}
    event.listen(engine, "before_cursor_execute", before)
    try:
        client = app.test_client()
        response = client.post("/login", data={"username": ADMIN[0], "password": ADMIN[1]})
        if response.status_code != 302:
            raise RuntimeError(f"in-process login failed: HTTP {response.status_code}")
        for path in paths:
            client.get(path)  # the first hit may fill caches; count the second one
            statements.clear()
            response = client.get(path)
            counts[path] = len(statements) if response.status_code == 200 else -1
    finally:
        event.remove(engine, "before_cursor_execute", before)
        engine.dispose()
    return counts


def dataset(db_path: Path) -> dict:
    """Row counts and the organisation with the most contacts, read directly."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        counts = {}
        for table in ("organizations", "contacts", "users", "departments", "audit_log"):
            try:
                counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.Error:  # not a bench database, or a broken one: the run will tell
                counts[table] = -1
        busiest = conn.execute(
            "SELECT organization_id, count(*) FROM contacts GROUP BY organization_id "
            "ORDER BY count(*) DESC, organization_id LIMIT 1"
        ).fetchone()
        any_org = conn.execute("SELECT min(id) FROM organizations").fetchone()[0]
        for table in ("projects", "milestones", "gate_reviews"):
            try:
                counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.Error:
                counts[table] = 0
        project = template = None
        try:
            # a typical open project with many milestones: the active one with the most
            project = conn.execute(
                "SELECT p.id, count(m.id) FROM projects p JOIN milestones m ON m.project_id = p.id "
                "WHERE p.status = 'active' GROUP BY p.id ORDER BY count(m.id) DESC, p.id LIMIT 1"
            ).fetchone()
            template = conn.execute(
                "SELECT id FROM project_templates WHERE builtin_key = 'standard_presales'"
            ).fetchone() or conn.execute("SELECT min(id) FROM project_templates").fetchone()
        except sqlite3.Error:
            pass
        around = around_pages(conn)
        forum = forum_pages(conn)
    return {"counts": counts, "around": around, "forum": forum, "org_id": busiest[0] if busiest else any_org,
            "org_contacts": busiest[1] if busiest else 0,
            "project_id": project[0] if project else None,
            "project_milestones": project[1] if project else 0,
            "template_id": template[0] if template and template[0] is not None else None}


#: rows of the #5 tables per project (partners, competitors, documents, finance)
AROUND_ROWS = """
SELECT p.id, p.kind,
  (SELECT count(*) FROM project_partners x WHERE x.project_id = p.id) AS partners,
  (SELECT count(*) FROM project_competitors x WHERE x.project_id = p.id) AS competitors,
  (SELECT count(*) FROM competitor_assessments x WHERE x.project_id = p.id) AS assessments,
  (SELECT count(*) FROM project_documents x WHERE x.project_id = p.id) AS documents,
  (SELECT count(*) FROM document_versions v JOIN project_documents d ON d.id = v.document_id
   WHERE d.project_id = p.id) AS versions,
  (SELECT count(*) FROM budget_lines x WHERE x.project_id = p.id) AS budget,
  (SELECT count(*) FROM expenses x WHERE x.project_id = p.id) AS expenses,
  (SELECT count(*) FROM effort_entries x WHERE x.project_id = p.id) AS effort,
  (SELECT count(*) FROM instalments x WHERE x.project_id = p.id) AS instalments
FROM projects p WHERE p.kind = ? AND p.status IN ('active', 'accepted')
"""


def around_pages(conn) -> list[tuple[str, str]]:
    """(label, path) of the pages issue #5 added, for the open presales and the open
    implementation project with the most #5 rows and every tab filled; empty when the
    database has no such rows (made before #5, or not upgraded)."""
    pages: list[tuple[str, str]] = []
    try:
        for kind, needed in (("implementation", ("partners", "documents", "budget", "expenses",
                                                 "instalments")),
                             ("presales", ("partners", "competitors", "documents", "expenses",
                                           "effort"))):
            cursor = conn.execute(AROUND_ROWS, (kind,))
            names = [c[0] for c in cursor.description]
            rows = [dict(zip(names, r)) for r in cursor.fetchall()]
            rows = [r for r in rows if all(r[n] for n in needed)]
            if not rows:
                continue
            total = lambda r: sum(v for k, v in r.items() if k not in ("id", "kind"))  # noqa: E731
            best = max(rows, key=lambda r: (total(r), -r["id"]))
            pid = best["id"]
            what = ", ".join(f"{best[n]} {n}" for n in (
                "partners", "competitors", "documents", "versions", "expenses", "instalments")
                if best[n])
            pages.append((f"/projects/{pid} ({kind}, {what})", f"/projects/{pid}"))
            pages.append((f"/projects/{pid}/finance ({best['expenses']} expenses)",
                          f"/projects/{pid}/finance"))
            doc = conn.execute(
                "SELECT d.id, count(v.id) FROM project_documents d JOIN document_versions v "
                "ON v.document_id = d.id WHERE d.project_id = ? GROUP BY d.id "
                "ORDER BY count(v.id) DESC, d.id LIMIT 1", (pid,)).fetchone()
            if doc:
                pages.append((f"/projects/{pid}/documents/{doc[0]} ({doc[1]} versions)",
                              f"/projects/{pid}/documents/{doc[0]}"))
            if kind == "presales":
                comp = conn.execute(
                    "SELECT competitor_id, count(*) FROM competitor_assessments "
                    "WHERE project_id = ? GROUP BY competitor_id "
                    "ORDER BY count(*) DESC, competitor_id LIMIT 1", (pid,)).fetchone()
                if comp:
                    pages.append((f"/projects/{pid}/competitors/{comp[0]} ({comp[1]} assessments)",
                                  f"/projects/{pid}/competitors/{comp[0]}"))
        if pages:
            pages += [("/projects/win-loss", "/projects/win-loss"),
                      ("/finance/receivables", "/finance/receivables"),
                      ("/finance/approvals", "/finance/approvals")]
    except sqlite3.Error:
        return []
    return pages


def forum_pages(conn) -> list[tuple[str, str]]:
    """(label, path) of the discussion board's pages (issue #7): the board list, the
    busiest board, the longest thread (first and last page) and a project's Board tab;
    empty without forum posts (bench/generate.py --only-forum adds them)."""
    try:
        board = conn.execute("SELECT id, kind, thread_count, post_count FROM forum_boards "
                             "ORDER BY thread_count DESC, id LIMIT 1").fetchone()
        thread = conn.execute("SELECT id, last_number FROM forum_threads "
                              "ORDER BY last_number DESC, id LIMIT 1").fetchone()
        company = conn.execute("SELECT id, thread_count FROM forum_boards "
                               "WHERE kind = 'company' ORDER BY id LIMIT 1").fetchone()
        project = conn.execute("SELECT project_id, thread_count FROM forum_boards "
                               "WHERE kind = 'project' ORDER BY thread_count DESC, id "
                               "LIMIT 1").fetchone()
        posts = conn.execute("SELECT count(*) FROM forum_posts").fetchone()[0]
    except sqlite3.Error:
        return []
    if not posts or board is None or thread is None:
        return []
    last_page = (thread[1] - 1) // 20 + 1
    pages = [(f"/forum/ ({posts} posts)", "/forum/"),
             ("/forum/?page=100", "/forum/?page=100"),
             (f"/forum/boards/{board[0]} ({board[1]}, {board[2]} threads)",
              f"/forum/boards/{board[0]}"),
             (f"/forum/boards/{board[0]}?page=10", f"/forum/boards/{board[0]}?page=10"),
             (f"/forum/threads/{thread[0]} ({thread[1]} posts, page 1)",
              f"/forum/threads/{thread[0]}"),
             (f"/forum/threads/{thread[0]}?page={last_page} (last page)",
              f"/forum/threads/{thread[0]}?page={last_page}")]
    if company:
        pages.append((f"/forum/boards/{company[0]} (company, {company[1]} threads)",
                      f"/forum/boards/{company[0]}"))
    if project:
        pages.append((f"/forum/projects/{project[0]}?partial=1 (Board tab, {project[1]} threads)",
                      f"/forum/projects/{project[0]}?partial=1"))
    return pages


def app_revision() -> str:
    """The commit being measured (read-only git calls; no index refresh)."""
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, env=env,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "sicrm",
                                "migrations"], cwd=PROJECT_DIR, env=env, capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown revision"
    if not head:
        return "unknown revision"
    return f"commit {head}" + (" with uncommitted changes in sicrm/ or migrations/" if dirty else "")


def cpu_snapshot() -> tuple[float, float] | None:
    """(busy CPU seconds of the whole machine, CPU seconds of this process and its waited-for
    children), to tell how much of the machine other programs used during the run."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(v) for v in fields]
    busy = (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # minus idle, iowait
    own = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
              for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return busy, own


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def wait_healthy(base: str, proc: subprocess.Popen, log_path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{tail(log_path)}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"/healthz not ready after {seconds:.0f}s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the gunicorn master (graceful), then SIGKILL to its process group."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group gunicorn leads (start_new_session)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.1f}"


def render_table(results: list[Result]) -> str:
    lines = [
        "| page | n | p50 ms | p95 ms | req/s | errors | KB/page | SQL queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ok = len(r.latencies)
        kb = f"{r.bytes / ok / 1024:.1f}" if ok else "—"
        rps = f"{r.count / r.wall:.1f}" if r.wall else "—"
        queries = "—" if r.queries is None else ("error" if r.queries < 0 else str(r.queries))
        n = f"{r.count}{' (time limit)' if r.timed_out else ''}"
        lines.append(
            f"| `{r.label}` | {n} | {ms(r.percentile(50))} | {ms(r.percentile(95))} | {rps} | "
            f"{len(r.errors) + len(r.warmup_errors)} | {kb} | {queries} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file made by bench/generate.py")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (sessions)")
    parser.add_argument("--port", type=int, default=5099, help="port on 127.0.0.1")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per thread and page")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--max-seconds", type=float, default=90.0,
                        help="time limit per page; fewer requests are made if it is reached")
    parser.add_argument("--no-count-queries", dest="count_queries", action="store_false",
                        help="skip the in-process SQL statement count per page")
    parser.add_argument("--out", default=str(BENCH_DIR / "out" / "latest.md"))
    parser.add_argument("--only", metavar="TEXT", action="append",
                        help="measure only the pages whose path contains TEXT (repeatable)")
    args = parser.parse_args(argv)
    if not (1 <= args.requests <= 100_000 and 1 <= args.concurrency <= 64 and 1 <= args.workers <= 32):
        parser.error("--requests 1..100000, --concurrency 1..64, --workers 1..32")

    db_path = Path(args.db).resolve()
    if not db_path.is_file():
        parser.error(f"{db_path} does not exist; run bench/generate.py first")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        parser.error(f"{gunicorn} not found; install the bench extra (pip install -e '.[bench]')")
    if port_in_use(args.port):
        parser.error(f"something already listens on {HOST}:{args.port}; choose another --port")

    data = dataset(db_path)
    pages = [
        ("/organizations/", "/organizations/"),
        (f"/organizations/?q={COMMON_WORD}", f"/organizations/?q={COMMON_WORD}"),
        ("/organizations/?industry=finance&sort=-updated", "/organizations/?industry=finance&sort=-updated"),
        ("/organizations/?page=50", "/organizations/?page=50"),
        (f"/organizations/{data['org_id']} ({data['org_contacts']} contacts)", f"/organizations/{data['org_id']}"),
        ("/contacts/", "/contacts/"),
        (f"/contacts/?q={COMMON_SURNAME}", f"/contacts/?q={COMMON_SURNAME}"),
        ("/admin/users/", "/admin/users/"),
        ("/admin/audit", "/admin/audit"),
        ("/projects/", "/projects/"),
        ("/projects/?status=active&kind=presales", "/projects/?status=active&kind=presales"),
        ("/projects/?page=50", "/projects/?page=50"),
        ("/projects/board", "/projects/board"),
        ("/projects/funnel", "/projects/funnel"),
    ]
    if data["project_id"] is not None:
        pages.append((f"/projects/{data['project_id']} ({data['project_milestones']} milestones)",
                      f"/projects/{data['project_id']}"))
    pages += data["around"]
    pages += data["forum"]
    pages.append(("/reviews/", "/reviews/"))
    pages.append(("/templates/", "/templates/"))
    if data["template_id"] is not None:
        pages.append((f"/templates/{data['template_id']} (standard presales)",
                      f"/templates/{data['template_id']}"))
    pages.append(("/healthz", "/healthz"))
    if args.only:
        pages = [(label, path) for label, path in pages if any(t in path for t in args.only)]
    results = [Result(label, path) for label, path in pages]

    instance_dir = tempfile.mkdtemp(prefix="sicrm-bench-serve-")
    env = dict(os.environ)
    env.update({
        "SICRM_DATABASE_URL": f"sqlite:///{db_path}",
        "SICRM_INSTANCE_DIR": instance_dir,
        "SICRM_SECRET_KEY": SECRET_KEY,
    })
    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    log_path = out_path.parent / "gunicorn.log"
    base = f"http://{HOST}:{args.port}"
    command = [str(gunicorn), "--bind", f"{HOST}:{args.port}", "--workers", str(args.workers),
               "--timeout", "120", "--graceful-timeout", "10", "--log-level", "warning",
               "sicrm:create_app()"]
    print(f"gunicorn: {' '.join(command[1:])}  (log: {log_path})", flush=True)
    cpu_before = cpu_snapshot()
    started = time.perf_counter()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(base, proc, log_path, seconds=60)
        sessions = [login(base, args.timeout) for _ in range(args.concurrency)]
        for result in results:
            measure(base, result, sessions, args.requests, args.warmup, args.timeout,
                    args.max_seconds)
            print(f"  {result.label:<60} p50 {result.percentile(50):7.1f} ms   "
                  f"p95 {result.percentile(95):7.1f} ms   "
                  f"errors {len(result.errors) + len(result.warmup_errors)}", flush=True)
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn died during the run:\n{tail(log_path)}")
    finally:
        stop(proc)
        shutil.rmtree(instance_dir, ignore_errors=True)
    elapsed = time.perf_counter() - started
    cpu_after = cpu_snapshot()  # gunicorn has been waited for: its CPU time is included
    if cpu_before and cpu_after:
        others = max(0.0, (cpu_after[0] - cpu_before[0]) - (cpu_after[1] - cpu_before[1]))
        noise = (f"other programs used {others:.0f} CPU-s of the {elapsed * os.cpu_count():.0f} "
                 f"available during the run (the client and the server used "
                 f"{cpu_after[1] - cpu_before[1]:.0f})")
    else:
        noise = "CPU use of other programs unknown"

    if args.count_queries:
        os.environ.update({k: env[k] for k in ("SICRM_DATABASE_URL", "SICRM_SECRET_KEY")})
        os.environ["SICRM_INSTANCE_DIR"] = tempfile.mkdtemp(prefix="sicrm-bench-count-")
        try:
            counts = count_queries(db_path, [r.path for r in results])
        finally:
            shutil.rmtree(os.environ["SICRM_INSTANCE_DIR"], ignore_errors=True)
        for result in results:
            result.queries = counts.get(result.path)

    counts = data["counts"]
    failed = [r for r in results if r.errors or r.warmup_errors]
    header = (
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, app at {app_revision()}; {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}; gunicorn {args.workers} sync "
        f"workers on {HOST}:{args.port}; {args.concurrency} client threads, {args.requests} timed "
        f"requests per page (+{args.warmup} warm-up per thread); SQLite `{db_path.name}` with "
        f"{counts['organizations']:,} organisations, {counts['contacts']:,} contacts, "
        f"{counts['users']:,} users, {counts['departments']:,} departments, "
        f"{counts['audit_log']:,} audit entries, {counts['projects']:,} projects, "
        f"{counts['milestones']:,} milestones, {counts['gate_reviews']:,} gate reviews. "
        f"Logged in as admin. Total {elapsed:.0f}s; "
        f"{noise}. The client shares the machine with the server."
    )
    table = render_table(results)
    report = f"{header}\n\n{table}\n"
    if failed:
        report += "\n**FAILED**: some responses were not HTTP 200:\n\n" + "\n".join(
            f"- `{r.path}`: {len(r.errors) + len(r.warmup_errors)} × e.g. "
            f"{(r.errors or r.warmup_errors)[0]}" for r in failed) + "\n"
    out_path.write_text(report, encoding="utf-8")
    print()
    print(report)
    print(f"written to {out_path}")
    if failed:
        print(f"gunicorn log tail ({log_path}):\n{tail(log_path)}", file=sys.stderr)
        print("FAILED: not every response was HTTP 200", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
