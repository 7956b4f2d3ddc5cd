#!/usr/bin/env python3
"""Generate heldout_cases.jsonl (set6: presentation pathologies).

Deterministic (seeded).  Steps:
  1. sympy-check the bank: every gold is recomputed from `derive`, every alt form equals the
     gold, every wrong answer differs from it (decimals: >= 4 significant digits and within one
     unit of the last written digit, unless exactly equal).
  2. sympy-check every hand-written response: its committed final answer `f` must agree with
     its intended verdict (skipped for undecidable lines).
  3. Fill up to 400 cases with templated responses built from the bank, so that the total is
     220 intended-correct / 180 intended-wrong.
  4. Shuffle, number, write, print counts.
"""
import json
import os
import random
import re
import sys
from collections import Counter

import sympy
from sympy import (E, FiniteSet, Integer, Interval, Matrix, MatrixBase, Rational, Set, Symbol, Tuple,
                   simplify, sympify)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bank  # noqa: E402

SEED = 6006
N_TOTAL = 400
N_TRUE = 220

x, y, n, a, b = sympy.symbols("x y n a b")
NS = {k: getattr(sympy, k) for k in dir(sympy) if not k.startswith("_")}
NS.update(x=x, y=y, n=n, a=a, b=b)
LOC = dict(x=x, y=y, n=n, a=a, b=b, E=E, I=sympy.I, oo=sympy.oo, pi=sympy.pi)


def parse(s):
    return sympify(s, locals=LOC, rational=True)


def same(u, v):
    if isinstance(u, Tuple) or isinstance(v, Tuple):
        return (isinstance(u, Tuple) and isinstance(v, Tuple) and len(u) == len(v)
                and all(same(p, q) for p, q in zip(u, v)))
    if isinstance(u, MatrixBase) or isinstance(v, MatrixBase):
        return (isinstance(u, MatrixBase) and isinstance(v, MatrixBase) and u.shape == v.shape
                and all(simplify(p - q) == 0 for p, q in zip(u, v)))
    if isinstance(u, Set) or isinstance(v, Set):
        return isinstance(u, Set) and isinstance(v, Set) and simplify(u) == simplify(v)
    try:
        return simplify(u - v) == 0
    except Exception:
        return False


def sig_digits(text):
    digits = re.sub(r"[^0-9]", "", text).lstrip("0")
    return len(digits)


def approx_ok(text, gold_val):
    """Decimal rule: exact equality, or >=4 significant digits within one unit of the last digit."""
    if same(parse(text), gold_val):
        return True
    if not gold_val.is_number:
        return False
    dec = len(text.split(".")[1]) if "." in text else 0
    return sig_digits(text) >= 4 and abs(float(text) - float(gold_val)) < 10 ** (-dec)


_GOLD = {}


def gold_value(p):
    """Recompute the gold from the bank's own sympy derivation (trusted local code)."""
    key = p["derive"]
    if key not in _GOLD:
        _GOLD[key] = sympify(eval(key, dict(NS)))  # noqa: S307 - our own bank expressions
    return _GOLD[key]


def value_of(p, s, text=None):
    """sympy value of an answer (MC letters map to their option's value)."""
    if s.startswith("str:"):
        letter = s[4:]
        return parse(p["options"][letter])
    return parse(s)


def is_correct(p, s, fmt, text):
    g = gold_value(p)
    if s.startswith("approx:"):
        return approx_ok(s[7:], g)
    if fmt == "a":
        return approx_ok(s, g)
    return same(value_of(p, s, text), g)


