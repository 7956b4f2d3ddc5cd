# Problem bank: key -> dict(kind, q, gold, R, eq, wr, und)
# eq: forms a careful grader accepts; wr: forms a grader rejects; und: genuinely disputable forms.
BANK = {}
def B(key, kind, q, gold, R, eq=(), wr=(), und=()):
    BANK[key] = dict(key=key, kind=kind, q=q, gold=gold, R=R, eq=list(eq), wr=list(wr), und=list(und))

# ---- GSM8K-style word problems ----
B("pencils","gsm","Tom has 3 boxes of 24 pencils and gives away 19. How many pencils are left?","53",
  "Tom starts with 3 × 24 = 72 pencils. He gives away 19 of them, so we subtract 19 from 72.",
  [("53","plain integer"),(r"53 \text{ pencils}","integer with unit word")],
  [("91","added instead of subtracting"),("52","off by one")])
B("shirt","gsm","A $40 shirt is 15% off. What is the sale price in dollars?","34",
  "15% of $40 is 0.15 × 40 = 6 dollars. We subtract the discount from the original price.",
  [(r"\$34","dollar sign"),("34.00","trailing zeros")],
  [("6","gave the discount, not the price"),("46","added discount")])
B("train","gsm","A train covers 120 km in 1.5 hours. What is its average speed in km/h?","80",
  "Average speed is distance divided by time, i.e. 120 ÷ 1.5.",
  [(r"80 \text{ km/h}","unit attached"),("80","plain")],
  [("180","multiplied instead of dividing"),("8","dropped a zero")])
B("book","gsm","Maria reads 12 pages a day. How many days does a 300-page book take?","25",
  "We divide the total number of pages by the pages read per day: 300 / 12.",
  [("25 days","unit word"),("25","plain")],
  [("24","off by one"),("3600","multiplied")])
B("cookies","gsm","A baker makes 8 trays of 15 cookies and sells 97. How many cookies remain?","23",
  "The baker makes 8 × 15 = 120 cookies. Then 97 of them are sold.",
  [("23","plain")],[("33","subtraction slip"),("217","added")])
B("wages","gsm","A worker earns $15 an hour, 40 hours a week. How much in 4 weeks?","2400",
  "Weekly pay is 15 × 40 = 600 dollars. Over 4 weeks we multiply by 4.",
  [("2,400","thousands comma"),(r"\$2{,}400","LaTeX thousands separator and dollar"),("2400.00","cents")],
  [("600","one week only"),("24000","extra zero")])
B("fruit","gsm","John buys 5 apples at $0.60 each and 3 oranges at $0.85 each. Total cost?","5.55",
  "Apples cost 5 × 0.60 = 3.00 dollars. Oranges cost 3 × 0.85 = 2.55 dollars. We add these.",
  [(r"\$5.55","dollar sign"),("5.55 dollars","unit word")],
  [("5.45","arithmetic slip"),("1.45","price sum only")])
B("fence","gsm","A rectangular garden is 12 m by 7 m. How many meters of fencing go around it?","38",
  "The fencing is the perimeter, 2(length + width) = 2(12 + 7).",
  [(r"38 \text{ m}","unit"),("38 meters","unit word")],
  [("84","computed the area"),("19","half perimeter")])
B("tip","gsm","Three friends split a $126 bill plus a 20% tip equally. How much does each pay?","50.4",
  "The tip is 0.20 × 126 = 25.20, so the total is 126 + 25.20 = 151.20. This is split three ways.",
  [("50.40","trailing zero"),(r"\$50.40","dollar sign")],
  [("42","forgot the tip"),("151.2","total, not per person")])
B("age","gsm","Sam is 3 times as old as his son, who is 12. How old will Sam be in 6 years?","42",
  "Sam's current age is 3 × 12 = 36. We add 6 years.",
  [("42","plain"),("42 years old","unit words")],
  [("36","current age"),("54","tripled son's future age")])
B("water","gsm","A city uses 2,450,000 liters of water per day. How many liters in a week?","17150000",
  "We multiply the daily usage by 7 days: 2,450,000 × 7.",
  [("17,150,000","commas"),(r"17{,}150{,}000","LaTeX separators"),(r"1.715 \times 10^{7}","exact scientific notation")],
  [("1,715,000","dropped a zero"),("171,500,000","extra zero")])
B("tank","gsm","A pump moves 250 gallons per hour. How many gallons in 3.2 hours?","800",
  "Volume equals rate times time: 250 × 3.2.",
  [("800 gallons","unit word"),("800","plain")],[("80","decimal slip"),("8000","decimal slip")])
B("savings","gsm","Lisa saves $35 each week for 52 weeks. How much does she save?","1820",
  "35 × 52 = 35 × 50 + 35 × 2 = 1750 + 70.",
  [(r"\$1,820","dollar and comma"),("1820","plain")],[("1720","addition slip"),("1750","forgot the 70")])
B("girls","gsm","A class has 40 students and 35% are boys. How many girls are there?","26",
  "The number of boys is 0.35 × 40 = 14. The rest of the class are girls.",
  [("26","plain"),("26 girls","unit word")],[("14","number of boys"),("65","percentage of girls")])
