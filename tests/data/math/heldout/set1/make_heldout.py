"""Generate a held-out evaluation set for a math answer verifier.
Written blind (no verifier code read). Output: heldout_cases.jsonl"""
import json, random, re, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bank import BANK

rng = random.Random(20240607)
cases = []

def add(style, key, response, intended, note, undecidable=False, gold=None):
    b = BANK[key]
    cases.append(dict(style=style, gold=gold if gold is not None else b["gold"], response=response,
                      intended=bool(intended), undecidable=bool(undecidable),
                      note=f"Q: {b['q']} | {note}"))

def isword(a):
    return "\\" not in a and re.search(r"[A-Za-z]{3,}", a) is not None

def mw(a):           # inline math wrap for prose
    return a if isword(a) else f"${a}$"

def bx(a):           # content for \boxed{}
    return r"\text{" + a + "}" if isword(a) else a

def plain(a):        # LaTeX -> plain text (GSM-style)
    a = re.sub(r"\\text\{\s*([^}]*)\}", r"\1", a)
    a = a.replace(r"\$", "$").replace("{,}", ",").replace(r"\%", "%").replace(r"\times", "×").replace("^{7}", "^7")
    return a.strip()

INTROS = ["Okay, let me work through this.", "Alright, so the problem is: {q}", "Let me think.",
          "Hmm, okay. We need to figure this out step by step.", "First, let me restate: {q}"]
CHECKS = ["Let me double-check that... yes, that looks right.", "Wait, let me verify the arithmetic once more. Okay, it holds.",
          "Is there any trick here? I don't think so.", "Let me make sure I didn't misread anything. No, that's fine."]

def think(b, a=None, conclude=True):
    s = rng.choice(INTROS).format(q=b["q"]) + "\n" + b["R"] + "\n" + rng.choice(CHECKS)
    if conclude and a is not None:
        s += f" So the answer should be {mw(a)}."
    return s

# ---------------- generic renderers ----------------
def r_r1_answer(b, a):
    inner = rng.choice([a, f"${a}$" if not isword(a) else a, f"The answer is {mw(a)}."])
    return f"<think>\n{think(b, a, rng.random() < 0.6)}\n</think>\n<answer>{inner}</answer>"

def r_r1_boxed(b, a):
    t = think(b, a, rng.random() < 0.5)
    tail = rng.choice([f"The final answer is $\\boxed{{{bx(a)}}}$.", f"**Answer:** \\(\\boxed{{{bx(a)}}}\\)",
                       f"\\[\n\\boxed{{{bx(a)}}}\n\\]"])
    return f"<think>\n{t}\n</think>\n\n{b['R']}\n\n{tail}"

def r_boxed_answer_tag(b, a):
    t = think(b, a, rng.random() < 0.5)
    if rng.random() < 0.5:
        return f"<think>\n{t}\n</think>\n<answer>\n{b['R']} Therefore, the answer is $\\boxed{{{bx(a)}}}$.\n</answer>"
    return f"<think>\n{t}\n</think> <answer>\\boxed{{{bx(a)}}}</answer>"

def r_qwen(b, a):
    head = rng.choice(["To solve this problem, we proceed step by step.\n\n", f"We are asked: {b['q']}\n\n", ""])
    tail = rng.choice([f"**Final Answer**\n\\[ \\boxed{{{bx(a)}}} \\]", f"The final answer is \\(\\boxed{{{bx(a)}}}\\).",
                       f"**Final Answer**\n\\[\n\\boxed{{{bx(a)}}}\n\\]"])
    return f"{head}{b['R']}\n\n{tail}"

def r_inline_boxed(b, a):
    tail = rng.choice([f"Hence, the answer is $\\boxed{{{bx(a)}}}$.", f"So we get\n\\[\\boxed{{{bx(a)}}}\\]",
                       f"Thus the answer is $$\\boxed{{{bx(a)}}}$$", f"The answer is $\\boxed{{{bx(a)}}}$."])
    return f"{b['R']} {tail}"

def r_minerva(b, a):
    v = f"${a}$" if not isword(a) else a
    return rng.choice(["", "Solution: "]) + f"{b['R']}\n\nFinal Answer: The final answer is {v}. I hope it is correct."

