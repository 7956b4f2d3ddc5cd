"""A multi-turn episode played token by token, for RL frameworks whose
rollout works on token ids (verl's agent loops): the framework-free core of
``rulegym.verl_agent.RulegymAgentLoop``.

The policy's turns enter the response with mask 1; the env's replies
(observations, with their frames as image blocks) are tokenized by the
framework's chat template and enter with mask 0, so the loss sees only the
policy's tokens. Frames shown along the way are collected in order, as the
``images`` of ``multi_modal_data`` that the processor needs to encode them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Sequence

from .env import RulegymEnv


@dataclass
class Generation:
    """One model turn: its token ids and (optionally) their log-probs."""

    token_ids: list[int]
    log_probs: list[float] | None = None


@dataclass
class Episode:
    """What an agent loop returns, in verl's ``AgentLoopOutput`` terms."""

    prompt_ids: list[int]
    response_ids: list[int] = field(default_factory=list)
    response_mask: list[int] = field(default_factory=list)
    response_logprobs: list[float] | None = None
    images: list[Any] = field(default_factory=list)
    reward: float = 0.0
    #: Chat turns: the prompt, then each policy turn and each env reply.
    num_turns: int = 1
    terminated: bool = False
    truncated: bool = False
    #: The last step's info (the env's verdict, reward parts).
    info: dict[str, Any] = field(default_factory=dict)


#: ``generate(prompt_ids, images) -> Generation``.
Generate = Callable[[list[int], list[Any] | None], Awaitable[Generation]]
#: ``encode(messages, images, continuation) -> token ids``: the chat
#: template; ``continuation`` drops the system prompt a template adds.
Encode = Callable[[list[dict], list[Any] | None, bool], Awaitable[list[int]]]
#: ``decode(token_ids) -> text``.
Decode = Callable[[Sequence[int]], str]


def observation_message(env: RulegymEnv, obs: dict, images: list[Any]) -> dict:
    """A user message for an observation: one ``{"type": "image"}`` block
    per frame (the frame appended to ``images``) and the text."""
    _, text = env.prompt(obs)
    frames = obs["frames"]
    if frames.size == 0:
        return {"role": "user", "content": text}
    from PIL import Image

    blocks: list[dict] = []
    for f in frames:
        images.append(Image.fromarray(f, "RGB"))
        blocks.append({"type": "image"})
    blocks.append({"type": "text", "text": text})
    return {"role": "user", "content": blocks}


async def play(
    env: RulegymEnv,
    seed: int | None,
    *,
    generate: Generate,
    encode: Encode,
    decode: Decode,
    response_length: int,
    max_turns: int | None = None,
) -> Episode:
    """Resets ``env`` with ``seed`` and plays until the episode ends, the
    response reaches ``response_length`` tokens, or ``max_turns`` policy
    turns (the env's own ``max_turns`` by default)."""
    if response_length < 1:
        raise ValueError(f"response_length must be at least 1, got {response_length}")
    max_turns = env.spec.max_turns if max_turns is None else max_turns
    obs, _ = env.reset(seed=seed)
    system, _ = env.prompt(obs)
    images: list[Any] = []
    messages = ([{"role": "system", "content": system}] if system else []) + [
        observation_message(env, obs, images)
    ]
    ep = Episode(prompt_ids=await encode(messages, images or None, False))
    ep.images = images
    logprobs: list[float] = []
    with_logprobs = True
    for _ in range(max_turns):
        out = await generate(ep.prompt_ids + ep.response_ids, ep.images or None)
        ep.response_ids += out.token_ids
        ep.response_mask += [1] * len(out.token_ids)
        with_logprobs = with_logprobs and out.log_probs is not None
        logprobs += out.log_probs or [0.0] * len(out.token_ids)
        ep.num_turns += 1
        obs, reward, ep.terminated, ep.truncated, ep.info = env.step(decode(out.token_ids))
        ep.reward += float(reward)
        if ep.terminated or ep.truncated or len(ep.response_mask) >= response_length:
            break
        new_images: list[Any] = []
        reply = await encode([observation_message(env, obs, new_images)], new_images or None, True)
        if len(ep.response_mask) + len(reply) >= response_length:
            break
        ep.response_ids += reply
        ep.response_mask += [0] * len(reply)
        logprobs += [0.0] * len(reply)
        ep.images += new_images
        ep.num_turns += 1
    ep.response_ids = ep.response_ids[:response_length]
    ep.response_mask = ep.response_mask[:response_length]
    ep.response_logprobs = logprobs[:response_length] if with_logprobs else None
    return ep


__all__ = ["Episode", "Generation", "play", "observation_message"]