B("quarter","gsm","What is a quarter of 96, plus 7?","31",
  "One quarter of 96 is 96/4 = 24. Then we add 7.",
  [("31","plain")],[("24","forgot to add 7"),("17","subtracted")])
B("eggs","gsm","A hen lays 16 eggs; the owner eats 3, bakes with 4 and sells the rest at $2 each. How many dollars does she make?","18",
  "She uses 3 + 4 = 7 eggs, leaving 16 − 7 = 9 eggs. Each sells for $2.",
  [(r"\$18","dollar sign"),("18 dollars","unit word")],[("9","number of eggs, not dollars"),("26","wrong")])
B("movie","gsm","A movie lasts 2 hours 30 minutes. How many minutes is that?","150",
  "2 hours is 2 × 60 = 120 minutes, and there are 30 more minutes.",
  [(r"150 \text{ minutes}","unit"),("150","plain")],[("2.5","hours, not minutes (unit confusion)"),("230","concatenated")])
B("km","gsm","How many meters are in 5 km?","5000",
  "Each kilometer is 1000 meters.",
  [(r"5000 \text{ m}","unit"),(r"5{,}000","LaTeX separator")],[("5","kept kilometers (unit confusion)"),("500","wrong factor")])
B("halflife","gsm","An 80 g sample goes through 3 half-lives. How many grams remain?","10",
  "After each half-life the mass halves: 80 → 40 after one, 40 → 20 after two, and one more halving remains.",
  [(r"10 \text{ g}","unit"),("10 grams","unit word")],[("20","stopped one half-life early"),("26.7","divided by 3")])
B("pens","gsm","Pens cost $2.70 each. How much do 7 pens cost?","18.90",
  "Multiply 2.70 by 7: 2 × 7 = 14 and 0.70 × 7 = 4.90.",
  [(r"\$18.90","dollar"),("18.9","dropped trailing zero")],[("18.09","digit swap"),("14.90","wrong")])
B("mean","gsm","What is the mean of 4, 8, 15, 16, 23, 42?","18",
  "The sum is 4 + 8 + 15 + 16 + 23 + 42 = 108, and there are 6 numbers.",
  [("18","plain"),("18.0","decimal")],[("15.5","median instead of mean"),("108","sum")])
B("seconds","gsm","How many seconds are in one day?","86400",
  "A day has 24 hours, each hour 60 minutes, each minute 60 seconds: 24 × 60 × 60.",
  [("86,400","comma"),(r"86{,}400 \text{ seconds}","LaTeX separator with unit")],[("8640","dropped a zero"),("1440","minutes per day")])
B("percent","gsm","What percent of 80 is 20?","25",
  "We compute 20/80 and convert to a percent by multiplying by 100.",
  [(r"25\%","percent sign"),("25 percent","word")],[("4","ratio inverted"),("400","80/20 as percent")],
  [("0.25","question asks for a percent; 0.25 is the fraction")])
# ---- competition / MATH style ----
B("marbles","comp","12 of 16 marbles are red. What fraction of the marbles are red?",r"\frac{3}{4}",
  "There are 12 red marbles out of 16 total, giving 12/16; divide top and bottom by 4.",
  [(r"\dfrac{3}{4}","dfrac"),("3/4","slash"),("0.75","exact decimal")],[(r"\frac{4}{3}","inverted"),(r"\frac{1}{4}","complement")])
B("mixed","comp",r"Compute $1\frac{3}{4} + \frac{3}{4}$.",r"2\frac{1}{2}",
  "Three quarters plus three quarters is 6/4 = 3/2, and we add the whole number 1.",
  [(r"\frac{5}{2}","improper fraction equal to mixed number"),("2.5","decimal"),("5/2","slash"),(r"2 \frac{1}{2}","mixed with space")],
  [(r"2\frac{1}{4}","wrong fraction part"),(r"1\frac{3}{4}","forgot to add")])
B("speed","comp","Convert 60 km/h to meters per second.",r"\frac{50}{3}",
  "60 km/h means 60000 m per 3600 s.",
  [(r"16\frac{2}{3}","mixed number"),("50/3","slash")],[(r"\frac{5}{3}","off by factor 10"),("216","multiplied by 3.6")])
B("div360","comp","How many positive divisors does 360 have?","24",
  "Factor $360 = 2^3 \\cdot 3^2 \\cdot 5$, then multiply (exponent + 1) over the primes: (3+1)(2+1)(1+1).",
  [("24","plain")],[("23","excluded 1 or n"),("12","wrong")])
B("mod7","comp","Find the remainder when $2^{100}$ is divided by 7.","2",
  "Since $2^3 = 8 \\equiv 1 \\pmod 7$ and $100 = 3 \\cdot 33 + 1$, we reduce the exponent.",
  [("2","plain")],[("1","wrong reduction"),("4","wrong")])
B("gcd","comp","Find gcd(84, 126).","42",
  "84 = 2^2·3·7 and 126 = 2·3^2·7; take the minimum power of each prime.",
  [("42","plain")],[("21","missed factor 2"),("252","lcm")])