def r_gsm(b, a):
    p = plain(a)
    if rng.random() < 0.4:
        return f"{b['R']}\n#### {p}\nThe answer is: {p}"
    return f"{b['R']}\n#### {p}"

def r_answer_colon(b, a):
    lab = rng.choice(["Answer:", "ANSWER:", "Answer :", "Final answer:"])
    v = plain(a) if (rng.random() < 0.5 and "\\" not in a) else mw(a)
    return f"{b['R']}\n\n{lab} {v}"

def r_prose(b, a):
    if "=" in a and not a.startswith("\\"):
        return f"{b['R']} Therefore, {mw(a)}."
    return f"{b['R']} " + rng.choice([f"So the answer is {mw(a)}.", f"Thus, the answer is {mw(a)}.",
                                       f"Therefore the answer is {mw(a)}."])

def r_lastline(b, a):
    if isword(a):
        return f"{b['R']}\n\nSo the result is:\n\n{a}"
    return f"{b['R']}\n\n" + rng.choice(["The result is therefore\n", "Final:\n", "Putting it together,\n"]) + rng.choice([f"${a}$", f"$${a}$$"])

def r_markdown(b, a):
    tail = rng.choice([f"### Final Answer\n**{mw(a)}**", f"**Answer:** {mw(a)}", f"✅ **Final answer: {mw(a)}**"])
    return f"### Step 1: Understand the problem\n{b['q']}\n\n### Step 2: Compute\n- {b['R']}\n\n---\n\n{tail}"

OTHER_Q = ["Question: A farmer has 12 cows and buys 5 more. How many cows does he have?\nAnswer: Let's think step by step.",
           "Problem: What is the sum of the first 10 odd numbers?\nSolution:", "Question: If a car"]
def r_ramble(b, a):
    v = plain(a) if "\\" not in a else mw(a)
    opts = [f"ok so {b['R'].lower()} hmm let me think again. {b['R']} so the answer is {v}. The answer is {v}.\n\nThe answer is: {v}",
            f"{b['R']} I think that is right. Yes. So the answer is {v}.\n\n{rng.choice(OTHER_Q)}",
            f"Let's solve this step by step! {b['R']} {b['R']} Therefore, the answer is {v}. I hope this helps! Let me know if you have any other questions."]
    return rng.choice(opts)

GENERIC = {"r1_think_answer": r_r1_answer, "r1_think_boxed": r_r1_boxed, "boxed_in_answer_tag": r_boxed_answer_tag,
           "qwen_final_answer_boxed": r_qwen, "inline_boxed_prose": r_inline_boxed, "minerva_final_answer": r_minerva,
           "gsm8k_hash": r_gsm, "answer_colon": r_answer_colon, "prose_conclusion": r_prose, "last_line_math": r_lastline,
           "markdown_bold": r_markdown, "small_model_ramble": r_ramble}

# ---------------- build pool of generic (item, form, label) ----------------
pool_true, pool_false, pool_und = [], [], []
for k, b in BANK.items():
    for f, n in b["eq"]: pool_true.append((k, f, True, False, "equivalent: " + n))
    for f, n in b["wr"]: pool_false.append((k, f, False, False, "wrong: " + n))
    for f, n in b["und"]: pool_und.append((k, f, False, True, "disputable: " + n))
rng.shuffle(pool_true); rng.shuffle(pool_false)
# gsm8k style gets only GSM items
def take(pool, pred, n):
    out = [x for x in pool if pred(x)][:n]
    for x in out: pool.remove(x)
    return out
gsm_sel = take(pool_true, lambda x: BANK[x[0]]["kind"] == "gsm", 14) + take(pool_false, lambda x: BANK[x[0]]["kind"] == "gsm", 9)
# prefer covering every item at least once in the rest
def spread(pool, n):
    seen, first, rest = set(), [], []
    for x in pool:
        (rest if x[0] in seen else first).append(x); seen.add(x[0])
    return (first + rest)[:n]
