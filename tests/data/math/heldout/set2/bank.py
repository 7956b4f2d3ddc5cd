# Problem bank for the held-out verifier set.
# Each entry: category, question, gold (as a dataset would store it),
# ok = accepted answer forms, bad = rejected forms (near misses),
# und = forms a careful grader could not decide on, work = a short solution sketch,
# val = sympy expression of the gold value (used for numeric self-checks of ok/bad forms).

BANK = []


def B(cat, q, gold, ok, bad, und=(), work="", val=None, mc=False):
    BANK.append(dict(cat=cat, q=q, gold=gold, ok=list(ok), bad=list(bad), und=list(und),
                     work=work, val=val, mc=mc))


# ---------------- arithmetic / word problems ----------------
B("arith", "What is $17 \\times 23$?", "391", ["391", "391.0"], ["381", "401", "371"],
  work="17*20 = 340 and 17*3 = 51, so 340 + 51.", val="391")
B("word", "Janet has 3 boxes with 12 pencils in each box. She gives away 7 pencils. How many pencils does she have left?",
  "29", ["29", "29 \\text{ pencils}"], ["36", "43", "22"],
  work="She starts with 3*12 = 36 pencils. After giving away 7 she has 36 - 7 left.", val="29")
B("word", "A shirt costs $25. It is on sale for 20% off. What is the sale price in dollars?",
  "20", ["\\$20", "20 \\text{ dollars}", "\\$20.00", "20"], ["5", "\\$5", "\\$30"],
  work="20% of 25 is 0.2*25 = 5 dollars, so the price is 25 - 5.", val="20")
B("arith", "Compute $1 + 2 + 3 + \\cdots + 100$.", "5050", ["5,050", "5050", "5{,}050"], ["5000", "4950", "10100"],
  work="Pair the terms: (1+100) + (2+99) + ... gives 50 pairs of 101.", val="5050")
B("word", "A train travels at 60 miles per hour for 2.5 hours. How many miles does it travel?",
  "150", ["150 \\text{ miles}", "150", "150 \\text{ mi}"], ["24", "160", "125"],
  work="Distance = speed * time = 60 * 2.5.", val="150")
B("word", "A town has a population of 1,200. The population increases by 15%. What is the new population?",
  "1380", ["1,380", "1380", "1380 \\text{ people}"], ["180", "1,395", "1,215"],
  work="15% of 1200 is 0.15 * 1200 = 180, and 1200 + 180.", val="1380")
B("word", "Tom earns $15 per hour and works 40 hours per week. How much does he earn in 4 weeks?",
  "2400", ["\\$2,400", "2400 \\text{ dollars}", "\\$2400", "2,400"], ["600", "1600", "\\$240"],
  work="Each week he earns 15 * 40 = 600 dollars; over 4 weeks that is 600 * 4.", val="2400")
B("arith", "What is the mean of 4, 8, 15, 16, 23, and 42?", "18", ["18", "18.0"], ["17", "108", "15.5"],
  work="The sum is 4+8+15+16+23+42 = 108 and there are 6 numbers.", val="18")
B("arith", "Compute $2^{10}$.", "1024", ["1,024", "1024"], ["1000", "2048", "512"],
  work="2^5 = 32 and 32^2 = 1024.", val="1024")
B("word", "A recipe needs $\\frac{3}{4}$ cup of sugar per batch. How many cups of sugar are needed for 6 batches?",
  "4.5", ["\\frac{9}{2}", "4\\frac{1}{2}", "4.5 \\text{ cups}", "18/4", "4.5"], ["4.75", "3.5", "\\frac{3}{24}"],
  work="6 * 3/4 = 18/4 cups.", val="9/2")
B("word", "What is 15% of 240?", "36", ["36", "36.0"], ["3.6", "360", "16"],
  work="0.15 * 240: 10% is 24 and 5% is 12.", val="36")
B("arith", "Simplify $\\frac{(2^3)^2}{2^4}$.", "4", ["4", "2^2"], ["2", "16", "8"],
  work="(2^3)^2 = 2^6, and 2^6/2^4 = 2^{6-4}.", val="4")
B("word", "The ratio of boys to girls in a class is 3:5. There are 48 students. How many girls are there?",
  "30", ["30", "30 \\text{ girls}"], ["18", "29", "16"],
  work="There are 3+5 = 8 parts, each part is 48/8 = 6 students, and girls are 5 parts.", val="30")
B("word", "A clock shows exactly 3:00. What is the smaller angle, in degrees, between the hour and minute hands?",
  "90", ["90^\\circ", "90", "90 \\text{ degrees}"], ["45", "270", "180"],
  work="Each hour mark is 360/12 = 30 degrees, and the hands are 3 hour marks apart.", val="90")
B("arith", "Compute $0.1 + 0.2$.", "0.3", ["0.3", "\\frac{3}{10}", ".3"], ["0.03", "0.12", "3"],
  work="One tenth plus two tenths.", val="3/10")
B("arith", "Evaluate $-3^2 + 4$.", "-5", ["-5"], ["13", "5", "-13"],
  work="Exponentiation first: -3^2 = -(3^2) = -9, then add 4.", val="-5")
B("word", "A book costs $12.50 and a pen costs $3.75. What is the total cost of 2 books and 3 pens, in dollars?",
  "36.25", ["\\$36.25", "36.25", "36.25 \\text{ dollars}"], ["36.52", "16.25", "\\$32.50"],
  work="Two books cost 2*12.50 = 25.00 and three pens cost 3*3.75 = 11.25.", val="145/4")
B("word", "A farmer has 5 cows and twice as many chickens. Each chicken lays 2 eggs per day. How many eggs do the chickens lay in one week?",
  "140", ["140", "140 \\text{ eggs}"], ["20", "70", "280"],
  work="There are 2*5 = 10 chickens laying 10*2 = 20 eggs a day, for 7 days.", val="140")
B("arith", "Add $1\\frac{1}{2} + 2\\frac{2}{3}$. Express your answer as a mixed number.", "4\\frac{1}{6}",
  ["4\\frac{1}{6}", "\\frac{25}{6}", "4 \\tfrac{1}{6}", "25/6", "4.1667"], ["3\\frac{3}{5}", "4\\frac{1}{5}", "3\\frac{1}{6}"],
  und=["4.17"], work="1 1/2 = 9/6 and 2 2/3 = 16/6, so the sum is 25/6.", val="25/6")
B("word", "Maria reads 24 pages per day. How many days will it take her to read a 312-page book?", "13",
  ["13", "13 \\text{ days}"], ["12", "14", "7488"], work="312 / 24: 24*10 = 240, remainder 72 = 24*3.", val="13")
B("word", "A car uses 8 liters of fuel per 100 km. How many liters does it use for a 350 km trip?", "28",
  ["28", "28 \\text{ liters}", "28 \\text{ L}"], ["2.8", "35", "43.75"], work="350 km is 3.5 times 100 km, so 8 * 3.5.", val="28")
B("word", "A store sells pencils at 4 for $1. How many dollars do 30 pencils cost?", "7.5",
  ["\\$7.50", "7.5", "7.50", "\\frac{15}{2}"], ["7", "120", "\\$8"], work="Each pencil costs 0.25 dollars; 30 * 0.25.", val="15/2")
B("word", "Sam is 4 years older than twice his sister's age. His sister is 9. How old is Sam?", "22",
  ["22", "22 \\text{ years old}"], ["26", "13", "17"], work="Twice his sister's age is 2*9 = 18; add 4.", val="22")
B("word", "A rectangle garden is 12 m by 7 m. Fencing costs $5 per meter. How much does it cost to fence the perimeter?", "190",
  ["\\$190", "190", "190 \\text{ dollars}"], ["420", "95", "\\$38"], work="Perimeter = 2(12 + 7) = 38 m; each meter costs 5 dollars.", val="190")
