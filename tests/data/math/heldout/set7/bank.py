# -*- coding: utf-8 -*-
"""Problem bank for held-out set 7: multimodal / agent-style questions (charts, geometry
figures, tables, counting, spatial/video) answered by small RL-trained VLMs in R1 format.

Each problem:
  key, domain, kind ('num' | 'word' | 'mc'), problem (text the model saw; <image>/<video> is the
  visual placeholder), gold (as a dataset stores it), data (what the figure/table shows),
  derive (python/sympy expression over `data` that recomputes the gold), alts (equivalent
  final answers), wrongs (plausible wrong final answers), think (neutral reasoning snippet used
  by templated cases), and for 'word' problems `cands` (candidate answers with synonyms) and for
  'mc' problems `options` (letter -> option text).

HAND holds individually written full responses; make.py checks them against the gold too.
"""

S_R1 = "Output the thinking process in <think> </think> and final answer in <answer> </answer> tags."
S_NUM = "Output the thinking process in <think> </think> and final answer (number) in <answer> </answer> tags."
S_MC = "Output the thinking process in <think> </think> and final answer (option letter) in <answer> </answer> tags."
S_VSI_NUM = "Please answer the question using a single word or phrase. " + S_R1
S_VSI_MC = "Answer with the option's letter from the given choices directly. " + S_R1
S_MATHVISTA = "Hint: Please answer the question and provide the correct option letter, e.g., A, B, C, D, at the end."


def img(q, suffix=S_R1):
    return "<image>\n" + q + ("\n" + suffix if suffix else "")


def vid(q, suffix=S_VSI_NUM):
    return "<video>\nThese are frames of a video.\n" + q + ("\n" + suffix if suffix else "")


MONTHS = [["January", "Jan"], ["February", "Feb"], ["March", "Mar"], ["April", "Apr"],
          ["May"], ["June", "Jun", "六月"], ["July", "Jul", "七月"], ["August", "Aug"]]
DAYS = [["Monday", "Mon"], ["Tuesday", "Tue"], ["Wednesday", "Wed"], ["Thursday", "Thu"],
        ["Friday", "Fri"], ["Saturday", "Sat", "星期六"], ["Sunday", "Sun", "星期日"]]

