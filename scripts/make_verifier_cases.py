#!/usr/bin/env python3
"""Writes tests/data/math/verifier_cases.jsonl: the verifier case table.

Each case is a gold answer, a full model response, the verdict a careful
grader intends, and a category. `scripts/mathverify_cases.py` then adds
math-verify's verdicts; `tests/math_verifier.rs` asserts ours equals the
intended one; `examples/verifier_table.rs` renders docs/verifier_cases.md.

Policy behind the intended verdicts: numbers compare exactly (0.333 is not
1/3); the final answer is the <answer> block (a \\boxed{} inside it wins),
else the \\boxed{} of the response, else nothing; two different final answers
are wrong; percentages read both ways; tuples are ordered, sets and bare
lists are not; intervals keep open/closed ends.

Run: python3 scripts/make_verifier_cases.py && python3 scripts/mathverify_cases.py
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/data/math/verifier_cases.jsonl"


def A(x):
    return f"<think>Let me work it out step by step.</think><answer>{x}</answer>"


def BX(x):
    return f"We compute carefully. The final answer is \\boxed{{{x}}}."


T, F = True, False
cases = []


def add(category, rows, wrap=A):
    for row in rows:
        gold, ans, verdict = row[:3]
        note = row[3] if len(row) > 3 else ""
        cases.append(dict(category=category, gold=gold, response=wrap(ans), intended=verdict, note=note))


add("integer", [
    ("5", "5", T), ("5", "05", T), ("-3", "-3", T), ("-3", "3", F), ("42", "42.0", T), ("42", "41", F),
    ("0", "0", T), ("0", "-0", T), ("7", "+7", T), ("12", "12.", T, "closing full stop"),
    ("12", "1 2", F), ("1000000", "1000000", T), ("-15", "−15", T, "Unicode minus"), ("64", "46", F),
    ("81", "81", T),
])
add("integer", [("5", "5", T), ("42", "42.0", T), ("9", "8", F)], wrap=BX)
add("decimal", [
    ("0.5", "0.50", T), ("0.5", ".5", T), ("2.25", "2.250", T), ("2.25", "2.26", F), ("1.5", "3/2", T),
    ("0.333", "1/3", F, "exact comparison"), ("1/3", "0.333", F, "exact comparison"),
    ("1/3", "0.3333", F, "exact comparison"), ("-0.75", "-3/4", T), ("3.14", "3.140", T),
    ("0.1", "0.10000", T), ("2", "2.000", T), ("2", "2.001", F), ("0.125", "\\frac{1}{8}", T),
    ("2/3", "0.67", F, "rounded"),
])
add("fraction", [
    ("3/4", "6/8", T), ("3/4", "0.75", T), ("3/4", "4/3", F), ("-1/2", "-0.5", T), ("-1/2", "1/-2", T),
    ("1/2", "2/4", T), ("7/2", "3.5", T), ("7/2", "7 / 2", T), ("5/1", "5", T), ("10/4", "5/2", T),
    ("1/2", "1/3", F), ("2/3", "4/6", T),
])
add("latex_frac", [
    ("\\frac{3}{4}", "\\frac34", T), ("\\frac{3}{4}", "\\dfrac{3}{4}", T), ("\\frac{3}{4}", "\\tfrac{3}{4}", T),
    ("0.75", "\\frac{3}{4}", T), ("\\frac{1}{2}", "\\frac{2}{4}", T), ("\\frac{1}{2}", "\\frac{1}{3}", F),
    ("-\\frac{1}{2}", "\\frac{-1}{2}", T), ("-\\frac{1}{2}", "-\\dfrac{1}{2}", T), ("\\frac{10}{3}", "\\frac{10}{3}", T),
    ("\\frac{10}{3}", "\\frac{3}{10}", F), ("\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt3}{2}", T), ("\\frac12", "0.5", T),
    ("\\frac{5}{2}", "\\frac52", T), ("2", "\\frac{4}{2}", T), ("\\frac{1}{4}", "\\cfrac{1}{4}", T),
])
add("latex_frac", [("\\frac{3}{4}", "\\frac{3}{4}", T), ("\\frac{3}{4}", "0.75", T), ("\\frac{3}{4}", "\\frac{4}{3}", F)], wrap=BX)
add("mixed_number", [
    ("3\\frac{1}{2}", "3.5", T), ("3\\frac{1}{2}", "\\frac{7}{2}", T), ("7/2", "3 1/2", T), ("7/2", "3\\frac12", T),
    ("7/2", "3\\tfrac{1}{2}", T), ("-7/2", "-3\\frac{1}{2}", T), ("3\\frac{1}{2}", "1.5", F, "not 3 times 1/2"),
    ("2\\frac{3}{4}", "2.75", T), ("2\\frac{3}{4}", "11/4", T), ("2\\frac{3}{4}", "2\\frac{4}{3}", F),
    ("1\\frac{1}{3}", "4/3", T), ("1.25", "1\\frac14", T),
])
add("percent", [
    ("50\\%", "50\\%", T), ("50\\%", "50", T, "gold carries %"), ("50\\%", "0.5", T), ("50\\%", "\\frac{1}{2}", T),
    ("0.5", "50\\%", T), ("\\frac{1}{2}", "50%", T), ("50\\%", "5\\%", F), ("50\\%", "0.05", F), ("0.5", "50", F),
    ("25\\%", "25 percent", T), ("12.5\\%", "0.125", T), ("12.5\\%", "12.5", T), ("12.5\\%", "1/8", T),
    ("40", "40\\%", T, "percent answer to a percent question"), ("20\\%", "20\\,\\%", T), ("15\\%", "0.15", T),
    ("15\\%", "15.0\\%", T), ("15\\%", "0.15\\%", F), ("100\\%", "1", T), ("150\\%", "1.5", T), ("150\\%", "15", F),
])
add("percent", [("50\\%", "50\\%", T), ("50\\%", "0.5", T), ("50\\%", "5", F)], wrap=BX)
add("scientific", [
    ("1500", "1.5e3", T), ("1500", "1.5E3", T), ("1500", "1.5\\times10^{3}", T), ("1500", "1.5 \\times 10^3", T),
    ("1500", "1.5\\cdot10^{3}", T), ("0.0015", "1.5e-3", T), ("0.0015", "1.5\\times10^{-3}", T), ("1500", "1.5e4", F),
    ("1500", "15e2", T), ("2\\times10^{5}", "200000", T), ("2\\times10^{5}", "200,000", T), ("3e8", "3 \\times 10^8", T),
    ("1.5e3", "1500", T), ("6.02\\times10^{23}", "6.02e23", T), ("6.02\\times10^{23}", "6.02e22", F),
    ("2.5\\times 10^{-2}", "0.025", T),
])
add("scientific", [("1500", "1.5e3", T), ("1500", "1.5\\times 10^{3}", T), ("1500", "1.5e2", F)], wrap=BX)
add("thousands", [
    ("12345", "12,345", T), ("12345", "12\\,345", T), ("12345", "12 345", T), ("12345", "12{,}345", T),
    ("1234567", "1,234,567", T), ("1234567", "1\\,234\\,567", T), ("1234567", "1 234 567", T),
    ("12345", "12,345.0", T), ("1234.5", "1,234.5", T), ("12345", "12,34,5", F), ("\\{1,2\\}", "1,2", T, "not a thousands group"),
    ("(1,234)", "(1,234)", T), ("1234", "1,234", T), ("1234", "(1,234)", F, "a pair, not a number"), ("12345", "12,346", F),
    ("12345", "12\\,346", F), ("1000", "1,000", T), ("1000", "1 000", T), ("1,000", "1000", T), ("1,2", "2,1", T),
    ("12345", "12.345", F, "decimal comma is not ours"),
])
add("thousands", [("12345", "12\\,345", T), ("12345", "12 345", T), ("12345", "12,345", T), ("12345", "12\\,346", F)], wrap=BX)
add("sqrt", [
    ("2\\sqrt{2}", "\\sqrt{8}", T), ("2\\sqrt{2}", "2\\sqrt2", T), ("2\\sqrt{2}", "\\sqrt{2}\\cdot 2", T),
    ("2\\sqrt{2}", "2.828", F, "rounded"), ("\\sqrt{2}/2", "\\frac{1}{\\sqrt{2}}", T), ("\\frac{\\sqrt{2}}{2}", "\\frac{\\sqrt{2}}{2}", T),
    ("3", "\\sqrt{9}", T), ("\\sqrt{12}", "2\\sqrt{3}", T), ("\\sqrt{12}", "3\\sqrt{2}", F),
    ("\\sqrt{2}+\\sqrt{3}", "\\sqrt{3}+\\sqrt{2}", T), ("\\sqrt{2}+\\sqrt{3}", "\\sqrt{5}", F), ("4\\sqrt{3}", "\\sqrt{48}", T),
    ("\\sqrt{50}", "5\\sqrt2", T), ("1+\\sqrt{2}", "\\frac{1}{\\sqrt{2}-1}", T), ("\\sqrt[3]{27}", "3", T),
    ("2", "\\sqrt[3]{8}", T), ("\\sqrt{2}", "√2", T), ("6", "\\sqrt{2}\\sqrt{18}", T), ("\\sqrt{8}", "2\\sqrt{2}", T),
    ("3\\sqrt{5}", "\\sqrt{45}", T), ("3\\sqrt{5}", "\\sqrt{15}", F),
])
add("sqrt", [("2\\sqrt{2}", "\\sqrt{8}", T), ("3\\sqrt{5}", "\\sqrt{45}", T), ("\\sqrt{12}", "3\\sqrt{2}", F)], wrap=BX)
add("pi", [
    ("\\pi", "\\pi", T), ("2\\pi", "2\\pi", T), ("2\\pi", "\\pi \\cdot 2", T), ("2\\pi", "6.28", F, "rounded"),
    ("\\frac{\\pi}{2}", "\\frac12\\pi", T), ("\\frac{\\pi}{2}", "0.5\\pi", T), ("\\frac{\\pi}{2}", "\\pi/2", T),
    ("\\frac{\\pi}{2}", "\\frac{\\pi}{3}", F), ("\\pi", "π", T), ("4\\pi", "4π", T), ("\\pi^2", "\\pi\\cdot\\pi", T),
    ("9\\pi", "9\\pi \\text{ cm}^2", T), ("\\pi", "3.14159", F, "rounded"), ("\\frac{3\\pi}{4}", "0.75\\pi", T),
    ("\\pi+1", "1+\\pi", T), ("2\\pi", "\\pi", F),
])
add("pi", [("\\pi", "\\pi", T), ("\\frac{\\pi}{2}", "\\frac{\\pi}{2}", T), ("2\\pi", "\\pi", F)], wrap=BX)
add("expression", [
    ("14", "2+3\\cdot4", T), ("20", "(2+3)\\cdot 4", T), ("14", "(2+3)4", F), ("8", "2^3", T), ("9", "3^{2}", T),
    ("\\frac{1}{8}", "2^{-3}", T), ("120", "5!", T), ("10", "\\binom{5}{2}", T), ("10", "\\dbinom52", T),
    ("6", "\\frac{12}{2}", T), ("1", "\\frac{2}{3}+\\frac{1}{3}", T), ("7", "\\left(3+4\\right)", T),
    ("1/6", "\\frac{1}{2}-\\frac{1}{3}", T), ("2", "4 \\div 2", T), ("25", "5^2", T), ("5", "10/2", T),
    ("0", "1-1", T), ("2", "1+1=2", T), ("24", "4!", T), ("6", "3!+1", F),
])
add("text_units", [
    ("5", "5 \\text{ cm}", T), ("5", "5\\text{cm}", T), ("5", "5 cm", T), ("5", "5cm", T), ("5", "5 apples", T),
    ("12", "12 \\text{ dollars}", T), ("12", "\\$12", T), ("12", "12\\text{ m}^2", T), ("60", "60 \\text{ km/h}", T),
    ("5", "5\\mbox{ kg}", T), ("5", "6 \\text{ cm}", F), ("5 \\text{ cm}", "5", T), ("\\text{yes}", "yes", T),
    ("\\text{yes}", "no", F), ("\\text{(B)}", "(B)", T), ("B", "b", T), ("3", "3 \\mathrm{m}", T),
    ("2x", "2", F, "a variable is not a unit"), ("2", "2x", F, "a variable is not a unit"), ("x+1", "x+1", T),
    ("7", "7\\text{ people}", T),
])
add("degrees", [
    ("90", "90^\\circ", T), ("90", "90^{\\circ}", T), ("90", "90°", T), ("90", "90 degrees", T), ("90^\\circ", "90", T),
    ("45", "90^\\circ", F), ("30", "30\\,^\\circ", T), ("180", "180 \\degree", T), ("60^\\circ", "60°", T),
])
add("tuple", [
    ("(3, -1)", "(3,-1)", T), ("(3, -1)", "(3, -1)", T), ("(3, -1)", "(-1, 3)", F), ("(3, -1)", "\\left(3, -1\\right)", T),
    ("(3, -1)", "x = 3, y = -1", T), ("(3, -1)", "x=3 and y=-1", T), ("(3, -1)", "3, -1", T), ("(3, -1)", "(3, -1, 0)", F),
    ("(1/2, 3)", "(0.5, 3)", T), ("(\\frac{1}{2}, 3)", "\\left(\\frac12,3\\right)", T), ("(1, 2)", "(1, 2, 3)", F),
    ("(1,2)", "[1,2]", F), ("(0, 0)", "(0,0)", T), ("(3, 4)", "(4, 3)", F), ("(1,2)", "\\{1,2\\}", F),
    ("(3, -1)", "y = -1, x = 3", T, "named components sort by name"),
])
add("tuple", [("(3, -1)", "(3, -1)", T), ("(3, -1)", "(-1, 3)", F)], wrap=BX)
add("set", [
    ("\\{1, 2\\}", "\\{2, 1\\}", T), ("\\{1, 2\\}", "\\{1, 2, 3\\}", F), ("\\{1, 2\\}", "1, 2", T), ("\\{1,2\\}", "2, 1", T),
    ("\\{-2, 3\\}", "\\{3, -2\\}", T), ("\\{-2, 3\\}", "\\{-3, 2\\}", F), ("-2, 3", "x = -2 \\text{ or } x = 3", T),
    ("-2, 3", "x=3, x=-2", T), ("\\{1,2\\}", "\\left\\{1, 2\\right\\}", T), ("\\{1,2\\}", "\\lbrace 1,2 \\rbrace", T),
    ("\\{\\frac12, 2\\}", "\\{2, 0.5\\}", T), ("-2, 3", "3 or -2", T), ("\\{1, 2\\}", "\\{1, 1, 2\\}", T, "a set ignores repeats"),
])
add("set", [("\\{1, 2\\}", "\\{2, 1\\}", T), ("\\{1, 2\\}", "\\{1, 3\\}", F)], wrap=BX)
add("interval", [
    ("[1, 2)", "[1,2)", T), ("[1, 2)", "[1, 2]", F), ("[1, 2)", "(1, 2)", F), ("(1, 2)", "(1, 2)", T),
    ("(-\\infty, 3]", "(-\\infty,3]", T), ("(-\\infty, 3]", "(-\\infty, 3)", F), ("(-\\infty, 3]", "(-∞, 3]", T),
    ("[0, \\infty)", "[0,\\infty)", T), ("[0, \\infty)", "(0, \\infty)", F),
    ("(-\\infty, 1) \\cup (2, \\infty)", "(2,\\infty)\\cup(-\\infty,1)", T),
    ("(-\\infty, 1) \\cup (2, \\infty)", "(-\\infty, 1] \\cup (2, \\infty)", F), ("[\\frac12, 3]", "[0.5, 3]", T),
    ("\\left[1, 2\\right)", "[1,2)", T), ("[2, 5]", "[5, 2]", F), ("[-1, 1]", "\\left[-1,1\\right]", T),
    ("[1, 2]", "x \\in [1,2]", T),
])
add("interval", [("[1, 2)", "[1, 2)", T), ("[1, 2)", "[1, 2]", F)], wrap=BX)
add("equation", [
    ("3", "x = 3", T), ("3", "x=3", T), ("3", "y = 3", T), ("-2", "a = -2", T), ("3", "x = 4", F), ("5", "n=5", T),
    ("3", "x_1 = 3", T), ("7", "t = 7 \\text{ s}", T), ("4", "x = 2 + 2", T), ("4", "2 + 2 = 5", F),
    ("x = 3", "3", T), ("x = 3", "x = 3", T),
])
add("latex_spacing", [
    ("12", "1\\!2", T), ("5", "\\;5\\;", T), ("5", "\\quad 5", T), ("5", "$5$", T), ("5", "\\(5\\)", T), ("5", "\\[5\\]", T),
    ("5", "\\displaystyle 5", T), ("\\frac{1}{2}", "\\displaystyle\\frac{1}{2}", T), ("6", "\\left(6\\right)", T),
    ("5", "5~", T), ("\\{1,2\\}", "\\left\\{ 1 , 2 \\right\\}", T), ("-3", "- 3", T), ("5", "{5}", T), ("5", "{{5}}", T),
    ("\\frac{1}{2}", "\\frac { 1 } { 2 }", T), ("5", "$$5$$", T), ("5", "\\quad 6", F),
    ("\\frac{1}{2}", "\\displaystyle\\frac{1}{3}", F), ("12", "1\\,2\\,0", F, "thin spaces between single digits"),
])
add("negative", [
    ("-5", "-5", T), ("-5", "−5", T), ("-5", "(-5)", T), ("-5", "- 5", T), ("-5", "5", F),
    ("-\\frac{2}{3}", "\\frac{-2}{3}", T), ("-\\frac{2}{3}", "\\frac{2}{-3}", T), ("-\\frac{2}{3}", "\\frac{2}{3}", F),
])

RAW = lambda x: x
add("extraction", [
    ("7", "<think>x</think><answer>\\boxed{7}</answer>", T),
    ("7", "<think>maybe 3</think><answer>7</answer>", T),
    ("7", "<think>first I got \\boxed{3}</think><answer>7</answer>", T, "boxed in thinking is not the answer"),
    ("7", "The answer is \\boxed{7}.", T),
    ("7", "\\boxed{7}", T),
    ("\\frac{1}{2}", "so \\boxed{\\frac{1}{2}}", T),
    ("7", "\\fbox{7}", T),
    ("7", "7", F, "no marked final answer"),
    ("7", "<think>x</think><answer>7", F, "unclosed answer block"),
    ("7", "<think>x</think><answer></answer>", F),
    ("7", "<think>x</think><answer> 7 </answer>", T),
    ("7", "<think>x</think><answer>The answer is 7</answer>", T),
    ("7", "<think>x</think><answer>$\\boxed{7}$</answer>", T),
    ("7", "<think>x</think><answer>7</answer><answer>7.0</answer>", T, "same answer twice"),
    ("7", "<think>x</think><answer>7</answer>\n", T, "format fails, accuracy holds"),
    ("7", "<think>" + "I think hard. " * 300 + "</think><answer>7</answer>", T),
    ("7", "<think>x</think><answer>\\text{7}</answer>", T),
    ("7", "<think>x</think>\n<answer>\n7\n</answer>", T),
    ("\\frac{1}{2}", "<answer>so the result is \\boxed{\\dfrac{1}{2}}</answer>", T),
    ("7", "<think>x</think><answer>8</answer>", F),
    ("7", "The final answer is $7$.", F, "no <answer> and no \\boxed"),
    ("2\\sqrt{2}", "<think>x</think><answer>$2\\sqrt{2}$</answer>", T),
    ("7", "\\boxed{ 7 }", T),
    ("7", "\\boxed 7", T),
    ("10", "\\boxed{\\frac{20}{2}}", T),
], wrap=RAW)
add("multiple_answers", [
    ("3", "\\boxed{3} \\boxed{4}", F), ("4", "\\boxed{3} \\boxed{4}", F), ("3", "\\boxed{3} and again \\boxed{3}", T),
    ("\\frac12", "\\boxed{0.5} or \\boxed{\\frac12}", T, "two boxes, one value"), ("3", A("3 or 4"), F), ("3", A("3, 4"), F),
    ("3", "<answer>3</answer> <answer>4</answer>", F), ("\\{3, 4\\}", A("\\boxed{3} \\boxed{4}"), F, "two boxes are two answers, not a set"),
    ("3", A("x = 3 or x = 4"), F), ("3, 4", A("3 or 4"), T), ("3", A("\\boxed{3}, \\boxed{4}"), F),
], wrap=RAW)
add("symbolic", [
    ("x^2+2x+1", "(x+1)^2", T), ("x^2+2x+1", "(x-1)^2", F), ("2x+1", "1+2x", T), ("2x+1", "2x-1", F),
    ("\\frac{a}{2}", "a/2", T), ("\\frac{a}{2}", "0.5a", T), ("\\frac{a}{2}", "2a", F), ("3\\sqrt{x}", "\\sqrt{9x}", T),
    ("\\pi r^2", "r^2\\pi", T), ("\\pi r^2", "\\pi", F, "a variable is not a unit"), ("\\frac{x^2-1}{x-1}", "x+1", T),
    ("x(x-1)", "x^2-x", T), ("2xy", "2yx", T), ("xy", "x+y", F), ("\\sqrt[3]{x}", "x^{1/3}", T),
    ("e^{2x}", "\\exp(2x)", T), ("\\ln(x^2)", "2\\ln x", F, "ln(x²) = 2 ln|x|"), ("\\alpha+\\beta", "\\beta+\\alpha", T),
    ("2n+2", "2(n+1)", T), ("n^2", "n^3", F), ("y=2x+1", "2x+1=y", T), ("y=2x+1", "2y=4x+2", T),
    ("y=2x+1", "y=2x-1", F), ("x+y=5", "y=5-x", T), ("x+y=5", "5", F, "an equation is not its right-hand side"),
])
add("garbage", [
    ("5", "", F), ("5", A(""), F), ("5", A("???"), F), ("5", A("\\frac{"), F), ("5", A("(((((("), F),
    ("5", A("9" * 2000), F, "over the length limit"), ("5", "x" * 100000 + A("5"), F, "response over the length limit"),
    ("2", A("\\sqrt{-4}"), F), ("5", A("1/0"), F), ("5", A("10^{100000}"), F), ("5", A("5!!!!!!"), F),
    ("5", A("🙂"), F), ("5", A("\\boxed{}"), F), ("5", A("{}{}{}"), F), ("5", A("\\\\\\\\"), F), ("5", A("5" + ")" * 50), F),
    ("5", A("<answer>5"), F), ("5", A("\n\n   5   \n\n"), T, "whitespace around the answer"),
    ("5", A("\\text{ } 5 \\text{ }"), T, "empty text around the answer"),
], wrap=RAW)

seen = set()
with OUT.open("w") as f:
    for i, c in enumerate(cases):
        key = (c["gold"], c["response"])
        assert key not in seen, key
        seen.add(key)
        row = {"id": i, **c}
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases -> {OUT}")
