# -*- coding: utf-8 -*-
"""Deterministic generator for held-out set 7 (seed 7007).

Checks with sympy that every gold is what the figure data gives, that every alternative form is
equivalent to the gold and every wrong answer differs, and that every hand-written response's
committed final answer agrees with its `intended` verdict. Then writes heldout_cases.jsonl
(150 lines) and prints counts by style and verdict.
"""
import collections
import json
import math
import os
import random
import re
import sys

import sympy as sp
from sympy.parsing.sympy_parser import (implicit_multiplication_application, parse_expr,
                                        standard_transformations)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bank  # noqa: E402

SEED = 7007
N_TOTAL = 150
TARGET_TRUE = 83  # about 55%

TRANSFORMS = standard_transformations + (implicit_multiplication_application,)


# ------------------------------------------------------------------ numeric normalisation
def _strip_common(s):
    s = s.strip()
    s = s.replace("$", "").replace("\\boxed", "").replace("\\left", "").replace("\\right", "")
    s = s.replace("\\,", "").replace("\\!", "").replace("\\ ", " ").replace("\\%", "%")
    s = re.sub(r"\\text\{[^{}]*\}(\s*\^\s*\{?2\}?)?", " ", s)
    # degree markers
    for d in ("^{\\circ}", "^\\circ", "\\circ", "\\degree", "°", "度"):
        s = s.replace(d, " ")
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)          # thousands separators
    s = re.sub(r"(?<=\d)\s*:\s*(?=\d)", "/", s)          # ratio a:b
    s = re.sub(r"(cm|m)\s*(\^\s*2|²)", " ", s)           # area units before ^ parsing
    return s


WORD_NUMS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "seventeen": 17, "forty-three": 43}

MATH_RUN = re.compile(r"[0-9§¤π{}()+\-*/^.\s]+")