PROBLEMS = [
    # ------------------------------------------------------------------ charts
    dict(key="c_fruit", domain="chart", kind="num",
         problem=img("According to the bar chart, how many more apples than oranges were sold on Saturday?", S_NUM),
         gold="17", data={"Apples": 45, "Bananas": 32, "Oranges": 28, "Grapes": 19},
         derive="data['Apples'] - data['Oranges']",
         alts=["17", "17 apples", "17.0", "seventeen"], wrongs=["13", "73", "45", "16"],
         think="The apple bar reaches 45 and the orange bar reaches 28, so I compare the two heights."),
    dict(key="c_temp", domain="chart", kind="word",
         problem=img("According to the line graph, in which month was the average temperature the highest?"),
         gold="June", data={"March": 12, "April": 16, "May": 21, "June": 25, "July": 24},
         derive="max(data, key=data.get)", cands=MONTHS,
         alts=["June", "june", "Jun", "In June"], wrongs=["July", "May"],
         think="Reading the points of the line from left to right: March 12, April 16, May 21, June 25, July 24."),
    dict(key="c_pie", domain="chart", kind="num",
         problem=img("The pie chart shows how Maya spends her monthly budget. What fraction of her budget goes to food? Express your answer as a common fraction."),
         gold=r"\frac{1}{5}", data={"Rent": 40, "Food": 20, "Transport": 15, "Savings": 25},
         derive="Rational(data['Food'], sum(data.values()))",
         alts=["1/5", r"\dfrac{1}{5}", "0.2", r"\frac{1}{5}"], wrongs=[r"\frac{1}{4}", "20", r"\frac{2}{5}"],
         think="The food sector of the pie chart is labeled 20%, and the four sectors add up to 100%."),
    dict(key="c_avg", domain="chart", kind="num",
         problem=img("The bar chart shows the number of books read by four students. What is the average number of books read per student?", S_NUM),
         gold="14", data={"Ana": 12, "Ben": 15, "Cy": 9, "Dee": 20},
         derive="Rational(sum(data.values()), len(data))",
         alts=["14", "14 books", "14.0"], wrongs=["56", "15", "13.5"],
         think="The four bars show 12, 15, 9 and 20 books."),
    dict(key="c_pct", domain="chart", kind="num",
         problem=img("According to the chart, by what percent did the company's revenue increase from 2020 to 2021?"),
         gold=r"25\%", data={"2020": 80, "2021": 100},
         derive="Rational(data['2021'] - data['2020'], data['2020']) * 100",
         alts=["25%", "25", "25 percent", r"25\%"], wrongs=["20%", "20", "125%"],
         think="The 2020 bar is at 80 million dollars and the 2021 bar is at 100 million dollars."),
    dict(key="c_ratio", domain="chart", kind="num",
         problem=img("In the bar chart, what is the ratio of boys to girls in the chess club? Give your answer as a fraction in simplest form."),
         gold=r"\frac{3}{2}", data={"boys": 18, "girls": 12},
         derive="Rational(data['boys'], data['girls'])",
         alts=["3/2", "1.5", r"\dfrac{3}{2}", "3:2"], wrongs=[r"\frac{2}{3}", "6", r"\frac{3}{5}"],
         think="The boys bar is at 18 and the girls bar is at 12."),
    dict(key="c_visit", domain="chart", kind="num",
         problem=img("The line chart shows the number of visitors (in thousands) to a museum. How many thousand more visitors were there in 2019 than in 2016?", S_NUM),
         gold="18", data={"2016": 34, "2017": 41, "2018": 47, "2019": 52},
         derive="data['2019'] - data['2016']",
         alts=["18", "18 thousand", "18.0"], wrongs=["86", "12", "17"],
         think="The point for 2016 is at 34 and the point for 2019 is at 52 (thousands)."),
    dict(key="c_total", domain="chart", kind="num",
         problem=img("According to the bar graph, how many students chose soccer or basketball in total?", S_NUM),
         gold="43", data={"soccer": 24, "basketball": 19, "tennis": 11, "swimming": 16},
         derive="data['soccer'] + data['basketball']",
         alts=["43", "43 students", "forty-three"], wrongs=["70", "24", "42"],
         think="The soccer bar is at 24, basketball at 19, tennis at 11 and swimming at 16."),
    # ------------------------------------------------------------------ tables
    dict(key="t_cost", domain="table", kind="num",
         problem=img("Look at the price list in the table. How much would it cost to buy 3 notebooks and 2 pens? (Unit: $)"),
         gold="10", data={"notebook": "2.50", "pen": "1.25", "eraser": "0.75"},
         derive="3*Rational(data['notebook']) + 2*Rational(data['pen'])",
         alts=["$10", r"\$10.00", "10 dollars", "10.00"], wrongs=["3.75", "11.25", "7.50"],
         think="From the table, a notebook costs $2.50, a pen costs $1.25 and an eraser costs $0.75."),
    dict(key="t_median", domain="table", kind="num",
         problem=img("The table shows the number of books each student read this summer. What is the median of the numbers?", S_NUM),
         gold="6", data={"Kai": 3, "Lena": 7, "Omar": 5, "Pia": 8, "Rosa": 6},
         derive="sorted(data.values())[len(data)//2]",
         alts=["6", "6 books", "6.0"], wrongs=["5", "5.8", "7"],
         think="The table lists Kai 3, Lena 7, Omar 5, Pia 8 and Rosa 6."),
    dict(key="t_day", domain="table", kind="word",
         problem=img("Look at the table. Which day had the most visitors at the aquarium?"),
         gold="Saturday", data={"Monday": 320, "Friday": 410, "Saturday": 585, "Sunday": 540},
         derive="max(data, key=data.get)", cands=DAYS,
         alts=["Saturday", "saturday", "Sat", "On Saturday"], wrongs=["Sunday", "Friday"],
         think="The visitor counts are Monday 320, Friday 410, Saturday 585 and Sunday 540."),
    dict(key="t_stem", domain="table", kind="num",
         problem=img("The stem-and-leaf plot shows the test scores of a class. How many students scored at least 70 points?", S_NUM),
         gold="7", data={5: [2, 8], 6: [1, 4, 9], 7: [0, 3, 3, 8], 8: [2, 5], 9: [1]},
         derive="sum(len(v) for s, v in data.items() if s >= 7)",
         alts=["7", "7 students", "seven"], wrongs=["4", "10", "6"],
         think="The stems are 5 | 2 8, 6 | 1 4 9, 7 | 0 3 3 8, 8 | 2 5 and 9 | 1."),
    dict(key="t_rate", domain="table", kind="num",
         problem=img("The table shows the distance a cyclist has traveled after each hour. What is the rate of change between 2 hours and 5 hours, in kilometers per hour?"),
         gold="15", data={1: 15, 2: 30, 3: 45, 4: 60, 5: 75},
         derive="Rational(data[5] - data[2], 5 - 2)",
         alts=["15", "15 km/h", "15 kilometers per hour"], wrongs=["45", "3", "25"],
         think="At 2 hours the distance is 30 km and at 5 hours it is 75 km."),
    # ------------------------------------------------------------------ geometry
    dict(key="g_tri", domain="geometry", kind="num",
         problem=img("In the figure, ∠A = 50° and ∠B = 65°. Find the measure of ∠C."),
         gold=r"65^\circ", data={"A": 50, "B": 65},
         derive="180 - data['A'] - data['B']",
         alts=["65", "65°", r"65^{\circ}", r"\angle C = 65^\circ"], wrongs=["115", "50", "75"],
         think="The angles of a triangle add up to 180°, and ∠A = 50°, ∠B = 65°."),
    dict(key="g_par", domain="geometry", kind="num",
         problem=img("In the figure, lines l and m are parallel. The transversal t forms ∠1 = 72° and ∠2 = x°, where ∠1 and ∠2 are same-side interior angles. Find x.", S_NUM),
         gold="108", data={"angle1": 72},
         derive="180 - data['angle1']",
         alts=["108", "x = 108", "108°"], wrongs=["72", "18", "118"],
         think="Lines l and m are parallel and ∠1 = 72° lies on the same side of the transversal as ∠2."),
    dict(key="g_hyp", domain="geometry", kind="num",
         problem=img("In the figure, right triangle ABC has legs AC = 3 and BC = 6. Find the length of the hypotenuse AB."),
         gold=r"3\sqrt{5}", data={"AC": 3, "BC": 6},
         derive="sqrt(data['AC']**2 + data['BC']**2)",
         alts=[r"\sqrt{45}", "3√5", "6.708", r"3 \sqrt 5", "AB = 3\\sqrt{5}"], wrongs=["9", "6.7", r"5\sqrt{3}", r"\sqrt{27}"],
         think="The legs are AC = 3 and BC = 6, so I use the Pythagorean theorem."),
    dict(key="g_insc", domain="geometry", kind="num",
         problem=img("In the figure, O is the center of the circle and the central angle ∠AOB = 80°. Find the inscribed angle ∠ACB (in degrees).", S_NUM),
         gold="40", data={"AOB": 80},
         derive="Rational(data['AOB'], 2)",
         alts=["40", "40°", r"40^\circ", "40 degrees"], wrongs=["80", "160", "50"],
         think="∠ACB and the central angle ∠AOB = 80° subtend the same arc AB."),
    dict(key="g_circ", domain="geometry", kind="num",
         problem=img("The figure shows a circle with radius 3 cm. What is the area of the circle?"),
         gold=r"9\pi", data={"r": 3},
         derive="pi * data['r']**2",
         alts=["9π", r"9\pi \text{ cm}^2", "28.27", r"9\pi"], wrongs=[r"6\pi", "28.3", r"3\pi", "28"],
         think="The radius is 3 cm and the area of a circle is πr²."),
    dict(key="g_equi", domain="geometry", kind="num",
         problem=img("In the figure, equilateral triangle ABC has side length 4. Find the area of triangle ABC."),
         gold=r"4\sqrt{3}", data={"s": 4},
         derive="sqrt(3)/4 * data['s']**2",
         alts=[r"\sqrt{48}", "6.928", "4√3", r"4\sqrt{3}"], wrongs=[r"8\sqrt{3}", "16", r"2\sqrt{3}", "6.93"],
         think="All three sides are 4, so the height is 4·sin 60°."),
    dict(key="g_rect", domain="geometry", kind="num",
         problem=img("In rectangle ABCD shown in the figure, AB = 12 and BC = 5. Find the length of diagonal AC.", S_NUM),
         gold="13", data={"AB": 12, "BC": 5},
         derive="sqrt(data['AB']**2 + data['BC']**2)",
         alts=["13", "AC = 13", "13 units"], wrongs=["17", "60", r"\sqrt{119}"],
         think="Triangle ABC is right-angled at B with legs AB = 12 and BC = 5."),
    dict(key="g_sim", domain="geometry", kind="num",
         problem=img("In the figure, D is on AB and E is on AC with DE ∥ BC. If AD = 4, DB = 6 and DE = 6, find BC."),
         gold="15", data={"AD": 4, "DB": 6, "DE": 6},
         derive="Rational(data['DE'] * (data['AD'] + data['DB']), data['AD'])",
         alts=["15", "BC = 15", "15.0"], wrongs=["9", "10", "12"],
         think="Since DE ∥ BC, triangle ADE is similar to triangle ABC, with AD = 4 and DB = 6."),
    dict(key="g_3060", domain="geometry", kind="num",
         problem=img("In the figure, triangle ABC has ∠C = 90°, ∠A = 30° and hypotenuse AB = 10. Find the length of AC."),
         gold=r"5\sqrt{3}", data={"AB": 10, "A": 30},
         derive="data['AB'] * cos(rad(data['A']))",
         alts=["8.660", r"\frac{10\sqrt{3}}{2}", "5√3", r"AC = 5\sqrt{3}"], wrongs=["5", r"10\sqrt{3}", "8.66", r"\frac{5\sqrt{3}}{3}"],
         think="AC is the leg adjacent to the 30° angle at A and AB = 10 is the hypotenuse."),
    dict(key="g_hex", domain="geometry", kind="num",
         problem=img("The figure shows a regular hexagon. What is the measure of each interior angle?"),
         gold=r"120^\circ", data={"n": 6},
         derive="Rational((data['n'] - 2) * 180, data['n'])",
         alts=["120", "120°", "120 degrees"], wrongs=["60", "720", "108"],
         think="A regular hexagon has 6 equal sides and 6 equal interior angles."),
    dict(key="g_arc", domain="geometry", kind="num",
         problem=img("In the figure, circle O has radius 6 and ∠AOB = 60°. Find the length of the minor arc AB."),
         gold=r"2\pi", data={"r": 6, "theta": 60},
         derive="Rational(data['theta'], 360) * 2 * pi * data['r']",
         alts=["2π", "6.283", r"\frac{6\pi}{3}", r"2\pi"], wrongs=[r"\pi", "6", "6.28", r"6\pi"],
         think="The central angle is 60° out of 360° and the radius is 6."),
    dict(key="g_iso", domain="geometry", kind="num",
         problem=img("In the figure, AB = AC and ∠BAC = 40°. Find the measure of ∠ABC in degrees.", S_NUM),
         gold="70", data={"BAC": 40},
         derive="Rational(180 - data['BAC'], 2)",
         alts=["70", "70°", r"\angle ABC = 70^\circ"], wrongs=["40", "140", "80"],
         think="Triangle ABC is isosceles with AB = AC and apex angle ∠BAC = 40°."),
    dict(key="g_tan", domain="geometry", kind="num",
         problem=img("In the figure, PA is tangent to circle O at point A, and ∠APO = 28°. Find ∠AOP."),
         gold=r"62^\circ", data={"APO": 28},
         derive="180 - 90 - data['APO']",
         alts=["62", "62°", r"62^{\circ}"], wrongs=["28", "152", "118", "90"],
         think="PA is tangent at A, so the radius OA is perpendicular to PA, and ∠APO = 28°."),
    dict(key="g_perim", domain="geometry", kind="num",
         problem=img("The figure shows a rectangle with length 8 cm and width 5 cm. What is its perimeter?"),
         gold="26", data={"l": 8, "w": 5},
         derive="2 * (data['l'] + data['w'])",
         alts=["26", "26 cm", r"26 \text{ cm}"], wrongs=["40", "13", "21"],
         think="The rectangle is 8 cm long and 5 cm wide."),
    dict(key="g_cn", domain="geometry", kind="num",
         problem=img("如图，在△ABC中，∠A=60°，∠B=50°，则∠C的度数为多少？"),
         gold=r"70^\circ", data={"A": 60, "B": 50},
         derive="180 - data['A'] - data['B']",
         alts=["70", "70°", "70度"], wrongs=["110", "60", "80"],
         think="三角形内角和为180°，∠A=60°，∠B=50°。"),
    dict(key="g_mc_diam", domain="geometry", kind="mc",
         problem=img("As shown in the figure, AB is the diameter of ⊙O and point C is on ⊙O. If ∠ABC = 35°, then the degree of ∠BAC is ( )\nChoices:\nA:35°\nB:45°\nC:55°\nD:65°", S_MC),
         gold="C", options={"A": "35°", "B": "45°", "C": "55°", "D": "65°"}, data={"ABC": 35},
         derive="90 - data['ABC']",
         alts=["C", "C:55°", "(C)", "C. 55°", "55°"], wrongs=["D", "A", "B:45°", "65°"],
         think="AB is a diameter, so ∠ACB is an inscribed angle in a semicircle, and ∠ABC = 35°."),
    dict(key="g_mc_findx", domain="geometry", kind="mc",
         problem=img("Find x. Choices: A. 6 B. 8 C. 10 D. 12\n(The figure shows a right triangle with legs x and 6 and hypotenuse 10.)", S_MC),
         gold="B", options={"A": "6", "B": "8", "C": "10", "D": "12"}, data={"leg": 6, "hyp": 10},
         derive="sqrt(data['hyp']**2 - data['leg']**2)",
         alts=["B", "B. 8", "(B) 8", "8"], wrongs=["C", "A", "D. 12", "10"],
         think="x and 6 are the legs and 10 is the hypotenuse."),
    # ------------------------------------------------------------------ counting
    dict(key="n_cubes", domain="counting", kind="num",
         problem=img("How many red cubes are in the image?", S_NUM),
         gold="4", data=[("red", "cube")] * 4 + [("blue", "sphere"), ("red", "sphere"), ("green", "cylinder"), ("yellow", "cube")],
         derive="sum(1 for c, s in data if c == 'red' and s == 'cube')",
         alts=["4", "four", "4 red cubes"], wrongs=["3", "5", "8"],
         think="The scene has several cubes, spheres and a cylinder in different colors."),
    dict(key="n_clevr", domain="counting", kind="num",
         problem=img("Subtract all green balls. Subtract all small cylinders. How many objects are left?", S_NUM),
         gold="5", data=[("green", "sphere", "large"), ("green", "sphere", "small"), ("gray", "cylinder", "small"),
                         ("red", "cube", "large"), ("blue", "cylinder", "large"), ("purple", "sphere", "small"),
                         ("yellow", "cube", "small"), ("cyan", "cube", "large")],
         derive="sum(1 for c, s, z in data if not (c == 'green' and s == 'sphere') and not (z == 'small' and s == 'cylinder'))",
         alts=["5", "five", "5 objects"], wrongs=["6", "3", "7", "8"],
         think="There are 8 objects: 2 green balls, 1 small gray cylinder, a large blue cylinder, cubes and a purple ball."),
    dict(key="n_people", domain="counting", kind="num",
         problem=img("How many people are sitting at the table in the picture?", ""),
         gold="3", data=["woman", "child", "old man"],
         derive="len(data)",
         alts=["3", "three", "3 people"], wrongs=["4", "2"],
         think="At the table I see a woman on the left, a child in the middle and an older man on the right; a waiter is standing."),
    dict(key="n_birds", domain="counting", kind="num",
         problem=img("How many birds are on the wire?", S_NUM),
         gold="7", data=list(range(7)),
         derive="len(data)",
         alts=["7", "seven", "7 birds"], wrongs=["6", "8", "5"],
         think="The birds sit in a row along the wire, a few of them close together."),
    # ------------------------------------------------------------------ spatial / video
    dict(key="s_dist", domain="spatial", kind="num",
         problem=vid("Measuring from the closest point of each object, what is the distance between the sofa and the TV (in meters)?"),
         gold="2.5", data={"sofa_tv": "2.5"},
         derive="Rational(data['sofa_tv'])",
         alts=["2.5", "2.5 meters", "2.50", "2.5 m"], wrongs=["2.4", "3", "2", "25"],
         think="The sofa is against one wall and the TV stand is on the opposite wall; the sofa itself is about 2 m long."),
    dict(key="s_room", domain="spatial", kind="num",
         problem=vid("What is the size of this room (in square meters)? If multiple rooms are shown, estimate the size of the combined space."),
         gold="18.6", data={"length": "6.0", "width": "3.1"},
         derive="Rational(data['length']) * Rational(data['width'])",
         alts=["18.6", "18.6 square meters", "18.6 m²", "18.60"], wrongs=["18", "19", "20.5", "9.1"],
         think="The room is a long rectangle; a bed, a desk and a wardrobe fit along one long wall."),
    dict(key="s_count", domain="spatial", kind="num",
         problem=vid("How many chair(s) are in this room?"),
         gold="4", data=["desk chair", "window chair", "dining chair", "dining chair"],
         derive="len(data)",
         alts=["4", "four", "4 chairs"], wrongs=["3", "6", "2"],
         think="The camera pans over a desk, a dining table and a window corner."),
    dict(key="s_close", domain="spatial", kind="mc",
         problem=vid("Measuring from the closest point of each object, which of these objects (sink, table, bed, sofa) is the closest to the refrigerator?\nOptions:\nA. sink\nB. table\nC. bed\nD. sofa", S_VSI_MC),
         gold="A", options={"A": "sink", "B": "table", "C": "bed", "D": "sofa"},
         data={"sink": 0.8, "table": 1.9, "bed": 4.2, "sofa": 3.1},
         derive="min(data, key=data.get)",
         alts=["A", "A. sink", "sink", "(A)"], wrongs=["B", "D", "B. table", "sofa"],
         think="The refrigerator is in the kitchen corner, next to the counter; the table is in the middle of the room."),
    dict(key="s_dir", domain="spatial", kind="mc",
         problem=vid("If I am standing by the bed and facing the window, is the lamp to my left, right, or back? An object is to my back if I would have to turn at least 135 degrees in order to face it.\nOptions:\nA. left\nB. right\nC. back", S_VSI_MC),
         gold="B", options={"A": "left", "B": "right", "C": "back"},
         data={"me": (0, 0), "window": (0, 3), "lamp": (2, 1)},
         derive="direction(data)",
         alts=["B", "B. right", "right", "(B) right"], wrongs=["A", "C", "A. left", "left"],
         think="The bed is near the middle of the room, the window is straight ahead from it and the lamp stands on a side table."),
    dict(key="s_order", domain="spatial", kind="mc",
         problem=vid("What will be the first-time appearance order of the following categories in the video: plant, chair, TV, door?\nOptions:\nA. chair, TV, plant, door\nB. plant, door, chair, TV\nC. door, plant, TV, chair\nD. TV, chair, door, plant", S_VSI_MC),
         gold="C", options={"A": "chair, TV, plant, door", "B": "plant, door, chair, TV",
                            "C": "door, plant, TV, chair", "D": "TV, chair, door, plant"},
         data={"door": 0.0, "plant": 3.5, "TV": 7.2, "chair": 11.0},
         derive="', '.join(sorted(data, key=data.get))",
         alts=["C", "C. door, plant, TV, chair", "(C)"], wrongs=["B", "A", "D"],
         think="The video starts at the entrance and then pans toward the living area."),
    dict(key="s_size", domain="spatial", kind="num",
         problem=vid("What is the length of the longest dimension (length, width, or height) of the table, measured in centimeters?"),
         gold="150", data={"length": 150, "width": 80, "height": 75},
         derive="max(data.values())",
         alts=["150", "150 cm", "150 centimeters"], wrongs=["120", "80", "75", "180"],
         think="The table seats three people on each long side; the chairs next to it are about 45 cm wide."),
    dict(key="s_closer", domain="spatial", kind="word",
         problem=img("In the image, which object is closer to the camera, the red chair or the blue lamp?", S_R1),
         gold="red chair", data={"red chair": 1.4, "blue lamp": 3.0},
         derive="min(data, key=data.get)", cands=[["red chair", "the chair", "红色椅子"], ["blue lamp", "the lamp", "蓝色台灯"]],
         alts=["the red chair", "red chair", "The red chair is closer."], wrongs=["blue lamp", "the blue lamp"],
         think="The red chair is in the foreground and partly cut off by the frame, while the blue lamp stands next to the back wall."),
    dict(key="s_door", domain="spatial", kind="num",
         problem=vid("Measuring from the closest point of each object, what is the distance between the door and the bed (in meters)?"),
         gold="3.2", data={"door_bed": "3.2"},
         derive="Rational(data['door_bed'])",
         alts=["3.2", "3.2 meters", "3.20 m"], wrongs=["2.3", "3", "3.5"],
         think="The door is in the corner of the room and the bed is against the far wall."),
    # ------------------------------------------------------------------ MathVista-like
    dict(key="v_max", domain="chart", kind="mc",
         problem=img("Is Dark Orchid the maximum?\nChoices:\n(A) yes\n(B) no\n" + S_MATHVISTA, ""),
         gold="no", options={"A": "yes", "B": "no"},
         data={"Dark Orchid": 42, "Light Salmon": 57, "Teal": 30},
         derive="'yes' if max(data, key=data.get) == 'Dark Orchid' else 'no'",
         alts=["B", "(B) no", "no", "No"], wrongs=["A", "yes", "(A) yes"],
         think="The bars are Dark Orchid at about 42, Light Salmon at about 57 and Teal at about 30."),
    dict(key="v_age", domain="photo", kind="num",
         problem=img("What is the age gap between these two people in image? (Unit: years)\nHint: Please answer the question requiring an integer answer and provide the final value, e.g., 1, 2, 3, at the end.", ""),
         gold="7", data={"left": 35, "right": 28},
         derive="data['left'] - data['right']",
         alts=["7", "7 years", "seven years"], wrongs=["5", "17", "6"],
         think="The man on the left looks older than the woman on the right."),
    dict(key="v_nail", domain="measure", kind="num",
         problem=img("Move the ruler to measure the length of the nail to the nearest inch. The nail is about (_) inches long.\nHint: Please answer the question requiring an integer answer and provide the final value, e.g., 1, 2, 3, at the end.", ""),
         gold="2", data={"start": "0", "end": "2.2"},
         derive="round(Rational(data['end']) - Rational(data['start']))",
         alts=["2", "2 inches", "about 2 inches"], wrongs=["3", "1", "2.2"],
         think="If the ruler's 0 mark is placed at the head of the nail, the tip ends a little past the 2-inch mark."),
]


