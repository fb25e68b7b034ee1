"""Load, faults and hostile bodies against a live gunicorn server on the loopback (RELIABILITY T13, T21).

Run by hand (each command starts its own server on 127.0.0.1 with a fresh data directory, is bounded in requests
and time, and stops by itself):

  .venv/bin/python bench/load.py bodies [--db sqlite|postgresql]
      What one request costs a worker: the worst accepted candidate body (every list and text at the reader's
      limits, shaped to cost most: long texts, many short ones, single letters, one long word) against a
      typical one (bench/realistic.py, every one distinct) sent between them, sequential requests to one
      worker, median of the worker's CPU time (/proc schedstat) for each. Prints each shape's time and ratio, and the worst ratio (target: at most 20).
  .venv/bin/python bench/load.py mixed [--seconds 60] [--clients 50] [--db ...]          (T21)
      50 clients for 60 s of mixed traffic: stored evaluations (recruiter token), anonymous checks and
      receipts, matches, batch uploads, record reads and bad bodies (broken JSON, 1,000 nested arrays, text,
      no body, lone surrogates, 50,000 competencies, an unknown position). Prints the 5xx count, p50/p99 per
      kind, that every 201 evaluation is stored (ids compared) and every batch row, and that the chain
      verifies.
  .venv/bin/python bench/load.py kill [--seconds 20] [--clients 30] [--db ...]           (T13)
      Stored evaluations from 30 clients; a third of the way in, kill -9 of the gunicorn master and its
      workers, restart on the same port; at the end every id answered 201 must be stored and the chain verify.

--db postgresql uses the server on 127.0.0.1:5432 (user postgres, trust, database test) when it answers, with
a fresh database created there and dropped at the end; when it does not answer, the command says so and stops.
Rate limits are raised for the run (all clients share one address). Nothing leaves the loopback.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from realistic import Realistic  # noqa: E402

from rules.candidate import (  # noqa: E402
    MAX_COMPETENCIES,
    MAX_DEGREES,
    MAX_ITEMS,
    MAX_JOBS,
    MAX_NAME,
    MAX_READ_TEXT,
    MAX_TEXT,
)

SEED = "8-009-004-C215"
AS_OF = date(2026, 6, 30)
EVALUATE = f"/api/v1/positions/{SEED}/evaluations?as_of={AS_OF.isoformat()}"
MATCHES = f"/api/v1/matches?as_of={AS_OF.isoformat()}"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
JSON = {"Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- the server -------------------------------------------------------------------------------------------------


class Server:
    """gunicorn in its own process group on 127.0.0.1, with a fresh data directory and database."""

    def __init__(self, db: str, workers: int) -> None:
        self.workers = workers
        self.port = free_port()
        self.data_dir = Path(tempfile.mkdtemp(prefix="screening-load-"))
        self.pg_database: str | None = None
        self.database_url: str | None = None
        if db == "postgresql":
            self.database_url = self._pg_database()
        self.env = dict(
            os.environ,
            SCREENING_DATA_DIR=str(self.data_dir),
            SECRET_KEY="load",
            PYTHONPATH=str(ROOT),
            RATELIMIT_CHECKS="1000000 per minute",
        )
        self.env.pop("DATABASE_URL", None)
        if self.database_url:
            self.env["DATABASE_URL"] = self.database_url
        # This process reads the same database (tokens, the check of what was stored).
        os.environ["SCREENING_DATA_DIR"] = str(self.data_dir)
        os.environ.pop("DATABASE_URL", None)
        if self.database_url:
            os.environ["DATABASE_URL"] = self.database_url
        self.process: subprocess.Popen[bytes] | None = None
        self.context: Any = None

    def _pg_database(self) -> str:
        import psycopg

        try:
            with psycopg.connect(PG_SERVER, connect_timeout=3, autocommit=True) as connection:
                self.pg_database = "screening_load_" + secrets.token_hex(4)
                connection.execute(f'CREATE DATABASE "{self.pg_database}"')
        except psycopg.Error as error:
            raise SystemExit(
                f"PostgreSQL does not answer on 127.0.0.1:5432 (user postgres, database test): "
                f"{type(error).__name__}; run with --db sqlite, or start that server"
            ) from None
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.pg_database}"

    @property
    def label(self) -> str:
        return "PostgreSQL (127.0.0.1:5432)" if self.database_url else "SQLite (WAL)"

    def start(self) -> float:
        """Start gunicorn; seconds until /api/v1/ready answers 200."""
        gunicorn = Path(sys.executable).parent / "gunicorn"
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "-w",
                str(self.workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "error",
                "screening:create_app()",
            ],
            env=self.env,
            cwd=str(ROOT),
            start_new_session=True,  # its own process group: kill -9 reaches the master and every worker
        )
        deadline = started + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/api/v1/ready")
                if connection.getresponse().status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("gunicorn did not become ready within 60 s")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill9(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)

    def drop(self) -> None:
        if self.pg_database:
            import psycopg

            with psycopg.connect(PG_SERVER, connect_timeout=3, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.pg_database}" WITH (FORCE)')


@contextmanager
def running(db: str, workers: int) -> Iterator[Server]:
    server = Server(db, workers)
    try:
        from screening.services.context import open_context

        server.context = open_context()  # migrates and loads the bundled catalog before gunicorn starts
        server.start()
        yield server
    finally:
        server.stop()
        if server.context is not None:
            server.context.close()
        server.drop()


def token(server: Server, role: str) -> str:
    from screening import services

    return services.create_token(role, f"load {role}", db=server.context)[1]


def stored(server: Server) -> tuple[set[str], dict[str, int], bool, int]:
    """Ids of the stored records outside batches, records per batch, whether the chain verifies, and records."""
    from sqlalchemy import text

    from screening import services

    with server.context.database.read() as session:
        rows = session.execute(text("SELECT id, batch_id FROM evaluations")).all()
    report = services.verify(db=server.context)
    singles = {row[0] for row in rows if row[1] is None}
    batches: dict[str, int] = {}
    for row in rows:
        if row[1] is not None:
            batches[row[1]] = batches.get(row[1], 0) + 1
    return singles, batches, report.ok, report.records


# --- HTTP ---------------------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection; a broken one is opened again."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def send(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPResponse | None, bytes, float]:
        """(status, response, data, seconds); status -1 when the connection failed."""
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            return -1, None, b"", time.perf_counter() - started
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        return response.status, response, data, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[int(share * (len(ordered) - 1))] if ordered else 0.0


# --- bodies: the worst accepted body against a typical one ----------------------------------------------------


class Shapes:
    """Candidates at the reader's limits, each text new (no memo of an earlier request helps)."""

    WORDS = tuple(
        [
            "gestión",
            "evaluación",
            "proyectos",
            "atención",
            "ciudadana",
            "planeación",
            "estrategia",
            "normativa",
            "electoral",
            "análisis",
            "datos",
            "administración",
            "pública",
            "derecho",
            "contabilidad",
            "seguimiento",
            "de",
            "la",
            "y",
            "en",
        ]
    )

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def word(self) -> str:
        return "".join(self.rng.choice(string.ascii_lowercase) for _ in range(self.rng.randint(3, 9)))

    def text(self, kind: str, length: int) -> str:
        rng = self.rng
        if kind == "words":
            out: list[str] = []
            while sum(len(w) + 1 for w in out) < length:
                out.append(rng.choice(self.WORDS) if rng.random() < 0.6 else self.word())
            written = " ".join(out)[:length].strip()
        elif kind == "letters":
            written = " ".join(rng.choice(string.ascii_lowercase) for _ in range(length // 2 + 1))[:length]
        else:  # one long word
            written = "".join(rng.choice(string.ascii_lowercase) for _ in range(length))
        return written.strip() or "x"

    def build(self, shape: str, kind: str) -> dict[str, Any]:
        degree = {"level": "Licenciatura", "status": "Titulado", "field": "Ciencia Política"}
        room = MAX_READ_TEXT - sum(len(v) for v in degree.values()) - 5
        base: dict[str, Any] = {"folio": "W-" + self.word(), "degrees": [degree]}
        t = self.text
        if shape == "jobs, long areas":
            count = room // MAX_TEXT
            base["jobs"] = [
                {"area": t(kind, MAX_TEXT), "start": f"{2000 + i}-01", "end": f"{2000 + i}-12"}
                for i in range(count)
            ]
        elif shape == "jobs, 100 short":
            base["jobs"] = [
                {
                    "area": t(kind, room // MAX_JOBS),
                    "start": f"{1990 + i % 30}-01",
                    "end": f"{1990 + i % 30}-06",
                }
                for i in range(MAX_JOBS)
            ]
        elif shape == "jobs, titles and areas":
            half = room // MAX_JOBS // 2
            base["jobs"] = [
                {
                    "title": t(kind, half),
                    "area": t(kind, half),
                    "start": f"{1990 + i % 30}-0{1 + i % 9}",
                    "end": None if i == 0 else f"{1990 + i % 30}-1{i % 3}",
                    "hours_per_week": 1 + i % 60,
                }
                for i in range(MAX_JOBS)
            ]
        elif shape in ("knowledge, 200 short", "skills, 200 short"):
            base[shape.split(",")[0]] = [t(kind, room // MAX_ITEMS) for _ in range(MAX_ITEMS)]
        elif shape == "knowledge, long":
            base["knowledge"] = [t(kind, MAX_TEXT) for _ in range(room // MAX_TEXT)]
        elif shape == "competencies, 100":
            size = min(MAX_NAME, room // MAX_COMPETENCIES) - 3
            base["competencies"] = {f"{t(kind, size)}{i:02d}": i % 6 for i in range(MAX_COMPETENCIES)}
        elif shape == "degrees, 20":
            size = room // MAX_DEGREES // 2 - 12
            base["degrees"] = [
                {
                    "level": "Licenciatura",
                    "status": "Titulado",
                    "field": t(kind, size),
                    "institution": t(kind, size),
                }
                for _ in range(MAX_DEGREES)
            ]
        elif shape == "summary":
            base["experience_summary"] = {"years": 5, "area": t(kind, MAX_TEXT)}
        elif shape == "everything":
            share = room // 6
            base["jobs"] = [
                {
                    "title": t(kind, 20),
                    "area": t(kind, share // 20 - 20),
                    "start": f"{1995 + i}-01",
                    "end": None,
                }
                for i in range(20)
            ]
            base["knowledge"] = [t(kind, share // 50) for _ in range(50)]
            base["skills"] = [t(kind, share // 50) for _ in range(50)]
            base["competencies"] = {f"{t(kind, share // 50 - 3)}{i:02d}": 3 for i in range(50)}
            base["degrees"] = [
                {"level": "Maestría", "status": "Titulado", "field": t(kind, share // 10 - 10)}
                for _ in range(10)
            ]
            base["name"] = t("words", MAX_TEXT)
            base["email"] = t("oneword", MAX_TEXT)
        elif shape == "personal data and padding":
            base = Realistic(self.rng.randrange(10**9)).candidate(0, AS_OF)
            for key in ("name", "email", "curp", "gender"):
                base[key] = t(kind, MAX_TEXT)
        return base


SHAPES = (
    "jobs, long areas",
    "jobs, 100 short",
    "jobs, titles and areas",
    "knowledge, 200 short",
    "knowledge, long",
    "skills, 200 short",
    "competencies, 100",
    "degrees, 20",
    "summary",
    "everything",
    "personal data and padding",
)
KINDS = ("words", "letters", "one word")


def _median_ms(client: Client, path: str, bodies: list[bytes], expect: int | None) -> tuple[float, set[int]]:
    times, statuses = [], set()
    for body in bodies:
        status, _response, _data, seconds = client.send("POST", path, body, JSON)
        statuses.add(status)
        times.append(seconds)
    if expect is not None and statuses != {expect}:
        raise SystemExit(f"{path}: expected {expect}, got {sorted(statuses)}")
    return 1000 * statistics.median(times), statuses


def cpu_ns(pids: list[int]) -> int:
    """CPU time of the processes (every thread), in nanoseconds (/proc/<pid>/task/<tid>/schedstat)."""
    total = 0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            # A short-lived thread may end meanwhile (requests run on the main one).
            with suppress(FileNotFoundError, ProcessLookupError):
                total += int((task / "schedstat").read_text().split()[0])
    return total


def _interleaved(
    client: Client,
    workers: list[int],
    path: str,
    worst: list[bytes],
    typical: Iterator[bytes],
    per_worst: int = 2,
) -> tuple[float, float]:
    """Median CPU ms the worker spent on each of the `worst` bodies and on typical ones sent between them
    (`per_worst` before each). CPU time, not wall-clock: on this shared machine a request's wall time moves
    by a factor of five within a minute while its CPU time does not."""
    worst_times: list[float] = []
    typical_times: list[float] = []
    for body in worst:
        for _ in range(per_worst):
            before = cpu_ns(workers)
            status, _response, _data, _seconds = client.send("POST", path, next(typical), JSON)
            typical_times.append((cpu_ns(workers) - before) / 1e6)
            if status != 200:
                raise SystemExit(f"{path}: a typical body got {status}")
        before = cpu_ns(workers)
        status, _response, data, _seconds = client.send("POST", path, body, JSON)
        worst_times.append((cpu_ns(workers) - before) / 1e6)
        if status != 200:
            raise SystemExit(f"{path}: a body at the limits was refused ({status}): {data[:300]!r}")
    return statistics.median(worst_times), statistics.median(typical_times)


def cmd_bodies(args: argparse.Namespace) -> None:
    rounds = max(3, args.instances)
    with running(args.db, workers=1) as server:
        client = Client(server.port, timeout=120)
        workers = server.worker_pids()
        print(
            f"gunicorn 1 worker, {server.label}, sequential requests, the worker's CPU time per request; each shape at the reader's limits: "
            f"{rounds} new instances, each after 2 distinct typical candidates (bench/realistic.py) timed with it; "
            f"ratio = median of the shape / median of its typical ones; MAX_READ_TEXT {MAX_READ_TEXT}"
        )
        worst_ratio = 0.0
        routes = (("POST .../evaluations (anonymous, not stored)", EVALUATE), ("POST /matches", MATCHES))
        for number, (name, path) in enumerate(routes):
            # Each route its own candidates and texts: nothing the other route read is in a memo.
            pool = [
                json.dumps(candidate, ensure_ascii=False).encode("utf-8")
                for candidate in Realistic(20261203 + number).candidates(3000, AS_OF)
            ]
            typical = iter(pool * 2)
            _median_ms(client, path, [next(typical) for _ in range(200)], 200)  # warm-up
            shapes = Shapes(7 + number)
            rows = []
            bases = []
            for shape in SHAPES:
                for kind in KINDS:
                    bodies = [
                        json.dumps(shapes.build(shape, kind), ensure_ascii=False).encode("utf-8")
                        for _ in range(rounds)
                    ]
                    cost, base = _interleaved(client, workers, path, bodies, typical)
                    bases.append(base)
                    rows.append((cost / base, shape, kind, cost, base, len(bodies[0])))
            rows.sort(reverse=True)
            print(
                f"\n{name}: typical {min(bases):.2f}-{max(bases):.2f} ms of CPU (median "
                f"{statistics.median(bases):.2f}) over the run"
            )
            for ratio, shape, kind, cost, base, size in rows[:8]:
                print(
                    f"  {shape + ' (' + kind + ')':<44} {cost:7.2f} ms  typical {base:5.2f} ms  {ratio:5.1f}x  "
                    f"{size:>7} bytes"
                )
            print(f"  ... {len(rows) - 8} cheaper shapes")
            worst_ratio = max(worst_ratio, rows[0][0])
            # Refused bodies, for the record: what a 4xx costs (the 50,000 keys of the report answered in 17 s).
            base = statistics.median(bases)
            refused = {
                "50,000 competencies (422)": json.dumps(
                    {"competencies": {f"C{i}": 3 for i in range(50_000)}}
                ),
                "1,000 nested arrays (400)": "[" * 1000 + "]" * 1000,
                "200 knowledge of 2,000 characters (422)": json.dumps(
                    {"knowledge": [shapes.text("words", MAX_TEXT) for _ in range(MAX_ITEMS)]}
                ),
            }
            for label, text in refused.items():
                before = cpu_ns(workers)
                _cost, statuses = _median_ms(client, path, [text.encode("utf-8")] * 3, None)
                cost = (cpu_ns(workers) - before) / 1e6 / 3
                print(
                    f"  refused: {label:<40} {cost:7.2f} ms  {cost / base:5.1f}x  statuses {sorted(statuses)}"
                )
        print(f"\nworst accepted body / typical: {worst_ratio:.1f}x (target <= 20)")


# --- mixed traffic (T21) ----------------------------------------------------------------------------------------


def _csv_upload(rng: random.Random, rows: int) -> tuple[bytes, str]:
    path = Path(tempfile.mkdtemp(prefix="screening-load-csv-")) / "aspirantes.csv"
    Realistic(rng.randrange(10**9)).write_csv(path, rows, AS_OF)
    content = path.read_bytes()
    path.unlink()
    path.parent.rmdir()
    boundary = "----carga" + secrets.token_hex(6)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="aspirantes.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


BAD_BODIES: list[tuple[str, bytes, str, int]] = [
    ("broken JSON", b'{"folio": "A-1"', "application/json", 400),
    ("1,000 nested arrays", b"[" * 1000 + b"]" * 1000, "application/json", 400),
    ("text/plain", b"garbage{", "text/plain", 415),
    ("a form", b"folio=A-1", "application/x-www-form-urlencoded", 415),
    ("no body", b"", "", 415),
    ("lone surrogate", b'{"folio": "\\ud800", "degrees": []}', "application/json", 422),
    ("surrogate key", b'{"\\udfff": 1}', "application/json", 422),
    (
        "unknown level",
        b'{"degrees": [{"level": "Kinder", "status": "x", "field": "y"}]}',
        "application/json",
        422,
    ),
    (
        "50,000 competencies",
        json.dumps({"competencies": {f"C{i}": 3 for i in range(50_000)}}).encode(),
        "application/json",
        422,
    ),
    (
        "full-width date",
        json.dumps({"jobs": [{"area": "x", "start": "２０２１-03"}]}).encode(),
        "application/json",
        422,
    ),
]


def cmd_mixed(args: argparse.Namespace) -> None:
    candidates = [
        json.dumps(c, ensure_ascii=False).encode("utf-8") for c in Realistic(20261204).candidates(4000, AS_OF)
    ]
    with running(args.db, workers=args.workers) as server:
        recruiter = {"Authorization": f"Bearer {token(server, 'recruiter')}"}
        auditor = {"Authorization": f"Bearer {token(server, 'auditor')}"}
        lock = threading.Lock()
        latencies: dict[str, list[float]] = {}
        statuses: dict[str, dict[int, int]] = {}
        answered: set[str] = set()
        batches: list[str] = []
        wrong: list[str] = []
        stop_at = time.monotonic() + args.seconds
        uploads = [_csv_upload(random.Random(n), rows=40) for n in range(8)]

        def note(kind: str, status: int, seconds: float) -> None:
            latencies.setdefault(kind, []).append(seconds)
            counts = statuses.setdefault(kind, {})
            counts[status] = counts.get(status, 0) + 1

        def one(client: Client, rng: random.Random, mine: list[str]) -> None:
            pick = rng.random()
            body = rng.choice(candidates)
            if pick < 0.35:
                status, response, _data, seconds = client.send("POST", EVALUATE, body, {**JSON, **recruiter})
                kind = "stored evaluation (recruiter)"
                if status == 201 and response is not None:
                    mine.append(response.getheader("Location", "").rsplit("/", 1)[-1])
            elif pick < 0.45:
                status, response, _data, seconds = client.send("POST", EVALUATE + "&receipt=true", body, JSON)
                kind = "anonymous receipt (stored)"
                if status == 201 and response is not None:
                    mine.append(response.getheader("Location", "").rsplit("/", 1)[-1])
            elif pick < 0.55:
                status, _response, _data, seconds = client.send("POST", EVALUATE, body, JSON)
                kind = "anonymous check (not stored)"
            elif pick < 0.70:
                status, _response, _data, seconds = client.send("POST", MATCHES, body, JSON)
                kind = "matches"
            elif pick < 0.72:
                upload, content_type = rng.choice(uploads)
                status, _response, data, seconds = client.send(
                    "POST",
                    f"/api/v1/positions/{SEED}/batches?as_of={AS_OF.isoformat()}",
                    upload,
                    {"Content-Type": content_type, **recruiter},
                )
                kind = "batch upload (40 rows)"
                if status == 202:
                    with lock:
                        batches.append(json.loads(data)["id"])
            elif pick < 0.78 and mine:
                status, _response, _data, seconds = client.send(
                    "GET", f"/api/v1/evaluations/{rng.choice(mine)}", None, auditor
                )
                kind = "record read (auditor)"
            elif pick < 0.80:
                status, _response, _data, seconds = client.send(
                    "POST", "/api/v1/positions/NO-SUCH/evaluations", body, JSON
                )
                kind = "unknown position (404)"
                if status != 404:
                    wrong.append(f"{kind}: {status}")
            else:
                label, bad, content_type, expected = rng.choice(BAD_BODIES)
                headers = {"Content-Type": content_type} if content_type else {}
                path = EVALUATE if rng.random() < 0.5 else MATCHES
                status, _response, _data, seconds = client.send("POST", path, bad, headers)
                kind = "bad bodies (4xx expected)"
                if status != expected:
                    with lock:
                        wrong.append(f"{label} to {path.split('?')[0]}: {status}, expected {expected}")
            with lock:
                note(kind, status, seconds)

        def run(number: int) -> None:
            rng = random.Random(number)
            client = Client(server.port)
            mine: list[str] = []
            while time.monotonic() < stop_at:
                one(client, rng, mine)
            with lock:
                answered.update(mine)

        print(
            f"gunicorn {args.workers} workers, {server.label}, {args.clients} clients for {args.seconds:.0f} s"
        )
        started = time.monotonic()
        threads = [threading.Thread(target=run, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        # Batches run in the server's background; wait (bounded) until each is done.
        client = Client(server.port)
        deadline = time.monotonic() + 300
        rows_expected: dict[str, int] = {}
        pending = list(batches)
        while pending and time.monotonic() < deadline:
            batch_id = pending[0]
            status, _response, data, _seconds = client.send(
                "GET", f"/api/v1/batches/{batch_id}", None, recruiter
            )
            body = json.loads(data) if status == 200 else {}
            if body.get("status") in ("done", "failed"):
                rows_expected[batch_id] = int(body.get("rows_done") or 0)
                pending.pop(0)
            else:
                time.sleep(0.5)
        everything = [s for kind in latencies.values() for s in kind]
        total = {code: n for counts in statuses.values() for code, n in counts.items()}
        fives = sum(n for code, n in total.items() if code >= 500)
        print(
            f"{len(everything)} requests in {elapsed:.1f} s ({len(everything) / elapsed:.0f} req/s); "
            f"p50 {percentile(everything, 0.5):.1f} ms, p99 {percentile(everything, 0.99):.1f} ms; "
            f"5xx: {fives}; connection errors: {total.get(-1, 0)}"
        )
        for kind in sorted(latencies):
            values = latencies[kind]
            print(
                f"  {kind:<32} {len(values):6d}  p50 {percentile(values, 0.5):7.1f} ms  "
                f"p99 {percentile(values, 0.99):7.1f} ms  statuses {dict(sorted(statuses[kind].items()))}"
            )
        if wrong:
            print(f"unexpected answers to bad bodies: {len(wrong)}, e.g. {wrong[:3]}")
        singles, per_batch, ok, records = stored(server)
        missing = answered - singles
        extra = singles - answered
        batch_rows = sum(per_batch.get(b, 0) for b in rows_expected)
        print(
            f"201 evaluations answered: {len(answered)}, stored outside batches: {len(singles)}, "
            f"answered but missing: {len(missing)}, stored but not answered: {len(extra)}"
        )
        print(
            f"batches: {len(batches)} accepted, {len(rows_expected)} finished, rows done {sum(rows_expected.values())},"
            f" rows stored {batch_rows}; still running after 300 s: {len(pending)}"
        )
        print(f"chain verifies: {ok} ({records} records)")
        failed = fives or missing or extra or not ok or batch_rows != sum(rows_expected.values()) or pending
        print("RESULT: " + ("FAIL" if failed else "ok"))


# --- kill -9 under load (T13) -----------------------------------------------------------------------------------


def cmd_kill(args: argparse.Namespace) -> None:
    candidates = [
        json.dumps(c, ensure_ascii=False).encode("utf-8") for c in Realistic(20261205).candidates(3000, AS_OF)
    ]
    with running(args.db, workers=args.workers) as server:
        recruiter = {**JSON, "Authorization": f"Bearer {token(server, 'recruiter')}"}
        lock = threading.Lock()
        answered: set[str] = set()
        failures = {"connection": 0, "5xx": 0, "other": 0}
        stop_at = time.monotonic() + args.seconds

        def run(number: int) -> None:
            rng = random.Random(number)
            client = Client(server.port, timeout=10)
            mine: list[str] = []
            counts = {"connection": 0, "5xx": 0, "other": 0}
            while time.monotonic() < stop_at:
                status, response, _data, _seconds = client.send(
                    "POST", EVALUATE, rng.choice(candidates), recruiter
                )
                if status == 201 and response is not None:
                    mine.append(response.getheader("Location", "").rsplit("/", 1)[-1])
                elif status == -1:
                    counts["connection"] += 1
                    time.sleep(0.05)
                elif status >= 500:
                    counts["5xx"] += 1
                else:
                    counts["other"] += 1
            with lock:
                answered.update(mine)
                for key, value in counts.items():
                    failures[key] += value

        print(
            f"gunicorn {args.workers} workers, {server.label}, {args.clients} clients of stored evaluations "
            f"for {args.seconds:.0f} s; kill -9 of the server's process group at {args.seconds / 3:.0f} s"
        )
        threads = [threading.Thread(target=run, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 3)
        server.kill9()
        killed_at = time.monotonic()
        restart = server.start()
        print(
            f"killed with SIGKILL; restarted, ready again after {restart:.2f} s "
            f"({time.monotonic() - killed_at:.2f} s without a server)"
        )
        for thread in threads:
            thread.join()
        singles, _per_batch, ok, records = stored(server)
        missing = answered - singles
        print(
            f"201 answers: {len(answered)}, stored: {len(singles)}, answered but missing: {len(missing)}, "
            f"stored without an answer (in flight at the kill): {len(singles - answered)}"
        )
        print(
            f"failed requests: connection {failures['connection']}, 5xx {failures['5xx']}, other {failures['other']}"
        )
        print(f"chain verifies: {ok} ({records} records)")
        print("RESULT: " + ("FAIL" if missing or not ok else "ok"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    bodies = commands.add_parser("bodies", help="worst accepted body against a typical one")
    bodies.add_argument("--instances", type=int, default=5, help="new instances of each worst shape")
    mixed = commands.add_parser("mixed", help="T21: mixed traffic")
    mixed.add_argument("--seconds", type=float, default=60.0)
    mixed.add_argument("--clients", type=int, default=50)
    mixed.add_argument("--workers", type=int, default=2)
    kill = commands.add_parser("kill", help="T13: kill -9 of the server under load")
    kill.add_argument("--seconds", type=float, default=20.0)
    kill.add_argument("--clients", type=int, default=30)
    kill.add_argument("--workers", type=int, default=2)
    for command in (bodies, mixed, kill):
        command.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    run: Callable[[argparse.Namespace], None] = {"bodies": cmd_bodies, "mixed": cmd_mixed, "kill": cmd_kill}[
        args.command
    ]
    run(args)


if __name__ == "__main__":
    main()