B("word", "How many minutes are there in 2.5 hours?", "150", ["150", "150 \\text{ minutes}"], ["2.5", "250", "90"],
  work="1 hour = 60 minutes, so 2.5 * 60.", val="150")

# ---------------- algebra ----------------
B("alg", "Solve $2x + 3 = 11$.", "4", ["x = 4", "4", "x=4.0"], ["x = 7", "-4", "x = 8"],
  work="Subtract 3: 2x = 8, then divide by 2.", val="4")
B("alg", "Find all solutions of $x^2 - 5x + 6 = 0$.", "2, 3",
  ["2, 3", "3, 2", "x = 2 \\text{ or } x = 3", "\\{2, 3\\}", "x=3, x=2"], ["2", "2, 3, 6", "-2, -3", "3"],
  work="Factor: (x-2)(x-3) = 0.")
B("alg", "What is the slope of the line through $(1, 2)$ and $(3, 8)$?", "3", ["3", "m = 3"], ["\\frac{1}{3}", "-3", "6"],
  work="Slope = (8 - 2)/(3 - 1) = 6/2.", val="3")
B("alg", "If $f(x) = 3x^2 - 2x + 1$, find $f(2)$.", "9", ["9", "f(2) = 9"], ["13", "7", "17"],
  work="f(2) = 3*4 - 2*2 + 1 = 12 - 4 + 1.", val="9")
B("alg", "Simplify $\\frac{x^2 - 9}{x - 3}$ for $x \\neq 3$.", "x+3", ["x + 3", "3 + x", "x+3"], ["x - 3", "x + 9", "x^2 + 3"],
  work="x^2 - 9 = (x-3)(x+3), and the factor x-3 cancels.")
B("alg", "Expand $(x+2)^2$.", "x^2+4x+4", ["x^2 + 4x + 4", "4 + 4x + x^2", "x^{2}+4x+4"], ["x^2 + 4", "x^2 + 2x + 4", "x^2+4x+2"],
  work="(x+2)^2 = x^2 + 2*2*x + 2^2.")
B("alg", "Solve the system $x + y = 10$, $x - y = 2$. Give your answer as an ordered pair $(x, y)$.", "(6,4)",
  ["(6, 4)", "(6,4)", "x = 6, y = 4"], ["(4, 6)", "(6, -4)", "(5, 5)"],
  work="Adding the equations gives 2x = 12, so x = 6; then y = 10 - 6.")
B("alg", "Solve $|x - 3| < 5$. Express your answer in interval notation.", "(-2,8)",
  ["(-2, 8)", "-2 < x < 8", "(-2,8)", "x \\in (-2, 8)"], ["[-2, 8]", "(-8, 2)", "(2, 8)", "(-2, 8]"],
  work="-5 < x - 3 < 5, so adding 3 everywhere.")
B("alg", "Solve $x^2 \\ge 4$. Express your answer in interval notation.", "(-\\infty,-2]\\cup[2,\\infty)",
  ["(-\\infty, -2] \\cup [2, \\infty)", "x \\le -2 \\text{ or } x \\ge 2", "(-\\infty,-2]\\cup[2,+\\infty)"],
  ["[-2, 2]", "(-\\infty, -2) \\cup (2, \\infty)", "[2, \\infty)"],
  work="x^2 - 4 = (x-2)(x+2) >= 0, which holds outside the roots -2 and 2, including the endpoints.")
B("alg", "What is the domain of $f(x) = \\sqrt{x - 1}$? Express your answer in interval notation.", "[1,\\infty)",
  ["[1, \\infty)", "x \\geq 1", "[1,+\\infty)"], ["(1, \\infty)", "x > 1", "[0, \\infty)"],
  work="We need x - 1 >= 0.")
B("alg", "Find the inverse of $f(x) = 2x + 3$.", "\\frac{x-3}{2}",
  ["\\frac{x-3}{2}", "\\frac{x}{2} - \\frac{3}{2}", "(x-3)/2", "f^{-1}(x) = \\frac{x - 3}{2}", "0.5x - 1.5"],
  ["\\frac{x+3}{2}", "2x - 3", "\\frac{x}{2} - 3"],
  work="Write y = 2x + 3 and solve for x: x = (y - 3)/2, then swap the variables.")
B("alg", "Find the vertex of the parabola $y = x^2 - 4x + 7$.", "(2,3)", ["(2, 3)", "(2,3)"], ["(3, 2)", "(-2, 3)", "(2, 7)"],
  work="Complete the square: y = (x - 2)^2 + 3.")
B("alg", "Find the sum of the roots of $2x^2 - 7x + 3 = 0$.", "\\frac{7}{2}",
  ["\\frac{7}{2}", "3.5", "7/2", "\\dfrac{7}{2}", "3\\frac{1}{2}"], ["-\\frac{7}{2}", "\\frac{3}{2}", "7"],
  work="By Vieta, the sum of roots is -b/a = 7/2; indeed the roots are 3 and 1/2.", val="7/2")
B("alg", "Evaluate $\\log_2 64$.", "6", ["6"], ["8", "32", "5"], work="64 = 2^6.", val="6")
B("alg", "Solve $3^x = 81$.", "4", ["x = 4", "4"], ["27", "3", "x = 9"], work="81 = 3^4.", val="4")
B("alg", "The arithmetic sequence 5, 9, 13, ... continues. What is its 20th term?", "81", ["81"], ["85", "77", "80"],
  work="a_n = 5 + (n-1)*4, so a_20 = 5 + 19*4.", val="81")
B("alg", "Find the sum of the infinite geometric series $1 + \\frac{1}{2} + \\frac{1}{4} + \\cdots$.", "2", ["2", "2.0"], ["1", "\\frac{1}{2}", "\\infty"],
  work="S = a/(1-r) = 1/(1 - 1/2).", val="2")
B("alg", "If $x + \\frac{1}{x} = 5$, what is $x^2 + \\frac{1}{x^2}$?", "23", ["23"], ["25", "27", "21"],
  work="Square both sides: x^2 + 2 + 1/x^2 = 25.", val="23")
B("alg", "Find the positive value of $k$ for which $x^2 + kx + 9 = 0$ has exactly one real root.", "6", ["6", "k = 6"], ["-6", "3", "\\pm 6", "36"],
  work="The discriminant k^2 - 36 must be 0.", val="6")
B("alg", "Find the remainder when $x^3 - 2x + 1$ is divided by $x - 2$.", "5", ["5"], ["-3", "9", "1"],
  work="By the remainder theorem, evaluate at x = 2: 8 - 4 + 1.", val="5")
B("alg", "Compute $(2 + 3i)(1 - i)$.", "5+i", ["5 + i", "i + 5", "5+1i"], ["5 - i", "-1 + i", "2 - 3i"],
  work="(2+3i)(1-i) = 2 - 2i + 3i - 3i^2 = 2 + i + 3.")
B("alg", "Find $|3 + 4i|$.", "5", ["5"], ["7", "25", "\\sqrt{7}"], work="|3+4i| = sqrt(3^2 + 4^2) = sqrt(25).", val="5")
B("alg", "Compute $i^{2023}$.", "-i", ["-i"], ["i", "-1", "1"], work="Powers of i cycle with period 4, and 2023 = 4*505 + 3, so i^2023 = i^3.")
B("alg", "Find the roots of $x^2 + 2x + 5 = 0$.", "-1\\pm2i",
  ["-1 \\pm 2i", "-1 + 2i, -1 - 2i", "-1 - 2i \\text{ and } -1 + 2i", "x = -1 \\pm 2i"],
  ["-1 + 2i", "1 \\pm 2i", "-1 \\pm 4i", "-2 \\pm i"],
  work="x = (-2 +- sqrt(4 - 20))/2 = (-2 +- 4i)/2.")
