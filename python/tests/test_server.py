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


def test_openenv_client_plays_an_episode(server):
    client = pytest.importorskip("openenv.core.generic_client")
    with client.GenericEnvClient(base_url=server).sync() as env:
        r = env.reset(seed=3, episode_id="ep-1")
        assert r.reward is None and not r.done
        gold = r.observation["metadata"]["answer"]
        s = env.step({"text": f"<think>x</think><answer>{gold}</answer>"})
        assert (s.reward, s.done) == (1.5, True)
        assert s.observation["metadata"]["reward_parts"] == {"accuracy": 1.0, "format": 0.5}
        assert env.state() == {"episode_id": "ep-1", "step_count": 1}
