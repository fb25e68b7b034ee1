"""Fixtures of the bulk tests: files written here in every encoding, delimiter and header variant, a Redis
server (127.0.0.1:6379 when it answers, else one started on a free port) and Celery workers as subprocesses."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

SEED_CODE = "8-009-004-C215"
AS_OF = "2025-06-30"

HEADER = [
    "Folio",
    "Nivel",
    "Grado de avance",
    "Carrera",
    "Años de experiencia",
    "Área de experiencia",
    "Sexo",
]
ROWS: list[list[str]] = [
    [
        "A-0001",
        "Licenciatura",
        "Titulada",
        "Ciencia Política",
        "3",
        "Evaluación de proyectos y atención ciudadana",
        "Mujer",
    ],
    [
        "A-0002",
        "Maestría",
        "Título",
        "Administración Pública",
        "2,5",
        "Organización y administración de procesos",
        "Hombre",
    ],
    ["A-0003", "Licenciatura", "Pasante", "Derecho", "1", "Trabajo de campo", "Mujer"],
    ["A-0004", "Kinder", "Titulado", "Sociología", "4", "Vinculación y atención ciudadana", "Hombre"],
    [
        '=HYPERLINK("http://x","a")',
        "Licenciatura",
        "Cédula profesional",
        "Economía",
        "5",
        "Seguimiento de proyectos institucionales",
        "Mujer",
    ],
    ["José Núñez Peña ¿?", "Bachillerato", "Terminada", "Pedagogía", "0", "Atención ciudadana", ""],
]


def csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\r\n",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_xlsx(
    path: Path, header: Sequence[Any], rows: Sequence[Sequence[Any]], sheet: str = "Aspirantes"
) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    worksheet = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    worksheet.write_row(0, 0, list(header))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if hasattr(value, "year"):
                worksheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, str):
                worksheet.write_string(r, c, value)
            elif value is not None:
                worksheet.write(r, c, value)
    book.close()
    return path


@pytest.fixture
def seed_rule_set(cli_env: dict[str, str]) -> Any:
    from screening import services
    from screening.config import load_config

    database = services.prepare_database(load_config())
    return services.get_rule_set(SEED_CODE, db=database)


# --- Redis and Celery ---------------------------------------------------------------------------------------


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if _answers(6379):
        yield "redis://127.0.0.1:6379/0"
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed and no Redis answers on 127.0.0.1:6379")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not _answers(port):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Workers:
    """Celery worker processes for one test, each in its own process group so kill -9 takes the whole worker."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, concurrency: int = 2) -> subprocess.Popen[bytes]:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 - the worker writes it until killed
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "screening.worker.tasks",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@%h",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=str(Path(__file__).resolve().parents[3]),
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        import signal

        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        import signal

        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


@pytest.fixture
def celery_env(redis_url: str, data_dir: Path, tmp_path: Path) -> dict[str, str]:
    import redis

    # A database of this Redis only for this test: an empty queue at start.
    base = redis_url.rsplit("/", 1)[0]
    url = f"{base}/{7 + (os.getpid() % 8)}"
    redis.Redis.from_url(url).flushdb()
    env = dict(os.environ)
    env.update(
        {
            "CELERY_BROKER_URL": url,
            "SCREENING_DATA_DIR": str(data_dir),
            "SCREENING_CELERY_VISIBILITY_TIMEOUT": "3",
            "SCREENING_CELERY_RESTORE_INTERVAL": "1",
            "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
        }
    )
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture
def workers(celery_env: dict[str, str], tmp_path: Path) -> Iterator[Workers]:
    group = Workers(celery_env, tmp_path)
    try:
        yield group
    finally:
        group.stop_all()