B("alg", "Find the equation of the line with slope 2 passing through $(0, 1)$.", "y=2x+1",
  ["y = 2x + 1", "y = 1 + 2x", "2x - y + 1 = 0"], ["y = 2x - 1", "y = x + 2", "2x + 1"],
  work="Slope-intercept form with m = 2 and intercept b = 1.")
B("alg", "Find the center of the circle $x^2 + y^2 - 6x + 4y - 12 = 0$.", "(3,-2)", ["(3, -2)", "(3,-2)"], ["(-3, 2)", "(3, 2)", "(-2, 3)"],
  work="Complete the squares: (x-3)^2 + (y+2)^2 = 25.")
B("alg", "Solve $\\sqrt{x + 3} = x - 3$.", "6", ["6", "x = 6"], ["1, 6", "1", "x = 6 \\text{ or } x = 1"],
  work="Squaring gives x + 3 = x^2 - 6x + 9, so x^2 - 7x + 6 = (x-1)(x-6) = 0; x = 1 gives 2 = -2, which is extraneous.", val="6")
B("alg", "Simplify $\\sqrt{50}$.", "5\\sqrt{2}", ["5\\sqrt{2}", "5 \\sqrt 2", "5\\sqrt2"], ["2\\sqrt{5}", "25\\sqrt{2}", "10\\sqrt{5}"],
  work="50 = 25 * 2, and sqrt(25) = 5.", val="5*sqrt(2)")
B("alg", "Rationalize the denominator: $\\frac{1}{\\sqrt{3}}$.", "\\frac{\\sqrt{3}}{3}", ["\\frac{\\sqrt{3}}{3}", "\\frac{1}{3}\\sqrt{3}", "\\sqrt{3}/3"],
  ["\\sqrt{3}", "\\frac{\\sqrt{3}}{2}", "3\\sqrt{3}"], work="Multiply top and bottom by sqrt(3).", val="sqrt(3)/3")
B("alg", "If $f(x) = x + 1$ and $g(x) = x^2$, find $f(g(x))$.", "x^2+1", ["x^2 + 1", "1 + x^2", "x^{2}+1"], ["(x+1)^2", "x^2 + 2x + 1", "x^2 - 1"],
  work="Substitute g(x) into f: f(x^2) = x^2 + 1.")
B("alg", "Find all real $x$ such that $x^3 = x$.", "-1,0,1", ["-1, 0, 1", "0, \\pm 1", "\\{-1, 0, 1\\}", "1, 0, -1"], ["0, 1", "-1, 1", "1"],
  work="x^3 - x = x(x-1)(x+1) = 0.")
B("alg", "Solve the system $x + y + z = 6$, $x - y = 1$, $y - z = 1$. Give $(x, y, z)$.", "(3,2,1)", ["(3, 2, 1)", "x=3, y=2, z=1"], ["(1, 2, 3)", "(3, 2, -1)", "(2, 2, 2)"],
  work="x = y + 1 and z = y - 1, so 3y = 6 and y = 2.")
B("alg", "Solve $(x-1)(x-4) > 0$. Express your answer in interval notation.", "(-\\infty,1)\\cup(4,\\infty)",
  ["(-\\infty, 1) \\cup (4, \\infty)", "x < 1 \\text{ or } x > 4"], ["(1, 4)", "(-\\infty, 1] \\cup [4, \\infty)", "(4, \\infty)"],
  work="The product is positive when both factors have the same sign, i.e. outside [1, 4].")
B("alg", "Find the equation of the circle with center $(1, -2)$ and radius 3.", "(x-1)^2+(y+2)^2=9",
  ["(x - 1)^2 + (y + 2)^2 = 9", "x^2 + y^2 - 2x + 4y - 4 = 0"], ["(x + 1)^2 + (y - 2)^2 = 9", "(x - 1)^2 + (y + 2)^2 = 3", "(x-1)^2 + (y-2)^2 = 9"],
  work="Standard form (x - h)^2 + (y - k)^2 = r^2 with h = 1, k = -2, r = 3.")
B("alg", "Solve $4x + 1 = 2$.", "\\frac{1}{4}", ["\\frac{1}{4}", "x = 0.25", "1/4"], ["\\frac{3}{4}", "4", "-\\frac{1}{4}"],
  work="4x = 1.", val="1/4")
B("alg", "Solve $3x - 7 = 2$.", "3", ["x = 3", "3"], ["-\\frac{5}{3}", "9", "\\frac{5}{3}"], work="3x = 9.", val="3")
B("alg", "Factor completely: $x^2 - 16$.", "(x-4)(x+4)", ["(x - 4)(x + 4)", "(x+4)(x-4)"], ["(x - 4)^2", "(x - 8)(x + 2)", "(x-2)(x+8)"],
  work="Difference of squares: a^2 - b^2 = (a-b)(a+b) with b = 4.")

# ---------------- number theory ----------------
B("nt", "Find $\\gcd(84, 126)$.", "42", ["42"], ["21", "14", "252"], work="84 = 2^2*3*7 and 126 = 2*3^2*7.", val="42")
B("nt", "Find $\\operatorname{lcm}(12, 18)$.", "36", ["36"], ["6", "216", "72"], work="12 = 2^2*3 and 18 = 2*3^2, take highest powers 2^2*3^2.", val="36")
B("nt", "How many positive divisors does 360 have?", "24", ["24"], ["23", "12", "30"], work="360 = 2^3 * 3^2 * 5, so the count is (3+1)(2+1)(1+1).", val="24")
B("nt", "What is the remainder when $7^{100}$ is divided by 5?", "1", ["1"], ["2", "4", "0"], work="7 = 2 mod 5 and 2^4 = 16 = 1 mod 5; 100 is a multiple of 4.", val="1")
B("nt", "Express $25_{10}$ in base 2.", "11001_2", ["11001_2", "11001", "11001_{2}", "(11001)_2"], ["10011_2", "11010_2", "1101_2"],
  work="25 = 16 + 8 + 1.")
B("nt", "Convert $1011_2$ to base 10.", "11", ["11", "11_{10}"], ["13", "1011", "10"], work="1*8 + 0*4 + 1*2 + 1*1.", val="11")
B("nt", "Compute $123_4 + 32_4$. Express your answer in base 4.", "221_4", ["221_4", "221_{4}", "221"], ["41", "211_4", "155_4", "1221_4"],
  work="In base 10, 123_4 = 27 and 32_4 = 14, so the sum is 41 = 2*16 + 2*4 + 1.")
B("nt", "What is the smallest prime number greater than 100?", "101", ["101"], ["103", "102", "107"], work="101 is not divisible by 2, 3, 5 or 7.", val="101")
B("nt", "How many prime numbers are less than 50?", "15", ["15"], ["14", "16", "25"], work="2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47.", val="15")
B("nt", "What is the units digit of $3^{2023}$?", "7", ["7"], ["3", "9", "1"], work="Units digits cycle 3, 9, 7, 1 and 2023 = 4*505 + 3.", val="7")
B("nt", "Find the remainder when $2^{100}$ is divided by 7.", "2", ["2"], ["4", "1", "3"], work="2^3 = 8 = 1 mod 7 and 100 = 3*33 + 1.", val="2")
B("nt", "What is the largest three-digit multiple of 13?", "988", ["988"], ["999", "975", "1001"], work="999 / 13 = 76.8..., and 13*76.", val="988")
B("nt", "How many trailing zeros does $100!$ have?", "24", ["24"], ["20", "25", "21"], work="floor(100/5) + floor(100/25) = 20 + 4.", val="24")
B("nt", "Find the smallest positive integer $x$ with $3x \\equiv 4 \\pmod 7$.", "6", ["6", "x = 6"], ["5", "13", "4"],
  work="The inverse of 3 mod 7 is 5, so x = 4*5 = 20 = 6 mod 7.", val="6")
