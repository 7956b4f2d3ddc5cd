#!/usr/bin/env python3
"""Generate heldout_cases.jsonl (beside this script) from the problem bank in bank.py.
Seeded; validates numeric labels with sympy; prints counts."""
import json, os, random, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bank import B  # noqa: E402

from sympy import sqrt, pi, Rational, N, binomial  # noqa: E402
from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,  # noqa: E402
                                        implicit_multiplication_application)

SEED = 31337
rng = random.Random(SEED)
TRANS = standard_transformations + (implicit_multiplication_application,)

# ------------------------------------------------------------------ numeric check
def to_num(s):
    t = s.strip()
    for a, b in [('\\$', ''), ('$', ''), ('\\%', ''), ('%', ''), ('^\\circ', ''), ('^{\\circ}', ''),
                 ('°', ''), ('{,}', ''), ('\\dfrac', '\\frac'), ('\\left', ''), ('\\right', ''),
                 ('\\text{ square units}', ''), ('\\text{ degrees}', ''), ('\\text{ dollars}', ''),
                 ('\\cdot', '*'), ('\\times', '*'), ('\\,', '')]:
        t = t.replace(a, b)
    t = re.sub(r'^[a-z]\s*=\s*', '', t)
    t = re.sub(r'^0+(\d)', r'\1', t)
    t = re.sub(r'_\{10\}$', '', t)
    t = re.sub(r'(\d),(\d{3})', r'\1\2', t)
    t = re.sub(r'(\d)\s*\\frac', r'\1+\\frac', t)
    for _ in range(5):
        t = re.sub(r'\\sqrt\{([^{}]*)\}', r'sqrt(\1)', t)
        t = re.sub(r'\\sqrt(\d)', r'sqrt(\1)', t)
        t = re.sub(r'\\frac\{([^{}]*)\}\{([^{}]*)\}', r'((\1)/(\2))', t)
        t = re.sub(r'\\frac(\d)(\d)', r'((\1)/(\2))', t)
    t = t.replace('\\pi', ' pi ')
    if '\\' in t or ',' in t or 'i' in t.replace('pi', '') or '(' in t and ')' not in t:
        return None
    try:
        e = N(parse_expr(t, transformations=TRANS, local_dict={'pi': pi, 'sqrt': sqrt}))
        return e if not e.free_symbols and e.is_real else None
    except Exception:
        return None

def check_bank():
    bad, unchecked = [], 0
    for i, p in enumerate(B):
        if not p.get('v'):
            continue
        val = N(eval(p['v'], {'sqrt': sqrt, 'pi': pi, 'Rational': Rational, 'binomial': binomial}))
        for a in p['alts']:
            x = to_num(a)
            if x is None:
                unchecked += 1
                print('  [unchecked alt]', i, a)
            elif abs(x - val) > 1e-9 and not ('%' in a and abs(x / 100 - val) < 1e-9):
                bad.append((i, 'alt', a, x, val))
        for w in p['wrongs'] + ([p['inter']] if p.get('inter') else []):
            x = to_num(w)
            if x is None:
                unchecked += 1
                print('  [unchecked wrong]', i, w)
            elif abs(x - val) < 1e-9:
                bad.append((i, 'wrong', w, x, val))
    if bad:
        for b in bad:
            print('BAD', b)
        raise SystemExit('bank check failed')
    print(f'bank numeric check ok ({unchecked} strings not numerically checkable)')

# ------------------------------------------------------------------ helpers
def inline(s):
    """How a model writes an answer string in running text."""
    if re.fullmatch(r'-?[\d.,]+', s):
        return s
    if re.fullmatch(r'\\\$[\d.,]+', s):
        return s.replace('\\$', '$')
    if re.fullmatch(r'[\d.]+\\%', s):
        return s.replace('\\%', '%')
    if re.fullmatch(r'[\d.,]+\^\\circ', s):
        return s.replace('^\\circ', '°')
    return '$' + s + '$'

def plain_math(s):
    """strip the $ of math-in-text for use inside \\[ \\] or boxed."""
    return s

