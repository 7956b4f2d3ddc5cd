#!/usr/bin/env python3
"""Generate heldout_cases.jsonl (beside this script) from the problem bank in bank.py.

Seeded, deterministic. Run: python3 make.py
"""
import json
import os
import random
import re
import sys
from collections import Counter

import sympy as sp
from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,
                                        implicit_multiplication_application)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bank import BANK  # noqa: E402

SEED = 20240611
OUT = os.path.join(HERE, "heldout_cases.jsonl")

# ---------------------------------------------------------------------------
# 1. self-checks of the bank
# ---------------------------------------------------------------------------
TR = standard_transformations + (implicit_multiplication_application,)


def tex2val(s):
    """Tiny independent LaTeX->sympy converter for scalar answer forms.
    Returns (value, is_float) or None when the form is not a plain scalar."""
    t = s.strip()
    if "=" in t:
        t = t.split("=")[-1].strip()
    probe = re.sub(r"\\text\{[^}]*\}", "", t)
    probe = re.sub(r"\\(d|t)?frac|\\sqrt|\\pi|\\times|\\cdot|\\left|\\right|\\circ|\\infty|\\\$", "", probe)
    probe = re.sub(r"(?<=\d)e-?\d", "", probe)
    if re.search(r"[A-Za-df-z!%_\\]", probe) or re.search(r"[^\d]e|^e.", probe.replace(" ", "")):
        if probe.strip() != "e":
            return None
    if "=" in t:
        t = t.split("=")[-1]
    t = re.sub(r"\\text\{[^}]*\}", "", t)
    t = t.replace("\\$", "").replace("$", "").replace("{,}", "")
    t = re.sub(r"(\d),(\d{3})", r"\1\2", t)
    t = re.sub(r"(?<![\d.])0+(\d)", r"\1", t)
    if "," in t:
        return None
    t = re.sub(r"\^\{?\\circ\}?", "", t)
    t = t.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    t = re.sub(r"(\d)\s*\\frac", r"\1+\\frac", t)
    for _ in range(6):
        t = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", t)
        t = re.sub(r"\\sqrt\{([^{}]*)\}", r"sqrt(\1)", t)
    t = re.sub(r"\\sqrt\s*(\d+)", r"sqrt(\1)", t)
    t = t.replace("\\left", "").replace("\\right", "")
    t = t.replace("\\pi", " pi ").replace("\\cdot", "*").replace("\\times", "*").replace("\\infty", "oo")
    t = t.replace("^", "**").replace("{", "(").replace("}", ")")
    is_float = bool(re.search(r"\d\.\d|^\.\d", t.strip())) and "e-" not in t
    t = re.sub(r"(?<![\d.])e(?![a-z])", "E", t)
    try:
        v = parse_expr(t, transformations=TR, local_dict={"E": sp.E, "pi": sp.pi, "oo": sp.oo})
    except Exception:
        return None
    if v.free_symbols:
        return None
    return v, is_float


def same(v, is_float, gold):
    if is_float:
        g = float(gold)
        return abs(float(v) - g) <= 5e-5 * max(1.0, abs(g)) if g != 0 else abs(float(v)) < 1e-9
    return sp.simplify(v - gold) == 0


