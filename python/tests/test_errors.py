import pytest

import rulegym


def test_unknown_env_is_a_key_error_listing_names():
    with pytest.raises(KeyError) as e:
        rulegym.make("nope/nothing")
    msg = str(e.value)
    assert "nope/nothing" in msg and "math/arithmetic" in msg and "football" in msg


def test_bad_config_key_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="difficulty_"):
        rulegym.make("math/linear", difficulty_=2)
    with pytest.raises(ValueError, match="difficulty"):
        rulegym.make("math/linear", difficulty=9)
    with pytest.raises(ValueError, match="path"):
        rulegym.make("math/dataset")


def test_config_value_json_cannot_hold_is_a_type_error():
    with pytest.raises(TypeError, match="difficulty"):
        rulegym.make("math/linear", difficulty=object())


def test_non_string_action_is_a_type_error():
    env = rulegym.make("math")
    env.reset(seed=0)
    with pytest.raises(TypeError, match="action must be a str"):
        env.step(3)
    with pytest.raises(TypeError, match="action must be a str"):
        rulegym.vector.make("math", 2).step(["1", 2])


def test_step_after_the_end_or_before_reset_is_a_runtime_error():
    env = rulegym.make("math")
    with pytest.raises(RuntimeError, match="before reset"):
        env.step("1")
    env.reset(seed=0)
    env.step("1")
    with pytest.raises(RuntimeError, match="reset"):
        env.step("1")


def test_bad_reward_inputs_raise_clean_errors():
    with pytest.raises(ValueError, match="row 0"):
        rulegym.math.verify(["<answer>1</answer>"], [""])
    with pytest.raises(KeyError, match="answer"):
        rulegym.rewards.math_accuracy(None, ["x"], prompt=["p"])
    with pytest.raises(TypeError, match="completion"):
        rulegym.rewards.math_format(None, [3])
    with pytest.raises(ValueError, match="format style"):
        rulegym.math.verify("x", "1", format_style="loose")
    with pytest.raises(ValueError, match="data_source"):
        rulegym.verl.compute_score("someone/else", "x", "1")


def test_vector_errors():
    with pytest.raises(ValueError, match="num_envs"):
        rulegym.vector.make("math", 0)
    v = rulegym.vector.make("math", 2)
    v.reset(seed=0)
    with pytest.raises(ValueError, match="3 actions for 2 envs"):
        v.step(["a", "b", "c"])
    with pytest.raises(ValueError, match="consecutive"):
        v.reset(seed=[1, 5])
