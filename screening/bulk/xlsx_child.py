"""The XLSX parser's own process: python-calamine under address-space and CPU limits (RELIABILITY 2.4).

Run as ``python -m screening.bulk.xlsx_child PATH SHEET MEMORY CPU``; writes length-prefixed pickled frames of
rows to stdout: ("rows", [[cell, ...], ...]) ..., then ("end", n) or ("error", message). Only plain values
(str, int, float, bool, None, date, datetime, time, timedelta) ever enter a frame.
"""

from __future__ import annotations

import pickle
import resource
import struct
import sys
from typing import BinaryIO

FRAME = struct.Struct("<I")
ROWS_PER_FRAME = 2000


def write_frame(out: BinaryIO, payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(FRAME.pack(len(data)))
    out.write(data)


def main(argv: list[str]) -> int:
    path, sheet_name, memory, cpu = argv[0], argv[1], int(argv[2]), int(argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    out = sys.stdout.buffer
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(path)
        sheet = workbook.get_sheet_by_name(sheet_name)
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
