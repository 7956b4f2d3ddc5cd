import json
import subprocess

import pytest

import rulegym
from rulegym import rewards

RESPONSES = [
    "<think>4+1</think><answer>5</answer>",
    "<think>hm</think>\n<answer>5</answer>",
    "so the answer is \\boxed{5}",
    "<think>a</think><answer>6</answer>",
    "<think>a</think><answer>5</answer> trailing",
    "<answer>5</answer><answer>7</answer>",
    "<think>x</think><answer>\\frac{10}{2}</answer>",
    "",
]


def test_math_rewards_equal_the_envs_reward_parts():
    env = rulegym.make("math")
    for seed in range(30):
        _, info = env.reset(seed=seed)
        gold = info["answer"]
        for r in RESPONSES:
            r = r.replace("5", gold)
            env.reset(seed=seed)
            _, reward, *_, step_info = env.step(r)
            parts = step_info["reward_parts"]
            acc = rewards.math_accuracy(["p"], [r], answer=[gold])[0]
            fmt = rewards.math_format(["p"], [r], answer=[gold])[0]
            assert (acc, 0.5 * fmt) == (parts["accuracy"], parts["format"]), r
            v = rulegym.math.verify(r, gold)
            assert v.reward == reward and bool(v) == (acc == 1.0)


def test_math_rewards_equal_trainer_score_on_the_same_lines(tmp_path, trainer_bin):
    golds = ["5", "1/2", "3.0", "x+1", "-4"]
    rows = [{"response": r.replace("5", g), "answer": g} for g in golds for r in RESPONSES]
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = subprocess.run(
        [str(trainer_bin), "score", "--input", str(p)], capture_output=True, text=True, check=True
    )
    scored = [json.loads(line) for line in out.stdout.splitlines()][:-1]
    completions = [r["response"] for r in rows]
    acc = rewards.math_accuracy(None, completions, answer=[r["answer"] for r in rows])
    fmt = rewards.math_format(None, completions, solution=[r["answer"] for r in rows])
    verdicts = rulegym.math.verify(completions, [r["answer"] for r in rows])
    for s, a, f, v in zip(scored, acc, fmt, verdicts):
        assert (a, f) == (float(s["correct"]), float(s["format_ok"]))
        assert (v.reward, v.extracted, v.conflict) == (s["reward"], s["extracted"], s["conflict"])


def test_completions_as_chat_messages_and_gold_columns():
    chat = [[{"role": "assistant", "content": "<think>a</think><answer>3</answer>"}]]
    blocks = [[{"role": "assistant", "content": [{"type": "text", "text": "\\boxed{3}"}]}]]
    assert rewards.math_accuracy(None, chat, answer=[3]) == [1.0]
    assert rewards.math_accuracy(None, blocks, ground_truth=["3"]) == [1.0]
    assert rewards.math_accuracy(None, chat, solution=["so it is \\boxed{3}."]) == [1.0]
    assert rewards.math_format(None, chat) == [1.0]
    assert rewards.r1_format(None, ["<think>a</think>\n<answer>3</answer>"]) == [1.0]
    assert rewards.math_format(None, ["<think>a</think>\n<answer>3</answer>"]) == [0.0]


def test_vsi_accuracy_equals_the_spatial_envs_accuracy():
    # The env's ground truth is a bare number (its unit is in the question),
    # so answers here carry no unit; units are checked below with a gold unit.
    answers = ["A", "(b)", "C.", "2", "3.5", "6", "12", "left", "D"]
    checked = 0
    for kind in ["object_count", "abs_distance", "room_size", "rel_direction_medium", "rel_distance"]:
        env = rulegym.make(f"spatial/{kind}", render=False)
        for seed in range(4):
            for a in answers:
                env.reset(seed=seed)
                r = f"<think>look</think><answer>{a}</answer>"
                _, _, _, _, info = env.step(r)
                got = rewards.vsi_accuracy(None, [r], answer=[info["ground_truth"]])[0]
                assert got == pytest.approx(info["reward_parts"]["accuracy"]), (kind, seed, a, info)
                checked += 1
    assert checked == 5 * 4 * len(answers)