B("lcm","comp","Find lcm(12, 18).","36",
  "12 = 2^2·3 and 18 = 2·3^2; take the maximum power of each prime.",
  [("36","plain")],[("6","gcd"),("216","product")])
B("choose","comp","In how many ways can 3 people be chosen from 10?","120",
  "This is $\\binom{10}{3} = \\frac{10 \\cdot 9 \\cdot 8}{3 \\cdot 2 \\cdot 1}$.",
  [("120","plain")],[("720","ordered selections"),("30","wrong")])
B("heads2","comp","A fair coin is flipped 3 times. What is the probability of exactly two heads?",r"\frac{3}{8}",
  "There are $\\binom{3}{2} = 3$ favorable outcomes out of $2^3 = 8$.",
  [(r"\frac{3}{8}","same"),("0.375","exact decimal")],[(r"\frac{1}{2}","wrong"),(r"\frac{3}{4}","wrong")],
  [(r"37.5\%","probability given as percent")])
B("hexagon","comp","What is the sum of the interior angles of a hexagon, in degrees?","720",
  "The sum of interior angles is (n − 2)·180° with n = 6.",
  [(r"720^\circ","degree symbol"),("720 degrees","word")],[(r"1080^\circ","octagon"),(r"120^\circ","one angle")])
B("heron","comp","Find the area of a triangle with sides 13, 14, 15.","84",
  "Heron: s = (13+14+15)/2 = 21, so the area is √(21·8·7·6) = √7056.",
  [("84","plain"),(r"\sqrt{7056}","unsimplified radical equal to 84")],[("42","halved"),("168","doubled")])
B("dist","comp","Find the distance between (1,2) and (4,6).","5",
  "Distance = √((4−1)^2 + (6−2)^2) = √(9+16).",
  [("5","plain"),(r"\sqrt{25}","unsimplified but equal")],[("25","forgot square root"),("7","added legs")])
B("hyp","comp","A right triangle has legs 5 and 12. Find the hypotenuse.","13",
  "c = √(5^2 + 12^2) = √(25 + 144).",
  [("13","plain")],[(r"\sqrt{119}","subtracted squares"),("17","added legs")])
B("area16","comp","Find the area of a circle of radius 4.",r"16\pi",
  "A = πr^2 with r = 4.",
  [(r"16 \pi","space"),(r"\pi \cdot 16","reordered"),(r"16\pi \text{ square units}","units text")],[(r"8\pi","circumference"),("16","dropped pi")])
B("sphere","comp","Find the volume of a sphere of radius 3.",r"36\pi",
  "V = (4/3)πr^3 = (4/3)π·27.",
  [(r"\frac{108\pi}{3}","unreduced but equal"),(r"36 \pi","space")],[(r"108\pi","forgot 1/3"),(r"12\pi","wrong")])
B("log","comp",r"Evaluate $\log_2 64$.","6",
  "64 is a power of 2: 2·2·2·2·2·2.",
  [("6","plain")],[("32","halved"),("8","square root")])
B("lin","comp","Solve 3x − 7 = 11.","6",
  "Add 7 to both sides to get 3x = 18, then divide by 3.",
  [("x = 6","equation form"),("x=6","no spaces")],[(r"x = \frac{4}{3}","sign error"),("x = 18","forgot to divide")])
B("ff","comp","If f(x) = x^2 + 1, find f(f(1)).","5",
  "f(1) = 1^2 + 1 = 2, then apply f again.",
  [("5","plain")],[("2","only one application"),("4","forgot +1")])
B("vieta","comp","Find the sum of the roots of 2x^2 − 7x + 3 = 0.",r"\frac{7}{2}",
  "By Vieta, the sum of roots is −b/a with a = 2 and b = −7.",
  [("3.5","decimal"),("7/2","slash"),(r"\dfrac72","dfrac shorthand")],[(r"-\frac{7}{2}","sign error"),(r"\frac{3}{2}","product of roots")])
B("cubic","comp","Find the product of the roots of x^3 − 6x^2 + 11x − 6 = 0.","6",
  "For a monic cubic x^3 + ax^2 + bx + c, the product of roots is −c; here c = −6.",
  [("6","plain")],[("-6","sign error"),("11","wrong coefficient")])
B("zeros","comp","How many trailing zeros does 100! have?","24",
  "Count the factors of 5: ⌊100/5⌋ + ⌊100/25⌋.",
  [("24","plain")],[("20","forgot 25s"),("25","wrong")])
B("units","comp",r"What is the units digit of $7^{2023}$?","3",
  "Units digits of powers of 7 cycle 7, 9, 3, 1 with period 4, and 2023 ≡ 3 (mod 4).",
  [("3","plain")],[("7","wrong cycle index"),("9","wrong cycle index")])
B("cancel","comp",r"Simplify $\frac{x^2-9}{x-3}$.","x+3",
  "Factor the numerator as a difference of squares (x − 3)(x + 3) and cancel the common factor.",
  [("3 + x","reordered"),("x + 3","spaces")],[("x-3","sign error"),("x^2+3","wrong")])