def H(p, style, intended, final, note, r, und=False, check=True):
    """A hand-written response. `final` is the final answer as committed in the response
    (None when there is no single committed answer); make.py verifies that it occurs in the
    response and that its equivalence with the gold agrees with `intended` (unless check=False)."""
    return dict(p=p, style=style, intended=intended, final=final, note=note, r=r, und=und, check=check)


HAND = [
    # ---------------------------------------------------------------- c_fruit
    H("c_fruit", "r1_clean", True, "17", "answer tag 17 = 45-28, matches gold",
      r"""<think>From the bar chart, the bar for apples reaches 45 and the bar for oranges reaches 28. To find how many more apples than oranges were sold, I subtract: 45 - 28 = 17.</think> <answer>17</answer>"""),
    H("c_fruit", "r1_sentence", True, "17", "answer tag is a full sentence stating 17; matches gold",
      r"""<think>
Apples: 45
Oranges: 28
Difference: 45 - 28 = 17
</think>
<answer>17 more apples than oranges were sold on Saturday.</answer>"""),
    H("c_fruit", "r1_clean", False, "13", "misread orange bar as 32; final 13 != 17",
      r"""<think>The tallest bar is apples at 45. The orange bar looks like it is at about 32. So 45 - 32 = 13.</think>
<answer>13</answer>"""),
    H("c_fruit", "two_answers", False, None, "prose concludes 17 but answer tag says 13, nothing retracted; two different finals",
      r"""Based on the bar chart, Apples = 45 and Oranges = 28.

45 − 28 = 17

So 17 more apples than oranges were sold.

<answer>13</answer>"""),
    # ---------------------------------------------------------------- c_temp
    H("c_temp", "r1_clean", True, "June", "answer June, the peak of the line",
      r"""<think>The line rises from March (12°C) to April (16°C) and May (21°C), and peaks at June (25°C) before dropping slightly to 24°C in July.</think> <answer>June</answer>"""),
    H("c_temp", "r1_sentence", False, "July", "answer July; the peak is June (25 vs 24)",
      r"""<think>Looking at the graph, the line goes up over the summer. The last point, July, looks like the highest point on the graph.</think>
<answer>The highest average temperature was in July.</answer>"""),
    H("c_temp", "r1_chinese", True, "June", "Chinese think, answer 六月 (June) = gold",
      r"""<think>我需要找到折线图中的最高点。三月12度，四月16度，五月21度，六月25度，七月24度。最高的是六月。</think>
<answer>六月 (June)</answer>"""),
    # ---------------------------------------------------------------- c_pie
    H("c_pie", "r1_clean", True, r"\frac{1}{5}", "answer \\frac{1}{5} equals gold",
      r"""<think>The food slice is labeled 20%. 20% = 20/100 = 1/5.</think> <answer>\frac{1}{5}</answer>"""),
    H("c_pie", "r1_percent", True, "20%", "answer 20% has the right value but is not a common fraction as asked; graders may split",
      r"""<think>The pie chart shows Food takes 20% of the budget.</think> <answer>20%</answer>""", und=True, check=False),
    H("c_pie", "r1_no_think", False, "1/4", "no think; answer 1/4 but food is 20% = 1/5",
      r"""<answer>1/4</answer>"""),
    H("c_pie", "plain_prose", True, "1/5", "prose ends 'Final answer: 1/5', equals gold",
      r"""The food sector of the pie chart is labeled 20%. As a fraction of the whole budget this is 20/100, which simplifies to 1/5.

Final answer: 1/5"""),
    # ---------------------------------------------------------------- c_avg
    H("c_avg", "r1_clean", True, "14", "mean 56/4 = 14 matches gold",
      r"""<think>The four bars show 12, 15, 9 and 20. Sum = 12 + 15 + 9 + 20 = 56. Average = 56 / 4 = 14.</think><answer>14</answer>"""),
    H("c_avg", "r1_intermediate", False, "56", "answer is the sum 56 (intermediate), not the average 14",
      r"""<think>Add the values of the bars: 12 + 15 + 9 + 20 = 56. Then we need to divide by the number of students.</think> <answer>56</answer>"""),
    H("c_avg", "r1_repeated_tags", True, "14", "answer tag repeated twice, both 14",
      r"""<think>Ana 12, Ben 15, Cy 9, Dee 20. Total 56 books, 4 students, so 56 ÷ 4 = 14 books on average.</think> <answer>14</answer> <answer>14</answer>"""),
    # ---------------------------------------------------------------- c_pct
    H("c_pct", "r1_clean", True, "25%", "25% matches gold 25\\%",
      r"""<think>Revenue was 80 in 2020 and 100 in 2021. Increase = 100 - 80 = 20. Percent increase = 20/80 × 100% = 25%.</think> <answer>25%</answer>"""),
    H("c_pct", "r1_clean", False, "20%", "divided by the 2021 value: 20%, gold is 25%",
      r"""<think>The increase is 100 - 80 = 20 million. As a percent: 20 / 100 = 0.2 = 20%.</think>
<answer>20%</answer>"""),
    H("c_pct", "r1_trailing_text", True, "25", "answer tag 25 plus trailing sentence '25 percent'; matches",
      r"""<think>2020: 80, 2021: 100. (100-80)/80 = 0.25</think> <answer>25</answer>
The revenue increased by 25 percent from 2020 to 2021."""),
    # ---------------------------------------------------------------- c_ratio
    H("c_ratio", "r1_clean", True, "3:2", "ratio written 3:2, same as 3/2",
      r"""<think>The boys bar is at 18 and the girls bar is at 12. The ratio 18:12 simplifies by dividing both by 6 to 3:2.</think> <answer>3:2</answer>"""),
    H("c_ratio", "r1_clean", False, r"\frac{2}{3}", "inverted ratio (girls to boys) 2/3",
      r"""<think>Girls = 12, boys = 18. Ratio = 12/18 = 2/3.</think> <answer>\frac{2}{3}</answer>"""),
    # ---------------------------------------------------------------- c_visit
    H("c_visit", "r1_units", True, "18,000", "answered 18,000 visitors where 'how many thousand' was asked; same quantity, graders may split",
      r"""<think>In 2016 the line is at 34 (thousand) and in 2019 it is at 52 (thousand). 52 - 34 = 18 thousand.</think> <answer>18,000 more visitors</answer>""", und=True, check=False),
    H("c_visit", "r1_clean", False, "12", "misread 2016 as 40; final 12",
      r"""<think>The 2016 point is at about 40 and the 2019 point is at 52. So 52 - 40 = 12.</think><answer>12</answer>"""),
    H("c_visit", "plain_prose", True, "18", "prose last sentence states 18 thousand",
      r"""From the line chart, the museum had 34 thousand visitors in 2016 and 52 thousand visitors in 2019.

52 − 34 = 18

There were 18 thousand more visitors in 2019 than in 2016."""),
    # ---------------------------------------------------------------- c_total
    H("c_total", "r1_units", True, "43 students", "43 students matches gold 43",
      r"""<think>Soccer has 24 students and basketball has 19 students. 24 + 19 = 43.</think> <answer>43 students</answer>"""),
    H("c_total", "truncated", False, None, "truncated inside think, no answer given",
      r"""<think>Let me look at the bars. Soccer is the tallest bar, it reaches 24. Basketball reaches 19. Tennis is 11 and swimming is 16. The question asks about soccer or basketball, so I need to add the"""),
    H("c_total", "r1_clean", False, "42", "arithmetic slip in answer tag: 42",
      r"""<think>soccer = 24, basketball = 19, total = 24 + 19</think>
<answer>24 + 19 = 42</answer>"""),
    # ---------------------------------------------------------------- t_cost
    H("t_cost", "r1_units", True, "$10.00", "$10.00 equals gold 10",
      r"""<think>Notebook costs $2.50 and a pen costs $1.25. 3 notebooks: 3 × 2.50 = 7.50. 2 pens: 2 × 1.25 = 2.50. Total = 7.50 + 2.50 = 10.00.</think> <answer>$10.00</answer>"""),
    H("t_cost", "r1_intermediate", False, "$7.50", "only the notebooks' cost 7.50 given as final",
      r"""<think>From the table a notebook is $2.50. 3 notebooks cost 3 × $2.50 = $7.50.</think> <answer>$7.50</answer>"""),
    H("t_cost", "plain_prose", True, "$10", "GPT-style markdown, **Answer:** $10",
      r"""To find the total cost, use the prices from the table:

- Notebook: $2.50 each → 3 × $2.50 = $7.50
- Pen: $1.25 each → 2 × $1.25 = $2.50

Total: $7.50 + $2.50 = $10.00

**Answer:** It would cost **$10**."""),
    # ---------------------------------------------------------------- t_median
    H("t_median", "r1_clean", True, "6", "sorted 3,5,6,7,8 median 6",
      r"""<think>The numbers are 3, 7, 5, 8, 6. Sorted: 3, 5, 6, 7, 8. The middle one is 6.</think> <answer>6</answer>"""),
    H("t_median", "r1_clean", False, "5.8", "computed the mean 5.8, not the median",
      r"""<think>Sum: 3 + 7 + 5 + 8 + 6 = 29. 29 / 5 = 5.8.</think> <answer>5.8</answer>"""),
    H("t_median", "r1_clean", False, "5", "took the middle of the unsorted list: 5",
      r"""<think>The list of numbers in the table is 3, 7, 5, 8, 6. There are 5 numbers, so the median is the 3rd one, which is 5.</think><answer>5</answer>"""),
    H("t_median", "answer_in_think", True, "6", "no answer tag; think commits to median 6",
      r"""<think>Kai read 3, Lena 7, Omar 5, Pia 8, Rosa 6. Ordering them: 3, 5, 6, 7, 8. With five values the median is the third value, so the median is 6.</think>"""),
    # ---------------------------------------------------------------- t_day
    H("t_day", "r1_clean", True, "Saturday", "Saturday has 585, the max",
      r"""<think>Monday: 320, Friday: 410, Saturday: 585, Sunday: 540. The largest number is 585 on Saturday.</think> <answer>Saturday</answer>"""),
    H("t_day", "r1_sentence", False, "Sunday", "answered Sunday (540) instead of Saturday (585)",
      r"""<think>The weekend days have the most visitors. Sunday has 540 and it is the last row, it looks the largest.</think>
<answer>Sunday has the most visitors.</answer>"""),
    H("t_day", "r1_unclosed", True, "Saturday", "unclosed answer tag holding Saturday",
      r"""<think>Compare the visitor counts: 320, 410, 585, 540. 585 is the biggest and it belongs to Saturday.</think>
<answer>Saturday"""),
    # ---------------------------------------------------------------- t_stem
    H("t_stem", "r1_clean", True, "7", "counted stems 7,8,9: 4+2+1=7",
      r"""<think>Scores of at least 70 are in stems 7, 8 and 9.
Stem 7: leaves 0, 3, 3, 8 → 70, 73, 73, 78 → 4 scores
Stem 8: leaves 2, 5 → 82, 85 → 2 scores
Stem 9: leaf 1 → 91 → 1 score
Total = 4 + 2 + 1 = 7</think> <answer>7</answer>"""),
    H("t_stem", "r1_clean", False, "6", "forgot stem 9; final 6",
      r"""<think>Stem 7 has 4 leaves and stem 8 has 2 leaves. 4 + 2 = 6 students scored 70 or more.</think> <answer>6</answer>"""),
    H("t_stem", "r1_sentence", False, "10", "included stem 6 too; final 10",
      r"""<think>I count the leaves from stem 6 upward: stem 6 has 3, stem 7 has 4, stem 8 has 2, stem 9 has 1. 3+4+2+1 = 10.</think>
<answer>10 students scored at least 70 points.</answer>"""),
    # ---------------------------------------------------------------- t_rate
    H("t_rate", "r1_units", True, "15 km/h", "15 km/h matches gold 15",
      r"""<think>At 2 hours: 30 km. At 5 hours: 75 km. Rate of change = (75 - 30)/(5 - 2) = 45/3 = 15.</think> <answer>15 km/h</answer>"""),
    H("t_rate", "r1_intermediate", False, "45 km", "gave the change in distance 45 km, not the rate",
      r"""<think>From 2 hours to 5 hours the distance goes from 30 km to 75 km, so it changes by 75 - 30 = 45 km.</think>
<answer>45 km</answer>"""),
    # ---------------------------------------------------------------- g_tri
    H("g_tri", "r1_degree", True, "65°", "65° = 180-50-65",
      r"""<think>The sum of the angles in a triangle is 180°. ∠C = 180° - 50° - 65° = 65°.</think> <answer>65°</answer>"""),
    H("g_tri", "r1_no_think", True, r"∠C = 65^\circ", "no think, answer ∠C = 65^\\circ",
      r"""<answer>∠C = 65^\circ</answer>"""),
    H("g_tri", "r1_degree", False, "115°", "subtracted only one angle: 115°",
      r"""<think>The angle sum is 180°, so ∠C = 180° − 65° = 115°.</think>
<answer>115°</answer>"""),
    H("g_tri", "r1_chinese", True, "65", "Chinese think, answer 65",
      r"""<think>三角形内角和为180°，所以∠C = 180° - 50° - 65° = 65°。</think><answer>65</answer>"""),
    # ---------------------------------------------------------------- g_par
    H("g_par", "r1_clean", True, "x = 108", "x = 108 (supplementary)",
      r"""<think>Since l ∥ m, ∠1 and ∠2 are same-side interior angles, so they are supplementary. x = 180 - 72 = 108.</think> <answer>x = 108</answer>"""),
    H("g_par", "r1_clean", False, "72", "treated them as equal angles: 72",
      r"""<think>Because the lines are parallel, ∠1 and ∠2 are alternate interior angles, so they are equal. x = 72.</think> <answer>72</answer>"""),
    H("g_par", "r1_self_correct", True, "108", "first said 72, corrected to 108 in think; answer 108",
      r"""<think>∠1 and ∠2 are corresponding angles, so x = 72. Wait, looking again, both angles are between the two parallel lines on the same side of the transversal, so they are co-interior angles and add up to 180°. x = 180 - 72 = 108.</think> <answer>108</answer>"""),
    # ---------------------------------------------------------------- g_hyp
    H("g_hyp", "r1_clean", True, r"3\sqrt{5}", "3\\sqrt{5} = sqrt(45)",
      r"""<think>By the Pythagorean theorem, AB² = AC² + BC² = 3² + 6² = 9 + 36 = 45. So AB = √45 = 3√5.</think> <answer>3\sqrt{5}</answer>"""),
    H("g_hyp", "r1_approx", False, "6.7", "approximately 6.7: only 2 significant digits of 6.7082",
      r"""<think>AB² = 9 + 36 = 45, AB = √45 ≈ 6.7</think> <answer>approximately 6.7</answer>"""),
    H("g_hyp", "r1_approx", True, "6.708", "≈ 6.708, 4 significant digits of 3√5 = 6.7082",
      r"""<think>AB = sqrt(3^2 + 6^2) = sqrt(45). sqrt(45) ≈ 6.708.</think>
<answer>AB ≈ 6.708</answer>"""),
    H("g_hyp", "r1_clean", False, "9", "added the legs: 9",
      r"""<think>The hypotenuse is the sum of the two legs, 3 + 6 = 9.</think> <answer>9</answer>"""),
    # ---------------------------------------------------------------- g_insc
    H("g_insc", "r1_degree", True, "40°", "40° = 80/2",
      r"""<think>An inscribed angle is half of the central angle subtending the same arc. ∠ACB = 80° / 2 = 40°.</think> <answer>40°</answer>"""),
    H("g_insc", "r1_degree", False, "160°", "doubled instead of halved: 160°",
      r"""<think>The inscribed angle theorem relates ∠ACB to ∠AOB by a factor of 2, so ∠ACB = 2 × 80° = 160°.</think> <answer>160°</answer>"""),
    H("g_insc", "boxed_prose", True, r"40^\circ", "plain prose ending \\boxed{40^\\circ}",
      r"""The inscribed angle ∠ACB subtends the same arc AB as the central angle ∠AOB. By the inscribed angle theorem,

$$\angle ACB = \frac{1}{2}\angle AOB = \frac{1}{2} \times 80^\circ = 40^\circ.$$

Therefore, the measure of ∠ACB is $\boxed{40^\circ}$."""),
    # ---------------------------------------------------------------- g_circ
    H("g_circ", "r1_clean", True, "9π", "9π matches gold",
      r"""<think>Area = πr² = π × 3² = 9π cm².</think> <answer>9π</answer>"""),
    H("g_circ", "r1_approx", False, "28.3", "approximately 28.3: too coarse for 9π = 28.274",
      r"""<think>A = π × 3 × 3 = 9π ≈ 28.3</think>
<answer>approximately 28.3 square centimeters</answer>"""),
    H("g_circ", "r1_units", True, "28.27", "28.27 cm², 4 significant digits of 28.274",
      r"""<think>The area of the circle is π r^2 = 3.14159 × 9 = 28.274...</think> <answer>28.27 cm²</answer>"""),
    H("g_circ", "r1_units", False, "6π", "gave the circumference 6π cm instead of the area",
      r"""<think>The radius is 3 cm. Using C = 2πr = 2 × π × 3 = 6π.</think> <answer>6π cm</answer>"""),
    # ---------------------------------------------------------------- g_equi
    H("g_equi", "r1_clean", True, "4√3", "4√3 = (√3/4)·16",
      r"""<think>The area of an equilateral triangle is (√3/4)·s² = (√3/4)·16 = 4√3.</think> <answer>4√3</answer>"""),
    H("g_equi", "r1_clean", False, "8", "used side as height: 8",
      r"""<think>Area = 1/2 × base × height = 1/2 × 4 × 4 = 8.</think><answer>8</answer>"""),
    H("g_equi", "two_answers", False, None, "two answer tags with different values 4√3 and 8√3, none retracted",
      r"""<think>The height is 2√3, so the area is 1/2 · 4 · 2√3.</think> <answer>4\sqrt{3}</answer>
<think>The area is base times height = 4 · 2√3.</think> <answer>8\sqrt{3}</answer>"""),
    # ---------------------------------------------------------------- g_rect
    H("g_rect", "r1_clean", True, "AC = 13", "AC = 13",
      r"""<think>The diagonal AC forms a right triangle with sides AB = 12 and BC = 5. AC = √(12² + 5²) = √(144 + 25) = √169 = 13.</think> <answer>AC = 13</answer>"""),
    H("g_rect", "r1_clean", False, "17", "added sides: 17",
      r"""<think>AC goes from A to C, passing along AB and BC, so AC = 12 + 5 = 17.</think> <answer>17</answer>"""),
    # ---------------------------------------------------------------- g_sim
    H("g_sim", "r1_clean", True, "15", "BC = 15 by similarity",
      r"""<think>Since DE ∥ BC, △ADE ∼ △ABC. AB = AD + DB = 4 + 6 = 10. So DE/BC = AD/AB → 6/BC = 4/10 → BC = 15.</think> <answer>15</answer>"""),
    H("g_sim", "r1_clean", False, "9", "used DB instead of AB: 9",
      r"""<think>DE ∥ BC, so AD/DB = DE/BC. 4/6 = 6/BC, BC = 36/4 = 9.</think> <answer>9</answer>"""),
    H("g_sim", "r1_repeated_tags", True, "15", "answer tag inside think and again after, both 15",
      r"""<think>Triangles ADE and ABC are similar with ratio AD:AB = 4:10. Then BC = DE × 10/4 = 6 × 2.5 = 15. <answer>15</answer></think> <answer>15</answer>"""),
    # ---------------------------------------------------------------- g_3060
    H("g_3060", "r1_clean", True, r"5\sqrt{3}", "AC = 5√3 (opposite 60°)",
      r"""<think>In a 30-60-90 triangle with hypotenuse 10, the side opposite 30° is 5 and the side opposite 60° is 5√3. AC is adjacent to ∠A = 30°, so it is opposite ∠B = 60°. AC = 5√3.</think> <answer>5\sqrt{3}</answer>"""),
    H("g_3060", "r1_wrong_quantity", False, "5", "gave BC = 5 (side opposite 30°), AC was asked",
      r"""<think>In a right triangle, the side opposite the 30° angle is half of the hypotenuse. So the side is 10/2 = 5.</think> <answer>5</answer>"""),
    H("g_3060", "r1_approx", True, "8.660", "approximately 8.660, 4 sig. digits of 5√3 = 8.6603",
      r"""<think>AC = AB·cos 30° = 10 × 0.8660 = 8.660</think> <answer>approximately 8.660</answer>"""),
    # ---------------------------------------------------------------- g_hex
    H("g_hex", "r1_degree", True, "120°", "120° interior angle",
      r"""<think>Each interior angle of a regular n-gon is (n − 2) × 180° / n = 4 × 180° / 6 = 120°.</think> <answer>120°</answer>"""),
    H("g_hex", "r1_wrong_quantity", False, "720°", "gave the angle sum 720°, not each angle",
      r"""<think>The sum of the interior angles of a hexagon is (6 - 2) × 180° = 720°.</think><answer>720°</answer>"""),
    # ---------------------------------------------------------------- g_arc
    H("g_arc", "r1_clean", True, "2π", "arc length 2π",
      r"""<think>Arc length = (60/360) × 2π × 6 = (1/6) × 12π = 2π.</think> <answer>2π</answer>"""),
    H("g_arc", "r1_approx", False, "6.28", "6.28 has only 3 significant digits of 2π = 6.2832",
      r"""<think>Arc length = θ/360 × 2πr = 60/360 × 2 × 3.14 × 6 = 6.28</think> <answer>6.28</answer>"""),
    H("g_arc", "r1_wrong_quantity", False, r"6\pi", "gave the sector area 6π",
      r"""<think>The sector is 60/360 = 1/6 of the circle. (1/6) × π × 6² = 6π.</think> <answer>6\pi</answer>"""),
    # ---------------------------------------------------------------- g_iso
    H("g_iso", "r1_clean", True, "70", "base angle 70",
      r"""<think>Since AB = AC, the base angles ∠ABC and ∠ACB are equal. (180° − 40°) / 2 = 70°.</think>
<answer>70</answer>"""),
    H("g_iso", "r1_degree", False, "40°", "said ∠ABC = 40°, confusing it with the apex angle",
      r"""<think>AB = AC means the triangle is isosceles, so the angles are equal to ∠BAC.</think> <answer>∠ABC = 40°</answer>"""),
    # ---------------------------------------------------------------- g_tan
    H("g_tan", "r1_degree", True, "62°", "62° = 180-90-28",
      r"""<think>The radius OA is perpendicular to the tangent PA, so ∠OAP = 90°. In △OAP: ∠AOP = 180° − 90° − 28° = 62°.</think> <answer>62°</answer>"""),
    H("g_tan", "r1_self_correct", False, "152°", "had 62 then 'corrected' to 152°; final wrong",
      r"""<think>OA ⊥ PA so ∠OAP = 90°, and ∠AOP = 180° − 90° − 28° = 62°. Wait, ∠AOP is the angle at O, which is the supplement of 28°, so ∠AOP = 180° − 28° = 152°.</think> <answer>152°</answer>"""),
    # ---------------------------------------------------------------- g_perim
    H("g_perim", "r1_units", True, "26 cm", "perimeter 26 cm",
      r"""<think>Perimeter = 2 × (8 + 5) = 2 × 13 = 26 cm.</think> <answer>26 cm</answer>"""),
    H("g_perim", "r1_wrong_quantity", False, "40 cm²", "gave the area 40 cm²",
      r"""<think>8 × 5 = 40</think> <answer>40 cm²</answer>"""),
    # ---------------------------------------------------------------- g_cn
    H("g_cn", "r1_chinese", True, "70°", "Chinese think, answer 70°",
      r"""<think>根据三角形内角和定理，∠C = 180° - ∠A - ∠B = 180° - 60° - 50° = 70°。</think>
<answer>70°</answer>"""),
    H("g_cn", "r1_chinese", False, "110°", "answered 110° (the sum ∠A+∠B), gold is 70°",
      r"""<think>∠A + ∠B = 60° + 50° = 110°，所以∠C = 110°。</think> <answer>∠C的度数为110°</answer>"""),
    # ---------------------------------------------------------------- g_mc_diam
    H("g_mc_diam", "r1_mc_letter", True, "C", "letter C = 55°",
      r"""<think>AB is the diameter, so ∠ACB = 90°. Then ∠BAC = 90° - 35° = 55°. The answer is C.</think> <answer>C</answer>"""),
    H("g_mc_diam", "r1_mc_letter_text", True, "C:55°", "letter with option text C:55°",
      r"""<think>Since AB is a diameter, the angle ACB subtended by it is a right angle. In triangle ABC, ∠BAC = 180° − 90° − 35° = 55°.</think>
<answer>C:55°</answer>"""),
    H("g_mc_diam", "r1_mc_text_only", True, "55°", "option text only, 55° is exactly option C",
      r"""<think>∠ACB = 90° because AB is a diameter. ∠BAC = 90° − 35° = 55°.</think> <answer>55°</answer>"""),
    H("g_mc_diam", "r1_mc_letter", False, "D", "computed 55° but answered letter D (65°)",
      r"""<think>∠ACB = 90°, ∠BAC = 90° - 35° = 55°. So the answer is D.</think> <answer>D</answer>"""),
    H("g_mc_diam", "r1_mc_inconsistent", False, "B: 55°", "letter B (45°) paired with the value 55° of option C; graders may split",
      r"""<think>AB is the diameter so ∠ACB = 90°, ∠BAC = 55°.</think> <answer>B: 55°</answer>""", und=True, check=False),
    # ---------------------------------------------------------------- g_mc_findx
    H("g_mc_findx", "r1_mc_letter", True, "B", "x = 8 is option B",
      r"""<think>Using the Pythagorean theorem: x² + 6² = 10², x² = 100 - 36 = 64, x = 8. Option B is 8.</think> <answer>B</answer>"""),
    H("g_mc_findx", "r1_mc_letter", False, "C", "picked C (10, the hypotenuse)",
      r"""<think>The longest side in the figure is 10, and x is labeled on the long side, so x = 10.</think> <answer>C</answer>"""),
    H("g_mc_findx", "r1_trailing_text", True, "B. 8", "answer B. 8 with trailing 'The answer is B.'",
      r"""<think>x^2 = 10^2 - 6^2 = 64, so x = 8.</think> <answer>B. 8</answer>

The answer is B."""),
    # ---------------------------------------------------------------- n_cubes
    H("n_cubes", "r1_clean", True, "4", "counted 4 red cubes",
      r"""<think>I can see several objects: red cubes, a blue sphere, a red sphere, a green cylinder and a yellow cube. Counting only the red cubes: 1, 2, 3, 4.</think> <answer>4</answer>"""),
    H("n_cubes", "r1_sentence", False, "3", "answered 3 red cubes",
      r"""<think>There are red cubes at the front, one behind the blue sphere.</think>
<answer>There are 3 red cubes.</answer>"""),
    # ---------------------------------------------------------------- n_clevr
    H("n_clevr", "r1_clean", True, "5", "8 - 2 - 1 = 5",
      r"""<think>There are 8 objects in total. Subtracting the 2 green balls leaves 6. Subtracting the 1 small cylinder (the gray one) leaves 5.</think> <answer>5</answer>"""),
    H("n_clevr", "r1_intermediate", False, "6", "stopped after the first subtraction: 6",
      r"""<think>Total objects: 8. Green balls: 2. 8 - 2 = 6.</think> <answer>6</answer>"""),
    H("n_clevr", "r1_no_think", True, "5", "no think, answer 5 with spaces",
      r"""<answer> 5 </answer>"""),
    H("n_clevr", "two_answers", False, None, "two answer tags 6 and 5, neither retracted; no single committed answer",
      r"""<think>I need to remove the green balls and the small cylinders from the 8 objects and count what is left.</think> <answer>6</answer> <answer>5</answer>"""),
    # ---------------------------------------------------------------- n_people
    H("n_people", "plain_prose", True, "three", "prose: three people sitting",
      r"""There are three people sitting at the table: a woman on the left, a child in the middle, and an older man on the right. The waiter in the background is standing, so he is not counted."""),
    H("n_people", "r1_clean", False, "4", "counted the standing waiter: 4",
      r"""<think>I see a woman, a child, an old man and a waiter near the table. That is 4 people.</think> <answer>4</answer>"""),
    # ---------------------------------------------------------------- n_birds
    H("n_birds", "answer_in_think", True, "7", "no answer tag; think ends 'there are 7 birds'",
      r"""<think>Counting the birds from left to right: 1, 2, 3, 4, 5, 6, 7. So there are 7 birds on the wire.</think>"""),
    H("n_birds", "truncated", False, None, "unclosed think cut off while counting; no answer",
      r"""<think>Counting the birds on the wire from left to right: 1, 2, 3, 4, 5,"""),
    H("n_birds", "r1_clean", True, "7", "answer 7",
      r"""<think>There are two groups of birds: 4 on the left part of the wire and 3 on the right. 4 + 3 = 7.</think><answer>7</answer>"""),
    # ---------------------------------------------------------------- s_dist
    H("s_dist", "r1_clean", True, "2.5", "estimate 2.5 m matches gold",
      r"""<think>The sofa is against the left wall and the TV stand is on the opposite wall. Judging by the size of the sofa (about 2 meters long), the gap between them is roughly 2.5 meters.</think>
<answer>2.5</answer>"""),
    H("s_dist", "r1_units", True, "250 cm", "250 cm equals 2.5 m but the question asked meters; graders may split",
      r"""<think>The distance from the front edge of the sofa to the TV looks like two and a half meters.</think> <answer>250 cm</answer>""", und=True, check=False),
    H("s_dist", "r1_approx", False, "2.4", "approximately 2.4 meters != 2.5",
      r"""<think>The floor tiles are about 60 cm each and there are 4 tiles between the sofa and the TV. 4 × 0.6 = 2.4 m.</think> <answer>approximately 2.4 meters</answer>"""),
    H("s_dist", "r1_units", True, "2.50 m", "2.50 m = 2.5",
      r"""<think>Sofa to TV: the coffee table (about 1.2 m) sits between them with some space on both sides. Total ≈ 2.50 m.</think> <answer>2.50 m</answer>"""),
    # ---------------------------------------------------------------- s_room
    H("s_room", "r1_clean", True, "18.6", "18.6 square meters",
      r"""<think>The room looks about 6 meters long and a little over 3 meters wide. 6 × 3.1 = 18.6 square meters.</think> <answer>18.6</answer>"""),
    H("s_room", "r1_approx", False, "20", "approximately 20 square meters != 18.6",
      r"""<think>The bed is 2 m long and the room is about twice the bed... roughly 5 m by 4 m.</think> <answer>approximately 20 square meters</answer>"""),
    H("s_room", "r1_intermediate", False, None, "gave dimensions 6 m by 3 m, not an area",
      r"""<think>The long wall holds the bed, desk and wardrobe, about 6 meters. The short wall is about 3 meters.</think> <answer>about 6 meters by 3 meters</answer>"""),
    # ---------------------------------------------------------------- s_count
    H("s_count", "r1_clean", True, "4", "counted 4 chairs",
      r"""<think>I see one chair at the desk, one armchair by the window and two chairs at the dining table. 1 + 1 + 2 = 4.</think> <answer>4</answer>"""),
    H("s_count", "r1_units", False, "3 chairs", "missed one chair: 3",
      r"""<think>There is a chair at the desk and two chairs at the table.</think> <answer>3 chairs</answer>"""),
    # ---------------------------------------------------------------- s_close
    H("s_close", "r1_mc_letter", True, "A", "letter A (sink)",
      r"""<think>The refrigerator is in the kitchen corner. The sink is on the counter right next to it, less than a meter away. The table is in the middle of the room, and the bed and sofa are further.</think> <answer>A</answer>"""),
    H("s_close", "r1_mc_letter_text", True, "A. sink", "A. sink",
      r"""<think>The sink is next to the fridge on the same counter.</think>
<answer>A. sink</answer>"""),
    H("s_close", "r1_mc_letter", False, "B", "chose B (table)",
      r"""<think>The dining table is in front of the refrigerator, so it should be the closest.</think> <answer>B</answer>"""),
    H("s_close", "r1_mc_text_only", True, "sink", "option text sink only = A",
      r"""<think>Frames 3-5 show the fridge and the sink side by side.</think> <answer>sink</answer>"""),
    # ---------------------------------------------------------------- s_dir
    H("s_dir", "r1_mc_letter_text", True, "B. right", "B. right",
      r"""<think>Standing by the bed and facing the window, the side table with the lamp is on the right side of the bed, ahead of me but to the right.</think> <answer>B. right</answer>"""),
    H("s_dir", "r1_mc_letter", False, "A", "chose A (left)",
      r"""<think>From the camera view the lamp appears on the left side of the window.</think><answer>A</answer>"""),
    H("s_dir", "r1_chinese", False, "left", "answered 左边 / left; gold is right",
      r"""<think>我站在床边，面向窗户。台灯在床头柜上，看起来在我的左边。</think> <answer>left</answer>"""),
    # ---------------------------------------------------------------- s_order
    H("s_order", "r1_mc_letter", True, "C", "order door, plant, TV, chair = C",
      r"""<think>The video starts at the entrance, so the door appears first. Then the camera turns and a plant is visible near the window. Next the TV on the wall, and finally the chair in the corner. Order: door, plant, TV, chair → option C.</think> <answer>C</answer>"""),
    H("s_order", "r1_mc_letter", False, "B", "chose B",
      r"""<think>The plant is the first thing I notice, then the door.</think> <answer>B</answer>"""),
    # ---------------------------------------------------------------- s_size
    H("s_size", "r1_units", True, "150 cm", "150 cm",
      r"""<think>The table seats three people on each long side; each person needs about 50 cm, so the table is about 150 cm long.</think> <answer>150 cm</answer>"""),
    H("s_size", "r1_clean", False, "120", "estimated 120",
      r"""<think>It looks like a standard dining table for four, about 120 centimeters.</think> <answer>120</answer>"""),
    # ---------------------------------------------------------------- s_closer
    H("s_closer", "r1_sentence", True, "red chair", "sentence: the red chair is closer",
      r"""<think>The red chair is in the foreground and is partially cut off by the bottom of the frame. The blue lamp is next to the back wall, so it is farther away.</think> <answer>The red chair is closer to the camera.</answer>"""),
    H("s_closer", "r1_clean", False, "blue lamp", "answered blue lamp",
      r"""<think>The blue lamp is taller and looks bigger.</think> <answer>blue lamp</answer>"""),
    # ---------------------------------------------------------------- s_door
    H("s_door", "plain_prose", True, "3.2", "prose: approximately 3.2 meters",
      r"""The door is in the corner near the hallway, and the bed is placed against the far wall. Using the bed (about 2 m long) as a reference, the gap between the door and the nearest corner of the bed is about one and a half bed lengths.

The distance between the door and the bed is approximately 3.2 meters."""),
    H("s_door", "r1_clean", False, "2.3", "answered 2.3",
      r"""<think>Door to bed: a little more than the length of the bed.</think> <answer>2.3</answer>"""),
    # ---------------------------------------------------------------- v_max
    H("v_max", "r1_mc_letter", True, "B", "B = no",
      r"""<think>Dark Orchid's bar is about 42 but Light Salmon's bar is taller, about 57. So Dark Orchid is not the maximum.</think> <answer>B</answer>"""),
    H("v_max", "r1_mc_letter_text", False, "(A) yes", "answered (A) yes",
      r"""<think>Dark Orchid is the first bar and it looks tall.</think> <answer>(A) yes</answer>"""),
    # ---------------------------------------------------------------- v_age
    H("v_age", "r1_clean", True, "7", "35 - 28 = 7",
      r"""<think>The man on the left looks around 35 years old and the woman looks about 28. The age gap is 35 - 28 = 7 years.</think> <answer>7</answer>"""),
    H("v_age", "r1_sentence", False, "5", "answered about 5 years",
      r"""<think>They look like they are about the same generation, maybe the man is a bit older.</think> <answer>The age gap is about 5 years.</answer>"""),
    # ---------------------------------------------------------------- v_nail
    H("v_nail", "r1_clean", True, "2", "2 inches",
      r"""<think>Placing the 0 mark at the head of the nail, the tip ends just past the 2-inch mark, at about 2.2 inches. To the nearest inch that is 2.</think> <answer>2</answer>"""),
    H("v_nail", "r1_units", False, "2.2 inches", "answered 2.2 inches, not rounded to the nearest inch",
      r"""<think>The nail goes from 0 to about 2.2 on the ruler.</think> <answer>2.2 inches</answer>"""),
    # ---------------------------------------------------------------- more format quirks
    H("c_total", "minerva_prose", True, "$43$", "Minerva-style 'The final answer is $43$'",
      r"""From the bar graph, 24 students chose soccer and 19 students chose basketball. Adding these gives 24 + 19 = 43 students.
Final Answer: The final answer is $43$. I hope it is correct."""),
    H("c_avg", "minerva_prose", False, "$15$", "Minerva-style final 15 (Ben's bar), not the average 14",
      r"""The bar chart shows the books read by Ana, Ben, Cy and Dee. The middle value of the bars is Ben's bar, which is 15 books, so the average is 15.
Final Answer: The final answer is $15$. I hope it is correct."""),
    H("t_cost", "gsm_hashes", True, "10", "GSM8K-style '#### 10'",
      r"""3 notebooks cost 3 * 2.50 = $<<3*2.50=7.50>>7.50.
2 pens cost 2 * 1.25 = $<<2*1.25=2.50>>2.50.
Together they cost 7.50 + 2.50 = $<<7.50+2.50=10>>10.
#### 10"""),
    H("s_order", "r1_mc_letter", True, "Answer: C", "answer tag 'Answer: C'",
      r"""<think>First frame: the entrance door. Then a potted plant next to the shoe rack, then the TV on the wall, and the chair shows up near the end.</think>
<answer>Answer: C</answer>"""),
    H("n_cubes", "r1_empty_answer", False, None, "think concludes 4 but the answer tag is empty; graders may split",
      r"""<think>Let me count the red cubes. There is one in the front left, one behind it, one next to the blue sphere and one at the back right. So there are 4 red cubes.</think> <answer></answer>""", und=True, check=False),
    H("s_room", "r1_chinese_trailing", True, "18.6 m²", "answer 18.6 m² followed by a Chinese restatement",
      r"""<think>The room is roughly 6 m long and 3.1 m wide. 6 × 3.1 = 18.6.</think> <answer>18.6 m²</answer>
这个房间的面积大约是18.6平方米。"""),
    H("g_hex", "r1_think_answer_mismatch", True, "120°", "think drifts to 108 but the committed answer tag is 120°",
      r"""<think>A regular polygon's interior angle... for a pentagon it is 108°. The figure has six sides, so each angle is (6-2)*180/6.</think> <answer>120°</answer>"""),
    H("s_size", "r1_sentence", True, "150 centimeters", "sentence: 1.5 meters, which is 150 centimeters",
      r"""<think>The table is long enough for three chairs on each side.</think> <answer>The table is about 1.5 meters long, which is 150 centimeters.</answer>"""),
    H("g_circ", "truncated", False, None, "answer tag cut off before any value",
      r"""<think>The radius is 3 cm, the area of a circle is πr², so</think> <answer>The area of the circle is approximately"""),
    H("n_clevr", "r1_retract_after_tag", True, "5", "answer tag 6 then explicit retraction after it: 'The answer is 5'",
      r"""<think>8 objects in total, minus 2 green balls = 6.</think> <answer>6</answer>
Wait, I forgot to subtract the small cylinder as well. 6 - 1 = 5. The answer is 5."""),
    H("n_birds", "r1_repeated_tags", True, "7", "degenerate repetition of the same answer tag 7",
      r"""<think>1, 2, 3, 4, 5, 6, 7 birds.</think> <answer>7</answer><answer>7</answer><answer>7</answer><answer>7</answer><answer>7</answer><answer>7"""),
    H("g_tan", "plain_prose", True, "62°", "Llama-style 'The answer is: 62°'",
      r"""Since PA is tangent to the circle at A, the radius OA is perpendicular to PA, so ∠OAP = 90°.

In triangle OAP, the angles add up to 180°:
∠AOP = 180° - ∠OAP - ∠APO = 180° - 90° - 28° = 62°

The answer is: 62°"""),
    H("g_sim", "r1_wrong_quantity", False, "AB = 10", "gave AB = 10, BC was asked",
      r"""<think>DE ∥ BC so triangle ADE ~ triangle ABC. AB = AD + DB = 4 + 6.</think> <answer>AB = 10</answer>"""),
    H("t_day", "r1_think_answer_mismatch", False, "Sunday", "think says Saturday but answer tag commits Sunday",
      r"""<think>Saturday has 585 visitors which is the largest number in the table.</think> <answer>Sunday</answer>"""),
    H("s_count", "two_answers", False, None, "hedged '4 or 5 chairs', no single committed answer",
      r"""<think>Two chairs at the dining table, one at the desk, one by the window, and maybe one more hidden behind the table.</think> <answer>4 or 5 chairs</answer>"""),
    H("g_3060", "r1_approx", False, "8.66", "8.66 has only 3 significant digits of 5√3 = 8.6603",
      r"""<think>AC = 10 cos 30° = 10 × 0.866 = 8.66</think> <answer>8.66</answer>"""),
    H("c_ratio", "plain_prose", False, "2/3", "prose computes girls to boys and concludes 2/3; boys:girls is 3/2",
      r"""The chess club bar chart shows 18 boys and 12 girls.

The ratio of girls to boys is 12:18. Dividing both numbers by 6 gives 2:3.

So the ratio in simplest form is 2/3."""),
    H("s_door", "plain_prose", False, "2.8", "prose concludes roughly 2.8 meters; gold 3.2",
      r"""Looking at the video frames, the door is located in the corner of the room, and the bed is against the far wall. The rug between them is about 2 meters long and there is a small gap on each side.

Based on these visual cues, the door is roughly 2.8 meters from the bed."""),
]