def check_bank():
    problems = 0
    checked = 0
    for p in BANK:
        if p["val"] is None:
            continue
        gold = sp.sympify(p["val"], locals={"E": sp.E})
        gv = tex2val(p["gold"])
        if gv is not None:
            assert same(gv[0], gv[1], gold), ("gold mismatch", p["q"], p["gold"])
        for f in p["ok"]:
            r = tex2val(f)
            if r is None:
                continue
            checked += 1
            if not same(r[0], r[1], gold):
                print("OK-FORM MISMATCH", p["q"][:60], f, r[0]); problems += 1
        for f in p["bad"]:
            r = tex2val(f)
            if r is None:
                continue
            checked += 1
            if same(r[0], r[1], gold):
                print("BAD-FORM EQUALS GOLD", p["q"][:60], f); problems += 1
    # direct checks of computational golds
    x = sp.symbols("x")
    assert pow(2, 2024, 1000) == 216
    assert sum(1 for n in range(1, 101) if n % 4 == 0 and n % 8 != 0) == 13
    assert sp.factorint(360) == {2: 3, 3: 2, 5: 1} and sp.divisor_count(360) == 24
    assert sp.totient(36) == 12 and sp.divisor_sigma(28) == 56
    assert pow(7, 100, 5) == 1 and pow(2, 100, 7) == 2 and pow(3, 2023, 10) == 7
    assert len(list(sp.primerange(1, 50))) == 15 and sp.nextprime(100) == 101
    assert max(n for n in range(100, 1000) if n % 13 == 0) == 988
    assert sum(100 // 5 ** k for k in range(1, 4)) == 24
    assert (3 * 6) % 7 == 4
    assert int("123", 4) + int("32", 4) == 41 and sp.Integer(41) == int("221", 4)
    assert bin(25) == "0b11001" and int("1011", 2) == 11 and hex(255) == "0xff"
    assert sp.binomial(10, 3) == 120 and sp.factorial(6) / (sp.factorial(3) * sp.factorial(2)) == 60
    assert 9 * 9 * 8 * 7 == 4536 and sp.binomial(12, 2) == 66 and sp.subfactorial(4) == 9
    assert 1 - sp.Rational(5, 6) ** 4 == sp.Rational(671, 1296)
    assert sp.Rational(3, 8) * sp.Rational(2, 7) == sp.Rational(3, 28)
    assert sp.expand((x + 2) ** 2) == x ** 2 + 4 * x + 4
    assert set(sp.solve(x ** 2 - 5 * x + 6, x)) == {2, 3}
    assert sp.solve(sp.sqrt(x + 3) - (x - 3), x) == [6]
    assert set(sp.solve(x ** 2 + 2 * x + 5, x)) == {-1 + 2 * sp.I, -1 - 2 * sp.I}
    assert sp.expand((2 + 3 * sp.I) * (1 - sp.I)) == 5 + sp.I and sp.I ** 2023 == -sp.I
    assert sp.diff(x ** 3 * sp.sin(x), x) == 3 * x ** 2 * sp.sin(x) + x ** 3 * sp.cos(x)
    assert sp.integrate(2 * x * sp.exp(x ** 2), x) == sp.exp(x ** 2)
    assert sp.integrate(x - x ** 2, (x, 0, 1)) == sp.Rational(1, 6)
    assert sp.integrate(3 * x ** 2 + 1, (x, 0, 2)) == 10
    assert sp.summation(1 / sp.Symbol("n", positive=True, integer=True) ** 2, (sp.Symbol("n", positive=True, integer=True), 1, sp.oo)) == sp.pi ** 2 / 6
    assert sp.Matrix([[2, 1], [1, 1]]).inv() == sp.Matrix([[1, -1], [-1, 2]])
    assert sp.Matrix([[1, 2], [3, 4]]) * sp.Matrix([1, 1]) == sp.Matrix([3, 7])
    assert set(sp.Matrix([[4, 1], [2, 3]]).eigenvals()) == {2, 5}
    assert sp.Matrix([[2, 0, 1], [1, 3, 2], [1, 1, 1]]).det() == 0
    assert sp.Matrix([[1, 2], [0, 1]]) ** 2 == sp.Matrix([[1, 4], [0, 1]])
    assert sp.Matrix([[1, 2], [2, 4]]).rank() == 1
    X, Y = sp.symbols("X Y")
    assert sp.expand((X - 1) ** 2 + (Y + 2) ** 2 - 9) == X ** 2 + Y ** 2 - 2 * X + 4 * Y - 4
    assert sp.simplify(2 * sp.Rational(9, 25) - 1) == sp.Rational(-7, 25)
    assert 25 + 49 - 35 == 39
    assert 100 % 7 == 2  # Monday + 2 = Wednesday
    assert 1001 == 7 * 11 * 13
    print(f"bank self-check: {checked} parsed forms, {problems} problems")
    assert problems == 0


# ---------------------------------------------------------------------------
# 2. rendering helpers
# ---------------------------------------------------------------------------
def plain(a):
    t = re.sub(r"\\text\{\s*([^}]*)\}", r" \1", a)
    t = t.replace("\\$", "$").replace("\\%", "%")
    return re.sub(r"\s+", " ", t).strip()


def needs_math(a):
    return bool(re.search(r"[\\^_{}]", a))


def m(a):
    """inline math if the form is LaTeX, else plain text"""
    return f"${a}$" if needs_math(a) else plain(a)


def bx(a):
    return "\\boxed{" + a + "}"


FILLER_OPEN = [
    "Let me work through this carefully.",
    "Okay, let's see.",
    "Alright, so the problem asks for the following.",
    "Let me start by restating what we know.",
    "Hmm, let me think about this step by step.",
]

RAMBLE = [
    "Hmm, wait. Let me re-read the problem to make sure I have the numbers right.",
    "Actually, let me double-check the arithmetic: {a} + {b} = {c}, and {c} - {b} = {a}. Good.",
    "Let me also sanity check with a rough estimate: something around {d} would be way off, so we're fine.",
    "I briefly considered {d}, but that came from misreading a number; ignore it.",
    "Another way to see it: {a} times {b} is {e}, which isn't directly needed here, but it confirms the scale.",
    "Wait, is there a trick? I don't think so. The setup is straightforward.",
    "Let me recount: step one gave {a}, step two gave {b}, and combining them is what we need.",
    "So far so good. Let me not overthink it.",
]


def ramble(rng, n):
    out = []
    for _ in range(n):
        a, b = rng.randint(2, 60), rng.randint(2, 40)
        out.append(rng.choice(RAMBLE).format(a=a, b=b, c=a + b, d=rng.randint(100, 999), e=a * b))
    return "\n\n".join(out)


def steps(p, rng):
    w = p["work"] or "Apply the standard method."
    return w


def truncate_text(p, rng):
    """Cut inside the working, before any accepted answer form appears as a token."""
    head = rng.choice(FILLER_OPEN) + " " + p["q"].split("\n")[0] + "\n\n"
    body = p["work"] + " " + ramble(rng, 2)
    cut = rng.randint(int(len(body) * 0.3), int(len(body) * 0.7))
    forms = [plain(f) for f in p["ok"]] + [plain(p["gold"])]
    while cut > 5:
        pre = body[:cut]
        if not any(re.search(r"(?<![\w.])" + re.escape(f) + r"(?!\w|\.\d)", pre) for f in forms):
            break
        cut -= 1
    return head + body[:cut]


# each renderer: (p, a, alt, rng) -> response text
def r_r1_answer(p, a, alt, rng):
    inner = rng.choice([a if not needs_math(a) else f"${a}$", f"The answer is {m(a)}.", a])
    return (f"<think>\n{rng.choice(FILLER_OPEN)} {steps(p, rng)}\n\n{ramble(rng, rng.randint(0, 2))}\n\n"
            f"So the answer is {m(a)}.\n</think>\n<answer>{inner}</answer>")


def r_r1_boxed_in(p, a, alt, rng):
    if rng.random() < 0.5:
        ans = f"<answer>{bx(a)}</answer>"
    else:
        ans = f"<answer>\n{steps(p, rng)} Therefore the result is $\\boxed{{{a}}}$.\n</answer>"
    return f"<think>\n{rng.choice(FILLER_OPEN)} {steps(p, rng)}\n{ramble(rng, rng.randint(0, 2))}\n</think>\n{ans}"


def r_r1_boxed_out(p, a, alt, rng):
    tail = rng.choice([f"\n\n**Final Answer**\n\\[\n{bx(a)}\n\\]", f"\n\nThe final answer is $\\boxed{{{a}}}$.", f"\n\n{bx(a)}"])
    return (f"<think>\n{rng.choice(FILLER_OPEN)} {steps(p, rng)}\n{ramble(rng, rng.randint(0, 1))}\n</think>\n\n"
            f"To solve this, note: {steps(p, rng)}{tail}")


def r_qwen(p, a, alt, rng):
    lead = rng.choice(["To solve the problem, we proceed step by step.\n\n", "", "Let's break this down.\n\n"])
    end = rng.choice([f"Therefore, the final answer is $\\boxed{{{a}}}$.", f"Thus, the final answer is: $\\boxed{{{a}}}$",
                      f"The final answer is $\\boxed{{{a}}}$."])
    return f"{lead}{steps(p, rng)}\n\n{end}"


def r_minerva(p, a, alt, rng):
    return (f"{steps(p, rng)}\n\nFinal Answer: The final answer is ${a}$. I hope it is correct.")


def r_gsm8k(p, a, alt, rng):
    return f"{steps(p, rng)}\n#### {plain(a)}"


def r_answer_colon(p, a, alt, rng):
    return f"{rng.choice(FILLER_OPEN)}\n{steps(p, rng)}\n\n{rng.choice(['Answer: ', 'Answer:', 'ANSWER: '])}{m(a) if rng.random() < 0.6 else plain(a)}"


def r_markdown(p, a, alt, rng):
    head = rng.choice(["## Solution", "### Step-by-step solution", "# Solution"])
    tail = rng.choice([f"### Final Answer\n\n**{m(a)}**", f"**Answer:** $\\boxed{{{a}}}$", f"**Final answer: {m(a)}**",
                       f"---\n\n**The answer is {m(a)}.**"])
    return (f"{head}\n\n**Step 1: Understand the problem.**\n{p['q'].splitlines()[0]}\n\n"
            f"**Step 2: Compute.**\n{steps(p, rng)}\n\n{tail}")


def r_latex_display(p, a, alt, rng):
    tail = rng.choice([f"\\[\n{bx(a)}\n\\]", f"$$\n{bx(a)}\n$$", f"$$\\text{{Answer: }} {a}$$"])
    return f"{steps(p, rng)}\n\nHence\n\n{tail}"


def r_prose(p, a, alt, rng):
    tail = rng.choice([f"So the answer is {m(a)}.", f"Therefore, the answer is {m(a)}.", f"That gives us {m(a)} as the final result.",
                       f"In conclusion, the answer is {m(a)}."])
    return f"{steps(p, rng)} {tail}"


def r_rambling(p, a, alt, rng):
    end = rng.choice([f"So, after all that, the final answer is {m(a)}.", f"Okay, I'm confident now.\n\n**Final Answer**\n{bx(a)}",
                      f"Therefore the answer is $\\boxed{{{a}}}$."])
    return (f"{rng.choice(FILLER_OPEN)}\n\n{steps(p, rng)}\n\n{ramble(rng, rng.randint(3, 6))}\n\n"
            f"{steps(p, rng)}\n\n{ramble(rng, rng.randint(2, 4))}\n\n{end}")


def r_self_correction(p, a, alt, rng):
    fix = rng.choice(["Wait, that's not right. I made an error above; let me redo that step.",
                      "Hold on, let me re-check that. I think I slipped somewhere.",
                      "Hmm, actually no. Let me reconsider."])
    end = rng.choice([f"So the corrected answer is $\\boxed{{{a}}}$.", f"The final answer is {m(a)}.", f"Final answer: {bx(a)}"])
    return f"{steps(p, rng)} This gives {m(alt)}.\n\n{fix}\n\n{steps(p, rng)}\n\n{end}"


def r_think_differs(p, a, alt, rng):
    ans = rng.choice([f"<answer>{a if not needs_math(a) else '$' + a + '$'}</answer>", f"<answer>{bx(a)}</answer>",
                      f"<answer>The answer is {m(a)}.</answer>"])
    return (f"<think>\n{rng.choice(FILLER_OPEN)} {steps(p, rng)}\n{ramble(rng, 1)}\nSo I get {m(alt)}. "
            f"I'll go with that.\n</think>\n{ans}")


def r_repeated(p, a, alt, rng):
    return (f"The answer is {m(a)}.\n\n{steps(p, rng)}\n\nSo we get {m(a)}.\n\n$\\boxed{{{a}}}$\n\nAnswer: {m(a)}")


def r_hedge(p, a, alt, rng):
    tail = rng.choice([f"I think the answer is {m(a)}, though I'm not completely sure about the last step.",
                       f"The answer is probably {m(a)}.", f"If I haven't made an arithmetic slip, the answer should be $\\boxed{{{a}}}$.",
                       f"My best guess is {m(a)}."])
    return f"{steps(p, rng)}\n\n{tail}"


def r_two_answers(p, a, alt, rng):
    x, y = (a, alt) if rng.random() < 0.5 else (alt, a)
    return rng.choice([
        f"{steps(p, rng)}\n\nThe answer is either {m(x)} or {m(y)}, depending on how the problem is read.",
        f"{steps(p, rng)}\n\nSo the answer is $\\boxed{{{x}}}$ or $\\boxed{{{y}}}$.",
        f"{steps(p, rng)}\n\nFinal answer: {m(x)}\n\nAlternatively, final answer: {m(y)}",
        f"{steps(p, rng)}\n\nThis could be {m(x)}, but it might also be {m(y)}. I can't decide between them.",
    ])


def r_truncated_after(p, a, alt, rng):
    return (f"{steps(p, rng)}\n\nSo the answer is $\\boxed{{{a}}}$.\n\nTo verify, let's plug this back in and check that "
            f"the conditions hold: we get")


def r_hallucinated(p, a, alt, rng, other=None):
    oa = other["ok"][0]
    return (f"{steps(p, rng)}\n\nThe final answer is $\\boxed{{{a}}}$.\n\nQuestion: {other['q']}\n"
            f"Answer: {steps(other, rng)} The final answer is $\\boxed{{{oa}}}$.")


def r_bare(p, a, alt, rng):
    return rng.choice([plain(a), f"${a}$", bx(a), f"$\\boxed{{{a}}}$"])


EMPTIES = ["", " ", "\n\n", "<think>\n\n</think>\n<answer></answer>", "\\boxed{}", "<answer> </answer>",
           "<think>\n</think>", "$\\boxed{}$"]

STYLE_COUNTS = {
    "r1_answer_tags": 28, "r1_boxed_in_answer": 26, "r1_boxed_outside_answer": 20, "qwen_final_boxed": 35,
    "minerva_final_answer": 22, "gsm8k_hash": 22, "answer_colon": 22, "markdown_bold": 22, "latex_display": 20,
    "plain_prose": 22, "long_rambling": 20, "self_correction": 20, "think_draft_differs": 18, "repeated_answer": 16,
    "hedged_single": 16, "two_different_answers": 15, "truncated": 16, "empty": 8, "hallucinated_next_question": 16,
    "bare_answer": 16,
}
RENDER = {
    "r1_answer_tags": r_r1_answer, "r1_boxed_in_answer": r_r1_boxed_in, "r1_boxed_outside_answer": r_r1_boxed_out,
    "qwen_final_boxed": r_qwen, "minerva_final_answer": r_minerva, "gsm8k_hash": r_gsm8k, "answer_colon": r_answer_colon,
    "markdown_bold": r_markdown, "latex_display": r_latex_display, "plain_prose": r_prose, "long_rambling": r_rambling,
    "self_correction": r_self_correction, "think_draft_differs": r_think_differs, "repeated_answer": r_repeated,
    "hedged_single": r_hedge, "bare_answer": r_bare,
}
UND_STYLES = {"qwen_final_boxed", "minerva_final_answer", "answer_colon", "r1_answer_tags", "r1_boxed_in_answer",
              "markdown_bold", "plain_prose", "gsm8k_hash", "latex_display", "bare_answer"}
P_TRUE = 0.69


def main():
    check_bank()
    rng = random.Random(SEED)
    slots = [s for s, n in STYLE_COUNTS.items() for _ in range(n)]
    assert len(slots) == 400, len(slots)
    rng.shuffle(slots)

    gold_count = Counter()
    use_count = Counter()
    order = list(range(len(BANK)))
    und_pool = [i for i, p in enumerate(BANK) if p["und"]]
    und_used = Counter()
    n_und_target = 14

    def pick_problem(pred=lambda p: True, prefer=None):
        cands = prefer if prefer else order
        best = None
        for _ in range(400):
            i = rng.choice(cands)
            p = BANK[i]
            if gold_count[p["gold"]] >= 8 or not pred(p):
                continue
            if best is None or use_count[i] < use_count[best]:
                best = i
            if use_count[i] == 0 or rng.random() < 0.3:
                break
        assert best is not None
        return best

    rows = []
    n_und = 0
    for k, style in enumerate(slots):
        rid = k + 1
        undecidable = False
        if style == "empty":
            i = pick_problem()
            p = BANK[i]
            resp = EMPTIES[sum(1 for r in rows if r["style"] == "empty") % len(EMPTIES)]
            intended, why = False, "empty response, no final answer"
        elif style == "two_different_answers":
            i = pick_problem()
            p = BANK[i]
            a, alt = rng.choice(p["ok"]), rng.choice(p["bad"])
            resp = r_two_answers(p, a, alt, rng)
            intended, why = False, f"commits to two different answers ({plain(a)} vs {plain(alt)}); no single final answer"
        elif style == "truncated":
            i = pick_problem()
            p = BANK[i]
            if rng.random() < 0.5:
                resp = truncate_text(p, rng)
                intended, why = False, "truncated before any final answer"
            else:
                good = rng.random() < P_TRUE
                a = rng.choice(p["ok"] if good else p["bad"])
                resp = r_truncated_after(p, a, None, rng)
                intended = good
                why = (f"cut off during verification after committing to {plain(a)}; "
                       + ("equals gold" if good else "not equal to gold"))
        else:
            want_und = (style in UND_STYLES and n_und < n_und_target and rng.random() < 0.12)
            if want_und:
                i = pick_problem(prefer=[j for j in und_pool if und_used[j] < 1] or und_pool)
                p = BANK[i]
                und_used[i] += 1
            else:
                i = pick_problem()
                p = BANK[i]
            if want_und:
                a = rng.choice(p["und"])
                alt = rng.choice(p["bad"])
                intended, undecidable = False, True
                n_und += 1
                if "+C" in p["gold"] or "+ C" in p["gold"]:
                    why = f"undecidable: {plain(a)} omits the constant of integration"
                elif "nearest" in p["q"]:
                    why = f"undecidable: {plain(a)} is more precise than the requested rounding"
                elif "percent" in p["q"]:
                    why = f"undecidable: {plain(a)} is a fraction where a percent was asked"
                else:
                    why = f"undecidable: {plain(a)} is a 3-4 significant figure decimal and the question does not ask for rounding"
            else:
                good = rng.random() < P_TRUE
                a = rng.choice(p["ok"] if good else p["bad"])
                alt = rng.choice(p["bad"] if good else p["ok"])
                intended = good
                why = (f"final answer {plain(a)} is an accepted form of the gold" if good
                       else f"final answer {plain(a)} is a near miss, not the gold")
            if style == "hallucinated_next_question":
                j = pick_problem(pred=lambda q: q is not p)
                other = BANK[j]
                resp = r_hallucinated(p, a, alt, rng, other)
                why += "; later text answers a hallucinated follow-up question, ignored"
            else:
                resp = RENDER[style](p, a, alt, rng)
            if style == "self_correction":
                why += f"; earlier retracted value {plain(alt)} is ignored"
            if style == "think_draft_differs":
                why += f"; think draft said {plain(alt)}, the answer tag decides"
        gold_count[p["gold"]] += 1
        use_count[i] += 1
        q = p["q"].replace("\n", " ")
        rows.append({"id": rid, "style": style, "gold": p["gold"], "response": resp, "intended": bool(intended),
                     "undecidable": bool(undecidable), "note": f"Q: {q} | {why}"})

    with open(OUT, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # validation + stats
    lines = open(OUT).read().splitlines()
    parsed = [json.loads(l) for l in lines]
    assert len(parsed) == 400 and [r["id"] for r in parsed] == list(range(1, 401))
    keys = {"id", "style", "gold", "response", "intended", "undecidable", "note"}
    assert all(set(r) == keys for r in parsed)
    st = Counter((r["style"], "und" if r["undecidable"] else r["intended"]) for r in parsed)
    print(f"{'style':30s} {'n':>4s} {'true':>5s} {'false':>6s} {'und':>4s}")
    for s in STYLE_COUNTS:
        print(f"{s:30s} {STYLE_COUNTS[s]:4d} {st[(s, True)]:5d} {st[(s, False)]:6d} {st[(s, 'und')]:4d}")
    tot = Counter("und" if r["undecidable"] else r["intended"] for r in parsed)
    print("total", len(parsed), dict(tot))
    gc = Counter(r["gold"] for r in parsed)
    print("distinct golds", len(gc), "max gold count", gc.most_common(3))
    print("distinct problems used", len({r['note'].split(' | ')[0] for r in parsed}))


if __name__ == "__main__":
    main()
