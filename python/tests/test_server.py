"""`trainer serve` against OpenEnv's own runtime validator (PyPI `openenv`);
skips with a message where openenv is not installed or no trainer is built."""

import re
import subprocess

import pytest


@pytest.fixture
def server(trainer_bin):
    p = subprocess.Popen(
        [str(trainer_bin), "serve", "--env", "math", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = p.stderr.readline()
        m = re.search(r"http://(\S+)", line)
        assert m, f"no address in {line!r}"
        yield f"http://{m.group(1)}"
    finally:
        p.kill()
        p.wait()


def test_openenv_validate_passes(server):
    validation = pytest.importorskip("openenv.cli._validation")
    report = validation.validate_running_environment(server, timeout_s=10)
    failed = [c for c in report["criteria"] if c.get("required", True) and not c["passed"]]
    assert report["passed"], failed
    assert report["mode"] == "simulation"