def test_vsi_accuracy_with_options_and_mra():
    opts = [["sofa", "table", "lamp"]]
    assert rewards.vsi_accuracy(None, ["<answer>table</answer>"], answer=["B"], options=opts) == [1.0]
    assert rewards.vsi_accuracy(None, ["<answer>B</answer>"], answer=["table"], options=opts) == [1.0]
    assert rewards.vsi_accuracy(None, ["<answer>C</answer>"], answer=["table"], options=opts) == [0.0]
    assert rewards.vsi_accuracy(None, ["<answer>200 cm</answer>"], answer=["2 m"]) == [1.0]
    # 12% off: 8 of the 10 MRA thresholds.
    assert rewards.vsi_accuracy(None, ["<answer>11.2</answer>"], answer=["10"]) == [pytest.approx(0.8)]


def test_verl_compute_score():
    s = rulegym.verl.compute_score("rulegym/math", "<think>a</think><answer>4</answer>", "4")
    assert s == {"score": 1.5, "acc": 1.0, "format": 1.0}
    s = rulegym.verl.compute_score("openai/gsm8k", "\\boxed{5}", "4", {})
    assert s["score"] == 0.0
    s = rulegym.verl.compute_score("rulegym/spatial", "<think>a</think><answer>10</answer>", "10")
    assert s == {"score": 1.5, "acc": 1.0, "format": 1.0}


def test_batched_verify_matches_one_by_one():
    rs = [r.replace("5", str(i % 7)) for i in range(50) for r in RESPONSES]
    gs = [str(i % 5) for i in range(50) for _ in RESPONSES]
    batch = rulegym.math.verify(rs, gs)
    assert [v.correct for v in batch] == [rulegym.math.verify(r, g).correct for r, g in zip(rs, gs)]
    assert any(v.correct for v in batch) and not all(v.correct for v in batch)


def test_the_question_s_options_let_an_option_s_text_answer_its_letter():
    q = "What is 81 - 32? (A) $47$ (B) $49$ (C) $51$"
    said = "So the answer is 49."
    # Without the question the value cannot answer a letter.
    assert not rulegym.math.verify(said, "B")
    assert rulegym.math.verify(said, "B", problem=q)
    assert rulegym.math.verify("The answer is B.", "0.6", choices=["0.35", "0.6", "0.65"])
    assert not rulegym.math.verify("The answer is C.", "0.6", choices=["0.35", "0.6", "0.65"])
    got = rulegym.math.verify([said, said], ["B", "B"], problem=[q, None])
    assert [bool(v) for v in got] == [True, False]
    with pytest.raises(TypeError):
        rulegym.math.verify([said], ["B"], problem=q)
    # TRL: the question from a column, else from the prompt (string or chat).
    assert rewards.math_accuracy(None, [said], answer=["B"], problem=[q]) == [1.0]
    assert rewards.math_accuracy([q], [said], answer=["B"]) == [1.0]
    chat = [[{"role": "system", "content": "Think first."}, {"role": "user", "content": q}]]
    assert rewards.math_accuracy(chat, [said], answer=["B"]) == [1.0]
    assert rewards.math_accuracy(None, [said], answer=["B"]) == [0.0]
    assert rewards.math_accuracy(None, ["B"], answer=["49"], choices=[["47", "49"]]) == [1.0]
    with pytest.raises(ValueError, match="'problem' has 2 rows"):
        rewards.math_accuracy(None, [said], answer=["B"], problem=[q, q])
    # verl: the question in extra_info.
    from rulegym.verl import compute_score

    assert compute_score("rulegym/math", said, "B", {"question": q})["acc"] == 1.0
    assert compute_score("rulegym/math", said, "B", {})["acc"] == 0.0
