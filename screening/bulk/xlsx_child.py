"""The XLSX reader's own process: inspection, then python-calamine, under address-space and CPU limits
(RELIABILITY 2.4).

Run as ``python -m screening.bulk.xlsx_child PATH SHEET LIMITS_JSON`` (SHEET empty: the first sheet). It first
inspects the file (screening.bulk.xlsx_inspect: nothing reaches the parser before that passes), then parses
the sheet, writing length-prefixed pickled frames to stdout:
("refused", message) when the inspection refuses the file, else ("plan", {"sheet", "rows"}), then
("rows", [[cell, ...], ...]) ..., then ("end", n) or ("error", message). Only plain values (str, int, float,
bool, None, date, datetime, time, timedelta) ever enter a frame. Inspecting here lets the process that asked
load its rule set meanwhile.
"""

from __future__ import annotations

import json
import pickle  # nosec B403 # writes frames only; the reader admits plain values alone
import resource
import struct
import sys
from dataclasses import fields
from typing import BinaryIO

FRAME = struct.Struct("<I")
ROWS_PER_FRAME = 2000


def write_frame(out: BinaryIO, payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(FRAME.pack(len(data)))
    out.write(data)


def main(argv: list[str]) -> int:
    path, wanted = argv[0], argv[1] or None
    from screening.bulk.limits import BulkFileError, BulkLimits

    given = json.loads(argv[2])
    limits = BulkLimits(**{f.name: int(given[f.name]) for f in fields(BulkLimits) if f.name in given})
    memory = limits.child_memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.child_cpu_seconds, limits.child_cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    out = sys.stdout.buffer
    try:
        from screening.bulk.xlsx_inspect import inspect_xlsx

        try:
            plan = inspect_xlsx(path, limits, wanted, workers=2)  # a process of its own: it may fork
        except BulkFileError as exc:
            write_frame(out, ("refused", exc.to_wire()))
            out.flush()
            return 0
        write_frame(out, ("plan", {"sheet": plan.sheet, "rows": plan.extent.rows}))
        out.flush()
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(path).get_sheet_by_name(plan.sheet)
        batch: list[list[object]] = []
        count = 0
        for row in sheet.iter_rows():
            batch.append([None if cell == "" else cell for cell in row])
            if len(batch) >= ROWS_PER_FRAME:
                write_frame(out, ("rows", batch))
                count += len(batch)
                batch = []
        if batch:
            write_frame(out, ("rows", batch))
            count += len(batch)
        write_frame(out, ("end", count))
    except MemoryError:
        write_frame(out, ("error", "the sheet needs more memory than allowed"))
    except Exception as exc:
        write_frame(out, ("error", f"{type(exc).__name__}: {exc}"[:500]))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
