"""rulegym.agent_loop (the core of the verl agent loop) with light fakes of
verl's server and chat template; the verl subclass itself where verl installs."""

import asyncio

import pytest

import rulegym
from rulegym.agent_loop import Generation, play


class FakeModel:
    """Token ids are characters; the 'server' replies with scripted texts."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.prompts = []

    async def generate(self, prompt_ids, images):
        self.prompts.append(list(prompt_ids))
        text = self.replies.pop(0)
        return Generation([ord(c) for c in text], [-0.5] * len(text))

    async def encode(self, messages, images, continuation):
        parts = []
        for m in messages:
            c = m["content"]
            c = c if isinstance(c, str) else "".join("<img>" if b["type"] == "image" else b["text"] for b in c)
            parts.append(f"[{m['role']}]{c}")
        return [ord(c) for c in ("" if continuation else "[sys]") + "".join(parts)]

    @staticmethod
    def decode(ids):
        return "".join(chr(i) for i in ids)


def run(env, model, seed, length=100_000, max_turns=None):
    return asyncio.run(
        play(env, seed, generate=model.generate, encode=model.encode, decode=model.decode,
             response_length=length, max_turns=max_turns)
    )


def test_an_episode_masks_policy_tokens_1_and_env_replies_0():
    env = rulegym.make("toy/guess_number")
    model = FakeModel(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] * 3)
    ep = run(env, model, seed=2)
    assert ep.terminated or ep.truncated
    policy = [i for i, m in zip(ep.response_ids, ep.response_mask) if m == 1]
    turns = (ep.num_turns - 1 + 1) // 2  # prompt, then policy/env alternating
    assert "".join(map(chr, policy)) == "".join(str(k) for k in range(1, turns + 1))
    env_part = "".join(chr(i) for i, m in zip(ep.response_ids, ep.response_mask) if m == 0)
    assert env_part.count("[user]") == turns - 1
    assert len(ep.response_logprobs) == len(ep.response_ids)
    # Each generation saw the whole conversation so far.
    assert model.prompts[1] == ep.prompt_ids + ep.response_ids[: len(model.prompts[1]) - len(ep.prompt_ids)]
    # The reward is the env's, replayed by hand.
    ref = rulegym.make("toy/guess_number")
    ref.reset(seed=2)
    total = sum(ref.step(str(k))[1] for k in range(1, turns + 1))
    assert ep.reward == pytest.approx(total)


def test_frames_become_image_blocks_and_multi_modal_images():
    pytest.importorskip("PIL", reason="Pillow is not installed")
    env = rulegym.make("sokoban/plan")
    ep = run(env, FakeModel(["<think>t</think><answer>up</answer>"]), seed=0)
    assert len(ep.images) == 1 and ep.images[0].mode == "RGB"
    assert "<img>" in "".join(map(chr, ep.prompt_ids))


def test_the_response_is_cut_at_response_length():
    env = rulegym.make("football")
    # A long first turn is cut inside the policy's tokens.
    ep = run(env, FakeModel(["right " * 20]), seed=0, length=40)
    assert len(ep.response_ids) == len(ep.response_mask) == 40 and set(ep.response_mask) == {1}
    # An env reply that would overflow the length ends the episode before it.
    ep = run(env, FakeModel(["right"] * 500), seed=0, length=40)
    assert len(ep.response_ids) == len(ep.response_mask) <= 40 and ep.response_mask[-1] == 1
    with pytest.raises(ValueError, match="response_length"):
        run(env, FakeModel([]), seed=0, length=0)


def test_rows_name_the_env_for_the_verl_loop():
    pytest.importorskip("verl", reason="verl is not installed (pip install verl pulls torch and ray)")
    from rulegym.verl_agent import RulegymAgentLoop, episode_spec
    from verl.experimental.agent_loop.agent_loop import AgentLoopBase, _agent_loop_registry

    assert issubclass(RulegymAgentLoop, AgentLoopBase)
    assert _agent_loop_registry["rulegym"]["_target_"].endswith("RulegymAgentLoop")
    assert episode_spec({"extra_info": {"env": "football", "seed": 3}}) == ("football", 3, {})