def short_q(q):
    q1 = q.split('\n')[0]
    return q1 if len(q1) < 140 else q1[:137] + '...'

def steps_of(p):
    return [s for s in p['steps'].split('\n') if s.strip()]

def reasoning(p, ans, correct):
    """Step lines leading to ans. If ans is not the correct value, drop the last step."""
    st = steps_of(p)
    if correct:
        return st
    if len(st) > 1:
        return st[:-1] + [rng.choice(['Putting this together gives ', 'So the result is ', 'Combining these, I get ',
                                      'Therefore we obtain '] ) + inline(ans) + '.']
    return [rng.choice(['Working this out, the value is ', 'Computing directly gives ', 'This evaluates to ']) + inline(ans) + '.']

WAITS = [
    "Wait, let me double-check that step. {s} Yes, that looks right.",
    "Hmm, wait. Did I read the question correctly? Let me reread it... \"{q}\" Okay, yes, that's what it asks.",
    "Wait, is there a trick here? I don't think so, it seems straightforward.",
    "Let me verify this another way. {s} Okay, consistent.",
    "Wait, maybe I should be careful with the units here. No, it's fine.",
    "Hold on, let me recompute. {s} Same thing.",
    "Hmm, that seems reasonable, but let me make sure I didn't make an arithmetic mistake. {s} Good.",
]
OPENERS = ["Okay, so I need to solve this problem: ", "Alright, let me try to figure this out. The question says: ",
           "Okay, let's see. The problem is: ", "Hmm, let me think about this. ", "Okay, so the problem is asking: "]

def think_text(p, ans, correct, conclude=True, nwait=None):
    st = reasoning(p, ans, correct)
    q = short_q(p['q'])
    out = [rng.choice(OPENERS) + q, '']
    nums = re.findall(r'\d[\d,]*\.?\d*', p['q'].split('(A)')[0])
    if nums and rng.random() < 0.8:
        out.append("Let me write down what's given. The numbers in the problem are " + ', '.join(nums[:6]) + ".")
    out.append(rng.choice(["First, let me figure out what exactly is being asked.", "Let me break it down.",
                           "Let me start with the basics.", "I'll go step by step.", "Hmm, okay. Let's start."]))
    nw = nwait if nwait is not None else rng.randint(2, 4)
    false_start = correct and p['wrongs'] and rng.random() < 0.5
    fs_at = rng.randrange(len(st)) if false_start else -1
    for i, s in enumerate(st):
        if i == fs_at:
            out.append(rng.choice(["Hmm, so is it {w}? Wait, no. That doesn't look right, I think I mixed something up. Let me redo this part.",
                                   "My first instinct says {w}, but wait, let me actually compute it instead of guessing.",
                                   "So that would be {w}... Wait, no, I skipped a step. Let me be careful."]).format(w=inline(rng.choice(p['wrongs']))))
        pre = rng.choice(["", "So, ", "Okay, ", "Then ", "Next: "])
        if pre and re.match(r'[A-Z][a-z]', s):
            s = s[0].lower() + s[1:]
        out.append(pre + s)
        if nw > 0 and rng.random() < 0.6:
            out.append(rng.choice(WAITS).format(s=rng.choice(st), q=q))
            nw -= 1
    while nw > 0:
        out.append(rng.choice(["Wait, let me go through it once more from the start to be sure.",
                               "Actually, let me re-verify everything, because it's easy to slip.",
                               "Let me double-check the whole thing."]))
        out.extend(st[:3])
        nw -= 1
    tail_q = p['q'].rstrip().split('?')[0].split('.')[-1].strip()
    if tail_q and rng.random() < 0.6:
        out.append(f"The question asks: \"{tail_q}?\" Yes, so that's what I computed.")
    if conclude:
        out.append(rng.choice(["So the answer should be {a}.", "So I think the answer is {a}.",
                               "Therefore, the final answer is {a}.", "Okay, so that gives {a}.",
                               "I'm fairly confident the answer is {a}."]).format(a=inline(ans)))
    return '\n'.join(out)

