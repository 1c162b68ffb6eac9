"""Shared fixtures: the seeds, and one real build of them (charts and PDF) per test session."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing.models import Config
from briefing.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
AS_OF = date(2026, 11, 21)


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seeds once, with charts, into a temporary folder."""
    out = tmp_path_factory.mktemp("out")
    briefing = build(Config(inputs=(SEEDS,), out=out, as_of=AS_OF))
    return briefing, out


@pytest.fixture
def article_dir(tmp_path):
    """A folder to write articles into."""
    def write(name: str, text: str, sources: str | None = None) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        if sources is not None:
            (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
        return path
    write.folder = tmp_path
    return write


def has_chromium() -> bool:
    return shutil.which("chromium") is not None