B("factor","comp","Factor x^2 − 5x + 6.","(x-2)(x-3)",
  "We need two numbers whose product is 6 and whose sum is −5.",
  [("(x-3)(x-2)","factor order swapped"),("(x - 2)(x - 3)","spaces")],[("(x+2)(x+3)","sign error"),("(x-1)(x-6)","wrong pair")],
  [("x^2-5x+6","restated unfactored polynomial; equal but not factored")])
B("cos","comp",r"Compute $\cos \frac{2\pi}{3}$.",r"-\frac{1}{2}",
  "2π/3 is in the second quadrant with reference angle π/3, and cosine is negative there.",
  [("-0.5","decimal"),("-1/2","slash"),(r"\frac{-1}{2}","sign in numerator")],[(r"\frac{1}{2}","sign error"),(r"-\frac{\sqrt{3}}{2}","sine value")])
B("absval","comp","Find all solutions of |x − 3| = 5.","-2, 8",
  "Either x − 3 = 5 or x − 3 = −5.",
  [("8, -2","order irrelevant for a solution set"),(r"x = -2 \text{ or } x = 8","prose set"),(r"\{-2, 8\}","set braces")],
  [("8","missing a root"),("-8, 2","sign errors")])
B("domain","comp",r"Find the domain of $\sqrt{x-2}$.",r"[2,\infty)",
  "We need the radicand to be nonnegative: x − 2 ≥ 0.",
  [(r"x \geq 2","inequality form"),(r"[2, \infty)","spaces")],[(r"(2,\infty)","open endpoint"),(r"(-\infty, 2]","wrong side")])
B("aime7","comp","How many positive integers less than 1000 are divisible by 7?","142",
  "The count is ⌊999/7⌋.",
  [("142","plain")],[("143","off by one"),("141","off by one")])
B("aime3","comp","Find the remainder when $3^{100}$ is divided by 1000.","1",
  "By Carmichael's theorem λ(1000) = 100 and gcd(3, 1000) = 1.",
  [("001","AIME-style leading zeros"),("1","plain")],[("401","wrong"),("0","wrong")])
B("aime738","comp","Find the number of ordered pairs (a,b) of positive integers with a + b = 1000 such that neither a nor b has a zero digit.","738",
  "Count a from 1 to 999 and exclude those where a or 1000 − a contains a 0 digit, using casework on the digits.",
  [("738","plain"),("0738","leading zero")],[("729","9^3 count only"),("801","wrong")])
B("telescope","comp",r"Compute $\sum_{n=1}^{99} \frac{1}{n(n+1)}$.",r"\frac{99}{100}",
  "Each term is 1/n − 1/(n+1), so the sum telescopes to 1 − 1/100.",
  [("0.99","exact decimal"),("99/100","slash")],[(r"\frac{100}{101}","off by one"),(r"\frac{1}{100}","kept only the tail")])
B("cross","comp",r"Compute $\begin{pmatrix}1\\0\\0\end{pmatrix} \times \begin{pmatrix}0\\1\\0\end{pmatrix}$.",r"\begin{pmatrix} 0 \\ 0 \\ 1 \end{pmatrix}",
  "This is i × j, which we get from the determinant formula with rows (i, j, k), (1, 0, 0), (0, 1, 0).",
  [("(0,0,1)","tuple form of the vector"),(r"\begin{bmatrix}0\\0\\1\end{bmatrix}","bmatrix"),(r"\langle 0, 0, 1 \rangle","angle brackets")],
  [(r"\begin{pmatrix} 0 \\ 0 \\ -1 \end{pmatrix}","sign (j × i)"),("(1,1,0)","wrong")])
B("ipow","comp",r"Compute $i^{2023}$.","-i",
  "Powers of i cycle with period 4, and 2023 = 4·505 + 3, so we need i^3.",
  [("-i","same")],[("i","sign error"),("-1","wrong power")])
B("imag","comp","Solve x^2 + 4 = 0.","2i, -2i",
  "We have x^2 = −4, so x = ±√(−4).",
  [(r"\pm 2i","plus-minus"),("-2i, 2i","order swapped"),(r"x = 2i \text{ or } x = -2i","prose")],[("2i","missing a root"),(r"\pm 2","dropped i")])
B("repdec","comp",r"Write $0.\overline{3}$ as a common fraction.",r"\frac{1}{3}",
  "Let x = 0.333…; then 10x − x = 3.",
  [("1/3","slash"),(r"\frac{3}{9}","unreduced but equal")],[(r"\frac{3}{10}","truncated decimal"),(r"\frac{33}{100}","truncated decimal")])
B("arith","comp","Find the 20th term of 3, 7, 11, ….","79",
  "a_n = 3 + (n − 1)·4 with n = 20.",
  [("79","plain")],[("83","off by one term"),("75","off by one term")])
B("geo2","comp","Compute 1 + 1/2 + 1/4 + ⋯.","2",
  "Geometric series with a = 1 and r = 1/2, so S = a/(1 − r).",
  [("2","plain"),("2.0","decimal")],[("1","wrong"),(r"\infty","claimed divergence")])
B("geo3","comp","Compute 3 + 1 + 1/3 + ⋯.",r"\frac{9}{2}",
  "Here a = 3 and r = 1/3, so S = 3/(1 − 1/3).",
  [("4.5","decimal"),(r"4\frac{1}{2}","mixed number")],[(r"\frac{9}{4}","wrong"),(r"\frac{3}{2}","wrong")])
