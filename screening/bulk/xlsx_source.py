"""XLSX reading: inspect first (xlsx_inspect), then parse in a child process with limits, rows streamed back.

A crash of the parser (SIGABRT on a forged extent, tafia/calamine#693) kills only the child and is reported
as an invalid file; this process and its server or worker keep running (RELIABILITY 1.3, T5).
"""

from __future__ import annotations

import io
import json
import os
import pickle  # nosec B403 # frames of our own child, read by an unpickler that admits no class but dates and times
import selectors
import signal
import subprocess  # nosec B404 # starts only our own parser child
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.table import RawRow, Table, TableInfo
from screening.bulk.xlsx_child import FRAME

_ALLOWED = {
    ("datetime", "date"): date,
    ("datetime", "datetime"): datetime,
    ("datetime", "time"): time_of_day,
    ("datetime", "timedelta"): timedelta,
}


CHILD_MODULE = "screening.bulk.xlsx_child"


class _PlainUnpickler(pickle.Unpickler):
    """Frames hold plain values only; any other class in a frame is refused."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")
        return allowed


def open_xlsx(path: str | Path, limits: BulkLimits, sheet: str | None = None) -> Table:
    """The sheet as a Table; the child process starts now, inspects, then parses, while the caller goes on
    with its own start-up (imports, the rule set) until it reads the header."""
    info = TableInfo(kind="xlsx", sheet=sheet)
    child = _ParserChild(Path(path), sheet, limits)
    return Table(info, child.rows(info), limits, close=child)


def _child_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL", "TMPDIR")}
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = package_root
    return env


class _ParserChild:
    """The inspecting and parsing child process, started at once; `rows` streams its frames, `close` stops it
    whether or not its rows were read (a generator never started would not run its own cleanup)."""

    def __init__(self, path: Path, sheet: str | None, limits: BulkLimits) -> None:
        self.limits = limits
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close(), after the child
        self.process = subprocess.Popen(  # nosec B603 # our interpreter and module; the path is an argument, no shell
            [
                sys.executable,
                "-m",
                CHILD_MODULE,
                str(path.resolve()),
                sheet or "",
                json.dumps(asdict(limits)),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=_child_env(),
            close_fds=True,
            cwd=str(Path(__file__).resolve().parents[2]),
        )
        self.deadline = time.monotonic() + limits.child_wall_seconds

    def rows(self, info: TableInfo) -> Iterator[RawRow]:
        child, limits = self.process, self.limits
        assert child.stdout is not None  # nosec B101 # narrows the type; the child is started with stdout=PIPE
        reader = _FrameReader(child.stdout.fileno(), self.deadline)
        finished = False
        try:
            while True:
                frame = reader.frame()
                if frame is None:
                    break
                kind, payload = frame
                if kind == "rows":
                    yield from payload
                elif kind == "plan":
                    info.sheet = str(payload["sheet"])
                    info.estimated_rows = max(int(payload["rows"]) - 1, 0)
                elif kind == "refused":
                    raise BulkFileError.from_wire(payload)
                elif kind == "end":
                    finished = True
                    break
                else:
                    raise BulkFileError(f"invalid file: the XLSX parser refused it ({payload})")
            if not finished:
                child.wait(timeout=5)
                raise BulkFileError(
                    f"invalid file: the XLSX parser stopped ({_describe_exit(child, self.stderr)})"
                )
        except TimeoutError as exc:
            raise BulkFileError(
                f"invalid file: the XLSX parser took more than {limits.child_wall_seconds} s; "
                "accepted: a smaller sheet"
            ) from exc
        finally:
            self.close()

    def close(self) -> None:
        child = self.process
        if child.poll() is None:
            child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
        self.stderr.close()


def _describe_exit(child: subprocess.Popen[bytes], stderr: io.BufferedRandom | Any) -> str:
    code = child.returncode
    if code is not None and code < 0:
        try:
            what = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            what = f"killed by signal {-code}"
    else:
        what = f"exit status {code}"
    stderr.seek(0, os.SEEK_END)
    size = stderr.tell()
    stderr.seek(max(0, size - 300))
    last = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return what + (f": {last[-1]}" if last else "")


class _FrameReader:
    def __init__(self, fd: int, deadline: float) -> None:
        self.fd = fd
        self.deadline = deadline
        self.selector = selectors.DefaultSelector()
        self.selector.register(fd, selectors.EVENT_READ)

    def _exactly(self, size: int) -> bytes | None:
        chunks: list[bytes] = []
        got = 0
        while got < size:
            left = self.deadline - time.monotonic()
            if left <= 0 or not self.selector.select(left):
                raise TimeoutError
            data = os.read(self.fd, min(size - got, 1 << 20))
            if not data:
                return None
            chunks.append(data)
            got += len(data)
        return b"".join(chunks)

    def frame(self) -> tuple[str, Any] | None:
        header = self._exactly(FRAME.size)
        if header is None:
            return None
        (size,) = FRAME.unpack(header)
        body = self._exactly(size)
        if body is None:
            return None
        frame: tuple[str, Any] = _PlainUnpickler(io.BytesIO(body)).load()
        return frame