def check_bank():
    errors = []
    for key, p in bank.PROBLEMS.items():
        g = gold_value(p)
        if p["sym"].startswith("str:"):
            opts = p["options"]
            letter = p["sym"][4:]
            hits = [L for L, v in opts.items() if same(parse(v), g)]
            if hits != [letter]:
                errors.append(f"{key}: MC gold letter {letter} but matching options {hits}")
        else:
            if not same(parse(p["sym"]), g):
                errors.append(f"{key}: sym {p['sym']} != derived {g}")
            if p["options"]:
                hits = [L for L, v in p["options"].items() if same(parse(v), g)]
                if len(hits) != 1:
                    errors.append(f"{key}: options matching gold {hits}")
        for text, s, fmt in p["alts"]:
            if not is_correct(p, s, fmt, text):
                errors.append(f"{key}: alt {text!r} not equal to gold")
            if fmt == "a" and not approx_ok(text, g):
                errors.append(f"{key}: approx alt {text!r} fails decimal rule")
            if s.startswith("str:") and p["options"]:
                nums = re.findall(r"-?\d+(?:\.\d+)?", text)
                if nums and not same(parse(nums[-1]), parse(p["options"][s[4:]])):
                    errors.append(f"{key}: option text {text!r} does not match option {s}")
        for text, s, fmt, _w in p["wrongs"]:
            if is_correct(p, s, fmt, text):
                errors.append(f"{key}: wrong {text!r} equals gold")
            if fmt == "a" and approx_ok(text, g):
                errors.append(f"{key}: wrong decimal {text!r} passes decimal rule")
    return errors


def check_hand():
    errors = []
    for i, h in enumerate(bank.HAND):
        p = bank.PROBLEMS[h["k"]]
        if h["undecidable"] or h["f"] is None:
            if h["f"] is None and h["ok"] and not h["undecidable"]:
                errors.append(f"hand {i}: ok=True but no final answer")
            continue
        c = is_correct(p, h["f"], "t", h["f"])
        if c != h["ok"]:
            errors.append(f"hand {i} ({h['k']}/{h['style']}): f={h['f']} correct={c} intended={h['ok']}")
    return errors


# ---------------------------------------------------------------------------
# templated responses
MATH = ("t", "a")
NUMERIC = re.compile(r"^-?[\d,]+(\.\d+)?$")
SET_PROBLEMS = {"roots", "intset"}
# problems whose cut-off work already states a value equal to the gold: not used for truncation
NO_TRUNC = {"ab", "circ3pi", "sin45", "mc06", "mm", "dice7", "discount", "sixroot3", "div32", "seven2", "repdec"}


def wrap(text, fmt):
    return f"${text}$" if fmt in MATH else text


