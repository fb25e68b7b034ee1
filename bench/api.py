"""API throughput: stored evaluations against the trivial /api/v1/health endpoint of the same server, same run.

Run by hand:  .venv/bin/python bench/api.py [--clients 20] [--seconds 5] [--rounds 3] [--workers 2]

Starts gunicorn (2 workers by default) on a free port with a fresh SQLite data directory, then drives it with
20 concurrent clients (threads, http.client): first GET /api/v1/health, then an anonymous evaluation that is not stored, then POST
/positions/<code>/evaluations with a recruiter token, so every evaluation is stored in the chain. Prints requests/s, p50 and p99 of each, and
the ratio (target: at least 0.5). Finally checks that every answered evaluation is stored and the chain verifies.

The evaluations send a realistic mix of distinct candidates (bench/realistic.py; --distinct N of them, a
different set for the stored run than for the unstored one), so per-value memos help only as much as they would
with real applicants; --distinct 1 sends one candidate over and over.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
SEED = "8-009-004-C215"
CANDIDATE = {
    "folio": "B-0001",
    "degrees": [{"level": "Licenciatura", "status": "Titulado", "field": "Ciencia Política"}],
    "jobs": [
        {
            "title": "Analista",
            "area": "Evaluación de proyectos y atención ciudadana",
            "start": "2021-03",
            "end": None,
            "hours_per_week": 40,
        }
    ],
    "knowledge": ["Normativa electoral"],
    "skills": ["Toma de decisiones"],
    "competencies": {"Planeación y estrategia": 4},
}


def candidate_bodies(count: int, seed: int) -> list[bytes]:
    """`count` distinct candidates as JSON bodies (one fixed candidate when count is 1)."""
    if count <= 1:
        return [json.dumps(CANDIDATE).encode("utf-8")]
    from datetime import date

    from realistic import Realistic

    return [
        json.dumps(person).encode("utf-8") for person in Realistic(seed).candidates(count, date(2025, 6, 30))
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/api/v1/ready")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not become ready")


def drive(
    port: int,
    clients: int,
    seconds: float,
    method: str,
    path: str,
    bodies: list[bytes] | None,
    headers: dict[str, str],
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    ids: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        my_statuses: dict[int, int] = {}
        my_ids: list[str] = []
        sent = number * len(bodies) // clients if bodies else 0  # each client starts on its own stretch
        while time.monotonic() < stop_at:
            body = bodies[sent % len(bodies)] if bodies else None
            sent += 1
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                my_statuses[-1] = my_statuses.get(-1, 0) + 1
                continue
            mine.append(time.perf_counter() - started)
            my_statuses[response.status] = my_statuses.get(response.status, 0) + 1
            if response.status == 201:
                # The id from the Location header: parsing the whole verdict here would take CPU the
                # server shares with this client on the same machine.
                my_ids.append(response.getheader("Location", "").rsplit("/", 1)[-1])
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            latencies.extend(mine)
            ids.extend(my_ids)
            for status, count in my_statuses.items():
                statuses[status] = statuses.get(status, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else 0.0,
        "statuses": statuses,
        "ids": ids,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--distinct", type=int, default=5000, help="distinct candidates sent (1: the same one)"
    )
    args = parser.parse_args()
    unstored_bodies = candidate_bodies(args.distinct, seed=11)
    stored_bodies = candidate_bodies(args.distinct, seed=7)

    data_dir = Path(tempfile.mkdtemp(prefix="screening-bench-"))
    # The per-client rate limit (60 checks a minute) would answer nearly every request 429: what is measured
    # is the evaluation, so the bench's clients get a limit they never reach.
    env = dict(
        os.environ,
        SCREENING_DATA_DIR=str(data_dir),
        SECRET_KEY="bench",
        PYTHONPATH=str(ROOT),
        RATELIMIT_CHECKS="1000000 per minute",
    )
    env.pop("DATABASE_URL", None)
    os.environ.update({"SCREENING_DATA_DIR": str(data_dir)})
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    from screening import services

    _, secret = services.create_token("recruiter", "bench")  # also migrates and loads the bundled catalog
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "screening:create_app()",
        ],
        env=env,
        cwd=str(ROOT),
    )
    rounds: list[dict[str, dict[str, Any]]] = []
    try:
        wait_until_up(port, time.monotonic() + 60)
        for _round in range(args.rounds + 1):
            # Interleaved rounds: a neighbour's burst on this shared machine hits one round, not one endpoint.
            # Round 0 warms the workers up (imports, per-value memos, the chain's pages) and is not counted.
            rounds.append(
                {
                    "health": drive(port, args.clients, args.seconds, "GET", "/api/v1/health", None, {}),
                    "unstored": drive(
                        port,
                        args.clients,
                        args.seconds,
                        "POST",
                        f"/api/v1/positions/{SEED}/evaluations?as_of=2025-06-30",
                        unstored_bodies,
                        {"Content-Type": "application/json"},
                    ),
                    "stored": drive(
                        port,
                        args.clients,
                        args.seconds,
                        "POST",
                        f"/api/v1/positions/{SEED}/evaluations?as_of=2025-06-30",
                        stored_bodies,
                        {"Content-Type": "application/json", "Authorization": f"Bearer {secret}"},
                    ),
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    warm_up, rounds = rounds[0], rounds[1:]
    report = services.verify()
    stored = report.records
    answered = sum(len(r["stored"]["ids"]) for r in [warm_up, *rounds])
    print(
        f"gunicorn {args.workers} workers, {args.clients} clients, {args.rounds} rounds of {args.seconds:.0f} s "
        f"per endpoint after one warm-up round, SQLite (WAL), {args.distinct} distinct candidates"
    )
    best = {name: max((r[name] for r in rounds), key=lambda result: result["rps"]) for name in rounds[0]}
    health, unstored, evaluate = best["health"], best["unstored"], best["stored"]
    for name, result in (
        ("GET /api/v1/health", health),
        ("POST evaluations (not stored)", unstored),
        ("POST evaluations (stored)", evaluate),
    ):
        print(
            f"{name:<28} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
            f"statuses {result['statuses']}  (best round)"
        )
    print(
        "per round (health, not stored, stored req/s; ratio): "
        + "; ".join(
            f"{r['health']['rps']:.0f}, {r['unstored']['rps']:.0f}, {r['stored']['rps']:.0f}; "
            f"{r['stored']['rps'] / r['health']['rps']:.2f}"
            for r in rounds
            if r["health"]["rps"]
        )
    )
    ratio = evaluate["rps"] / health["rps"] if health["rps"] else 0.0
    print(f"ratio evaluations/health, best rounds: {ratio:.2f} (target >= 0.50)")
    if unstored["rps"]:
        print(
            f"ratio stored/not stored evaluations: {evaluate['rps'] / unstored['rps']:.2f} (the cost of the chain)"
        )
    print(
        f"stored records: {stored}, 201 answers: {answered}, chain verifies: {report.ok}"
        + ("" if stored == answered else "  MISMATCH")
    )


if __name__ == "__main__":
    main()
