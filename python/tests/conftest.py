import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def trainer_bin():
    """The `trainer` binary `cargo test --workspace` built (CI runs pytest after it)."""
    root = Path(__file__).resolve().parents[2]
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    exe = Path(os.environ.get("RULEGYM_TRAINER", target / "debug" / "trainer"))
    if not exe.exists():
        pytest.skip(f"no trainer binary at {exe} (run `cargo build --bin trainer`)")
    return exe
