#!/usr/bin/env python3
"""Writes tests/data/math/verifier_cases.jsonl: the verifier case table.

Each case is a gold answer, a full model response, the verdict a careful
grader intends, and a category. `scripts/mathverify_cases.py` then adds
math-verify's verdicts; `tests/math_verifier.rs` asserts ours equals the
intended one; `examples/verifier_table.rs` renders docs/verifier_cases.md.

Policy behind the intended verdicts: numbers compare exactly, except that a
decimal of at least four significant digits stands for the exact value it
rounds or truncates (0.3333 is 1/3, 0.333 is not); the final answer is what
follows the thinking: the <answer> block (a \\boxed{} inside it wins), else
the \\boxed{} of the response, else the answer its prose states ("The final
answer is X", "#### X", a closing $X$); a retraction ("Wait, ...") drops what
came before it; repeats are one answer and several different boxes one set,
so two different answers to a scalar question are wrong; percentages read
both ways; tuples are ordered, sets and bare lists are not; intervals keep
open/closed ends; relations are intervals of a named variable.

A case a careful grader could decide either way carries `undecidable` (the
reason); its intended verdict is then our policy, not a grader's.

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
        case = dict(category=category, gold=gold, response=wrap(ans), intended=verdict, note=note)
        if note.startswith("undecidable: "):
            case["undecidable"] = note[len("undecidable: "):]
        cases.append(case)


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
    ("1/3", "0.3333", T, "four significant digits, truncated"), ("-0.75", "-3/4", T), ("3.14", "3.140", T),
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
    ("2\\sqrt{2}", "2.828", T, "four significant digits, rounded"), ("\\sqrt{2}/2", "\\frac{1}{\\sqrt{2}}", T), ("\\frac{\\sqrt{2}}{2}", "\\frac{\\sqrt{2}}{2}", T),
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
    ("9\\pi", "9\\pi \\text{ cm}^2", T), ("\\pi", "3.14159", T, "six significant digits, rounded"), ("\\frac{3\\pi}{4}", "0.75\\pi", T),
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
    ("7", "7", T, "the whole response is the answer"),
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
    ("7", "The final answer is $7$.", T, "stated in prose"),
    ("2\\sqrt{2}", "<think>x</think><answer>$2\\sqrt{2}$</answer>", T),
    ("7", "\\boxed{ 7 }", T),
    ("7", "\\boxed 7", T),
    ("10", "\\boxed{\\frac{20}{2}}", T),
], wrap=RAW)
add("multiple_answers", [
    ("3", "\\boxed{3} \\boxed{4}", F), ("4", "\\boxed{3} \\boxed{4}", F), ("3", "\\boxed{3} and again \\boxed{3}", T),
    ("\\frac12", "\\boxed{0.5} or \\boxed{\\frac12}", T, "two boxes, one value"), ("3", A("3 or 4"), F), ("3", A("3, 4"), F),
    ("3", "<answer>3</answer> <answer>4</answer>", F), ("\\{3, 4\\}", A("\\boxed{3} \\boxed{4}"), T, "several boxes are one set"),
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

# Issue 13: responses in the styles real models write.
add("answer_in_prose", [
    ("7", "Final Answer: The final answer is $7$. I hope it is correct.", T, "MATH/Minerva style"),
    ("7", "Final Answer: The final answer is $8$. I hope it is correct.", F),
    ("72", "Natalia sold 48/2 = 24 clips in May.\nAltogether she sold 48+24 = 72 clips.\n#### 72", T, "GSM8K style"),
    ("72", "Natalia sold 48/2 = 24 clips in May.\n#### 71", F),
    ("\\frac{1}{2}", "Half of the marbles are red.\n\n**Final answer:** $\\frac{1}{2}$", T),
    ("12", "We add the rows. So the answer is 12.", T),
    ("12", "We add the rows. So the answer is 12 apples.", T, "trailing units"),
    ("12", "Answer: 12", T),
    ("12", "Answer: 13", F),
    ("3\\sqrt{2}", "We simplify the radical.\n\n### Final Answer\n\n$3\\sqrt{2}$", T, "heading, value below"),
    ("15", "Adding the two parts gives the total.\n\n$$15$$", T, "closing display math"),
    ("15", "Adding the two parts gives the total.\n\\[ 15 \\]", T),
    ("15", "Adding the two parts gives the total.\n\\[\n16\n\\]", F),
    ("12", "She had 20 and gave away 8.\nTherefore, she has 12 apples left.", T, "conclusion sentence"),
    ("12", "She had 20 and gave away 7.\nTherefore, she has 13 apples left.", F),
    ("5", "I think the answer is probably 5, but I am not sure.", T, "a hedged answer is still the answer given"),
    ("5", "The answer to part (a) is 5 cm.", T),
    ("\\frac{3}{4}", "Three of the four outcomes work. Thus the probability is $\\frac{3}{4}$.", T),
    ("x = 3", "Subtracting 2 from both sides and dividing by 4, we find $x = 3$.", T, "last sentence ends in math"),
    ("5", "The answer is 5. We double-checked it with 3 different methods.", T, "chatter after the answer"),
    ("7", "Counting again, the final answer is 7", T),
    ("-4", "So, the final answer is: -4.", T),
    ("2", "Let me answer the question with diagrams first.", F, "no answer stated"),
    ("0.5", "<think>The ratio is one half.</think>The answer is 0.5.", T, "prose after the thinking"),
    ("7", "<think>So the answer is 7.</think>", F, "thinking is not answering"),
    ("20", "Each box holds 4 and there are 5 boxes, so 4 \\times 5 = 20.\n\nAnswer: $20$ boxes", T),
    ("\\text{(C)}", "Only option C fits.\n\nAnswer: (C)", T),
    ("\\text{(C)}", "Only option B fits.\n\nAnswer: (B)", F),
    ("42", "The answer is $\\boxed{42}$ but written in prose too: the answer is 42.", T),
], wrap=RAW)
add("self_correction", [
    ("9", "First guess \\boxed{8}. Actually, the correct value is \\boxed{9}.", T),
    ("8", "First guess \\boxed{8}. Actually, the correct value is \\boxed{9}.", F),
    ("4", "<think>x</think><answer>3</answer> Wait, I made a mistake. <answer>4</answer>", T),
    ("3", "<think>x</think><answer>3</answer> Wait, I made a mistake. <answer>4</answer>", F),
    ("5", "<think>maybe <answer>4</answer> no...</think><answer>5</answer>", T, "an answer inside thinking is not final"),
    ("4", "<think>maybe <answer>4</answer> no...</think><answer>5</answer>", F),
    ("3", "It is \\boxed{3} or \\boxed{4}.", F, "two answers, nothing retracted"),
    ("4", A("\\boxed{3} \\boxed{4}"), F, "two boxes in one answer block"),
    ("12", "\\boxed{12}. Let me verify: 3 \\times 4 = 12, so \\boxed{12}.", T, "same answer twice"),
    ("12", "The answer is 12. Checking again, the answer is 12.", T),
    ("6", "\\boxed{5}. Hmm, wait, I forgot the last term: the answer is 6.", T, "prose correction after a box"),
    ("5", "\\boxed{5}. Hmm, wait, I forgot the last term: the answer is 6.", F),
    ("10", "So x = 8. Wait, that is wrong; recomputing gives x = 10. The answer is \\boxed{10}.", T),
    ("\\frac{1}{2}", "I got \\boxed{\\frac{1}{3}} at first, but that was an error. The correct answer is \\boxed{\\frac{1}{2}}.", T),
    ("7", "The answer is 6. Oops, I miscounted. The answer is 7.", T),
    ("6", "The answer is 6. Oops, I miscounted. The answer is 7.", F),
    ("2", "\\boxed{2}\n\nWait, let me double-check. Yes, \\boxed{2} is right.", T),
    ("3", "<think>a</think><answer>3</answer>\nActually, no: <answer>5</answer>", F),
    ("5", "<think>a</think><answer>3</answer>\nActually, no: <answer>5</answer>", T),
    ("4", "The answer is \\boxed{3}... no wait, \\boxed{4}.", T),
    ("9", "\\boxed{9} \\boxed{9.0}", T, "one value twice"),
    ("24", "\\boxed{24}. Instead of multiplying, one could add: 12 + 12 = 24.", T),
    ("6", "The answer is 5. Wait, I dropped a term. Therefore x = 6.", T, "conclusion after a retraction"),
], wrap=RAW)
add("several_boxes", [
    ("-2, 3", "The answers are \\boxed{-2} and \\boxed{3}.", T),
    ("\\{-2, 3\\}", "\\boxed{-2}, \\boxed{3}", T),
    ("\\{-2, 3\\}", "\\boxed{3}\\boxed{-2}", T),
    ("\\{-2, 3\\}", "\\boxed{-2}, \\boxed{2}", F),
    ("\\{-2, 3\\}", "\\boxed{-2}", F),
    ("\\{-2, 3\\}", "\\boxed{-2}, \\boxed{3}, \\boxed{5}", F),
    ("4, -1", "Case 1: if x \\ge 0 then x = 4, so \\boxed{4}.\nCase 2: if x < 0 then x = -1, so \\boxed{-1}.", T, "one box per case"),
    ("4", "Case 1: if x \\ge 0 then x = 4, so \\boxed{4}.\nCase 2: if x < 0 then x = -1, so \\boxed{-1}.", F),
    ("11", "\\boxed{\\boxed{11}}", T, "nested box"),
    ("11", "\\boxed{\\boxed{12}}", F),
    ("\\{1, 2, 3\\}", "\\boxed{1, 2} and \\boxed{3}", T),
    ("(1, 2), (3, 4)", "\\boxed{(1, 2)} and \\boxed{(3, 4)}", T),
    ("(1, 2), (3, 4)", "\\boxed{(1, 2)} and \\boxed{(4, 3)}", F),
    ("-2, 3", "<think>x</think><answer>\\boxed{-2}, \\boxed{3}</answer>", T),
    ("3, 4", "\\boxed{3} or \\boxed{4}", T, "undecidable: `or` between boxes may be a hedge; read as the set of roots, as `3 or 4` is"),
    ("\\{\\frac12, 2\\}", "x = \\boxed{\\frac{1}{2}} or x = \\boxed{2}", T),
    ("\\{-1, 1\\}", "\\boxed{1} and \\boxed{-1} (both work)", T),
    ("2", "\\boxed{2}\\boxed{2}", T),
    ("5, 7", "The roots are \\boxed{5} and \\boxed{7}.", T),
    ("5, 7", "The roots are \\boxed{5} and \\boxed{7}. Checking: 5+7=12.", T),
    ("\\{5, 7\\}", "The answers are 5 and 7.", T, "a set stated in prose"),
    ("\\{5, 7\\}", "The answers are 5 and 8.", F),
], wrap=RAW)
add("approximation", [
    ("3\\pi", "9.424778", T), ("3\\pi", "9.42", F, "three significant digits"), ("3\\pi", "9.425", T),
    ("3\\pi", "9.424", T, "truncated"), ("3\\pi", "9.423", F),
    ("\\frac{15}{7}", "2.1428571", T), ("\\frac{15}{7}", "2.142857", T), ("\\frac{15}{7}", "2.1428", T, "truncated"),
    ("\\frac{15}{7}", "2.1429", T), ("\\frac{15}{7}", "2.1430", F),
    ("\\frac{\\sqrt2}{2}", "0.7071068", T), ("\\frac{\\sqrt2}{2}", "0.71", F, "two significant digits"),
    ("\\frac{\\sqrt2}{2}", "0.7071", T), ("\\frac{\\sqrt2}{2}", "0.7072", F),
    ("\\pi", "3.14", F, "three significant digits"), ("3.14", "3.14", T, "the gold itself is that decimal"),
    ("0.14285714", "0.1428571", T, "a long gold decimal by its first seven places"),
    ("2.1428571", "2.142857", T, "a long gold decimal rounded one place shorter"),
    ("2.1428571", "2.14286", F, "two places shorter"),
    ("2.1428571", "\\frac{15}{7}", T, "the exact value of a long gold decimal"),
    ("2.1428571", "\\frac{3}{2}", F),
    ("\\frac{1}{3}", "0.33", F), ("\\frac{1}{3}", "33.33\\%", T),
    ("\\frac{2}{3}", "0.6667", T), ("\\frac{2}{3}", "0.6666", T, "truncated"), ("\\frac{2}{3}", "0.6668", F),
    ("2\\sqrt{3}", "3.4641", T), ("2\\sqrt{3}", "3.4642", F),
    ("3", "2.9999", F, "an integer gold is not approximated"), ("3", "3.0000", T),
    ("e^{2}", "7.389", T, "a constant beyond the exact parser"), ("e^2", "7.39", F),
    ("\\ln 2", "0.6931", T), ("\\ln 2", "0.6932", F),
    ("-\\frac{\\sqrt{2}}{2}", "-0.7071", T),
    ("(\\frac{1}{3}, \\frac{2}{3})", "(0.3333, 0.6667)", T),
    ("\\frac{1}{7}", "1.429e-1", T),
])
add("notation", [
    ("2.67", "{267 \\over 100}", T), ("2.67", "{266 \\over 100}", F), ("\\frac{1}{2}", "1 \\over 2", T),
    ("\\frac{3}{4}", "{3\\over4}", T),
    ("ty", "t \\cdot y", T), ("ty", "t + y", F), ("2ty", "2 \\cdot t \\cdot y", T),
    ("8", "\\left|8\\right|", T), ("8", "\\left|-8\\right|", T), ("-8", "\\left|-8\\right|", F),
    ("|x|", "\\left|x\\right|", T),
    ("-14.5", "\\{-14.5\\}", T, "a singleton set for a scalar"), ("-14.5", "\\{14.5\\}", F), ("\\{7\\}", "7", T),
    ("5", "\\,5", T), ("5", "5\\ ", T),
    ("25\\%", "25\\text{ percent}", T), ("0.25", "25\\text{ percent}", T), ("0.25", "25\\text{\\%}", T),
    ("25\\%", "25\\text{\\%}", T), ("0.25", "2.5\\text{\\%}", F),
    ("\\frac{1}{2}", "\\left(\\dfrac{1}{2}\\right)", T), ("(\\frac{1}{2}, 3)", "\\left(\\dfrac{1}{2}, 3\\right)", T),
    ("\\infty", "\\boxed{\\infty}", T), ("\\infty", "\\boxed{-\\infty}", F), ("-\\infty", "\\boxed{-\\infty}", T),
])
add("relation", [
    ("[-9, \\infty)", "x \\ge -9", T), ("[-9, \\infty)", "x > -9", F), ("(-9, \\infty)", "x > -9", T),
    ("[-9, \\infty)", "x \\geq -9", T), ("[-9, \\infty)", "x ≥ -9", T),
    ("x \\le 5", "5 \\ge x", T), ("x \\le 5", "5 \\le x", F), ("(-\\infty, 5]", "x \\leq 5", T),
    ("(-2, 3]", "-2 < x \\le 3", T), ("(-2, 3]", "-2 \\le x \\le 3", F), ("[-2, 3]", "3 \\ge x \\ge -2", T),
    ("a = 8", "b = 8", F, "variable names matter"), ("a = 8", "a = 8", T), ("a = 8", "8", T), ("8", "b = 8", T),
    ("x \\ge -9", "y \\ge -9", F, "variable names matter"),
    ("(-\\infty, -1) \\cup (2, \\infty)", "x < -1 \\text{ or } x > 2", T),
    ("(-\\infty, -1) \\cup (2, \\infty)", "x < -1 or x \\ge 2", F),
    ("[1, 2]", "1 \\le x \\le 2", T), ("(0, 1)", "0 < x < 1", T), ("(0, 1)", "1 > x > 0", T),
    ("x > 3", "x > 3", T), ("x > 3", "3 < x", T), ("x > 3", "x < 3", F), ("k = 4", "n = 4", F),
    ("x \\le -\\frac{1}{2}", "x \\le -0.5", T),
])
add("identity", [
    ("\\sin 2x", "2\\sin x\\cos x", T), ("\\sin 2x", "2\\sin x", F), ("\\frac{1}{\\sqrt2}", "\\frac{\\sqrt2}{2}", T),
    ("\\cos 2x", "\\cos^2 x - \\sin^2 x", T), ("\\cos 2x", "1 - 2\\sin^2 x", T), ("\\cos 2x", "2\\cos x - 1", F),
    ("1", "\\sin^2 x + \\cos^2 x", T), ("\\tan x", "\\frac{\\sin x}{\\cos x}", T), ("\\sec^2 x", "1 + \\tan^2 x", T),
    ("e^{x+y}", "e^x e^y", T), ("e^{x+y}", "e^x + e^y", F),
    ("\\ln(xy)", "\\ln x + \\ln y", F, "undecidable: equal where both sides are defined (x, y > 0), but the gold is also defined for x, y < 0"),
    ("\\ln(x^2)", "2\\ln|x|", T), ("\\log_2 x", "\\frac{\\ln x}{\\ln 2}", T),
    ("\\arcsin x", "\\frac{\\pi}{2} - \\arccos x", T), ("\\arctan x", "\\tan^{-1} x", T),
    ("\\sin(x + \\pi)", "-\\sin x", T), ("\\sin(x + \\pi)", "\\sin x", F), ("1", "\\cosh^2 x - \\sinh^2 x", T),
    ("\\frac{\\sqrt{3}}{2}", "\\sin\\frac{\\pi}{3}", T), ("\\frac{1}{2}", "\\cos\\frac{\\pi}{3}", T),
    ("\\frac{1}{2}", "\\sin\\frac{\\pi}{3}", F), ("2\\sin x \\cos x", "\\sin(2x)", T),
    ("\\sin x \\cos y + \\cos x \\sin y", "\\sin(x+y)", T), ("\\frac{x^2 - 1}{x + 1}", "x - 1", T),
    ("\\sqrt{x^2}", "|x|", T), ("\\tan 2x", "\\frac{2\\tan x}{1 - \\tan^2 x}", T), ("\\ln(e^{3x})", "3x", T),
    ("\\cos x", "\\sin x", F),
])

seen = set()
with OUT.open("w") as f:
    for i, c in enumerate(cases):
        key = (c["gold"], c["response"])
        assert key not in seen, key
        seen.add(key)
        row = {"id": i, **c}
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases -> {OUT}")
