"""rulegym.trl: environment_factory classes, checked against TRL's contract
(no-argument __init__, reset(**row) -> str, tools with typed Google-style
docstrings, get_reward) and against TRL itself where it is installed."""

import inspect

import pytest

import rulegym
import rulegym.trl as rtrl


def test_football_tool_plays_the_env_and_sums_its_rewards():
    env = rtrl.FootballEnv()
    first = env.reset(seed=5, prompt=[{"role": "user", "content": "x"}])
    ref = rulegym.make("football")
    obs, _ = ref.reset(seed=5)
    assert first == ref.prompt(obs)[1]
    total, done = 0.0, False
    for _ in range(400):
        if done:
            break
        out = env.act("right")
        obs, r, term, trunc, _ = ref.step("right")
        total += r
        done = term or trunc
        assert out.startswith(obs["text"])
    assert done and env.done
    assert env.get_reward() == pytest.approx(total)
    assert env.act("shot") == rtrl.EPISODE_OVER and env.get_reward() == pytest.approx(total)


def test_sokoban_move_tool_returns_image_blocks_when_frames_are_shown():
    pytest.importorskip("PIL", reason="Pillow is not installed")
    env = rtrl.SokobanEnv()  # sokoban/step shows a frame by default
    first = env.reset(seed=1)
    assert first[0]["type"] == "image" and first[-1]["type"] == "text"
    out = env.move("up")
    assert isinstance(out, list) and out[0]["type"] == "image" and out[-1]["type"] == "text"
    assert out[0]["image"].mode == "RGB" and len(out) == 2


def test_tools_have_typed_google_docstrings_listing_the_legal_actions():
    sig = inspect.signature(rtrl.FootballEnv.act)
    assert list(sig.parameters) == ["self", "action"]
    assert sig.parameters["action"].annotation is str
    doc = inspect.getdoc(rtrl.FootballEnv.act)
    assert "Args:\n    action:" in doc and "shot" in doc and "Returns:" in doc
    assert "direction:" in inspect.getdoc(rtrl.SokobanEnv.move)


def test_tool_schema_is_what_transformers_builds_for_trl():
    utils = pytest.importorskip("transformers.utils", reason="transformers is not installed")
    env = rtrl.FootballEnv()
    schema = utils.get_json_schema(env.act)
    assert schema["function"]["name"] == "act"
    params = schema["function"]["parameters"]
    assert params["properties"]["action"]["type"] == "string" and params["required"] == ["action"]


def test_rows_seed_the_episodes():
    rows = rtrl.rows(rtrl.FootballEnv, 2, seed=7)
    assert [r["seed"] for r in rows] == [7, 8]
    assert "`act` tool" in rows[0]["prompt"][-1]["content"]
    a, b = rtrl.FootballEnv(), rtrl.FootballEnv()
    assert a.reset(**rows[0]) == b.reset(**rows[0])


def test_single_turn_envs_and_bad_actions_are_refused():
    with pytest.raises(ValueError, match="single-turn"):
        rtrl.environment("math")()
    env = rtrl.FootballEnv()
    env.reset(seed=0)
    with pytest.raises(TypeError, match="must be a str"):
        env.act(3)


def test_trl_sees_one_tool_reset_and_get_reward_as_it_probes_the_class():
    # What GRPOTrainer.__init__ does with a factory's instance.
    members = dict(inspect.getmembers(rtrl.FootballEnv(), predicate=inspect.ismethod))
    tools = [k for k in members if k not in ("reset", "get_reward") and not k.startswith("_")]
    assert tools == ["act"] and "reset" in members and "get_reward" in members


def test_grpo_trainer_accepts_the_class_as_environment_factory():
    trl = pytest.importorskip("trl", reason="trl is not installed (pip install trl)")
    params = inspect.signature(trl.GRPOTrainer.__init__).parameters
    assert "environment_factory" in params
