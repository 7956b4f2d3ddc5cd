"""verl's agent loop for rulegym envs, registered as ``"rulegym"``.

Importing this module imports verl (``rulegym`` itself never does) and
registers the loop. In verl's config, point the agent loop registry at it::

    # agent_loops.yaml, given as actor_rollout_ref.rollout.agent.agent_loop_config_path
    - name: rulegym
      _target_: rulegym.verl_agent.RulegymAgentLoop

and give each dataset row ``agent_name: rulegym`` plus the env to play, in
the row or in its ``extra_info``: ``env`` (a registered name), optionally
``seed`` and ``env_config`` (a dict of the env's config). The loop resets
the env, tokenizes the first observation with the processor's chat template
(frames as image blocks), then alternates the server's generation (mask 1)
and the env's reply (mask 0) until the episode ends or the response length
is reached; ``reward_score`` is the episode's summed env reward and
``multi_modal_data["images"]`` every frame shown, in order.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register

from .agent_loop import Generation, play
from .env import RulegymEnv


def episode_spec(row: dict[str, Any]) -> tuple[str, int | None, dict[str, Any]]:
    """``(env, seed, env_config)`` from a dataset row or its ``extra_info``."""
    extra = row.get("extra_info") or {}
    name = row.get("env", extra.get("env"))
    if not isinstance(name, str):
        raise KeyError("a rulegym agent-loop row needs `env` (a registered env name), in the row or its extra_info")
    seed = row.get("seed", extra.get("seed"))
    config = row.get("env_config", extra.get("env_config")) or {}
    if not isinstance(config, dict):
        raise ValueError(f"env_config must be a dict, got {type(config).__name__}")
    return name, None if seed is None else int(seed), config


@register("rulegym")
class RulegymAgentLoop(AgentLoopBase):
    """Plays one rulegym episode per sample through verl's LLM servers."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.response_length = self.config.actor_rollout_ref.rollout.response_length

    async def run(self, sampling_params: dict[str, Any], **kwargs: Any) -> AgentLoopOutput:
        name, seed, config = episode_spec(kwargs)
        env = RulegymEnv(name, **config)
        request_id = uuid4().hex

        async def generate(prompt_ids: list[int], images: list[Any] | None) -> Generation:
            out = await self.server_manager.generate(
                request_id=request_id,
                prompt_ids=prompt_ids,
                sampling_params=sampling_params,
                image_data=images,
            )
            return Generation(list(out.token_ids), out.log_probs)

        async def encode(messages: list[dict], images: list[Any] | None, continuation: bool) -> list[int]:
            return await self.apply_chat_template(
                messages, images=images, remove_system_prompt=continuation
            )

        def decode(ids: Any) -> str:
            return self.tokenizer.decode(ids, skip_special_tokens=True)

        ep = await play(
            env,
            seed,
            generate=generate,
            encode=encode,
            decode=decode,
            response_length=self.response_length,
        )
        return AgentLoopOutput(
            prompt_ids=ep.prompt_ids,
            response_ids=ep.response_ids,
            response_mask=ep.response_mask,
            response_logprobs=ep.response_logprobs,
            multi_modal_data={"images": ep.images} if ep.images else {},
            reward_score=ep.reward,
            num_turns=ep.num_turns,
            metrics={},
            extra_fields={"env": name, "terminated": ep.terminated, "truncated": ep.truncated},
        )
