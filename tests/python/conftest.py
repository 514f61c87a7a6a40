"""Shared fixtures: the real dumps in ../shared/data and the bundled sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("PSV_SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
SAMPLE = ROOT / "examples" / "data" / "hf_page_sample.txt"


def shared_file(name: str) -> Path:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"{path} is missing (real dumps live in ../shared/data beside the checkout)")
    return path


@pytest.fixture
def hf_page() -> Path:
    return shared_file("000_fd6c685c865a6cdc.txt")


@pytest.fixture
def sample() -> Path:
    return SAMPLE