other_sel = spread(pool_true, 166) + spread(pool_false, 77) + pool_und
rng.shuffle(other_sel)
others = [s for s in GENERIC if s != "gsm8k_hash"]
counts = {s: 0 for s in others}
assign = [("gsm8k_hash", x) for x in gsm_sel]
for x in other_sel:
    m = min(counts.values()); s = rng.choice([s for s in others if counts[s] == m]); counts[s] += 1
    assign.append((s, x))
for s, (k, f, lab, und, note) in assign:
    add(s, k, GENERIC[s](BANK[k], f), lab, f"final answer {f!r}; {note}", und)

# ---------------- self_correction ----------------
def sc(key, first, final, label, t, note, alt=None):
    b = BANK[key]; R = b["R"]
    if t == 0:
        r = (f"{R} That gives {mw(first)}.\n\nWait, that's not right. Let me recheck the computation.\n{R}\n"
             f"I made an error before; redoing it carefully, the answer is {mw(final)}.\n\n**Final Answer**\n\\[\\boxed{{{bx(final)}}}\\]")
    elif t == 1:
        r = (f"<think>\n{R} So it's {mw(first)}.\n\nWait, hold on. Let me re-read the question. Hmm, I think I slipped somewhere. "
             f"Recomputing step by step... okay, it's {mw(final)}.\n</think>\n<answer>{final}</answer>")
    elif t == 2:
        r = (f"{R}\n\nThe answer is $\\boxed{{{bx(first)}}}$.\n\nHmm, wait. Actually, let me reconsider. "
             f"I think I made a mistake; the correct answer is $\\boxed{{{bx(final)}}}$.")
    elif t == 3:
        r = (f"{R} So the answer is {mw(first)}. Hmm, wait, could it be {mw(alt)}? No, that would come from misreading "
             f"the problem. The original computation stands, so the answer is {mw(final)}.")
    else:
        r = f"{R}\n\nAnswer: {mw(first)}\n\nCorrection: I made a slip above. The correct answer is {mw(final)}."
    add("self_correction", key, r, label, f"first {first!r}, final {final!r}; {note}")

sc("pencils", "91", "53", True, 0, "corrected from wrong to right")
sc("shirt", "34", "6", False, 2, "switched from right to the discount amount")
sc("div360", "12", "24", True, 1, "corrected inside think; answer tag right")
sc("mod7", "1", "2", True, 1, "corrected")
sc("vieta", r"-\frac{7}{2}", r"\frac{7}{2}", True, 2, "sign fixed in second box")
sc("heron", "84", "42", False, 2, "talked itself out of the right answer")
sc("cancel", "x-3", "x+3", True, 0, "corrected")
sc("day", "Tuesday", "Wednesday", True, 1, "corrected")
sc("lcm", "36", "36", True, 3, "considered 6 then kept 36", alt="6")
sc("zeros", "20", "24", True, 4, "correction line at end")
sc("units", "3", "7", False, 1, "changed right to wrong")
sc("absval", "8", "8, -2", True, 0, "added the missing root")
sc("quad", "1,-4", "-1, 4", False, 2, "changed to sign-flipped roots")
sc("base2", "1101_2", "1011_2", True, 1, "fixed reversed digits")
sc("sin45", r"\frac{\sqrt{2}}{2}", r"\sqrt{2}", False, 2, "changed to reciprocal")
sc("fact6", "24", "25", True, 0, "corrected")
sc("telescope", r"\frac{100}{101}", r"\frac{99}{100}", True, 1, "corrected")
sc("sphere", r"36\pi", r"36\pi", True, 3, "considered 108pi, kept 36pi", alt=r"108\pi")
sc("gauss", "5050", "10100", False, 4, "'correction' to the unhalved sum")
sc("ineq", "[-2,5]", "[-2,5)", True, 0, "fixed endpoint")
sc("mc", "(E)", "(B)", True, 1, "corrected letter")
sc("pair", "(2,-3)", "(-3,2)", False, 2, "swapped coordinates in correction")
sc("savings", "1750", "1750", False, 3, "considered the right 1820 but kept the wrong 1750", alt="1820")
sc("cplx", "5+4i", "3+4i", True, 4, "corrected")
sc("arc", r"2\pi", r"6\pi", False, 1, "changed right to wrong")