B("day","comp","What day of the week is 100 days after a Monday?",r"\text{Wednesday}",
  "100 = 7·14 + 2, so we move 2 days forward from Monday.",
  [("Wednesday","plain word"),(r"\textbf{Wednesday}","bold")],[("Tuesday","off by one"),("Thursday","off by one")])
B("prime221","comp","Is 221 prime? Answer yes or no.",r"\text{No}",
  "Check small primes: 221 = 13 × 17.",
  [("No","plain"),("no, 221 is not prime","sentence")],[("Yes","wrong")])
B("minq","comp","Find the minimum value of x^2 − 6x + 13.","4",
  "Complete the square: x^2 − 6x + 13 = (x − 3)^2 + 4, and a square is at least 0.",
  [("4","plain")],[("3","gave the minimizer x"),("13","wrong")])
B("vertex","comp","Find the vertex of y = x^2 − 6x + 13.","(3,4)",
  "The vertex x-coordinate is −b/(2a) = 3; substitute to get the y-coordinate.",
  [("(3, 4)","spaces"),(r"\left(3,4\right)","left/right")],[("(4,3)","swapped coordinates"),("(-3,4)","sign error")])
B("radius","comp","Find the radius of the circle x^2 + y^2 − 6x + 8y = 0.","5",
  "Completing the square gives (x − 3)^2 + (y + 4)^2 = 9 + 16.",
  [("5","plain"),("r = 5","equation form")],[("25","radius squared"),(r"\sqrt{7}","wrong")])
B("center","comp","Find the center of the circle x^2 + y^2 − 6x + 8y = 0.","(3,-4)",
  "Completing the square gives (x − 3)^2 + (y + 4)^2 = 25.",
  [("(3, -4)","spaces")],[("(-3, 4)","sign errors"),("(3, 4)","sign error")])
B("expand","comp","Expand (x + 1)^3.","x^3+3x^2+3x+1",
  "Use the binomial theorem with coefficients 1, 3, 3, 1.",
  [("1 + 3x + 3x^2 + x^3","ascending order"),("x^3 + 3x^2 + 3x + 1","spaces")],[("x^3 + x^2 + x + 1","wrong coefficients"),("x^3+1","dropped middle terms")],
  [("(x+1)^3","restated the unexpanded expression")])
B("deriv","comp","Differentiate x^3 sin x.",r"3x^2\sin x + x^3\cos x",
  "Product rule: (x^3)' sin x + x^3 (sin x)'.",
  [(r"x^2(3\sin x + x\cos x)","factored"),(r"x^3\cos x + 3x^2\sin x","reordered")],[(r"3x^2\cos x","wrong rule"),(r"3x^2 \sin x - x^3\cos x","sign error")])
B("integral","comp",r"Evaluate $\int_0^1 x^2\,dx$.",r"\frac{1}{3}",
  "An antiderivative is x^3/3; evaluate between 0 and 1.",
  [("1/3","slash"),(r"0.\overline{3}","repeating decimal")],[(r"\frac{1}{2}","wrong"),("3","inverted")])
B("sinc","comp",r"Evaluate $\lim_{x\to 0} \frac{\sin x}{x}$.","1",
  "Standard limit, e.g. by L'Hôpital: cos x / 1 at x = 0.",
  [("1","plain")],[("0","wrong"),(r"\infty","wrong")])
B("exp2","comp","Solve 2^x = 32.","5",
  "32 = 2^5, so compare exponents.",
  [("x=5","equation")],[("x = 16","halved"),("x=6","off by one")])
B("diag","comp","How many diagonals does a decagon have?","35",
  "Use n(n − 3)/2 with n = 10.",
  [("35","plain")],[("45","included sides"),("70","forgot to halve")])
B("equi","comp","Find the area of an equilateral triangle with side 6.",r"9\sqrt{3}",
  "Area = (√3/4)·s^2 with s = 6.",
  [(r"\sqrt{243}","unsimplified radical, equal"),(r"9 \sqrt 3","no braces"),(r"\frac{36\sqrt{3}}{4}","unreduced")],[(r"36\sqrt{3}","forgot /4"),(r"18\sqrt{3}","wrong")])
B("tan60","comp",r"Compute $\tan 60^\circ$.",r"\sqrt{3}",
  "tan 60° = sin 60° / cos 60° = (√3/2)/(1/2).",
  [(r"\sqrt 3","no braces"),(r"\frac{3}{\sqrt{3}}","unrationalized equal form")],[(r"\frac{\sqrt{3}}{3}","tan 30"),(r"\frac{1}{2}","cos 60")])
B("surd","comp",r"Simplify $\sqrt{50} + \sqrt{8}$.",r"7\sqrt{2}",
  "√50 = 5√2 and √8 = 2√2.",
  [(r"7 \sqrt{2}","space")],[(r"\sqrt{58}","added radicands"),(r"10\sqrt{2}","wrong")],
  [(r"\sqrt{98}","equal but not simplified (question says simplify)")])
