"""Real storage faults for tests: a read-only view of a directory (a read-only bind mount) and a small disk
that can be filled (a tmpfs). Both need root with the right to mount (CAP_SYS_ADMIN); tests skip otherwise.
Every mount is undone when its block ends."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*arguments: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting needs root")
    done = subprocess.run(["mount", *arguments], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


def _unmount(path: Path) -> None:
    subprocess.run(["umount", "--lazy", str(path)], capture_output=True, timeout=30, check=True)


@contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """`source` seen read-only at `view` (writes there fail with EROFS, for root too)."""
    view.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(view))
    try:
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(view)], capture_output=True, timeout=30, check=True
        )
        yield view
    finally:
        _unmount(view)


@contextmanager
def small_disk(path: Path, size_mb: int = 8) -> Iterator[Path]:
    """An empty file system of `size_mb` MB at `path`."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path))
    try:
        yield path
    finally:
        _unmount(path)


def fill(disk: Path) -> Path:
    """Fill the file system of `disk` to the last byte; the filler file is returned (remove it to free it)."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            block = b"\0" * size
            try:
                while os.write(descriptor, block):
                    pass
            except OSError:  # ENOSPC: this size no longer fits
                continue
    finally:
        os.close(descriptor)
    return filler