B("nt", "What is the sum of the positive divisors of 28?", "56", ["56"], ["28", "27", "55"], work="1 + 2 + 4 + 7 + 14 + 28.", val="56")
B("nt", "Compute Euler's totient $\\varphi(36)$.", "12", ["12"], ["24", "11", "18"], work="36 = 2^2*3^2, so phi = 36*(1/2)*(2/3).", val="12")
B("nt", "Find the remainder when $2^{2024}$ is divided by 1000.", "216", ["216"], ["16", "624", "2016"],
  work="Use CRT: 2^2024 = 0 mod 8, and 2^2024 mod 125 has period 100, 2^24 mod 125 = 91.", val="216")
B("nt", "How many positive integers $n \\le 100$ are divisible by 4 but not by 8? (AIME-style answer)", "13", ["13", "013"], ["12", "25", "14"],
  work="There are 25 multiples of 4 and 12 multiples of 8 up to 100.", val="13")
B("nt", "What is the 10th Fibonacci number if $F_1 = F_2 = 1$?", "55", ["55"], ["34", "89", "144"], work="1, 1, 2, 3, 5, 8, 13, 21, 34, ...", val="55")
B("nt", "Convert $255_{10}$ to base 16.", "FF_{16}", ["FF_{16}", "FF", "\\text{FF}_{16}", "ff_{16}"], ["EF_{16}", "F0_{16}", "FE_{16}"],
  work="255 = 15*16 + 15.")
B("nt", "What is the sum of the digits of $2^{10}$?", "7", ["7"], ["10", "8", "1024"], work="2^10 = 1024.", val="7")

# ---------------- counting / probability ----------------
B("comb", "Compute $\\binom{10}{3}$.", "120", ["120"], ["720", "30", "210"], work="10*9*8/(3*2*1).", val="120")
B("comb", "How many distinct arrangements of the letters in BANANA are there?", "60", ["60"], ["720", "120", "360"], work="6!/(3! 2!) = 720/12.", val="60")
B("comb", "Two fair coins are flipped. What is the probability both land heads?", "\\frac{1}{4}",
  ["\\frac{1}{4}", "0.25", "25\\%", "1/4"], ["\\frac{1}{2}", "\\frac{1}{3}", "\\frac{3}{4}"], work="P = (1/2)(1/2).", val="1/4")
B("comb", "Two fair dice are rolled. What is the probability that the sum is 7?", "\\frac{1}{6}",
  ["\\frac{1}{6}", "\\frac{6}{36}", "0.16667"], ["\\frac{7}{36}", "\\frac{5}{36}", "\\frac{1}{12}", "0.17"], und=["0.1667"],
  work="Favorable outcomes: (1,6),(2,5),(3,4),(4,3),(5,2),(6,1), out of 36.", val="1/6")
B("comb", "In how many ways can 5 people be seated in a row?", "120", ["120", "5! = 120"], ["25", "24", "60"], work="5! = 5*4*3*2*1.", val="120")
B("comb", "How many 2-person committees can be chosen from 6 people?", "15", ["15"], ["30", "12", "36"], work="C(6,2) = 6*5/2.", val="15")
B("comb", "A card is drawn from a standard 52-card deck. What is the probability it is an ace?", "\\frac{1}{13}",
  ["\\frac{1}{13}", "\\frac{4}{52}", "1/13"], ["\\frac{1}{52}", "\\frac{1}{4}", "\\frac{4}{13}", "0.08"], und=["0.0769"],
  work="There are 4 aces among 52 cards.", val="1/13")
B("comb", "What is the expected value of a roll of a fair six-sided die?", "3.5", ["3.5", "\\frac{7}{2}", "7/2"], ["3", "4", "21"],
  work="(1+2+3+4+5+6)/6 = 21/6.", val="7/2")
B("comb", "How many four-digit positive integers have all distinct digits?", "4536", ["4536", "4,536"], ["5040", "3024", "4464"],
  work="9 choices for the first digit, then 9, 8, 7.", val="4536")
B("comb", "How many subsets does a 5-element set have?", "32", ["32", "2^5"], ["31", "25", "10"], work="Each element is in or out: 2^5.", val="32")
B("comb", "A fair die is rolled 4 times. What is the probability of at least one six?", "\\frac{671}{1296}",
  ["\\frac{671}{1296}", "671/1296", "1 - \\left(\\frac{5}{6}\\right)^4", "0.51775"], ["\\frac{625}{1296}", "\\frac{2}{3}", "\\frac{4}{6}", "0.52"],
  work="Complement: P(no six) = (5/6)^4 = 625/1296.", val="671/1296")
B("comb", "How many diagonals does a decagon have?", "35", ["35"], ["45", "70", "30"], work="n(n-3)/2 with n = 10.", val="35")
B("comb", "In how many ways can 10 identical balls be placed into 3 distinct boxes?", "66", ["66"], ["45", "120", "55"], work="Stars and bars: C(12, 2).", val="66")
B("comb", "How many derangements of 4 objects are there?", "9", ["9", "!4 = 9"], ["8", "11", "24"], work="!4 = 4!(1 - 1 + 1/2 - 1/6 + 1/24).", val="9")
B("comb", "A fair coin is flipped 4 times. What is the probability of exactly 2 heads?", "\\frac{3}{8}",
  ["\\frac{3}{8}", "0.375", "\\frac{6}{16}", "37.5\\%"], ["\\frac{1}{2}", "\\frac{1}{4}", "\\frac{2}{4}"], work="C(4,2)/2^4 = 6/16.", val="3/8")
B("comb", "A bag has 3 red and 5 blue marbles. Two are drawn without replacement. What is the probability both are red?", "\\frac{3}{28}",
  ["\\frac{3}{28}", "\\frac{6}{56}", "3/28"], ["\\frac{9}{64}", "\\frac{3}{8}", "\\frac{1}{28}"], work="(3/8)*(2/7).", val="3/28")
B("comb", "How many ways can a president and a vice-president be chosen from 8 people?", "56", ["56"], ["28", "64", "16"], work="8 choices then 7 choices.", val="56")

# ---------------- geometry ----------------
B("geo", "What is the area of a circle with radius 3?", "9\\pi", ["9\\pi", "9 \\pi", "\\pi \\cdot 9", "28.274"],
  ["6\\pi", "3\\pi", "81\\pi", "28"], und=["28.27", "28.3"], work="A = pi r^2 = pi * 3^2.", val="9*pi")
B("geo", "A right triangle has legs 5 and 12. What is the length of the hypotenuse?", "13", ["13"], ["17", "\\sqrt{119}", "169"],
  work="c^2 = 25 + 144 = 169.", val="13")
B("geo", "What is the area of a triangle with sides 3, 4, and 5?", "6", ["6", "6 \\text{ square units}"], ["12", "7.5", "60"],
  work="It is a right triangle with legs 3 and 4, so area = (1/2)*3*4.", val="6")
B("geo", "What is the sum of the interior angles of a hexagon, in degrees?", "720", ["720^\\circ", "720", "720 \\text{ degrees}"], ["540", "360", "1080"],
  work="(n - 2)*180 with n = 6.", val="720")
B("geo", "What is the volume of a sphere with radius 3?", "36\\pi", ["36\\pi", "36 \\pi"], ["12\\pi", "108\\pi", "27\\pi"],
  work="V = (4/3) pi r^3 = (4/3) pi * 27.", val="36*pi")