B("ration","comp",r"Rationalize the denominator of $\frac{1}{\sqrt{3}-1}$.",r"\frac{\sqrt{3}+1}{2}",
  "Multiply numerator and denominator by √3 + 1; the denominator becomes 3 − 1.",
  [(r"\frac{1+\sqrt{3}}{2}","reordered numerator"),(r"\frac{1}{2} + \frac{\sqrt{3}}{2}","split"),(r"\frac{\sqrt3 + 1}{2}","no braces")],
  [(r"\frac{\sqrt{3}-1}{2}","sign error"),(r"\sqrt{3}+1","forgot denominator")])
B("x2eq2x","comp","Solve x^2 = 2x.","0, 2",
  "Move everything to one side: x^2 − 2x = 0, i.e. x(x − 2) = 0.",
  [("2, 0","order swapped"),("x = 0, 2","prose"),(r"\{0,2\}","set")],[("2","divided by x and lost root"),("0, -2","sign error")])
B("lpf","comp","What is the largest prime factor of 221?","17",
  "Trial division: 221 = 13 × 17.",
  [("17","plain")],[("13","smaller factor"),("221","not prime")])
B("digits","comp",r"What is the sum of the digits of $2^{10}$?","7",
  "2^10 = 1024.",
  [("7","plain")],[("1024","the number itself"),("8","wrong")])
B("ineq1","comp","Solve x^2 − 4 < 0.","(-2,2)",
  "x^2 < 4 means |x| < 2.",
  [("-2 < x < 2","inequality"),("(-2, 2)","spaces")],[("[-2,2]","closed endpoints"),(r"(-\infty,-2)\cup(2,\infty)","complement")])
B("ineq2","comp","Solve x^2 − 4 ≥ 0.",r"(-\infty,-2]\cup[2,\infty)",
  "x^2 ≥ 4 means |x| ≥ 2.",
  [(r"x \le -2 \text{ or } x \ge 2","inequality prose"),(r"(-\infty, -2] \cup [2, \infty)","spaces")],[("[-2, 2]","wrong region"),(r"(-\infty,-2)\cup(2,\infty)","open endpoints")])
B("dice7","comp","Two fair dice are rolled. What is the probability the sum is 7?",r"\frac{1}{6}",
  "Six ordered pairs (1,6), (2,5), …, (6,1) out of 36.",
  [(r"\frac{6}{36}","unreduced but equal"),("1/6","slash")],[(r"\frac{1}{12}","unordered count"),(r"\frac{7}{36}","wrong")])
B("die","comp","What is the expected value of a fair six-sided die?","3.5",
  "E = (1+2+3+4+5+6)/6 = 21/6.",
  [(r"\frac{7}{2}","fraction"),(r"3\frac{1}{2}","mixed number")],[("3","rounded down"),("21","sum")])
B("det","comp",r"Compute $\det\begin{pmatrix}6&5\\2&3\end{pmatrix}$.","8",
  "det = 6·3 − 5·2.",
  [("8","plain")],[("28","added the products"),("-8","sign error")])
B("eig","comp",r"Find the eigenvalues of $\begin{pmatrix}2&0\\0&3\end{pmatrix}$.","2, 3",
  "The matrix is diagonal, so its eigenvalues are the diagonal entries.",
  [("3, 2","order irrelevant"),(r"\lambda = 2, 3","prose")],[("2","missing one"),(r"\lambda = 5","trace")])
B("base8","comp","Express 100 (base 10) in base 8.","144_8",
  "100 = 1·64 + 4·8 + 4.",
  [("144_{8}","braces"),("144","base omitted; question fixes the base")],[("441_8","reversed digits"),("143_8","off by one")])
B("hex","comp",r"Convert $2A_{16}$ to base 10.","42",
  "2A_16 = 2·16 + 10.",
  [("42","plain")],[("26","treated A as 6?"),("210","wrong")])
B("base2","comp","Express 11 (base 10) in base 2.","1011_2",
  "11 = 8 + 2 + 1 = 1·2^3 + 0·2^2 + 1·2 + 1.",
  [("1011_{2}","braces"),("1011","base omitted")],[("1101_2","reversed digits"),("111_2","wrong")],
  [("11","gave decimal instead of base 2")])
B("arc","comp","Find the arc length of a sector of radius 6 with central angle 60°.",r"2\pi",
  "s = rθ with r = 6 and θ = π/3.",
  [(r"2 \pi","space")],[(r"6\pi","wrong"),(r"\frac{\pi}{3}","gave the angle")])
B("subsets","comp","How many subsets does a 5-element set have?","32",
  "Each element is either in or out.",
  [("32","plain"),("2^5","unevaluated power, equal")],[("31","excluded empty set"),("25","5^2")])
B("square","comp","A square has area 49. What is its perimeter?","28",
  "The side is √49 = 7.",
  [("28","plain")],[("7","side only"),("14","wrong")])
B("third","comp","Solve x/3 + 2 = 5.","9",
  "Subtract 2 to get x/3 = 3, then multiply by 3.",
  [("x = 9","equation")],[("x = 1","divided"),("x = 21","wrong")])
B("median","comp","Find the median of 3, 11, 1, 7, 9.","7",
  "Sort the list in increasing order and take the middle of the five values.",
  [("7","plain")],[("1","middle of the unsorted list"),("31","sum")])