# ---------------- multiple_or_hedged ----------------
MH = "multiple_or_hedged"
def mh(key, resp, label, note, und=False):
    add(MH, key, resp, label, note, und)
R = lambda k: BANK[k]["R"]
mh("lcm", f"{R('lcm')}\n\nSo the answer is $\\boxed{{36}}$ or $\\boxed{{6}}$.", False, "two different boxed answers; no single answer")
mh("circ", f"{R('circ')} The circumference is $\\boxed{{6\\pi}}$, or, if the diameter is 3, $\\boxed{{3\\pi}}$.", False, "two boxed answers under different readings")
mh("train", f"{R('train')} The answer is either 80 km/h or 180 km/h, depending on how we interpret the time.", False, "either/or answer")
mh("gcd", f"{R('gcd')} I'm not completely sure, but I believe the answer is $42$.", True, "hedged wording but one correct answer")
mh("ff", f"{R('ff')} I think the answer is probably $4$, though I may have slipped.", False, "hedged single wrong answer")
mh("hyp", f"{R('hyp')} So $c = \\boxed{{13}}$.\n\nVerification: $5^2 + 12^2 = 169 = 13^2$. Confirmed: $\\boxed{{13}}$.", True, "same answer boxed twice")
mh("cubic", f"{R('cubic')}\n\nAnswer: 6\n\n(Indeed the roots are 1, 2, 3 and 1·2·3 = 6.) Answer: 6", True, "answer repeated; roots listed as intermediate")
mh("units", f"{R('units')} The units digit could be 3, 7, or 9.", False, "list of candidates, no commitment")
mh("hexagon", f"{R('hexagon')} If the problem means the sum of the angles, the answer is $720^\\circ$; if it means each angle of a regular hexagon, it is $120^\\circ$.", False, "two answers under two interpretations")
mh("arith", f"{R('arith')} If we index from $n=0$ the answer is $83$; with the usual indexing it is $79$.", False, "two answers; does not commit")
mh("sqrt12", f"{R('sqrt12')} So $\\sqrt{{12}} = \\boxed{{2\\sqrt{{3}} \\approx 3.464}}$.", True, "exact answer with approximation alongside (same value)")
mh("area16", f"{R('area16')} The area is $16\\pi \\approx 50.27$ square units.", True, "exact plus approximate of the same value")
mh("absval", f"{R('absval')} Therefore $x = 8$ or $x = -2$.", True, "'or' lists the full solution set, not a hedge")
mh("imag", f"{R('imag')} So $x = 2i$ or $x = -2i$.", True, "both roots listed")
mh("cbrt", f"{R('cbrt')} So the cube root is $x = -2$ or $x = 2$.", False, "extra (wrong) root 2; the real cube root of -8 is only -2")
mh("book", f"{R('book')} So it takes somewhere between 24 and 25 days.", False, "range, not an answer")
mh("fact6", f"{R('fact6')} Candidates: 24, 25, or 30. Checking: 24! has 4 zeros, 25! has 6 zeros. So the smallest is $\\boxed{{25}}$.", True, "candidates considered, single final answer")
mh("aime7", f"{R('aime7')} Is it 142 or 143? Since 7·143 = 1001 > 999, it must be 142.\n\nAnswer: 142", True, "resolved between two candidates")
mh("day", f"{R('day')} I think it's probably Wednesday.", True, "hedged single correct answer")
mh("dice7", f"{R('dice7')} So the probability is about $\\frac{{1}}{{6}}$, I think.", True, "hedged wording, exact correct value")
mh("eggs", f"{R('eggs')}\n\nAnswer: 18\n\nHmm, 9 eggs remain.\n\nAnswer: 9", False, "two conflicting 'Answer:' lines, last is wrong")
mh("cos", f"{R('cos')} So $\\cos\\frac{{2\\pi}}{{3}} = \\boxed{{-\\frac{{1}}{{2}}}} = \\boxed{{-0.5}}$.", True, "two boxes, same value")
mh("x2eq2x", f"{R('x2eq2x')} Hence $x = 0$ or $x = 2$.", True, "both roots")
mh("quarter", f"{R('quarter')} The answer is 31, or maybe 24 if the 'plus 7' is meant differently.", False, "hedged between two different values")