B("geo", "What is the distance between $(1, 2)$ and $(4, 6)$?", "5", ["5"], ["7", "25", "\\sqrt{7}"], work="sqrt(3^2 + 4^2).", val="5")
B("geo", "What is the length of the diagonal of a square with side length 4?", "4\\sqrt{2}",
  ["4\\sqrt{2}", "\\sqrt{32}", "4 \\sqrt 2", "5.6569"], ["8", "2\\sqrt{2}", "16", "5.6"], und=["5.657"],
  work="d = s*sqrt(2).", val="4*sqrt(2)")
B("geo", "What is the area of an equilateral triangle with side length 6?", "9\\sqrt{3}",
  ["9\\sqrt{3}", "\\frac{36\\sqrt{3}}{4}", "9 \\sqrt 3"], ["18\\sqrt{3}", "9\\sqrt{2}", "36\\sqrt{3}"],
  work="A = (sqrt(3)/4) s^2 = (sqrt(3)/4)*36.", val="9*sqrt(3)")
B("geo", "In triangle $ABC$, $\\angle A = 50^\\circ$ and $\\angle B = 60^\\circ$. Find $\\angle C$ in degrees.", "70",
  ["70^\\circ", "70", "70 \\text{ degrees}"], ["110", "80", "60"], work="The angles sum to 180, so C = 180 - 50 - 60.", val="70")
B("geo", "What is the circumference of a circle with diameter 10?", "10\\pi", ["10\\pi", "31.416", "10 \\pi"], ["5\\pi", "100\\pi", "20\\pi", "31"],
  und=["31.42"], work="C = pi d.", val="10*pi")
B("geo", "An isosceles right triangle has hypotenuse 10. Find the length $x$ of each leg.", "5\\sqrt{2}",
  ["5\\sqrt{2}", "\\frac{10}{\\sqrt{2}}", "5\\sqrt2", "7.0711"], ["5", "10\\sqrt{2}", "\\sqrt{50}/2", "7"],
  work="x^2 + x^2 = 100, so x^2 = 50.", val="5*sqrt(2)")
B("geo", "What is the volume of a cylinder with radius 2 and height 5?", "20\\pi", ["20\\pi", "20 \\pi"], ["10\\pi", "40\\pi", "20"],
  work="V = pi r^2 h = pi * 4 * 5.", val="20*pi")
B("geo", "An inscribed angle subtends an arc of $100^\\circ$. What is the measure of the inscribed angle in degrees?", "50",
  ["50^\\circ", "50"], ["100", "200", "25"], work="An inscribed angle is half its intercepted arc.", val="50")
B("geo", "A trapezoid has bases 6 and 10 and height 4. What is its area?", "32", ["32"], ["64", "240", "16"], work="A = (1/2)(6 + 10)*4.", val="32")
B("geo", "What is the surface area of a cube with side length 3?", "54", ["54"], ["27", "36", "9"], work="6 faces each of area 9.", val="54")
B("geo", "Lines $\\ell$ and $m$ are parallel and cut by a transversal. $\\angle 1 = 65^\\circ$, and $\\angle 2$ is a same-side interior angle with $\\angle 1$. Find $m\\angle 2$.", "115",
  ["115", "115^\\circ"], ["65", "25", "125"], work="Same-side interior angles are supplementary.", val="115")
B("geo", "What is the radius of the circle inscribed in a 3-4-5 right triangle?", "1", ["1", "r = 1"], ["2", "2.5", "\\frac{1}{2}"],
  work="r = (a + b - c)/2 = (3 + 4 - 5)/2, or Area/s = 6/6.", val="1")
B("geo", "What is the area of a sector of a circle with radius 6 and central angle $60^\\circ$?", "6\\pi", ["6\\pi", "6 \\pi"], ["12\\pi", "36\\pi", "2\\pi"],
  work="The sector is 60/360 = 1/6 of the disk of area 36 pi.", val="6*pi")
B("geo", "In a 30-60-90 triangle the shorter leg is 4. What is the hypotenuse?", "8", ["8"], ["4\\sqrt{3}", "4\\sqrt{2}", "2"], work="The hypotenuse is twice the shorter leg.", val="8")
B("geo", "What is the measure of each exterior angle of a regular octagon, in degrees?", "45", ["45", "45^\\circ"], ["135", "40", "60"],
  work="Exterior angles sum to 360, divided among 8 angles.", val="45")
B("geo", "Find the area of a parallelogram with base 12 and height 7.", "84", ["84", "84 \\text{ square units}"], ["42", "38", "19"], work="A = base * height.", val="84")
B("geo", "Two chords intersect inside a circle. One chord is split into segments 3 and $x$, the other into segments 4 and 6. Find $x$.", "8",
  ["8", "x = 8"], ["2", "4.5", "7"], work="Intersecting chords: 3x = 4*6 = 24.", val="8")
B("geo", "A rectangle has perimeter 20. What is its largest possible area?", "25", ["25"], ["24", "100", "20"], work="For fixed perimeter the square is optimal: side 5.", val="25")
B("geo", "To the nearest tenth, what is the length of the diagonal of a 5 by 5 square?", "7.1", ["7.1"], ["7.0", "7.2", "10"], und=["7.07"],
  work="d = 5 sqrt(2) = 7.0710678...")

# ---------------- trigonometry ----------------
B("trig", "Evaluate $\\sin 30^\\circ$.", "\\frac{1}{2}", ["\\frac{1}{2}", "0.5", "1/2"], ["\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt{2}}{2}", "2"], val="1/2",
  work="In a 30-60-90 triangle the side opposite 30 degrees is half the hypotenuse.")
B("trig", "Evaluate $\\cos \\frac{\\pi}{4}$.", "\\frac{\\sqrt{2}}{2}", ["\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}", "0.70711", "\\frac{\\sqrt2}{2}"],
  ["\\frac{1}{2}", "\\sqrt{2}", "\\frac{\\sqrt{3}}{2}", "0.7"], und=["0.707"], work="pi/4 is 45 degrees; both legs of the isosceles right triangle are 1/sqrt(2) of the hypotenuse.", val="sqrt(2)/2")
B("trig", "Evaluate $\\tan \\frac{\\pi}{3}$.", "\\sqrt{3}", ["\\sqrt{3}", "\\sqrt3", "1.7321"], ["\\frac{\\sqrt{3}}{3}", "3", "\\frac{1}{2}"],
  work="tan 60 = sin 60 / cos 60 = (sqrt(3)/2)/(1/2).", val="sqrt(3)")
B("trig", "Find all $x \\in [0, 2\\pi)$ with $\\sin x = \\frac{1}{2}$.", "\\frac{\\pi}{6},\\frac{5\\pi}{6}",
  ["\\frac{\\pi}{6}, \\frac{5\\pi}{6}", "\\frac{5\\pi}{6}, \\frac{\\pi}{6}", "x = \\frac{\\pi}{6} \\text{ or } x = \\frac{5\\pi}{6}"],
  ["\\frac{\\pi}{6}", "\\frac{\\pi}{6}, \\frac{7\\pi}{6}", "\\frac{\\pi}{3}, \\frac{2\\pi}{3}"],
  work="The reference angle is pi/6 and sine is positive in quadrants I and II.")
B("trig", "What is the period of $y = \\sin(3x)$?", "\\frac{2\\pi}{3}", ["\\frac{2\\pi}{3}", "2\\pi/3", "\\frac{2}{3}\\pi"], ["\\frac{\\pi}{3}", "6\\pi", "3"],
  work="The period of sin(bx) is 2 pi / b.", val="2*pi/3")
B("trig", "Convert $135^\\circ$ to radians.", "\\frac{3\\pi}{4}", ["\\frac{3\\pi}{4}", "\\frac{3}{4}\\pi", "0.75\\pi"], ["\\frac{3\\pi}{2}", "\\frac{4\\pi}{3}", "\\frac{5\\pi}{4}"],
  work="Multiply by pi/180: 135/180 = 3/4.", val="3*pi/4")