def num_value(text):
    """Return (sympy value, decimal_literal_or_None) of the first math expression in text."""
    s = _strip_common(text)
    low = s.lower()
    for w, v in sorted(WORD_NUMS.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(?<![a-z-])" + re.escape(w) + r"(?![a-z-])", low) and not re.search(r"\d", s):
            return sp.Integer(v), None
    s = re.sub(r"\\[dt]?frac", "§", s)
    s = s.replace("\\sqrt", "¤").replace("√", "¤").replace("\\pi", "π")
    s = s.replace("\\cdot", "*").replace("\\times", "*").replace("×", "*")
    run = None
    for m in MATH_RUN.finditer(s):
        if re.search(r"[0-9π]", m.group(0)):
            run = m.group(0).strip()
            break
    if run is None:
        raise ValueError("no number in %r" % text)
    run = run.rstrip("+-*/^. ")
    dec = run if re.fullmatch(r"-?\d+\.\d+", run) else None
    e = run
    for _ in range(10):
        e2 = re.sub(r"¤\{([^{}]*)\}", r"sqrt(\1)", e)
        e2 = re.sub(r"§\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", e2)
        if e2 == e:
            break
        e = e2
    e = re.sub(r"¤\s*(\d+)", r"sqrt(\1)", e)
    e = e.replace("{", "(").replace("}", ")").replace("π", " pi ").replace("^", "**")
    e = re.sub(r"(\d+\.\d+)", r"Rational('\1')", e)
    val = parse_expr(e, transformations=TRANSFORMS, local_dict={"pi": sp.pi, "sqrt": sp.sqrt,
                                                                 "Rational": sp.Rational})
    return sp.nsimplify(val) if val.is_Float else val, dec


def sig_digits(dec):
    digits = dec.replace("-", "").replace(".", "").lstrip("0")
    return len(digits)


def num_equiv(ans, gold):
    a, dec = num_value(ans)
    g, _ = num_value(gold)
    if sp.simplify(a - g) == 0:
        return True
    if dec is not None and sig_digits(dec) >= 4:
        places = len(dec.split(".")[1])
        return abs(float(a) - float(g)) <= 0.5 * 10 ** (-places) + 1e-12
    return False


# ------------------------------------------------------------------ word / multiple choice
def _norm_text(s):
    s = s.lower().replace("°", "").replace("^\\circ", "").replace("$", "")
    return re.sub(r"[\s.。,:;!()]+", " ", s).strip()


def word_hits(ans, cands):
    low = ans.lower()
    hits = []
    for group in cands:
        for syn in group:
            if re.search(r"(?<![a-z])" + re.escape(syn.lower()) + r"(?![a-z])", low):
                hits.append(group[0])
                break
    return hits


def word_equiv(ans, gold, cands):
    hits = word_hits(ans, cands)
    # a longer candidate ("red chair") subsumes a shorter synonym hit of the same group only
    return hits == [gold]


def mc_letter(ans, options):
    s = ans.strip()
    s = re.sub(r"^(the\s+)?(answer|option|choice)(\s+is)?\s*[:：]?\s*", "", s, flags=re.I)
    m = re.match(r"^\(?([A-D])\)?(?=$|[\s.:：)])", s)
    if m and m.group(1) in options:
        return m.group(1)
    n = _norm_text(s)
    for k, v in options.items():
        if _norm_text(v) == n:
            return k
    for k, v in options.items():
        try:
            if sp.simplify(num_value(v)[0] - num_value(s)[0]) == 0:
                return k
        except Exception:
            pass
    return None


def gold_letter(p):
    if p["gold"] in p["options"]:
        return p["gold"]
    for k, v in p["options"].items():
        if _norm_text(v) == _norm_text(p["gold"]):
            return k
    raise AssertionError("gold not an option: %s" % p["key"])


def equiv(ans, p):
    if p["kind"] == "num":
        return num_equiv(ans, p["gold"])
    if p["kind"] == "word":
        return word_equiv(ans, p["gold"], p["cands"])
    return mc_letter(ans, p["options"]) == gold_letter(p)


# ------------------------------------------------------------------ derivations
def direction(data):
    (mx, my), (wx, wy), (lx, ly) = data["me"], data["window"], data["lamp"]
    fx, fy, vx, vy = wx - mx, wy - my, lx - mx, ly - my
    ang = math.degrees(math.acos((fx * vx + fy * vy) / math.hypot(fx, fy) / math.hypot(vx, vy)))
    if ang >= 135:
        return "back"
    return "left" if fx * vy - fy * vx > 0 else "right"


def derive(p):
    env = {k: getattr(sp, k) for k in ("Rational", "sqrt", "pi", "cos", "sin", "rad")}
    env.update(data=p["data"], direction=direction, round=round)
    return eval(p["derive"], env)


def check_problem(p):
    d = derive(p)
    if p["kind"] == "num":
        g, _ = num_value(p["gold"])
        assert sp.simplify(sp.sympify(d) - g) == 0, (p["key"], d, g)
    elif p["kind"] == "word":
        assert d == p["gold"], (p["key"], d)
    else:
        matches = []
        for k, v in p["options"].items():
            if isinstance(d, str):
                ok = _norm_text(v) == _norm_text(d)
            else:
                ok = sp.simplify(num_value(v)[0] - sp.sympify(d)) == 0
            if ok:
                matches.append(k)
        assert matches == [gold_letter(p)], (p["key"], d, matches)
    for a in p["alts"]:
        assert equiv(a, p), ("alt not equivalent", p["key"], a)
    for w in p["wrongs"]:
        assert not equiv(w, p), ("wrong is equivalent", p["key"], w)


# ------------------------------------------------------------------ templates
def t_r1(th, a):
    return "<think>%s</think> <answer>%s</answer>" % (th, a)


def t_r1_nl(th, a):
    return "<think>\n%s\n</think>\n<answer>%s</answer>" % (th, a)


def t_sentence(th, a):
    return "<think>%s</think>\n<answer>The answer is %s.</answer>" % (th, a)


def t_nothink(th, a):
    return "<answer>%s</answer>" % a


def t_boxed(th, a):
    return "<think>%s</think> <answer>\\boxed{%s}</answer>" % (th, a)


def t_trailing(th, a):
    return "<think>%s</think> <answer>%s</answer>\nSo the final answer is %s." % (th, a, a)


def t_prose(th, a):
    return "%s\n\nTherefore, the answer is %s." % (th, a)


def t_unclosed(th, a):
    return "<think>%s</think>\n<answer>%s" % (th, a)


TEMPLATES = [("tmpl_r1", t_r1), ("tmpl_r1", t_r1_nl), ("tmpl_r1_sentence", t_sentence),
             ("tmpl_r1_no_think", t_nothink), ("tmpl_r1_boxed", t_boxed),
             ("tmpl_r1_trailing_text", t_trailing), ("tmpl_plain_prose", t_prose),
             ("tmpl_r1_unclosed", t_unclosed)]


def main():
    probs = {p["key"]: p for p in bank.PROBLEMS}
    assert len(probs) == len(bank.PROBLEMS)
    for p in bank.PROBLEMS:
        check_problem(p)

    cases = []
    for h in bank.HAND:
        p = probs[h["p"]]
        if h["final"] is not None:
            assert h["final"] in h["r"], ("final not in response", h["p"], h["final"])
            if h["check"]:
                got = equiv(h["final"], p)
                assert got == h["intended"], ("verdict mismatch", h["p"], h["final"], got)
        else:
            assert h["intended"] is False, ("no final but intended true", h["p"])
        if h["und"]:
            assert not h["check"]
        cases.append(dict(style=h["style"], problem=p["problem"], gold=p["gold"], response=h["r"],
                          intended=h["intended"], undecidable=h["und"], note=h["note"]))

    rng = random.Random(SEED)
    n_tmpl = N_TOTAL - len(cases)
    assert n_tmpl >= 0
    hand_true = sum(c["intended"] for c in cases)
    need_true = TARGET_TRUE - hand_true
    assert 0 <= need_true <= n_tmpl, (need_true, n_tmpl)
    verdicts = [True] * need_true + [False] * (n_tmpl - need_true)
    rng.shuffle(verdicts)
    order = list(bank.PROBLEMS)
    rng.shuffle(order)
    seen = set()
    for i, v in enumerate(verdicts):
        p = order[i % len(order)]
        while True:
            a = rng.choice(p["alts"] if v else p["wrongs"])
            name, fn = rng.choice(TEMPLATES)
            if (p["key"], a, name) not in seen:
                break
        seen.add((p["key"], a, name))
        resp = fn(p["think"], a)
        assert equiv(a, p) == v
        note = ("final answer %s is equivalent to gold %s" if v else
                "final answer %s differs from gold %s") % (a, p["gold"])
        cases.append(dict(style=name, problem=p["problem"], gold=p["gold"], response=resp,
                          intended=v, undecidable=False, note=note))

    rng.shuffle(cases)
    out = os.path.join(HERE, "heldout_cases.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for i, c in enumerate(cases):
            row = {"id": i, "style": c["style"], "problem": c["problem"], "gold": c["gold"],
                   "response": c["response"], "intended": c["intended"],
                   "undecidable": c["undecidable"], "note": c["note"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    n = len(cases)
    nt = sum(c["intended"] for c in cases)
    nu = sum(c["undecidable"] for c in cases)
    nh = len(bank.HAND)
    print("problems: %d, cases: %d (hand-written %d = %.0f%%, templated %d)"
          % (len(bank.PROBLEMS), n, nh, 100.0 * nh / n, n - nh))
    print("intended true: %d (%.1f%%), false: %d, undecidable: %d" % (nt, 100.0 * nt / n, n - nt, nu))
    by = collections.defaultdict(lambda: [0, 0])
    for c in cases:
        by[c["style"]][0 if c["intended"] else 1] += 1
    print("%-24s %5s %5s" % ("style", "true", "false"))
    for k in sorted(by):
        print("%-24s %5d %5d" % (k, by[k][0], by[k][1]))
    dom = collections.Counter(probs[h["p"]]["domain"] for h in bank.HAND)
    print("hand-written by domain:", dict(sorted(dom.items())))


if __name__ == "__main__":
    main()