# ---------------- think_draft_mismatch ----------------
TM = "think_draft_mismatch"
def tm(key, resp, label, note, und=False):
    add(TM, key, resp, label, note, und)
tm("lcm", f"<think>\n{R('lcm')} So the answer is 36. Hmm, but wait, maybe they want 12 × 18 = 216? Yeah, I'll go with 216.\n</think>\n<answer>216</answer>", False, "draft correct, final wrong")
tm("hyp", f"<think>\n{R('hyp')} √169 = 13. Hmm, or is it 5 + 12 = 17? Let me go with 17.\n</think>\n<answer>\\boxed{{17}}</answer>", False, "draft correct, final wrong")
tm("zeros", f"<think>\n{R('zeros')} 100/5 = 20, so 20 zeros. Wait, I forgot multiples of 25: 100/25 = 4 more.\n</think>\n<answer>24</answer>", True, "draft wrong, final right")
tm("vertex", f"<think>\n{R('vertex')} I get (4, 3)... no wait, x = 3 and y = 9 − 18 + 13 = 4.\n</think>\n<answer>(3, 4)</answer>", True, "draft wrong, final right")
tm("gauss", f"<think>\n{R('gauss')} 100 · 101 / 2 = 5050. So the sum is 5050.\n</think>", False, "answer only inside think, nothing after </think>", True)
tm("tan60", f"<think>\n{R('tan60')} So tan 60° = √3.\n</think>\n", False, "answer only inside think; no final answer section", True)
tm("det", f"<think>\n{R('det')} 18 − 10 = 8.\n</think>\n<answer></answer>", False, "empty answer tag")
tm("geo3", f"<think>\n{R('geo3')} S = 3/(2/3) = \\boxed{{\\frac{{9}}{{2}}}}.\n</think>\n\nUsing the formula, the sum is $\\boxed{{\\frac{{9}}{{4}}}}$.", False, "boxed right in think, final wrong")
tm("aime738", f"<think>\n{R('aime738')} First pass gives 729... that ignores a = 1000 − b carries. Second count gives 801, too high. Careful casework: 738.\n</think>\n<answer>738</answer>", True, "several drafts, final right")
tm("log", f"<think>\n{R('log')} 2^6 = 64.\n</think>\n\nThe answer is 6.", True, "final after think, no tags")
tm("prime221", f"<think>\n{R('prime221')} So no, it's not prime.\n</think>\n<answer>Yes</answer>", False, "draft right, answer tag wrong")
tm("sin35", f"<think>\n{R('sin35')} sin θ = 4/5? No — sine is opposite/hypotenuse = 3/5.\n</think>\n<answer>\\frac{{3}}{{5}}</answer>", True, "draft wrong, final right")
tm("domain", f"<think>\n{R('domain')} So x ≥ 2, domain $[2,\\infty)$.\n</think>\nThe domain is $\\boxed{{(2,\\infty)}}$.", False, "draft right, final has open endpoint")
tm("choose", f"<think>\n{R('choose')} 10·9·8 = 720, but order doesn't matter so divide by 6: 120.\n</think>\n<answer>\\boxed{{120}}</answer>", True, "intermediate 720, final right")
tm("radius", f"<think>\n{R('radius')} r^2 = 25 so r = 5.\n</think>\n\n**Answer:** 25", False, "draft right, final gives r^2")
tm("ineq1", f"<think>\n{R('ineq1')} So -2 < x < 2, i.e. (-2, 2).\n</think>\n<answer>[-2,2]</answer>", False, "draft right, final closed interval")
tm("surd", f"<think>\n{R('surd')} √50 + √8 = √58? No, radicals don't add like that. 5√2 + 2√2.\n</think>\n<answer>7\\sqrt{{2}}</answer>", True, "draft wrong, final right")
tm("matinv", f"<think>\n{R('matinv')} First try [[2,1],[1,1]] - no, signs must flip off-diagonal. Check product with original: identity. Good.\n</think>\n<answer>\\begin{{pmatrix}} 2 & -1 \\\\ -1 & 1 \\end{{pmatrix}}</answer>", True, "wrong draft matrix, final right")
tm("sci", f"<think>\n{R('sci')} 25 × 10^{{-4}}, normalize to 2.5 × 10^{{-3}}.\n</think>\n<answer>$2.5 \\times 10^{{-3}}$</answer>", True, "unnormalized intermediate, final right")
tm("atleast", f"<think>\n{R('atleast')} 1 − 1/16 = 15/16.\n</think>\n<answer>\\frac{{1}}{{16}}</answer>", False, "draft right, final gives complement")
tm("eig", f"<think>\n{R('eig')} Is it only 2? No, both diagonal entries.\n</think>\n<answer>2, 3</answer>", True, "final right")
tm("aime3", f"<think>\n{R('aime3')} So 3^100 ≡ 1 mod 1000, answer 001.\n</think>\n<answer>I am not sure.</answer>", False, "right only in think; answer tag gives no answer")
tm("cos", f"<think>\n{R('cos')} cos(120°) = −1/2.\n</think>\n\nTherefore $\\cos\\frac{{2\\pi}}{{3}} = -\\frac{{1}}{{2}}$.", True, "final sentence after think")
tm("deriv", f"<think>\n{R('deriv')} = 3x^2 sin x + x^3 cos x.\n</think>\n<answer>3x^2\\cos x</answer>", False, "draft right, final wrong")