B("trig", "Convert $\\frac{5\\pi}{6}$ radians to degrees.", "150^\\circ", ["150^\\circ", "150", "150 \\text{ degrees}"], ["120^\\circ", "300^\\circ", "30"],
  work="Multiply by 180/pi: 5*180/6.", val="150")
B("trig", "What is the maximum value of $3\\sin x + 4\\cos x$?", "5", ["5"], ["7", "4", "\\sqrt{7}"], work="The amplitude is sqrt(3^2 + 4^2).", val="5")
B("trig", "If $\\cos\\theta = \\frac{3}{5}$, find $\\cos 2\\theta$.", "-\\frac{7}{25}", ["-\\frac{7}{25}", "-0.28", "-7/25"], ["\\frac{7}{25}", "\\frac{24}{25}", "-\\frac{24}{25}"],
  work="cos 2t = 2cos^2 t - 1 = 2*9/25 - 1 = 18/25 - 25/25.", val="-7/25")
B("trig", "In triangle $ABC$, $a = 5$, $b = 7$, and $\\angle C = 60^\\circ$. Find $c$.", "\\sqrt{39}", ["\\sqrt{39}", "c = \\sqrt{39}", "6.2450"],
  ["39", "\\sqrt{109}", "\\sqrt{74}"], work="Law of cosines: c^2 = 25 + 49 - 2*5*7*(1/2) = 74 - 35.", val="sqrt(39)")
B("trig", "What is $\\arctan(1)$ in degrees?", "45", ["45^\\circ", "45"], ["90", "1", "30"], work="tan 45 = 1.", val="45")
B("trig", "Evaluate $\\sin^2 20^\\circ + \\cos^2 20^\\circ$.", "1", ["1"], ["0", "2", "\\sin 40^\\circ"], work="Pythagorean identity.", val="1")
B("trig", "Evaluate $\\sin \\frac{7\\pi}{6}$.", "-\\frac{1}{2}", ["-\\frac{1}{2}", "-0.5", "-1/2"], ["\\frac{1}{2}", "-\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt{3}}{2}"],
  work="7pi/6 is in quadrant III with reference angle pi/6, and sine is negative there.", val="-1/2")

# ---------------- calculus ----------------
B("calc", "Differentiate $f(x) = x^3 \\sin x$.", "3x^2\\sin x+x^3\\cos x",
  ["3x^2 \\sin x + x^3 \\cos x", "x^3\\cos x + 3x^2\\sin x", "x^2(3\\sin x + x\\cos x)"], ["3x^2 \\cos x", "3x^2\\sin x - x^3\\cos x", "x^3 \\cos x"],
  work="Product rule: (x^3)' sin x + x^3 (sin x)'.")
B("calc", "Evaluate $\\int_0^1 x^2\\,dx$.", "\\frac{1}{3}", ["\\frac{1}{3}", "1/3", "0.33333"], ["\\frac{1}{2}", "0.33", "1", "\\frac{2}{3}"], und=["0.333"],
  work="The antiderivative is x^3/3; evaluate from 0 to 1.", val="1/3")
B("calc", "Evaluate $\\lim_{x \\to 0} \\frac{\\sin 3x}{x}$.", "3", ["3"], ["1", "0", "\\frac{1}{3}"], work="sin(3x)/x = 3 * sin(3x)/(3x) -> 3*1.", val="3")
B("calc", "Evaluate $\\lim_{x \\to \\infty} \\frac{2x^2 + 1}{x^2 - 3}$.", "2", ["2"], ["-\\frac{1}{3}", "\\infty", "0"], work="Divide numerator and denominator by x^2.", val="2")
B("calc", "Find $\\int 2x e^{x^2}\\,dx$.", "e^{x^2}+C", ["e^{x^2} + C", "e^{x^2}+c", "e^{x^{2}} + C"], ["2e^{x^2} + C", "x^2 e^{x^2} + C", "e^{2x} + C"],
  und=["e^{x^2}"], work="Substitute u = x^2, du = 2x dx, so the integral becomes the integral of e^u du.")
B("calc", "Find the derivative of $\\ln(x^2 + 1)$ at $x = 1$.", "1", ["1"], ["\\frac{1}{2}", "2", "\\ln 2"], work="d/dx ln(x^2+1) = 2x/(x^2+1), which is 2/2 at x = 1.", val="1")
B("calc", "Find the critical point of $f(x) = x^2 - 6x + 2$.", "3", ["x = 3", "3"], ["-3", "-7", "6"], work="f'(x) = 2x - 6 = 0.", val="3")
B("calc", "Evaluate $\\int_0^{\\pi} \\sin x\\,dx$.", "2", ["2"], ["0", "1", "-2"], work="[-cos x] from 0 to pi = -cos(pi) + cos(0) = 1 + 1.", val="2")
B("calc", "Evaluate $\\sum_{n=1}^{\\infty} \\frac{1}{n^2}$.", "\\frac{\\pi^2}{6}", ["\\frac{\\pi^2}{6}", "\\pi^2/6", "\\frac{1}{6}\\pi^2", "1.6449"],
  ["\\frac{\\pi}{6}", "\\frac{\\pi^2}{3}", "\\frac{\\pi^2}{8}", "1.6"], und=["1.645"], work="This is the Basel problem.", val="pi**2/6")
B("calc", "Evaluate $\\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^n$.", "e", ["e", "2.71828"], ["1", "\\infty", "0", "2.7"],
  work="This is the standard definition of Euler's number.", val="E")
B("calc", "Evaluate $\\lim_{x \\to 0^+} \\frac{1}{x}$.", "\\infty", ["\\infty", "+\\infty"], ["0", "-\\infty", "1"], work="As x shrinks to 0 from the right, 1/x grows without bound.")
B("calc", "Differentiate $\\tan x$.", "\\sec^2x", ["\\sec^2 x", "\\frac{1}{\\cos^2 x}", "1 + \\tan^2 x"], ["\\sec x \\tan x", "-\\csc^2 x", "\\sec x"],
  work="Quotient rule on sin x / cos x: (cos^2 x + sin^2 x)/cos^2 x.")
B("calc", "Find the equation of the tangent line to $y = x^2$ at $x = 1$.", "y=2x-1", ["y = 2x - 1", "y = -1 + 2x", "y - 1 = 2(x - 1)"], ["y = 2x + 1", "y = x", "y = 2x"],
  work="y' = 2x = 2 at x = 1, and the point is (1, 1).")
B("calc", "Evaluate $\\int_1^e \\frac{1}{x}\\,dx$.", "1", ["1"], ["e", "e - 1", "0"], work="ln(e) - ln(1).", val="1")
B("calc", "Find the second derivative of $x^4$.", "12x^2", ["12x^2", "12 x^{2}"], ["4x^3", "12x", "24x^2"], work="First derivative 4x^3, then differentiate again.")
B("calc", "What is the coefficient of $x^3$ in the Maclaurin series of $e^x$?", "\\frac{1}{6}", ["\\frac{1}{6}", "1/6", "\\frac{1}{3!}"], ["\\frac{1}{3}", "6", "\\frac{1}{24}"],
  work="The coefficient of x^n is 1/n!.", val="1/6")
B("calc", "Find the area between $y = x$ and $y = x^2$ for $0 \\le x \\le 1$.", "\\frac{1}{6}", ["\\frac{1}{6}", "1/6", "0.16667"], ["\\frac{1}{2}", "\\frac{1}{3}", "\\frac{5}{6}"],
  work="Integral of (x - x^2) from 0 to 1 = 1/2 - 1/3.", val="1/6")
B("calc", "Evaluate $\\int_0^2 (3x^2 + 1)\\,dx$.", "10", ["10"], ["8", "12", "14"], work="Antiderivative x^3 + x, evaluated at 2: 8 + 2.", val="10")