B("fact","comp","Compute 8!/6!.","56",
  "8!/6! = 8 · 7.",
  [("56","plain")],[("48","wrong"),("2","wrong")])
B("cbrt","comp",r"Compute $\sqrt[3]{-8}$.","-2",
  "(−2)^3 = −8.",
  [("-2","plain")],[("2","sign error"),(r"\pm 2","extra root")])
B("floor","comp",r"Compute $\lfloor \sqrt{200} \rfloor$.","14",
  "14^2 = 196 and 15^2 = 225.",
  [("14","plain")],[("15","rounded up"),("14.14","forgot floor")])
B("count50","comp","How many integers n satisfy n^2 < 50?","15",
  "The integers satisfy −7 ≤ n ≤ 7.",
  [("15","plain")],[("7","positive only"),("14","forgot zero")])
B("mod","comp","Find |20 − 21i|.","29",
  "|a + bi| = √(a^2 + b^2) = √(400 + 441).",
  [("29","plain")],[("41","added parts"),("841","squared modulus")])
B("sin35","comp","If tan θ = 3/4 and θ is acute, find sin θ.",r"\frac{3}{5}",
  "Take opposite 3 and adjacent 4; the hypotenuse is 5.",
  [("0.6","decimal"),("3/5","slash")],[(r"\frac{4}{5}","cosine"),(r"\frac{3}{4}","tangent")])
B("log3","comp",r"Solve $\log_3 x = 4$.","81",
  "Rewrite in exponential form: x = 3^4.",
  [("x=81","equation"),("3^4","unevaluated power, equal")],[("12","multiplied"),("64","4^3")])
B("pent","comp","What is the measure of an interior angle of a regular pentagon, in degrees?",r"108^\circ",
  "Each angle is (5 − 2)·180°/5.",
  [("108","no degree sign"),("108 degrees","word")],[(r"72^\circ","exterior angle"),(r"540^\circ","angle sum")],
  [(r"\frac{3\pi}{5}","radians when degrees asked")])
B("angle30","comp","In a right triangle the side opposite acute angle A is half the hypotenuse. Find A in degrees.",r"30^\circ",
  "sin A = 1/2 and A is acute.",
  [("30","no degree sign"),(r"30^{\circ}","braced circ")],[(r"60^\circ","complementary angle"),(r"150^\circ","obtuse solution")],
  [(r"\frac{\pi}{6}","radians when degrees asked")])
B("mc","comp",r"Which is largest? (A) $2^{10}$ (B) $3^7$ (C) $5^4$ (D) $10^3$ (E) $6^4$",r"\text{(B)}",
  "Compute: 2^10 = 1024, 3^7 = 2187, 5^4 = 625, 10^3 = 1000, 6^4 = 1296.",
  [("B","bare letter"),("(B)","parens"),(r"\textbf{(B)}","bold"),(r"\text{(B) } 3^7","letter with choice text")],
  [("(E)","second largest"),(r"\text{(A)}","wrong")],[("2187","value instead of letter")])
B("cplx","comp",r"Compute $(2+i)^2$.","3+4i",
  "(2 + i)^2 = 4 + 4i + i^2 and i^2 = −1.",
  [("4i + 3","reordered"),("3 + 4i","spaces")],[("3-4i","conjugate"),("5+4i","treated i^2 as +1")])
B("lim_inf","comp",r"Evaluate $\lim_{x\to 0^+} \frac{1}{x}$.",r"\infty",
  "As x approaches 0 from the right, 1/x grows without bound.",
  [(r"+\infty","explicit plus"),(r"\infty","same")],[("0","wrong"),(r"-\infty","sign error")])
B("sci","comp",r"Compute $(5\times 10^{-2})^2$ in scientific notation.",r"2.5\times 10^{-3}",
  "Square the mantissa and double the exponent: 5^2 = 25 and (10^{-2})^2 = 10^{-4}, then normalize.",
  [(r"2.5 \cdot 10^{-3}","cdot"),(r"2.5 \times 10^{-3}","spaces")],[(r"2.5\times 10^{-4}","forgot to normalize exponent"),(r"25\times10^{-3}","equals 0.025")],
  [("0.0025","equal value but not in requested scientific notation")])
B("line","comp","Find the equation of the line with slope 2 through (1, 5).","y=2x+3",
  "Point-slope form: y − 5 = 2(x − 1).",
  [("y = 3 + 2x","reordered"),("2x - y + 3 = 0","standard form, same line")],[("y = 2x - 3","sign error"),("y = 3x + 2","swapped")])
B("sysy","comp","If x + y = 5 and x − y = 1, what is y?","2",
  "Adding the equations gives 2x = 6, so x = 3. Substitute back into x + y = 5.",
  [("y = 2","equation form")],[("x = 3","answered x instead of y"),("3","value of x")])
B("pair","comp","Solve the system x + y = −1, x − y = 5. Give (x, y).","(2,-3)",
  "Adding the equations gives 2x = 4. Then substitute into x + y = −1.",
  [("(2, -3)","spaces"),("x=2, y=-3","named values")],[("(-3, 2)","swapped"),("(2, 3)","sign error")])