# ---------------- truncated_or_empty ----------------
TE = "truncated_or_empty"
def te(key, resp, label, note, und=False):
    add(TE, key, resp, label, note, und)
te("pencils", "", False, "empty response")
te("shirt", "   \n", False, "whitespace only")
te("pencils", "Tom starts with 3 × 24 = 72 pencils. He gives away 19, so 72 − 19 =", False, "truncated before the result")
te("mean", "The sum is 4 + 8 + 15 + 16 + 23 + 42 = 108, and 108 / 6 = 18. Now let me double-check the sum: 4 + 8 = 12, 12 + 15 = 27, 27 + 16", False, "truncated; gold only appears as an intermediate, never declared final")
te("mc", "<think>\nOkay, so I need to compare these. 2^10 = 1024, 3^7 = 2187, 5^4 = 625, 10^3 = 1000. So far B is the largest. Let me check 6^4 = 6·6·6", False, "unclosed think, truncated, no final answer")
te("pencils", "Tom starts with 3 × 24 = 72 pencils and gives away 19, leaving 72 − 19.\n\nThe answer is $\\boxed{53}$.\n\nTo double-check: 72 − 19 = 5", True, "final answer given, truncation happens in a later check")
te("sqrt12", f"{R('sqrt12')} So the answer is $\\boxed{{", False, "truncated at an empty \\boxed{")
te("water", f"{R('water')} So the answer is $\\boxed{{17{{,}}150{{,}}0", False, "truncated inside the boxed number; digits incomplete")
te("det", f"{R('det')} So the determinant is $\\boxed{{8", False, "truncated right after '\\boxed{8' without closing brace; could have continued", True)
te("vertex", f"Question: {BANK['vertex']['q']}\nLet's think step by step.", False, "only restates the question")
te("heron", "I'm sorry, but I can't help with that.", False, "refusal")
te("lcm", "Answer:", False, "empty answer line")
te("div360", "Let me compute. Let me compute. Let me compute. Let me compute. Let me compute. Let me compute.", False, "degenerate loop, no answer")
te("girls", f"{R('girls')}\n#### ", False, "GSM marker with nothing after it")
te("girls", f"{R('girls')}\n#### 26\n\nQuestion: A farmer has", True, "answer given, then model starts a new question and is cut off")
te("heads2", f"<think>\n{R('heads2')}\n</think>\n<answer>\\frac{{3}}{{8}}", False, "answer tag not closed (truncated); content looks complete but might continue", True)
te("mod", "<think></think>", False, "empty think only")
te("marbles", "12 16", False, "just copies the numbers from the problem")
te("lcm", f"{R('lcm')} The LCM is $\\boxed{{36}}$. Verification: 36/12 = 3, 36/18 = ", True, "final answer stated before truncation")
te("div360", f"<think>\n{R('div360')} = 4·3·2, so the answer might be 24. But wait, should I check whether 1 and 360 themselves", False, "unfinished think, only a tentative value, no final answer")
te("telescope", "$\\frac{99}{100}$", True, "terse: bare final answer only, no reasoning (not truncated)")
te("gauss", f"{R('gauss')} The answer is", False, "truncated right before the answer")
te("cubic", "   </think>\n", False, "only a closing think tag")