# ---------------- linear algebra ----------------
B("linalg", "Compute $\\det\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$.", "-2", ["-2"], ["2", "10", "-10"], work="ad - bc = 1*4 - 2*3.", val="-2")
B("linalg", "Find the inverse of $\\begin{pmatrix} 2 & 1 \\\\ 1 & 1 \\end{pmatrix}$.", "\\begin{pmatrix} 1 & -1 \\\\ -1 & 2 \\end{pmatrix}",
  ["\\begin{pmatrix} 1 & -1 \\\\ -1 & 2 \\end{pmatrix}", "\\begin{bmatrix} 1 & -1 \\\\ -1 & 2 \\end{bmatrix}", "\\left[\\begin{array}{cc} 1 & -1 \\\\ -1 & 2 \\end{array}\\right]"],
  ["\\begin{pmatrix} 2 & -1 \\\\ -1 & 1 \\end{pmatrix}", "\\begin{pmatrix} 1 & 1 \\\\ 1 & 2 \\end{pmatrix}", "\\begin{pmatrix} -1 & 1 \\\\ 1 & -2 \\end{pmatrix}"],
  work="The determinant is 2*1 - 1*1 = 1, so the inverse is the adjugate (swap the diagonal, negate the off-diagonal).")
B("linalg", "Compute $\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\\begin{pmatrix} 1 \\\\ 1 \\end{pmatrix}$.", "\\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix}",
  ["\\begin{pmatrix} 3 \\\\ 7 \\end{pmatrix}", "\\begin{bmatrix} 3 \\\\ 7 \\end{bmatrix}", "(3, 7)"],
  ["\\begin{pmatrix} 7 \\\\ 3 \\end{pmatrix}", "\\begin{pmatrix} 4 \\\\ 6 \\end{pmatrix}", "\\begin{pmatrix} 3 \\\\ 4 \\end{pmatrix}"],
  work="Row 1: 1*1 + 2*1; row 2: 3*1 + 4*1.")
B("linalg", "Find the eigenvalues of $\\begin{pmatrix} 4 & 1 \\\\ 2 & 3 \\end{pmatrix}$.", "2, 5",
  ["2, 5", "5, 2", "\\lambda = 2, \\lambda = 5", "\\lambda_1 = 5, \\lambda_2 = 2"], ["2", "-2, -5", "3, 4", "1, 6"],
  work="Characteristic polynomial: l^2 - 7l + 10 = (l - 2)(l - 5).")
B("linalg", "Compute the dot product $(1, -2, 3) \\cdot (4, 5, 6)$.", "12", ["12"], ["32", "-12", "(4, -10, 18)"], work="1*4 + (-2)*5 + 3*6 = 4 - 10 + 18.", val="12")
B("linalg", "Compute $(1, 0, 0) \\times (0, 1, 0)$.", "\\begin{pmatrix} 0 \\\\ 0 \\\\ 1 \\end{pmatrix}",
  ["\\begin{pmatrix} 0 \\\\ 0 \\\\ 1 \\end{pmatrix}", "(0, 0, 1)", "\\langle 0, 0, 1 \\rangle", "\\mathbf{k}"],
  ["(0, 0, -1)", "(1, 1, 0)", "0"], work="i x j = k.")
B("linalg", "What is the rank of $\\begin{pmatrix} 1 & 2 \\\\ 2 & 4 \\end{pmatrix}$?", "1", ["1"], ["2", "0"], work="The second row is twice the first.", val="1")
B("linalg", "Find the projection of $\\begin{pmatrix} 3 \\\\ 4 \\end{pmatrix}$ onto $\\begin{pmatrix} 1 \\\\ 0 \\end{pmatrix}$.", "\\begin{pmatrix} 3 \\\\ 0 \\end{pmatrix}",
  ["\\begin{pmatrix} 3 \\\\ 0 \\end{pmatrix}", "(3, 0)", "\\begin{bmatrix} 3 \\\\ 0 \\end{bmatrix}"], ["\\begin{pmatrix} 0 \\\\ 4 \\end{pmatrix}", "3", "\\begin{pmatrix} 3 \\\\ 4 \\end{pmatrix}"],
  work="proj = (v.u / u.u) u = (3/1)(1, 0).")
B("linalg", "Find the length of the vector $(1, 2, 2)$.", "3", ["3"], ["5", "9", "\\sqrt{5}"], work="sqrt(1 + 4 + 4).", val="3")
B("linalg", "Find the trace of $\\begin{pmatrix} 5 & 1 \\\\ 2 & -1 \\end{pmatrix}$.", "4", ["4"], ["6", "-7", "3"], work="Sum of the diagonal entries 5 + (-1).", val="4")
B("linalg", "Compute $\\det\\begin{pmatrix} 2 & 0 & 1 \\\\ 1 & 3 & 2 \\\\ 1 & 1 & 1 \\end{pmatrix}$.", "0", ["0"], ["4", "-4", "2"],
  work="Expand along the first row: 2(3*1 - 2*1) - 0 + 1(1*1 - 3*1) = 2 - 2.", val="0")
B("linalg", "Compute $\\begin{pmatrix} 1 & 2 \\\\ 0 & 1 \\end{pmatrix}^2$.", "\\begin{pmatrix} 1 & 4 \\\\ 0 & 1 \\end{pmatrix}",
  ["\\begin{pmatrix} 1 & 4 \\\\ 0 & 1 \\end{pmatrix}", "\\begin{bmatrix} 1 & 4 \\\\ 0 & 1 \\end{bmatrix}", "[[1, 4], [0, 1]]"],
  ["\\begin{pmatrix} 1 & 4 \\\\ 0 & 2 \\end{pmatrix}", "\\begin{pmatrix} 1 & 2 \\\\ 0 & 1 \\end{pmatrix}", "\\begin{pmatrix} 1 & 0 \\\\ 4 & 1 \\end{pmatrix}"],
  work="Multiply row by column: the top-right entry is 1*2 + 2*1.")

# ---------------- multiple choice ----------------
B("mc", "Which of the following numbers is prime?\n(A) 21\n(B) 27\n(C) 29\n(D) 33", "C",
  ["C", "(C)", "(C) 29", "\\text{(C)}", "C: 29"], ["B", "(D) 33", "(B) 29", "A"], work="21 = 3*7, 27 = 3^3, 33 = 3*11, while 29 has no divisor up to 5.", mc=True)
B("mc", "Solve $2x - 5 = 3$.\n(A) 2\n(B) 3\n(C) 4\n(D) 5", "C", ["C", "(C) 4", "\\textbf{(C)}", "C) 4"], ["D", "(A) 2", "(D) 4"], work="2x = 8.", mc=True)
B("mc", "What is the area of a circle of radius 2?\n(A) $2\\pi$\n(B) $4\\pi$\n(C) $8\\pi$\n(D) $16\\pi$", "B", ["B", "(B) 4\\pi", "(B)"], ["D", "(C) 8\\pi", "A"],
  work="pi r^2 = 4 pi.", mc=True)
B("mc", "If $f(x) = x^2$, what is $f'(3)$?\nA. 3\nB. 6\nC. 9\nD. 12", "B", ["B", "B. 6", "(B)"], ["C", "C. 9", "A"], work="f'(x) = 2x.", mc=True)
B("mc", "Which is largest?\n(A) $2^5$\n(B) $3^3$\n(C) $5^2$\n(D) $6^2$", "D", ["D", "(D) 6^2", "(D)"], ["A", "(A) 2^5", "(D) 32"],
  work="2^5 = 32, 3^3 = 27, 5^2 = 25, 6^2 = 36.", mc=True)
