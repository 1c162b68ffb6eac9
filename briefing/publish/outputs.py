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


def publish(staging: Path, out: Path, pdf: Path | None = None) -> None:
    """Replace the outputs in `out` by the files in `staging`, as one set.

    The PDF goes to `pdf` when given (a weekly build's briefing-2024-W47.pdf beside the week's folder)."""
    targets = {name: (pdf if pdf is not None and name == "briefing.pdf" else out / name)
               for name in sorted(p.name for p in staging.iterdir())}
    for target in targets.values():
        if _is_folder(target):
            raise RenderError(f"cannot write {target}: a folder has that name; the previous outputs are left as they were")
    replaced = sorted(set(targets.values()) | {out / name for name in OUTPUTS if not _is_folder(out / name)})
    previous = Path(tempfile.mkdtemp(prefix=".previous-", dir=out))
    moved_aside: list[tuple[Path, Path]] = []
    moved_in: list[tuple[Path, Path]] = []
    try:
        for number, target in enumerate(replaced):
            if os.path.lexists(target):
                os.replace(target, previous / str(number))
                moved_aside.append((target, previous / str(number)))
        for name, target in targets.items():
            os.replace(staging / name, target)
            moved_in.append((target, staging / name))
    except OSError as exc:
        _roll_back(previous, moved_aside, moved_in)
        raise RenderError(f"cannot replace {exc.filename or out}: {exc.strerror}; the previous outputs are left as they were") from None
    shutil.rmtree(previous, ignore_errors=True)
    if stale := sorted(target.name for target, _ in moved_aside if target not in targets.values()):
        LOGGER.info("removed outputs of an earlier build that this one does not write: %s", ", ".join(stale))


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _roll_back(previous: Path, moved_aside: list[tuple[Path, Path]], moved_in: list[tuple[Path, Path]]) -> None:
    """Move the new files back to staging and the previous ones back in place."""
    try:
        for target, staged in moved_in:
            os.replace(target, staged)
        for target, aside in moved_aside:
            os.replace(aside, target)
    except OSError as exc:  # nothing more can be done: say where the previous outputs are
        LOGGER.error("could not restore the previous outputs (%s); they are in %s", exc.strerror, previous)
        return
    shutil.rmtree(previous, ignore_errors=True)