# ---------------- approximation ----------------
AP = "approximation"
def ap(key, val, label, note, und=False, tmpl=None):
    b = BANK[key]
    t = tmpl if tmpl is not None else rng.randrange(4)
    if t == 0: r = f"{b['R']} Numerically, this is approximately {mw(val)}.\n\nAnswer: {mw(val)}"
    elif t == 1: r = f"{b['R']} Evaluating with a calculator, we get $\\boxed{{{val}}}$."
    elif t == 2: r = f"{b['R']}\n\nFinal Answer: The final answer is ${val}$. I hope it is correct."
    else: r = f"<think>\n{b['R']} Let me just compute the decimal.\n</think>\n<answer>{val}</answer>"
    add(AP, key, r, label, f"response {val!r}; {note}", und)
ap("circ", "18.849556", True, "6pi = 18.8495559..., 8 sig figs correctly rounded")
ap("circ", "18.85", False, "4 sig figs of 6pi; whether rounding is acceptable is a judgment call", True)
ap("sqdiag", "1.4142136", True, "sqrt2 = 1.41421356..., 8 sig figs")
ap("sqrt12", "3.5", False, "2 sig figs only")
ap("sin45", "0.70710678", True, "sqrt2/2 = 0.707106781..., 8 sig figs")
ap("sin45", "0.71", False, "2 sig figs only")
ap("speed", "16.6667", True, "50/3 = 16.66666..., 6 sig figs correctly rounded")
ap("speed", "16.67", False, "4 sig figs; judgment call", True)
ap("speed", "17", False, "rounded to integer")
ap("ecirc", "1.784124", True, "sqrt(10/pi) = 1.78412412..., 7 sig figs")
ap("repdec", "0.33", False, "2 places, not equal to 1/3; question asks for a fraction")
ap("equi", "15.588457", True, "9sqrt3 = 15.5884572..., 8 sig figs")
ap("leg7", "9.89949", True, "7sqrt2 = 9.8994949..., 6 sig figs")
ap("sphere", "113.097", True, "36pi = 113.0973355..., 6 sig figs")
ap("area16", "50.3", False, "3 sig figs of 16pi = 50.265...; judgment call", True)
ap("marbles", "0.75", True, "exact decimal of 3/4")
ap("die", r"\frac{7}{2}", True, "fraction equal to decimal gold 3.5")
ap("atleast", "0.9375", True, "exact decimal of 15/16")
ap("tip", "50.399", False, "not equal to 50.4 (money answer, wrong value)")
ap("tan60", "1.7321", True, "sqrt3 = 1.7320508..., 5 sig figs correctly rounded")
ap("dice7", "0.1666667", True, "1/6 = 0.16666..., 7 sig figs")
ap("sin45", "0.7017", False, "digits wrong: sqrt2/2 = 0.7071...")
ap("water", r"1.7 \times 10^7", False, "2 sig figs; true value 1.715e7")
ap("integral", "0.333333", True, "1/3 to 6 places")
ap("arc", "6.2832", True, "2pi = 6.2831853..., 5 sig figs correctly rounded")
ap("lim_inf", r"10^{10}", False, "a large finite number is not infinity")
ap("cos", "-0.50", True, "exact decimal of -1/2")
ap("tip", r"50\frac{2}{5}", True, "mixed number equal to 50.4")

# ---------------- write ----------------
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout_cases.jsonl")
with open(out, "w") as fh:
    for i, c in enumerate(cases, 1):
        fh.write(json.dumps(dict(id=i, **c), ensure_ascii=False) + "\n")
print("wrote", len(cases), "cases to", out)