B("mc", "A rectangle has length 8 and width 3. What is its perimeter?\n$\\textbf{(A) } 11 \\qquad \\textbf{(B) } 22 \\qquad \\textbf{(C) } 24 \\qquad \\textbf{(D) } 48$", "\\textbf{(B)}\\ 22",
  ["\\textbf{(B)}\\ 22", "B", "\\textbf{(B) } 22", "(B) 22"], ["\\textbf{(C) } 24", "C", "(A) 11"], work="P = 2(8 + 3).", mc=True)
B("mc", "Find $m\\angle 1$ if $\\angle 1$ and a $35^\\circ$ angle are complementary.\nChoices: A. 35  B. 55  C. 90  D. 145", "B", ["B", "B. 55", "\\text{B}"], ["D", "D. 145", "A"],
  work="Complementary angles sum to 90 degrees: 90 - 35.", mc=True)
B("mc", "What is the value of $x$ in the figure, where a right triangle has legs $x$ and 3 and hypotenuse 5?\nChoices:\n(A) 3\n(B) 4\n(C) 5\n(D) 6", "4",
  ["4", "(B) 4", "B", "(B)"], ["(A) 3", "A", "5", "(C)"], work="x^2 + 9 = 25.", mc=True)
B("mc", "How many sides does a regular polygon have if each interior angle is $140^\\circ$?\n(A) 7 (B) 8 (C) 9 (D) 10", "C", ["C", "(C) 9", "(C)"], ["B", "(B) 8", "(D) 10"],
  work="Exterior angle = 180 - 140 = 40 degrees, and 360/40.", mc=True)
B("mc", "Which value of $x$ satisfies $x^2 = 49$ and $x < 0$?\n(A) 7 (B) -7 (C) 49 (D) -49", "B", ["B", "(B) -7", "(B)"], ["A", "(A) 7", "(D) -49"],
  work="x = +-7, and we need the negative one.", mc=True)
B("mc", "Evaluate $\\log_{10} 1000$.\nOptions: (a) 2 (b) 3 (c) 10 (d) 100", "b", ["b", "(b)", "(b) 3", "B"], ["a", "(c) 10", "(a) 3"],
  work="1000 = 10^3.", mc=True)

# ---------------- chart / figure reading (visual datasets) ----------------
B("chart", "The bar chart shows monthly sales: January 40, February 55, March 35, April 60 (units). What is the difference between the highest and lowest monthly sales?", "25",
  ["25", "25 \\text{ units}"], ["20", "95", "5"], work="Highest is April with 60 and lowest is March with 35.", val="25")
B("chart", "A pie chart shows 30% for category A and 48% for category B; the rest is category C. What percentage is category C?", "22",
  ["22", "22\\%", "22 \\text{ percent}"], ["78", "18", "52"], work="100 - 30 - 48.", val="22")
B("chart", "A line graph shows daily high temperatures: Mon 12, Tue 15, Wed 11, Thu 18, Fri 14 (degrees C). On which day was the temperature highest?", "Thursday",
  ["Thursday", "\\text{Thursday}", "Thu"], ["Tuesday", "18", "Friday"], work="Comparing 12, 15, 11, 18, 14, the largest is 18.")
B("chart", "A table lists fruit counts: apples 12, bananas 8, cherries 20. What fraction of the fruit are bananas?", "\\frac{1}{5}",
  ["\\frac{1}{5}", "0.2", "20\\%", "\\frac{8}{40}"], ["\\frac{1}{4}", "8", "\\frac{2}{3}", "\\frac{8}{32}"], work="The total is 12 + 8 + 20 = 40.", val="1/5")
B("chart", "A bar chart has bars A = 7, B = 3, C = 9, D = 5. Is the value of C greater than the sum of B and D?", "Yes",
  ["Yes", "yes", "\\text{Yes}"], ["No", "no", "9"], work="B + D = 3 + 5 = 8, compared with C = 9.")
B("chart", "In the figure, a nail lies along a ruler from the 0 mark to just past the 3-inch mark (about 3.2 in). Measure the length of the nail to the nearest inch.", "3",
  ["3", "3 \\text{ inches}"], ["3.2", "4", "2"], work="3.2 inches rounds to the nearest whole inch.", val="3")
B("chart", "The graph shows the line $y = 2x + 1$. What is the $y$-value of the line at $x = 4$?", "9", ["9", "y = 9"], ["8", "7", "10"],
  work="Substitute x = 4: 2*4 + 1.", val="9")
B("chart", "A histogram has bins with counts 3, 7, 12, 5, 3. How many data points are there in total?", "30", ["30"], ["12", "5", "29"], work="3 + 7 + 12 + 5 + 3.", val="30")
B("chart", "A bar chart shows company revenue of $1.25M in 2019 and $1.5M in 2020. By what percent did revenue increase?", "20",
  ["20", "20\\%", "20 \\text{ percent}"], ["25", "0.25", "16.7"], und=["0.2"], work="Increase = 0.25M on a base of 1.25M.", val="20")
B("chart", "A table shows test scores for five students: 70, 85, 90, 85, 100. What is the median score?", "85", ["85"], ["86", "90", "30"],
  work="Sorted: 70, 85, 85, 90, 100; the middle value is the third.", val="85")
B("chart", "A bar chart shows the ages of two students: Ann 14 and Ben 12. Who is older?", "Ann",
  ["Ann", "\\text{Ann}"], ["Ben", "14", "12"], work="14 > 12.")
B("chart", "Alice is taller than Bob, and Bob is taller than Carol. Who is the shortest?", "Carol", ["Carol", "\\text{Carol}"], ["Alice", "Bob"],
  work="The order from tallest is Alice, Bob, Carol.")

# ---------------- misc: sci notation, words, days ----------------
B("misc", "Express 0.000452 in scientific notation.", "4.52\\times10^{-4}", ["4.52 \\times 10^{-4}", "4.52 \\cdot 10^{-4}", "4.52e-4"],
  ["4.52 \\times 10^{-3}", "4.52 \\times 10^{4}", "45.2 \\times 10^{-3}"], work="Move the decimal point 4 places to the right.", val="452/1000000")
B("misc", "Compute $(3 \\times 10^8)(2 \\times 10^5)$. Express your answer in scientific notation.", "6\\times10^{13}",
  ["6 \\times 10^{13}", "6 \\cdot 10^{13}", "6.0 \\times 10^{13}"], ["6 \\times 10^{40}", "5 \\times 10^{13}", "6 \\times 10^{12}"],
  work="Multiply coefficients 3*2 and add exponents 8 + 5.", val="6*10**13")
B("misc", "What day of the week is 100 days after a Monday?", "\\text{Wednesday}", ["Wednesday", "\\text{Wednesday}", "\\text{Wed}"], ["Tuesday", "Thursday", "Monday"],
  work="100 = 14*7 + 2, so it is 2 days after Monday.")
B("misc", "Is 1001 a prime number? Answer yes or no.", "\\text{No}", ["No", "\\text{no}", "No, 1001 = 7 \\times 11 \\times 13"], ["Yes", "\\text{yes}", "Yes, 1001 is prime"],
  work="1001 = 7 * 143 = 7 * 11 * 13.")
B("misc", "A speed of 90 km/h is how many meters per second?", "25", ["25", "25 \\text{ m/s}"], ["90", "324", "1.5"], work="90 km/h = 90000 m / 3600 s.", val="25")
B("misc", "How many centimeters are in 3.2 meters?", "320", ["320", "320 \\text{ cm}"], ["32", "3.2", "3200"], work="1 m = 100 cm.", val="320")
B("misc", "A square has area 2.25 square meters. What is its side length in centimeters?", "150", ["150", "150 \\text{ cm}"], ["1.5", "225", "15"],
  work="The side is sqrt(2.25) = 1.5 m.", val="150")