B("quad","comp","Find all solutions of x^2 + 3x − 4 = 0.","1,-4",
  "We need numbers with product −4 and sum 3 to factor the quadratic.",
  [("-4, 1","order swapped"),(r"x = 1 \text{ and } x = -4","prose"),(r"\{1,-4\}","set")],[("-1, 4","sign errors"),("1","missing root")])
B("ineq","comp","Solve −3 ≤ 2x + 1 < 11.","[-2,5)",
  "Subtract 1 from all three parts, then divide by 2.",
  [(r"[-2, 5)","spaces"),(r"-2 \le x < 5","inequality form of the same set")],[("(-2,5)","left endpoint open"),("[-2,5]","right endpoint closed")])
B("matinv","comp",r"Find the inverse of $\begin{pmatrix}1&1\\1&2\end{pmatrix}$.",r"\begin{pmatrix} 2 & -1 \\ -1 & 1 \end{pmatrix}",
  "The determinant is 1·2 − 1·1 = 1. Swap the diagonal entries and negate the off-diagonal ones.",
  [(r"\begin{bmatrix} 2 & -1 \\ -1 & 1 \end{bmatrix}","bmatrix"),(r"\left(\begin{array}{cc} 2 & -1 \\ -1 & 1 \end{array}\right)","array")],
  [(r"\begin{pmatrix} 2 & 1 \\ 1 & 1 \end{pmatrix}","forgot negation"),(r"\begin{pmatrix} 1 & -1 \\ -1 & 2 \end{pmatrix}","forgot to swap")])
B("sqrt12","comp",r"Simplify $\sqrt{12}$.",r"2\sqrt{3}",
  "Factor 12 = 4·3 and take the square root of the perfect-square factor.",
  [(r"2 \sqrt 3","no braces"),(r"2\sqrt3","no braces")],[(r"3\sqrt{2}","swapped"),(r"4\sqrt{3}","forgot root of 4")])
B("sin45","comp",r"Compute $\sin 45^\circ$.",r"\frac{\sqrt{2}}{2}",
  "In a 45-45-90 triangle with legs 1 the hypotenuse is √2; sine is opposite over hypotenuse.",
  [(r"\frac{1}{\sqrt{2}}","unrationalized"),(r"\sqrt{2}/2","slash"),(r"\frac{\sqrt2}{2}","no braces")],[(r"\frac{\sqrt{3}}{2}","sin 60"),(r"\sqrt{2}","inverted")])
B("circ","comp","Find the circumference of a circle of radius 3.",r"6\pi",
  "C = 2πr with r = 3.",
  [(r"6 \pi","space"),(r"\pi \cdot 6","reordered")],[(r"9\pi","area"),(r"3\pi","forgot 2")])
B("gauss","comp","Compute 1 + 2 + ⋯ + 100.","5050",
  "Use n(n + 1)/2 with n = 100.",
  [("5,050","comma"),("5050","plain")],[("5000","wrong"),("10100","forgot to halve")])
B("dot","comp",r"Compute $(1,2,3)\cdot(4,-5,6)$.","12",
  "Multiply componentwise and add: 4 + (−10) + 18.",
  [("12","plain")],[("-12","sign error"),("(4,-10,18)","componentwise product, not dot product")])
B("fact6","comp","Find the smallest n such that n! ends in exactly 6 zeros.","25",
  "24! has ⌊24/5⌋ = 4 trailing zeros; the count jumps when the next multiple of 5 is included, and a multiple of 25 contributes two fives.",
  [("25","plain"),("n = 25","equation")],[("30","wrong"),("24","wrong")])
B("atleast","comp","A fair coin is flipped 4 times. What is the probability of at least one head?",r"\frac{15}{16}",
  "Use the complement: 1 − P(no heads) = 1 − (1/2)^4.",
  [("0.9375","exact decimal"),("15/16","slash")],[(r"\frac{1}{16}","complement"),(r"\frac{3}{4}","wrong")])
B("sqdiag","comp","Find the length of the diagonal of a square with side 1.",r"\sqrt{2}",
  "By the Pythagorean theorem the diagonal is √(1^2 + 1^2).",
  [(r"\sqrt 2","no braces")],[("2","forgot root"),(r"\frac{\sqrt{2}}{2}","halved")])
B("ecirc","comp","A circle has area 10. Find its radius.",r"\sqrt{\frac{10}{\pi}}",
  "From πr^2 = 10 we get r^2 = 10/π.",
  [(r"\frac{\sqrt{10}}{\sqrt{\pi}}","split radical"),(r"\sqrt{\frac{10\pi}{\pi^2}}","equal radicand"),(r"\frac{\sqrt{10\pi}}{\pi}","rationalized")],
  [(r"\frac{10}{\pi}","forgot square root"),(r"\sqrt{10\pi}","wrong")])
B("leg7","comp","A right isosceles triangle has legs of length 7. Find the hypotenuse.",r"7\sqrt{2}",
  "c = √(7^2 + 7^2) = √98.",
  [(r"\sqrt{98}","unsimplified radical, equal (question does not ask to simplify)")],[("14","added legs"),("98","forgot root")])