def box(s):
    return '\\boxed{' + s + '}'

def numeric_forms(p, true):
    """plain numeric strings (no LaTeX) for gsm-style text answers."""
    if true:
        c = [a for a in p['alts'] if re.fullmatch(r'[\d.,]+', a)]
    else:
        c = [w for w in p['wrongs'] if re.fullmatch(r'[\d.,]+', w)]
    return c

# ------------------------------------------------------------------ answer picking
def pick(p, true, prefer_alt=False):
    if true:
        c = p['alts'][1:] if (prefer_alt and len(p['alts']) > 1) else p['alts']
        return rng.choice(c)
    return rng.choice(p['wrongs'])

def why(ans, true, gold, extra=''):
    rel = 'matches' if true else 'does not match'
    s = f"final answer {ans} {rel} gold {gold}"
    return s + ('; ' + extra if extra else '')

# ------------------------------------------------------------------ made-up follow-on questions
NAMES = ['Liam', 'Zoe', 'Omar', 'Keiko', 'Raj', 'Elena', 'Finn', 'Mia']

def fake_question(avoid):
    while True:
        a, b = rng.randint(12, 90), rng.randint(3, 40)
        kind = rng.randrange(3)
        n = rng.choice(NAMES)
        if kind == 0:
            ans = a + b
            txt = (f"Question: {n} has {a} stamps and buys {b} more. How many stamps does {n} have now?\n"
                   f"Answer: {n} has {a} + {b} = {ans} stamps. The answer is {ans}.")
        elif kind == 1:
            ans = a * b
            txt = (f"Problem: What is ${a} \\times {b}$?\nSolution: ${a} \\times {b} = {ans}$. "
                   f"The final answer is $\\boxed{{{ans}}}$.")
        else:
            ans = a * 3
            txt = (f"Question: A box holds {a} pencils. How many pencils are in 3 boxes?\n"
                   f"Answer: 3 * {a} = {ans}. #### {ans}")
        if avoid is None or abs(ans - avoid) > 1e-9:
            return txt

# ------------------------------------------------------------------ styles (non-MC)
def s_r1_boxed(p, true):
    ans = pick(p, true)
    t = think_text(p, ans, true)
    st = reasoning(p, ans, true)
    summ = rng.choice(["**Solution:**", "To solve the problem:", "Here is the solution.", "**Summary**"])
    body = '\n'.join(f"{i+1}. {s}" for i, s in enumerate(st)) if rng.random() < 0.5 else '\n\n'.join(st)
    end = rng.choice(["\n\nThe final answer is $" + box(ans) + "$.", "\n\n\\[\n" + box(ans) + "\n\\]", "\n\n**Answer:** $" + box(ans) + "$",
                      "\n\n**Final Answer**\n\\[\n" + box(ans) + "\n\\]", "\n\n**Final Answer**\nThe answer is \\(" + box(ans) + "\\)."])
    return f"<think>\n{t}\n</think>\n\n{summ}\n\n{body}{end}", true, why(ans, true, p['gold'], 'boxed after long R1 think')

def s_r1_think_only(p, true):
    ans = p['alts'][0]
    t = think_text(p, ans, True)
    tail = rng.choice(["", "\n\nTo solve this problem, we first", "\n\n**Solution:**\n\n" + steps_of(p)[0] + "\n\nNext, we",
                       "\n\nWe proceed step by step, as worked out above."])
    return f"<think>\n{t}\n</think>{tail}", False, "correct value appears only inside <think>; no final answer after it (response ends/truncated)"