def cut_work(work):
    i = work.rfind("=")
    if i > 10:
        return work[: i + 1]
    return work[: max(10, len(work) // 2)]


def t_qwen(c):
    return f"{c['body']}\n\nTherefore, the final answer is $\\boxed{{{c['A']}}}$."


def t_minerva(c):
    return f"{c['body']}\nFinal Answer: The final answer is ${c['A']}$. I hope it is correct."


def t_gsm(c):
    return f"{c['body']}\n#### {c['A']}"


def t_r1(c):
    return (f"<think>\nOkay, let me work through this. {c['body']}\n\nSo I think the answer is {c['A']}. "
            f"Let me just double-check... yes, that seems right.\n</think>\n\n{c['body']}\n\n"
            f"**Final Answer**\n\\[\n\\boxed{{{c['A']}}}\n\\]")


def t_r1zero(c):
    return f"<think> {c['body']} </think> <answer> {c['A']} </answer>"


def t_gpt(c):
    return f"### Solution\n\n{c['body']}\n\n---\n\n**Answer:** {wrap(c['A'], c['fmt'])}"


def t_llama(c):
    return (f"## Step 1: Set up the problem\n{c['body']}\n\n## Step 2: State the result\n"
            f"This gives the value asked for.\n\nThe final answer is: $\\boxed{{{c['A']}}}$")


def t_chinese(c):
    return f"{c['body']}\n\n所以答案为 {wrap(c['A'], c['fmt'])}。"


def t_terse(c):
    return wrap(c["A"], c["fmt"])


def t_answer_first(c):
    return f"The answer is {wrap(c['A'], c['fmt'])}.\n\n{c['body']}"


def t_continuation(c):
    o = c["other"]
    return (f"{c['body']}\n\nThe answer is $\\boxed{{{c['A']}}}$.\n\nHuman: {o['problem']}\n\n"
            f"Assistant: {o['work']} The answer is $\\boxed{{{o['gold']}}}$.")


def t_selfcorrect_good(c):
    return (f"{c['wrong_work']} So the answer is ${c['W']}$.\n\nWait, let me recheck that. {c['work']}\n\n"
            f"So the correct answer is $\\boxed{{{c['A']}}}$.")


def t_selfcorrect_bad(c):
    return (f"{c['work']} So the answer is $\\boxed{{{c['A']}}}$.\n\nHmm, actually, let me reconsider. "
            f"{c['wrong_work']}\n\nThe answer is $\\boxed{{{c['W']}}}$.")


def t_two(c):
    return f"{c['work']}\n\nThe answer is $\\boxed{{{c['A']}}}$ or $\\boxed{{{c['W']}}}$."


def t_trunc(c):
    return f"Let's solve this step by step.\n\n{cut_work(c['work'])}"


def t_hedge(c):
    return f"{c['body']}\n\nHmm, I'm not completely sure, but I think the answer is {wrap(c['A'], c['fmt'])}."


def t_tagbox(c):
    return f"<think>\n{c['body']}\n</think>\n<answer>\\boxed{{{c['A']}}}</answer>"


def t_delim(c):
    return f"{c['body']}\n\nHence\n\\[\n{c['A']}\n\\]"


# name: (fn, context, verdicts, weight)
TEMPLATES = {
    "gen_qwen_boxed": (t_qwen, "math", (True, False), 3),
    "gen_minerva": (t_minerva, "math", (True, False), 3),
    "gen_gsm8k": (t_gsm, "numeric", (True, False), 2),
    "gen_r1_think": (t_r1, "math", (True, False), 3),
    "gen_r1zero": (t_r1zero, "any", (True, False), 3),
    "gen_gpt_md": (t_gpt, "any", (True, False), 3),
    "gen_llama": (t_llama, "math", (True, False), 2),
    "gen_chinese": (t_chinese, "any", (True, False), 2),
    "gen_terse": (t_terse, "any", (True, False), 2),
    "gen_answer_first": (t_answer_first, "any", (True, False), 2),
    "gen_continuation": (t_continuation, "math", (True, False), 2),
    "gen_selfcorrect_good": (t_selfcorrect_good, "math", (True,), 2),
    "gen_selfcorrect_bad": (t_selfcorrect_bad, "math", (False,), 2),
    "gen_two_answers": (t_two, "math", (False,), 2),
    "gen_truncated": (t_trunc, "math", (False,), 2),
    "gen_hedge": (t_hedge, "any", (True, False), 2),
    "gen_answer_boxed_tag": (t_tagbox, "math", (True, False), 2),
    "gen_delim_bracket": (t_delim, "math", (True, False), 2),
}


def ok_ctx(ctx, text, fmt):
    if ctx == "math":
        return fmt in MATH
    if ctx == "numeric":
        return bool(NUMERIC.match(text))
    return True


def make_templated(rng, verdict, seen):
    keys = sorted(bank.PROBLEMS)
    names = [k for k, v in TEMPLATES.items() if verdict in v[2]]
    weights = [TEMPLATES[k][3] for k in names]
    for _ in range(1000):
        name = rng.choices(names, weights)[0]
        fn, ctx, _v, _w = TEMPLATES[name]
        key = rng.choice(keys)
        p = bank.PROBLEMS[key]
        if name == "gen_two_answers" and key in SET_PROBLEMS:
            continue
        if name == "gen_truncated" and key in NO_TRUNC:
            continue
        correct_forms = [(p["gold"], p["sym"], "t")] * 2 + list(p["alts"])
        correct_forms = [f for f in correct_forms if ok_ctx(ctx, f[0], f[2])]
        wrong_forms = [w for w in p["wrongs"] if ok_ctx(ctx, w[0], w[2])]
        if not wrong_forms or not correct_forms:
            continue
        cf = rng.choice(correct_forms)
        wf = rng.choice(wrong_forms)
        other = bank.PROBLEMS[rng.choice([k for k in keys if k != key])]
        c = dict(work=p["work"], wrong_work=wf[3], W=wf[0], other=other)
        if name in ("gen_selfcorrect_good", "gen_selfcorrect_bad", "gen_two_answers", "gen_truncated"):
            c.update(A=cf[0], fmt=cf[2], body=p["work"])
            final = {"gen_selfcorrect_good": cf, "gen_selfcorrect_bad": wf[:3],
                     "gen_two_answers": None, "gen_truncated": None}[name]
        elif verdict:
            c.update(A=cf[0], fmt=cf[2], body=p["work"])
            final = cf
        else:
            c.update(A=wf[0], fmt=wf[2], body=wf[3])
            final = wf[:3]
        resp = fn(c)
        if resp in seen:
            continue
        if final is None:
            got = False
        else:
            got = is_correct(p, final[1], final[2], final[0])
        if got != verdict:
            continue
        if name == "gen_truncated":
            note = "truncated mid-work before any final answer"
        elif name == "gen_two_answers":
            note = f"two boxed answers {cf[0]} and {wf[0]} offered, neither retracted"
        elif name == "gen_selfcorrect_good":
            note = f"initial {wf[0]} retracted ('Wait, let me recheck'); final {cf[0]} equals gold"
        elif name == "gen_selfcorrect_bad":
            note = f"correct {cf[0]} replaced by {wf[0]} in a later reconsideration"
        elif name == "gen_continuation":
            note = (f"own answer {c['A']} ({'equals gold' if verdict else 'wrong'}); "
                    f"the fabricated Human turn's answer does not count")
        elif verdict:
            note = f"final answer {cf[0]} equals gold {p['gold']}"
        else:
            note = f"final answer {wf[0]} differs from gold {p['gold']}"
        seen.add(resp)
        return dict(style=name, problem=p["problem"], gold=p["gold"], response=resp,
                    intended=verdict, undecidable=False, note=note)
    raise RuntimeError("could not build a templated case")


def main():
    errors = check_bank() + check_hand()
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    rng = random.Random(SEED)
    cases = []
    seen = set()
    for h in bank.HAND:
        p = bank.PROBLEMS[h["k"]]
        if h["response"] in seen:
            print("duplicate hand response:", h["k"], h["style"])
            sys.exit(1)
        seen.add(h["response"])
        cases.append(dict(style=h["style"], problem=p["problem"], gold=p["gold"], response=h["response"],
                          intended=h["ok"], undecidable=h["undecidable"], note=h["note"], _hand=True))
    n_hand = len(cases)
    hand_true = sum(c["intended"] for c in cases)
    need_true = N_TRUE - hand_true
    need_false = (N_TOTAL - N_TRUE) - (n_hand - hand_true)
    assert need_true >= 0 and need_false >= 0
    verdicts = [True] * need_true + [False] * need_false
    rng.shuffle(verdicts)
    for v in verdicts:
        c = make_templated(rng, v, seen)
        c["_hand"] = False
        cases.append(c)
    rng.shuffle(cases)
    out = os.path.join(HERE, "heldout_cases.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for i, c in enumerate(cases):
            row = dict(id=i, style=c["style"], problem=c["problem"], gold=c["gold"], response=c["response"],
                       intended=c["intended"], undecidable=c["undecidable"], note=c["note"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {out}")
    print(f"hand-written: {n_hand}  templated: {len(cases) - n_hand}")
    print("intended:", dict(Counter(c["intended"] for c in cases)))
    print("undecidable:", sum(c["undecidable"] for c in cases))
    print("by style (style: true/false):")
    by = {}
    for c in cases:
        t = by.setdefault(c["style"], [0, 0])
        t[0 if c["intended"] else 1] += 1
    for s in sorted(by):
        print(f"  {s:28s} {by[s][0]:3d} / {by[s][1]:3d}")


if __name__ == "__main__":
    main()
