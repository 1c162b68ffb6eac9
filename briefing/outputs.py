"""Put a build's outputs in place as one set: all of the new ones, or the previous ones untouched.

A build writes everything into a staging folder first. Then the previous outputs are moved
aside, the new ones moved in (renames within the output folder), and the previous ones deleted;
a failure midway (a file that cannot be replaced, a name taken by a folder) moves everything
back. Outputs of an earlier build that this one does not write (the charts, after --no-charts)
are dropped with the rest of the previous set; files the build never writes are not touched.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from briefing.errors import RenderError

LOGGER = logging.getLogger(__name__)

CHARTS = ("timeline", "activity", "figures", "map")
# Every name a build may write: a name in this list that this build did not write is a stale output.
OUTPUTS = frozenset(["briefing.pdf", "events.csv", "events.json", "figures.csv", "sources.csv", "timeline.csv", "plotly.min.js",
                     *(f"{chart}.{kind}" for chart in CHARTS for kind in ("svg", "html"))])


def publish(staging: Path, out: Path) -> None:
    """Replace the outputs in `out` by the files in `staging`, as one set."""
    new = sorted(p.name for p in staging.iterdir())
    for name in new:
        if _is_folder(out / name):
            raise RenderError(f"cannot write {out / name}: a folder has that name; the previous outputs are left as they were")
    names = [name for name in sorted(set(new) | OUTPUTS) if not _is_folder(out / name)]
    previous = Path(tempfile.mkdtemp(prefix=".previous-", dir=out))
    moved_aside, moved_in = [], []
    try:
        for name in names:
            if os.path.lexists(out / name):
                os.replace(out / name, previous / name)
                moved_aside.append(name)
        for name in new:
            os.replace(staging / name, out / name)
            moved_in.append(name)
    except OSError as exc:
        _roll_back(out, staging, previous, moved_aside, moved_in)
        raise RenderError(f"cannot replace {exc.filename or out}: {exc.strerror}; the previous outputs are left as they were") from None
    shutil.rmtree(previous, ignore_errors=True)
    if stale := sorted(set(moved_aside) - set(new)):
        LOGGER.info("removed outputs of an earlier build that this one does not write: %s", ", ".join(stale))


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _roll_back(out: Path, staging: Path, previous: Path, moved_aside: list[str], moved_in: list[str]) -> None:
    """Move the new files back to staging and the previous ones back in place."""
    try:
        for name in moved_in:
            os.replace(out / name, staging / name)
        for name in moved_aside:
            os.replace(previous / name, out / name)
    except OSError as exc:  # nothing more can be done: say where the previous outputs are
        LOGGER.error("could not restore the previous outputs (%s); they are in %s", exc.strerror, previous)
        return
    shutil.rmtree(previous, ignore_errors=True)