def s_qwen(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    intro = rng.choice(["To solve the problem, we will break it down step by step.",
                        "To determine the answer, we follow these steps:", "Let's solve this step by step."])
    parts = [intro, '']
    for i, s in enumerate(st):
        parts.append(f"{i+1}. **Step {i+1}:** {s}")
    end = rng.choice(["Thus, the answer is \\(" + box(ans) + "\\).", "Therefore, the final answer is \\(" + box(ans) + "\\).",
                      "The final answer is \\(" + box(ans) + "\\)."])
    return '\n'.join(parts) + '\n\n' + end, true, why(ans, true, p['gold'], 'Qwen-math style boxed')

def s_r1zero_sentence(p, true):
    if p['kind'] == 'gsm':
        nums = numeric_forms(p, true)
        if not nums:
            return None
        ans = rng.choice(nums)
        sent = p['sent'].format(ans)
        st = reasoning(p, ans, true)
    else:
        ans = pick(p, true)
        st = reasoning(p, ans, true)
        sent = rng.choice(["The answer is {a}.", "The final answer is {a}.", "So the value is {a}."]).format(a=inline(ans))
    t = ' '.join(st)
    return f"<think> {t} </think> <answer> {sent} </answer>", true, why(ans, true, p['gold'], 'sentence inside <answer>')

def s_r1zero_bare(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    t = ' '.join(st)
    inner = rng.choice([ans, ans, '$' + ans + '$', box(ans)])
    if p['kind'] == 'gsm' and re.fullmatch(r'\\\$[\d.,]+', ans):
        inner = ans.replace('\\$', '$')
    return f"<think> {t} </think> <answer>{inner}</answer>", true, why(ans, true, p['gold'], 'bare value inside <answer>')

def s_llama(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    parts = []
    heads = ["Understand the problem", "Set up the computation", "Compute the intermediate values", "Finish the calculation", "State the result"]
    parts.append(f"## Step 1: {heads[0]}\nWe need to answer: {short_q(p['q'])}")
    for i, s in enumerate(st):
        parts.append(f"## Step {i+2}: {heads[min(i+1, 4)]}\n{s}")
    return '\n\n'.join(parts) + f"\n\nThe final answer is: $" + box(ans) + "$", true, why(ans, true, p['gold'], 'Llama "final answer is" box')

def s_gsm_hash(p, true):
    if p['kind'] != 'gsm':
        return None
    nums = numeric_forms(p, true)
    if true and p['money'] and rng.random() < 0.3:
        nums = ['$' + p['gold']]
    if not nums:
        return None
    ans = rng.choice(nums)
    st = reasoning(p, ans.lstrip('$'), true)
    return '\n'.join(st) + f"\n#### {ans}", true, why(ans, true, p['gold'], 'GSM8K #### line')

def s_newq(p, true):
    if p['kind'] not in ('gsm', 'math'):
        return None
    if p['kind'] == 'gsm':
        nums = numeric_forms(p, true)
        if not nums:
            return None
        ans = rng.choice(nums)
        first = '\n'.join(reasoning(p, ans, true)) + rng.choice([f"\nThe answer is {ans}.", f"\n#### {ans}"])
    else:
        ans = pick(p, true)
        first = '\n'.join(reasoning(p, ans, true)) + "\nThe answer is $" + box(ans) + "$."
    gv = to_num(p['gold'])
    return first + "\n\n" + fake_question(gv), true, why(ans, true, p['gold'], 'model then invents a new question with its own answer; graded on the answer to the asked question')

def s_repeat(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    k = rng.randint(3, 7)
    v = rng.randrange(3)
    if v == 0:
        rep = '\n'.join(["The answer is " + inline(ans) + "."] * k)
    elif v == 1:
        rep = '\n'.join(["So the final answer is $" + box(ans) + "$."] * k)
    else:
        rep = '\n\n'.join([st[-1] + " So the answer is " + inline(ans) + "."] * k)
    cut = rng.choice(['', '\nThe answer is', '\nSo the final'])
    return '\n'.join(st) + '\n' + rep + cut, true, why(ans, true, p['gold'], 'same final answer repeated in a loop')

def s_truncated(p, true):
    v = rng.randrange(3)
    if not true and v == 0:
        st = steps_of(p)
        txt = '\n'.join(st[:-1]) + ('\n' if len(st) > 1 else '')
        last = st[-1]
        cutpos = max(8, len(last) // 2)
        txt += last[:cutpos].rstrip()
        return txt, False, "response truncated mid-sentence before any final answer"
    if not true and v == 1:
        p2 = dict(p, steps='\n'.join(steps_of(p)[:-1]) or 'Let me set up the problem first.')
        t = think_text(p2, p['alts'][0], True, conclude=False)
        lines = t.split('\n')
        t = '\n'.join(lines[:max(3, len(lines) - 2)])
        return "<think>\n" + t + "\nWait, let me reconsider the", False, "R1 think truncated (no </think>, no final answer)"
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    tail = rng.choice(["\n\nTo double-check, we can also", "\n\nNote that this also means the", "\n\nAlternatively, one could set up the"])
    return '\n'.join(st) + "\n\nSo the answer is $" + box(ans) + "$." + tail, true, why(ans, true, p['gold'], 'answer given, then response truncated mid-sentence')

def s_sentence(p, true):
    if p['kind'] != 'gsm':
        return None
    nums = numeric_forms(p, true)
    if not nums:
        return None
    ans = rng.choice(nums)
    st = reasoning(p, ans, true)
    sent = p['sent'].format(ans)
    if rng.random() < 0.3:
        sent = '**' + sent + '**'
    return '\n'.join(st) + '\n\n' + sent, true, why(ans, true, p['gold'], 'answer as full sentence with unit/currency')

def s_display(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    end = rng.choice(["Therefore, the final answer is\n\\[\n{a}\n\\]", "Hence\n\\[ \\text{{Answer}} = {a} \\]",
                      "So we get:\n\\[\n{a}\n\\]"]).format(a=ans)
    return '\n\n'.join(st) + '\n\n' + end, true, why(ans, true, p['gold'], 'final answer in \\[ \\] display, no box')

def s_markdown(p, true):
    ans = pick(p, true)
    st = reasoning(p, ans, true)
    lst = '\n'.join('- ' + s for s in st)
    end = rng.choice(["**Final Answer:** {a}", "**Answer:** {a}", "### Answer\n{a}"]).format(a=inline(ans))
    return "### Solution\n\n" + lst + "\n\n" + end, true, why(ans, true, p['gold'], 'markdown list + bold final answer')

def s_two(p, true):
    if true:
        if len(p['alts']) < 2:
            return None
        a1, a2 = rng.sample(p['alts'], 2)
        st = steps_of(p)
        txt = '\n'.join(st) + "\n\nSo the answer is $" + box(a1) + "$, i.e. $" + box(a2) + "$."
        return txt, True, f"two boxed answers {a1} and {a2}, both equal to gold {p['gold']} (same value, two forms)"
    c = rng.choice(p['alts'])
    w = rng.choice(p['wrongs'])
    first, second = (c, w) if rng.random() < 0.5 else (w, c)
    st = steps_of(p)[:-1] or ["Let me think about the two readings of the problem."]
    v = rng.randrange(2)
    if v == 0:
        end = "\n\nThe answer is $" + box(first) + "$ or $" + box(second) + "$."
    else:
        end = f"\n\nDepending on the interpretation, the answer is either {inline(first)} or {inline(second)}."
    return '\n'.join(st) + end, False, f"hedges between {first} and {second}; one is wrong, no single final answer"

def s_intermediate(p, true):
    if not p.get('inter'):
        return None
    ans = p['inter']
    st = steps_of(p)
    keep = [s for s in st if ans.replace('\\', '') in s.replace('\\', '')]
    idx = st.index(keep[0]) + 1 if keep else max(1, len(st) - 1)
    txt = '\n'.join(st[:idx]) + "\n\nThus, the answer is \\(" + box(ans) + "\\)."
    return txt, False, f"final answer {ans} is an intermediate value, not the asked quantity (gold {p['gold']})"

def s_equiv(p, true):
    if true:
        if len(p['alts']) < 2:
            return None
        ans = pick(p, True, prefer_alt=True)
    else:
        ans = pick(p, False)
    st = reasoning(p, ans, true)
    wrap = rng.randrange(4)
    if wrap == 0:
        end = "The answer is $" + box(ans) + "$."
    elif wrap == 1:
        end = "Final answer: " + inline(ans)
    elif wrap == 2:
        end = "<answer>" + ans + "</answer>"
    else:
        end = "\\[\n" + box(ans) + "\n\\]"
    return '\n'.join(st) + '\n\n' + end, true, why(ans, true, p['gold'], 'alternative written form' if true else 'near-miss form')

def s_selfcorrect(p, true):
    c = rng.choice(p['alts'])
    w = rng.choice(p['wrongs'])
    st = steps_of(p)
    if true:
        txt = ('\n'.join(st[:-1] or st) + "\n\nSo the answer is $" + box(w) + "$.\n\nWait, that's not right. Let me recheck the last step.\n"
               + st[-1] + "\n\nSo the correct final answer is $" + box(c) + "$.")
        return txt, True, f"first boxes {w}, then corrects itself; last (final) answer {c} matches gold {p['gold']}"
    txt = ('\n'.join(st) + "\n\nSo the answer is $" + box(c) + "$.\n\nHmm, actually, I think I misread the problem. Re-reading it, "
           "the computation should be adjusted.\n\nSo the final answer is $" + box(w) + "$.")
    return txt, False, f"first boxes correct {c}, then 'corrects' to {w}; final answer {w} does not match gold {p['gold']}"

# ------------------------------------------------------------------ MC and yes/no styles
LETTER_FMT = ["{L}", "({L})", "\\text{{({L})}}", "\\textbf{{({L})}}", "\\mathrm{{({L})}}"]

def mc_wrong_letter(p):
    return rng.choice([L for L in p['opts'] if L != p['correct']])

def s_mc_letter(p, true):
    L = p['correct'] if true else mc_wrong_letter(p)
    f = rng.choice(LETTER_FMT).format(L=L)
    st = p['steps']
    end = rng.choice(["The answer is $" + box(f) + "$.", f"The answer is ({L}).", f"**Answer: {L}**",
                      f"<think> {st} </think> <answer>{L}</answer>", f"So the correct choice is {L}."])
    txt = end if end.startswith('<think>') else st + "\n\n" + end
    return txt, true, f"letter {L}; correct option {p['correct']}"

def s_mc_text(p, true):
    L = p['correct'] if true else mc_wrong_letter(p)
    t = p['opts'][L]
    end = rng.choice(["The answer is $" + box(t) + "$.", "So the answer is " + inline(t) + ".", "Final answer: $" + t + "$"])
    return p['steps'] + "\n\n" + end, true, f"answered by option text {t} (= option {L}); correct option {p['correct']} = {p['opts'][p['correct']]}"

def s_mc_both(p, true):
    L = p['correct'] if true else mc_wrong_letter(p)
    t = p['opts'][L]
    end = rng.choice(["The answer is $" + box("\\text{(" + L + ")}\\ " + t) + "$.", f"The correct answer is ({L}) {inline(t)}.",
                      f"**{L}) {inline(t)}**", f"Answer: {L}, which is {inline(t)}."])
    return p['steps'] + "\n\n" + end, true, f"letter and text ({L}) {t}; correct option {p['correct']}"

def s_yesno(p, true):
    say_yes = p['yes'] if true else not p['yes']
    w = 'Yes' if say_yes else 'No'
    st = p['steps']
    end = rng.choice(["$" + box("\\text{" + w + "}") + "$", f"{w}.", f"**Answer:** {w}", f"<answer>{w.lower()}</answer>",
                      f"So the answer is {w.lower()}.", f"{w}, as shown above."])
    if end.startswith('<answer>'):
        txt = f"<think> {st} </think> {end}"
    elif end.endswith('as shown above.'):
        txt = st + "\n\n" + end
    else:
        txt = st + "\n\nTherefore: " + end
    return txt, true, f"answers {w}; correct answer is {'Yes' if p['yes'] else 'No'}"

STYLES = [  # name, fn, n, true_rate, kinds
    ('r1_distill_boxed', s_r1_boxed, 30, 0.7, ('gsm', 'math')),
    ('r1_answer_only_in_think', s_r1_think_only, 15, 0.0, ('gsm', 'math')),
    ('qwen_math_boxed', s_qwen, 25, 0.68, ('gsm', 'math')),
    ('r1zero_answer_sentence', s_r1zero_sentence, 20, 0.65, ('gsm', 'math')),
    ('r1zero_answer_bare', s_r1zero_bare, 20, 0.65, ('gsm', 'math')),
    ('llama_final_answer', s_llama, 20, 0.65, ('gsm', 'math')),
    ('gsm8k_hash', s_gsm_hash, 25, 0.68, ('gsm',)),
    ('small_model_new_question', s_newq, 20, 0.65, ('gsm', 'math')),
    ('small_model_repeat', s_repeat, 16, 0.69, ('gsm', 'math')),
    ('truncated', s_truncated, 20, 0.45, ('gsm', 'math')),
    ('sentence_with_units', s_sentence, 25, 0.68, ('gsm',)),
    ('latex_display', s_display, 18, 0.67, ('math',)),
    ('markdown_list', s_markdown, 18, 0.67, ('gsm', 'math')),
    ('mc_letter', s_mc_letter, 18, 0.67, ('mc',)),
    ('mc_option_text', s_mc_text, 16, 0.63, ('mc',)),
    ('mc_letter_and_text', s_mc_both, 16, 0.63, ('mc',)),
    ('two_final_answers', s_two, 16, 0.31, ('gsm', 'math')),
    ('yes_no', s_yesno, 16, 0.63, ('yn',)),
    ('intermediate_as_final', s_intermediate, 15, 0.0, ('gsm', 'math')),
    ('equivalent_forms', s_equiv, 25, 0.76, ('gsm', 'math')),
    ('self_correction', s_selfcorrect, 16, 0.69, ('gsm', 'math')),
]

def main():
    check_bank()
    gold_count = Counter()
    use = Counter()
    rows = []
    for name, fn, n, rate, kinds in STYLES:
        nt = round(n * rate)
        flags = [True] * nt + [False] * (n - nt)
        rng.shuffle(flags)
        pool = [i for i, p in enumerate(B) if p['kind'] in kinds]
        for want in flags:
            order = sorted(pool, key=lambda i: (use[i], rng.random()))
            for i in order:
                p = B[i]
                if gold_count[p['gold']] >= 8:
                    continue
                if not want and p['kind'] in ('gsm', 'math') and not p['wrongs']:
                    continue
                r = fn(p, want)
                if r is None:
                    continue
                resp, intended, w = r
                assert intended == want or fn in (s_r1_think_only, s_intermediate), (name, i)
                gold_count[p['gold']] += 1
                use[i] += 1
                rows.append(dict(style=name, gold=p['gold'], response=resp, intended=bool(intended),
                                 undecidable=False, note="Q: " + p['q'] + " | " + w))
                break
            else:
                raise SystemExit(f'no problem available for {name} want={want}')
    rng.shuffle(rows)
    out = os.path.join(HERE, 'heldout_cases.jsonl')
    with open(out, 'w') as f:
        for k, r in enumerate(rows):
            r = {'id': k, **r}
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    # validate
    lines = open(out).read().splitlines()
    recs = [json.loads(l) for l in lines]
    assert all(set(r) == {'id', 'style', 'gold', 'response', 'intended', 'undecidable', 'note'} for r in recs)
    st = Counter(r['style'] for r in recs)
    print('lines', len(recs), 'true', sum(r['intended'] for r in recs), 'false', sum(not r['intended'] for r in recs))
    by = defaultdict(Counter)
    for r in recs:
        by[r['style']][r['intended']] += 1
    for s in st:
        print(f"  {s:28s} {st[s]:3d}  true={by[s][True]:3d} false={by[s][False]:3d}")
    gc = Counter(r['gold'] for r in recs)
    print('distinct golds', len(gc), 'max gold count', gc.most_common(3))
    print('problems used', len(use), 'of', len(B))

if __name__ == '__main__':
    main()
