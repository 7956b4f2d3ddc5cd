# Problem bank for heldout3. Each entry: dict.
# kind: gsm (plain numeric gold), math, mc, yn
B = []
def G(q, gold, steps, alts=(), wrongs=(), inter=None, v=None, sent=None, money=False, unit=""):
    B.append(dict(kind="gsm", q=q, gold=gold, steps=steps, alts=[gold]+list(alts), wrongs=list(wrongs),
                  inter=inter, v=v, sent=sent, money=money, unit=unit))
def M(q, gold, steps, alts=(), wrongs=(), inter=None, v=None, unit="", note=""):
    B.append(dict(kind="math", q=q, gold=gold, steps=steps, alts=[gold]+list(alts), wrongs=list(wrongs),
                  inter=inter, v=v, sent=None, money=False, unit=unit, anote=note))
def C(q, opts, correct, gold, steps):
    B.append(dict(kind="mc", q=q, opts=opts, correct=correct, gold=gold, steps=steps, alts=[], wrongs=[], inter=None, v=None))
def Y(q, gold, steps, yes):
    B.append(dict(kind="yn", q=q, gold=gold, steps=steps, yes=yes, alts=[], wrongs=[], inter=None, v=None))

# ---------------- GSM-style word problems ----------------
G("Maria's hens lay 20 eggs per day. She uses 5 for breakfast and 3 for baking, and sells the rest at $1.50 per egg. How many dollars does she make every day?",
  "18", "Eggs left to sell: 20 - 5 - 3 = 12.\nMoney per day: 12 * 1.50 = 18 dollars.",
  ["18.00", r"\$18"], ["12", "30", "19.5"], inter="12", v="(20-5-3)*1.5", sent="Maria makes ${} every day.", money=True)
G("A train travels 240 miles in 4 hours and then 180 miles in 2 hours. What is its average speed for the whole trip, in miles per hour?",
  "70", "Total distance: 240 + 180 = 420 miles.\nTotal time: 4 + 2 = 6 hours.\nAverage speed: 420 / 6 = 70 mph.",
  ["70.0"], ["75", "420", "60"], inter="420", v="420/6", sent="The train's average speed is {} miles per hour.", unit="mph")
G("Tom buys 3 notebooks at $2.75 each and a pen for $1.40. He pays with a $20 bill. How much change does he get?",
  "10.35", "Notebooks: 3 * 2.75 = 8.25 dollars.\nTotal: 8.25 + 1.40 = 9.65 dollars.\nChange: 20 - 9.65 = 10.35 dollars.",
  [r"\$10.35"], ["9.65", "11.75", "10.53"], inter="9.65", v="20-3*2.75-1.40", sent="Tom gets ${} in change.", money=True)
G("Sam works from 8:30 am to 5:15 pm with a 45-minute unpaid lunch break. He is paid $16 per hour. How much does he earn in one day?",
  "128", "From 8:30 am to 5:15 pm is 8 hours 45 minutes.\nSubtracting the 45-minute lunch leaves 8 paid hours.\nEarnings: 8 * 16 = 128 dollars.",
  ["128.00", r"\$128"], ["140", "116", "8"], inter="8", v="8*16", sent="Sam earns ${} per day.", money=True)
G("A recipe needs 2/3 cup of sugar per batch. How many cups of sugar are needed for 9 batches?",
  "6", "Each batch uses 2/3 cup.\n9 * 2/3 = 18/3 = 6 cups.",
  ["6.0"], ["5", "13.5", "27"], v="9*2/3", sent="You need {} cups of sugar.", unit="cups")
G("Lena reads 25 pages per day. Her book has 410 pages. How many pages are left after 12 days?",
  "110", "Pages read in 12 days: 12 * 25 = 300.\nPages left: 410 - 300 = 110.",
  [], ["100", "300", "120"], inter="300", v="410-300", sent="Lena has {} pages left to read.", unit="pages")
G("A store sells shirts for $24 each and today everything is 25% off. How much do 4 shirts cost?",
  "72", "Discount per shirt: 25% of 24 = 6 dollars, so each costs 24 - 6 = 18 dollars.\n4 shirts cost 4 * 18 = 72 dollars.",
  ["72.00", r"\$72"], ["96", "18", "24"], inter="18", v="4*24*0.75", sent="Four shirts cost ${}.", money=True)
G("Carlos has 3 times as many marbles as Dev. Together they have 84 marbles. How many marbles does Carlos have?",
  "63", "Let Dev have d marbles; then Carlos has 3d.\nd + 3d = 84, so 4d = 84 and d = 21.\nCarlos has 3 * 21 = 63 marbles.",
  [], ["21", "28", "252"], inter="21", v="3*21", sent="Carlos has {} marbles.", unit="marbles")
G("A rectangular garden measures 15 m by 8 m. How many meters of fencing are needed to go all the way around it?",
  "46", "Perimeter = 2 * (15 + 8) = 2 * 23 = 46 m.",
  ["46.0"], ["120", "23", "38"], inter="23", v="2*(15+8)", sent="You need {} meters of fencing.", unit="meters")
G("A 500-liter water tank is 40% full. A pump adds 15 liters per minute. How many minutes will it take to fill the tank?",
  "20", "Currently: 40% of 500 = 200 liters.\nNeeded: 500 - 200 = 300 liters.\nTime: 300 / 15 = 20 minutes.",
  ["20.0"], ["13.33", "33", "300"], inter="300", v="300/15", sent="It will take {} minutes to fill the tank.", unit="minutes")
G("Priya earns $18.50 per hour and works 32 hours a week. 20% of her pay is withheld for taxes. What is her weekly take-home pay?",
  "473.60", "Gross pay: 18.50 * 32 = 592 dollars.\nTaxes: 20% of 592 = 118.40 dollars.\nTake-home: 592 - 118.40 = 473.60 dollars.",
  ["473.6", r"\$473.60"], ["592", "118.40", "473.06"], inter="592", v="18.5*32*0.8", sent="Priya takes home ${} each week.", money=True)
G("A bakery makes 12 dozen muffins and sells 5/8 of them. How many muffins are left?",
  "54", "12 dozen = 144 muffins.\nSold: 5/8 * 144 = 90.\nLeft: 144 - 90 = 54.",
  [], ["90", "144", "59"], inter="90", v="144-90", sent="There are {} muffins left.", unit="muffins")
G("Kai runs 5 km each weekday and 8 km on each weekend day. How many kilometers does he run in 3 weeks?",
  "123", "Weekdays: 5 * 5 = 25 km.\nWeekend: 2 * 8 = 16 km.\nPer week: 25 + 16 = 41 km.\nThree weeks: 3 * 41 = 123 km.",
  [], ["41", "39", "117"], inter="41", v="3*(25+16)", sent="Kai runs {} km in 3 weeks.", unit="km")
G("A phone plan costs $35 per month plus $0.10 for each text over 200. Ana sent 340 texts this month. What is her bill?",
  "49", "Texts over the limit: 340 - 200 = 140.\nExtra charge: 140 * 0.10 = 14 dollars.\nBill: 35 + 14 = 49 dollars.",
  ["49.00", r"\$49"], ["69", "14", "140"], inter="14", v="35+14", sent="Ana's bill is ${}.", money=True)
G("Ben saves $15 per week. He already has $120 and wants a bike that costs $345. How many more weeks must he save?",
  "15", "Still needed: 345 - 120 = 225 dollars.\nWeeks: 225 / 15 = 15 weeks.",
  [], ["23", "8", "225"], inter="225", v="225/15", sent="Ben needs to save for {} more weeks.", unit="weeks")
G("A car uses 6 liters of fuel per 100 km, and fuel costs $1.80 per liter. How much does the fuel cost for a 450 km trip?",
  "48.60", "Fuel used: 450 / 100 * 6 = 27 liters.\nCost: 27 * 1.80 = 48.60 dollars.",
  ["48.6", r"\$48.60"], ["27", "486", "81"], inter="27", v="27*1.8", sent="The fuel for the trip costs ${}.", money=True)
G("A school has 480 students, and 5/12 of them are boys. How many girls are there?",
  "280", "Boys: 5/12 * 480 = 200.\nGirls: 480 - 200 = 280.",
  [], ["200", "240", "288"], inter="200", v="480-200", sent="There are {} girls in the school.", unit="girls")
G("A jar holds red and blue marbles in the ratio 3:5. There are 40 blue marbles. How many marbles are in the jar altogether?",
  "64", "Each ratio part is 40 / 5 = 8 marbles.\nRed marbles: 3 * 8 = 24.\nTotal: 24 + 40 = 64.",
  [], ["24", "104", "8"], inter="24", v="24+40", sent="The jar holds {} marbles.", unit="marbles")
G("A flight departs at 10:50 am and lands at 3:25 pm the same day (same time zone). How many minutes long is the flight?",
  "275", "From 10:50 am to 2:50 pm is 4 hours.\nFrom 2:50 pm to 3:25 pm is 35 minutes.\nSo 4 hours 35 minutes = 4 * 60 + 35 = 275 minutes.",
  [], ["435", "265", "335"], v="4*60+35", sent="The flight lasts {} minutes.", unit="minutes")
G("Olivia buys 2.5 kg of apples at $3.20 per kg and 1.2 kg of cheese at $12.50 per kg. How much does she spend in total?",
  "23", "Apples: 2.5 * 3.20 = 8 dollars.\nCheese: 1.2 * 12.50 = 15 dollars.\nTotal: 8 + 15 = 23 dollars.",
  ["23.00", r"\$23"], ["15.70", "24", "15"], inter="15", v="2.5*3.2+1.2*12.5", sent="Olivia spends ${} in total.", money=True)
G("A painter can paint 3 rooms in 4 hours. At the same rate, how many hours will it take to paint 15 rooms?",
  "20", "Rate: 3 rooms per 4 hours, so 4/3 hours per room.\n15 rooms: 15 * 4/3 = 20 hours.",
  [], ["11.25", "12", "5"], inter="5", v="15*4/3", sent="It will take {} hours to paint 15 rooms.", unit="hours")
G("A cyclist rides at 18 km/h for 2.5 hours and then at 12 km/h for 1.5 hours. How far does she ride in total?",
  "63", "First part: 18 * 2.5 = 45 km.\nSecond part: 12 * 1.5 = 18 km.\nTotal: 45 + 18 = 63 km.",
  ["63.0"], ["60", "45", "57"], inter="45", v="45+18", sent="She rides {} km in total.", unit="km")
G("Museum tickets cost $12 for adults and $7 for children. How much do tickets cost for a group of 5 adults and 8 children?",
  "116", "Adults: 5 * 12 = 60 dollars.\nChildren: 8 * 7 = 56 dollars.\nTotal: 60 + 56 = 116 dollars.",
  ["116.00", r"\$116"], ["95", "106", "56"], inter="56", v="60+56", sent="The group pays ${} for tickets.", money=True)
G("Emma had 56 stickers. She gave 1/4 of them to her brother and then 9 to a friend. How many stickers does she have left?",
  "33", "Given to brother: 56 / 4 = 14.\nAfter that: 56 - 14 = 42.\nAfter giving 9 to a friend: 42 - 9 = 33.",
  [], ["42", "47", "14"], inter="42", v="56-14-9", sent="Emma has {} stickers left.", unit="stickers")
G("A printer prints 18 pages per minute. How many pages does it print in 2 hours 20 minutes?",
  "2520", "2 hours 20 minutes = 120 + 20 = 140 minutes.\nPages: 140 * 18 = 2520.",
  ["2,520", "2{,}520"], ["2376", "2160", "2250"], inter="140", v="140*18", sent="The printer prints {} pages.", unit="pages")
G("An item costs $80. Its price is increased by 15% and then the new price is decreased by 15%. What is the final price?",
  "78.20", "After the increase: 80 * 1.15 = 92 dollars.\nAfter the decrease: 92 * 0.85 = 78.20 dollars.",
  ["78.2", r"\$78.20"], ["80", "78.02", "92"], inter="92", v="80*1.15*0.85", sent="The final price is ${}.", money=True)
G("Nina is twice as old as her brother. In 6 years, the sum of their ages will be 42. How old is Nina now?",
  "20", "Let her brother be b years old; Nina is 2b.\nIn 6 years: (b + 6) + (2b + 6) = 42, so 3b + 12 = 42 and b = 10.\nNina is 2 * 10 = 20.",
  [], ["10", "26", "14"], inter="10", v="20", sent="Nina is {} years old.", unit="years old")
G("A box of 24 pencils costs $6. How many cents does one pencil cost?",
  "25", "Cost per pencil: 6 / 24 = 0.25 dollars.\n0.25 dollars = 25 cents.",
  [], ["4", "2.5", "40"], v="25", sent="One pencil costs {} cents.", unit="cents")
G("A pool is 25 m long. Sofia swims 48 lengths. How many kilometers does she swim?",
  "1.2", "Distance: 48 * 25 = 1200 m.\n1200 m = 1.2 km.",
  ["1.20", r"\frac{6}{5}"], ["12", "0.12", "1.25"], v="1.2", sent="Sofia swims {} km.", unit="km")
G("A lemonade stand spends $15 to set up. Each cup costs $0.40 to make and sells for $1.25. If 86 cups are sold, what is the profit?",
  "58.10", "Profit per cup: 1.25 - 0.40 = 0.85 dollars.\nFrom 86 cups: 86 * 0.85 = 73.10 dollars.\nAfter setup costs: 73.10 - 15 = 58.10 dollars.",
  ["58.1", r"\$58.10"], ["73.10", "92.50", "58.01"], inter="73.10", v="86*0.85-15", sent="The stand makes a profit of ${}.", money=True)
G("A class has 28 students. 3/7 of them walk to school, 1/4 take the bus, and the rest are driven. How many students are driven?",
  "9", "Walk: 3/7 * 28 = 12.\nBus: 1/4 * 28 = 7.\nDriven: 28 - 12 - 7 = 9.",
  [], ["19", "16", "12"], inter="19", v="28-12-7", sent="{} students are driven to school.", unit="students")
G("Three friends split a $147 restaurant bill plus a 20% tip equally. How much does each friend pay?",
  "58.80", "Tip: 20% of 147 = 29.40 dollars.\nTotal: 147 + 29.40 = 176.40 dollars.\nEach pays 176.40 / 3 = 58.80 dollars.",
  ["58.8", r"\$58.80"], ["49", "176.40", "49.20"], inter="176.40", v="147*1.2/3", sent="Each friend pays ${}.", money=True)
G("A farmer has 15 cows and 22 chickens. How many legs do the animals have in total?",
  "104", "Cow legs: 15 * 4 = 60.\nChicken legs: 22 * 2 = 44.\nTotal: 60 + 44 = 104.",
  [], ["74", "37", "148"], inter="60", v="104", sent="The animals have {} legs in total.", unit="legs")
G("A tree is 5 feet tall and grows 18 inches per year. How tall will it be in feet after 4 years?",
  "11", "Growth in 4 years: 4 * 18 = 72 inches.\n72 inches = 72 / 12 = 6 feet.\nHeight: 5 + 6 = 11 feet.",
  ["11.0"], ["6", "77", "12"], inter="6", v="5+6", sent="The tree will be {} feet tall.", unit="feet")
G("Mark works 7.5 hours a day, 5 days a week, at $22 per hour. What is his weekly pay?",
  "825", "Hours per week: 7.5 * 5 = 37.5.\nPay: 37.5 * 22 = 825 dollars.",
  ["825.00", r"\$825"], ["165", "37.5", "852"], inter="165", v="37.5*22", sent="Mark earns ${} per week.", money=True)
G("A store has 240 apples. It sells 25% of them on Monday and 40% of the remaining apples on Tuesday. How many apples are left?",
  "108", "Monday: 25% of 240 = 60 sold, leaving 180.\nTuesday: 40% of 180 = 72 sold.\nLeft: 180 - 72 = 108.",
  [], ["84", "72", "180"], inter="180", v="180-72", sent="There are {} apples left.", unit="apples")
G("Jake's odometer read 12,480 miles before a trip and 13,125 miles after. He used 21.5 gallons of gas. How many miles per gallon did he get?",
  "30", "Distance: 13,125 - 12,480 = 645 miles.\nMileage: 645 / 21.5 = 30 miles per gallon.",
  ["30.0"], ["645", "31", "29"], inter="645", v="645/21.5", sent="Jake got {} miles per gallon.", unit="mpg")
G("Each gift needs 0.8 m of ribbon. How many gifts can be completely wrapped with a 10 m roll?",
  "12", "10 / 0.8 = 12.5.\nOnly complete gifts count, so 12 gifts.",
  [], ["12.5", "13", "8"], inter="12.5", v="12", sent="{} gifts can be wrapped.", unit="gifts")
G("Rosa bakes 3 trays of 16 cookies every hour. How many cookies does she bake in 2.5 hours?",
  "120", "Cookies per hour: 3 * 16 = 48.\nIn 2.5 hours: 48 * 2.5 = 120.",
  [], ["96", "144", "48"], inter="48", v="48*2.5", sent="Rosa bakes {} cookies.", unit="cookies")
G("A dinner costs $64. Tax is 8% and the tip is 15% of the pre-tax amount. What is the total cost?",
  "78.72", "Tax: 0.08 * 64 = 5.12 dollars.\nTip: 0.15 * 64 = 9.60 dollars.\nTotal: 64 + 5.12 + 9.60 = 78.72 dollars.",
  [r"\$78.72"], ["79.49", "73.60", "78.27"], inter="73.60", v="64+5.12+9.6", sent="The total cost is ${}.", money=True)
G("A faucet drips 3 mL of water every 10 seconds. How many liters does it drip in one day?",
  "25.92", "Seconds per day: 86,400, so 8,640 ten-second intervals.\nWater: 8,640 * 3 = 25,920 mL.\n25,920 mL = 25.92 L.",
  [], ["2.592", "259.2", "8.64"], inter="8640", v="25.92", sent="The faucet drips {} liters per day.", unit="liters")
G("Hannah has 21 coins, all quarters and dimes, worth $4.35 in total. How many quarters does she have?",
  "15", "Let q be quarters; dimes = 21 - q.\n25q + 10(21 - q) = 435, so 15q + 210 = 435 and 15q = 225.\nq = 15.",
  [], ["6", "17", "225"], inter="6", v="15", sent="Hannah has {} quarters.", unit="quarters")
G("A concert hall has 50 rows of 30 seats. 86% of the seats were sold. How many seats were sold?",
  "1290", "Total seats: 50 * 30 = 1500.\nSold: 0.86 * 1500 = 1290.",
  ["1,290"], ["210", "1500", "1209"], inter="1500", v="1500*0.86", sent="{} seats were sold.", unit="seats")
G("Leo walks 1.2 miles to school at 3 miles per hour. How many minutes does the walk take?",
  "24", "Time: 1.2 / 3 = 0.4 hours.\n0.4 hours = 0.4 * 60 = 24 minutes.",
  [], ["40", "36", "2.5"], v="24", sent="Leo's walk takes {} minutes.", unit="minutes")
G("A shop buys lamps for $40 each and sells them at a 35% markup. What is the total profit on 12 lamps?",
  "168", "Markup per lamp: 0.35 * 40 = 14 dollars.\nProfit on 12 lamps: 12 * 14 = 168 dollars.",
  ["168.00", r"\$168"], ["54", "648", "14"], inter="14", v="12*14", sent="The shop's profit is ${}.", money=True)
G("Gina's rent is $1,250 per month. In her first year she pays 12 months of rent plus a $300 deposit. How much does she pay in total?",
  "15300", "Rent: 12 * 1,250 = 15,000 dollars.\nWith deposit: 15,000 + 300 = 15,300 dollars.",
  ["15,300", r"\$15,300"], ["15000", "1550", "14700"], inter="15000", v="15300", sent="Gina pays ${} in her first year.", money=True)
G("A bus leaves the station every 18 minutes starting at 6:00 am. How many buses leave between 6:00 am and 9:00 am, inclusive?",
  "11", "From 6:00 to 9:00 is 180 minutes.\n180 / 18 = 10 intervals.\nCounting the 6:00 bus, there are 10 + 1 = 11 buses.",
  [], ["10", "9", "12"], inter="10", v="11", sent="{} buses leave in that time.", unit="buses")
G("Tina had $200. She spent 30% of it on shoes and $45 on a jacket. What percent of her original money does she have left?",
  "47.5", "Shoes: 30% of 200 = 60 dollars.\nSpent: 60 + 45 = 105 dollars; left: 200 - 105 = 95 dollars.\n95 / 200 = 0.475 = 47.5%.",
  [r"47.5\%"], ["52.5", "95", "42.5"], inter="95", v="47.5", sent="Tina has {}% of her money left.", unit="%")
G("A factory produces 1,200 widgets per day and 2.5% are defective. How many non-defective widgets does it produce in a 5-day week?",
  "5850", "Defective per day: 0.025 * 1200 = 30.\nGood per day: 1200 - 30 = 1170.\nPer week: 5 * 1170 = 5850.",
  ["5,850"], ["150", "6000", "1170"], inter="1170", v="5*1170", sent="The factory makes {} non-defective widgets per week.", unit="widgets")
G("A car is worth $18,750 and loses 20% of its value each year. What will it be worth after 2 years?",
  "12000", "After year 1: 18,750 * 0.8 = 15,000 dollars.\nAfter year 2: 15,000 * 0.8 = 12,000 dollars.",
  ["12,000", r"12{,}000", r"\$12,000"], ["11250", "15000", "7500"], inter="15000", v="18750*0.64", sent="The car will be worth ${}.", money=True)
G("A movie theater sold 342 tickets on Friday and twice as many on Saturday. Tickets cost $9 each. What was the total revenue for the two days?",
  "9234", "Saturday: 2 * 342 = 684 tickets.\nTotal tickets: 342 + 684 = 1026.\nRevenue: 1026 * 9 = 9234 dollars.",
  ["9,234", r"\$9,234"], ["6156", "1026", "9324"], inter="1026", v="1026*9", sent="The theater made ${} over the two days.", money=True)
G("Dev drinks 250 mL of juice every morning. A carton holds 1.75 liters. How many days does one carton last?",
  "7", "1.75 liters = 1750 mL.\n1750 / 250 = 7 days.",
  ["7.0"], ["70", "0.7", "6"], v="1750/250", sent="One carton lasts {} days.", unit="days")
G("Ivy scored 82, 91, and 77 on three tests. What score does she need on the fourth test to average exactly 85?",
  "90", "Needed total: 4 * 85 = 340.\nCurrent total: 82 + 91 + 77 = 250.\nNeeded score: 340 - 250 = 90.",
  [], ["85", "250", "93"], inter="250", v="340-250", sent="Ivy needs a {} on the fourth test.", unit="points")
G("A parking garage charges $3 for the first hour and $2 for each additional hour. How much does it cost to park for 7 hours?",
  "15", "First hour: 3 dollars.\nAdditional hours: 6 * 2 = 12 dollars.\nTotal: 3 + 12 = 15 dollars.",
  [r"\$15", "15.00"], ["17", "14", "21"], inter="12", v="3+12", sent="Parking for 7 hours costs ${}.", money=True)

# ---------------- table / chart reading ----------------
G("The table shows cupcakes sold each day.\n| Day | Mon | Tue | Wed | Thu | Fri |\n|---|---|---|---|---|---|\n| Sold | 12 | 18 | 9 | 15 | 26 |\nWhat is the mean number of cupcakes sold per day?",
  "16", "Sum: 12 + 18 + 9 + 15 + 26 = 80.\nMean: 80 / 5 = 16.",
  ["16.0"], ["80", "15", "17"], inter="80", v="80/5", sent="The bakery sold an average of {} cupcakes per day.", unit="cupcakes")
G("A bar chart shows books read this month: Ana 7, Ben 12, Cy 5, Dee 9. How many more books did the top reader read than the bottom reader?",
  "7", "Top reader: Ben with 12.\nBottom reader: Cy with 5.\nDifference: 12 - 5 = 7.",
  [], ["12", "5", "3"], v="7", sent="Ben read {} more books than Cy.", unit="books")
G("Daily high temperatures (in °C) for six days were 14, 9, 17, 11, 20, 13. What is the median temperature?",
  "13.5", "Sorted: 9, 11, 13, 14, 17, 20.\nThe middle two values are 13 and 14.\nMedian: (13 + 14) / 2 = 13.5.",
  [r"\frac{27}{2}", "13.50"], ["14", "13", "14.5"], v="13.5", sent="The median temperature is {} °C.", unit="°C")
G("A pie chart of a survey of 240 people shows that 35% chose soccer as their favorite sport. How many people chose soccer?",
  "84", "35% of 240 = 0.35 * 240 = 84.",
  [], ["35", "156", "48"], v="84", sent="{} people chose soccer.", unit="people")
M("The price list shows: apples $2.40/kg, pears $3.10/kg, plums $4.50/kg. How much do 2 kg of apples and 1.5 kg of plums cost?",
  r"\$11.55", "Apples: 2 * 2.40 = 4.80 dollars.\nPlums: 1.5 * 4.50 = 6.75 dollars.\nTotal: 4.80 + 6.75 = 11.55 dollars.",
  ["11.55", r"\$11.55", r"11.55\text{ dollars}"], ["11.50", "9.90", "6.75"], inter="6.75", v="11.55", unit="dollars")
M("A line graph shows a town's population was 8,000 in 2010 and 10,000 in 2020. By what percent did the population increase?",
  r"25\%", "Increase: 10,000 - 8,000 = 2,000.\nPercent increase: 2,000 / 8,000 = 0.25 = 25%.",
  ["25", r"25 \%"], [r"20\%", "2000", r"125\%"], inter="2000", v="25")
G("The frequency table of quiz scores is: score 1 (3 students), score 2 (5 students), score 3 (8 students), score 4 (4 students). What is the mode of the scores?",
  "3", "The mode is the score with the highest frequency.\nScore 3 has frequency 8, the largest, so the mode is 3.",
  [], ["8", "4", "2"], inter="8", v="3", sent="The mode of the scores is {}.", unit="")
G("A distance table lists A to B: 120 km, B to C: 85 km, A to C: 170 km. How long is the trip A to B to C and back to A?",
  "375", "A to B: 120 km, B to C: 85 km, C to A: 170 km.\nTotal: 120 + 85 + 170 = 375 km.",
  [], ["205", "290", "410"], inter="205", v="375", sent="The whole trip is {} km.", unit="km")
G("Class A has 25 students with an average score of 80. Class B has 15 students with an average score of 72. What is the average score of all 40 students?",
  "77", "Class A total: 25 * 80 = 2000.\nClass B total: 15 * 72 = 1080.\nCombined average: (2000 + 1080) / 40 = 3080 / 40 = 77.",
  ["77.0"], ["76", "3080", "78"], inter="3080", v="3080/40", sent="The combined average is {}.", unit="points")
G("Monthly rainfall was January 45 mm, February 38 mm, March 52 mm, April 61 mm. What is the range of the monthly rainfall?",
  "23", "Largest: 61 mm (April). Smallest: 38 mm (February).\nRange: 61 - 38 = 23 mm.",
  [], ["16", "61", "7"], v="23", sent="The range is {} mm.", unit="mm")
M("A jacket originally priced at $50 is on sale for 15% off. What is the sale price?",
  r"\$42.50", "Discount: 15% of 50 = 7.50 dollars.\nSale price: 50 - 7.50 = 42.50 dollars.",
  ["42.50", "42.5", r"\$42.5"], ["7.50", r"\$42.05", r"\$35"], inter="7.50", v="42.5")

# ---------------- MATH-style ----------------
M(r"Solve for $x$: $3x - 7 = 11$.", "6", r"Add 7: $3x = 18$." "\n" r"Divide by 3: $x = 6$.",
  ["x = 6", "x=6"], ["-6", r"\frac{4}{3}", "18"], inter="18", v="6")
M(r"Find the sum of all solutions to $x^2 - 7x + 10 = 0$.", "7", r"Factor: $(x-2)(x-5) = 0$, so $x = 2$ or $x = 5$." "\n" r"Sum: $2 + 5 = 7$.",
  [], ["10", "-7", "5"], v="7")
M(r"What is the distance between the points $(1, 2)$ and $(5, 4)$?", r"2\sqrt{5}", r"$\Delta x = 4$, $\Delta y = 2$." "\n" r"Distance $= \sqrt{16 + 4} = \sqrt{20} = 2\sqrt{5}$.",
  [r"2\sqrt5", r"\sqrt{20}", r"2 \sqrt{5}", r"\sqrt{5}\cdot 2"], [r"4\sqrt{5}", r"5\sqrt{2}", r"\sqrt{10}", "6"], v="2*sqrt(5)")
M(r"What is $\frac{1}{2} + \frac{1}{4}$?", r"\frac{3}{4}", r"Common denominator 4: $\frac{2}{4} + \frac{1}{4} = \frac{3}{4}$.",
  ["3/4", "0.75", r"\dfrac{3}{4}", r"\dfrac34"], [r"\frac{2}{6}", r"\frac{1}{3}", r"\frac{4}{3}"], v="Rational(3,4)")
M(r"Find all real $x$ satisfying $-3 \le 2x - 7 < 3$.", "[2, 5)", r"Add 7: $4 \le 2x < 10$." "\n" r"Divide by 2: $2 \le x < 5$.",
  ["[2,5)", r"2 \le x < 5", r"x \in [2, 5)", r"\left[2, 5\right)"], ["(2, 5)", "[2, 5]", "(2,5]", "[4, 10)"], inter="[4, 10)")
M(r"Solve the system of equations $x + y = -1$, $2x - y = 4$.", "(1, -2)", r"Adding the equations: $3x = 3$, so $x = 1$." "\n" r"Then $y = -1 - 1 = -2$.",
  ["(1,-2)", r"\left(1, -2\right)", "x=1, y=-2"], ["(-2, 1)", "(1, 2)", "(-1, 2)"])
M(r"Find the quadratic polynomial $p(x)$ such that $p(0) = 1$, $p(1) = 4$, and $p(-1) = 0$.", "x^2 + 2x + 1",
  r"Write $p(x) = ax^2 + bx + c$. $p(0) = 1$ gives $c = 1$." "\n" r"$p(1) = a + b + 1 = 4$ and $p(-1) = a - b + 1 = 0$, so $a + b = 3$, $a - b = -1$." "\n" r"Hence $a = 1$, $b = 2$, and $p(x) = x^2 + 2x + 1$.",
  ["(x+1)^2", "1 + 2x + x^2", "x^2+2x+1", r"p(x) = x^2 + 2x + 1"], ["x^2 + 2x - 1", "x^2 - 2x + 1", "(x-1)^2", "2x^2 + x + 1"])
M(r"What is the area of a circle with radius $\sqrt{3}$?", r"3\pi", r"Area $= \pi r^2 = \pi (\sqrt{3})^2 = 3\pi$.",
  [r"3 \pi", r"\pi \cdot 3", r"3\pi \text{ square units}"], [r"9\pi", r"6\pi", r"2\sqrt{3}\pi", "9.42"], v="3*pi")
M("What is the measure, in degrees, of each interior angle of a regular hexagon?", r"120^\circ", r"Sum of interior angles: $(6-2) \cdot 180^\circ = 720^\circ$." "\n" r"Each angle: $720^\circ / 6 = 120^\circ$.",
  ["120", r"120^{\circ}", "120°", r"120 \text{ degrees}"], [r"60^\circ", r"720^\circ", r"108^\circ"], inter=r"720^\circ", v="120")
M("What percent of 80 is 14.4?", r"18\%", r"$\frac{14.4}{80} = 0.18 = 18\%$.",
  ["18", "18%", r"18 \%"], [r"1.8\%", "11.52", r"82\%"], v="18")
M("What is the greatest common divisor of 84 and 126?", "42", r"$84 = 2^2 \cdot 3 \cdot 7$, $126 = 2 \cdot 3^2 \cdot 7$." "\n" r"GCD $= 2 \cdot 3 \cdot 7 = 42$.",
  [], ["21", "252", "14"], v="42")
M("What is the least common multiple of 12, 18, and 30?", "180", r"$12 = 2^2\cdot 3$, $18 = 2 \cdot 3^2$, $30 = 2 \cdot 3 \cdot 5$." "\n" r"LCM $= 2^2 \cdot 3^2 \cdot 5 = 180$.",
  [], ["540", "6", "360"], v="180")
M(r"What is the remainder when $2^{100}$ is divided by 7?", "2", r"$2^3 = 8 \equiv 1 \pmod 7$." "\n" r"$2^{100} = (2^3)^{33} \cdot 2 \equiv 2 \pmod 7$.",
  [], ["4", "1", "0"], v="2")
M("How many positive divisors does 360 have?", "24", r"$360 = 2^3 \cdot 3^2 \cdot 5$." "\n" r"Number of divisors: $(3+1)(2+1)(1+1) = 24$.",
  [], ["12", "23", "36"], v="24")
M("In how many ways can a committee of 3 be chosen from 8 people?", "56", r"$\binom{8}{3} = \frac{8 \cdot 7 \cdot 6}{3!} = \frac{336}{6} = 56$.",
  [], ["336", "28", "24"], inter="336", v="56")
M("How many distinct arrangements of the letters in BANANA are there?", "60", r"6 letters with 3 A's and 2 N's: $\frac{6!}{3!\,2!} = \frac{720}{12} = 60$.",
  [], ["720", "120", "36"], inter="720", v="60")
M("Two fair six-sided dice are rolled. What is the probability that the sum is 7? Express your answer as a common fraction.", r"\frac{1}{6}",
  r"Favorable outcomes: (1,6),(2,5),(3,4),(4,3),(5,2),(6,1), which is 6 outcomes." "\n" r"Probability $= \frac{6}{36} = \frac{1}{6}$.",
  ["1/6", r"\dfrac{1}{6}", r"\frac16"], [r"\frac{1}{12}", r"\frac{7}{36}", r"\frac{5}{36}"], v="Rational(1,6)")
M(r"Compute $1 + 3 + 5 + \cdots + 99$.", "2500", r"There are 50 odd numbers from 1 to 99." "\n" r"Sum $= 50^2 = 2500$.",
  ["2,500", r"2{,}500"], ["2550", "5000", "2450"], v="2500")
M(r"Let $f(x) = 2x + 3$ and $g(x) = x^2$. Find $f(g(2))$.", "11", r"$g(2) = 4$." "\n" r"$f(4) = 2 \cdot 4 + 3 = 11$.",
  [], ["49", "7", "14"], inter="4", v="11")
M(r"What is the slope of the line through $(2, 3)$ and $(6, 13)$?", r"\frac{5}{2}", r"Slope $= \frac{13 - 3}{6 - 2} = \frac{10}{4} = \frac{5}{2}$.",
  ["2.5", "5/2", r"2\frac{1}{2}"], [r"\frac{2}{5}", r"-\frac{5}{2}", "10"], v="Rational(5,2)")
M(r"Find the vertex of the parabola $y = x^2 - 6x + 5$.", "(3, -4)", r"$x = -\frac{b}{2a} = 3$." "\n" r"$y = 9 - 18 + 5 = -4$.",
  ["(3,-4)", r"\left(3, -4\right)"], ["(-3, -4)", "(3, 4)", "(3, 5)"])
M(r"Evaluate $\log_3 \frac{1}{81}$.", "-4", r"$\frac{1}{81} = 3^{-4}$, so $\log_3 \frac{1}{81} = -4$.",
  [], ["4", r"\frac{1}{4}", "-3"], v="-4")
M(r"Find all solutions to $|2x - 3| = 7$. Enter all the solutions, separated by commas.", "-2, 5", r"Case 1: $2x - 3 = 7$ gives $x = 5$." "\n" r"Case 2: $2x - 3 = -7$ gives $x = -2$.",
  ["5, -2", r"x = -2 \text{ or } x = 5", r"-2,5"], ["5", "-2, -5", "2, 5"])
M("What is the sum of the interior angles of an octagon, in degrees?", r"1080^\circ", r"Sum $= (8 - 2) \cdot 180^\circ = 1080^\circ$.",
  ["1080", "1080°", r"1{,}080^\circ", "1,080"], [r"1440^\circ", r"900^\circ", r"135^\circ"], v="1080")
M("A triangle has side lengths 5, 12, and 13. What is its area?", "30", r"$5^2 + 12^2 = 169 = 13^2$, so it is a right triangle with legs 5 and 12." "\n" r"Area $= \frac{1}{2} \cdot 5 \cdot 12 = 30$.",
  [r"30 \text{ square units}"], ["60", "32.5", "15"], inter="60", v="30")
M("A right triangle has legs of length 7 and 24. What is the length of the hypotenuse?", "25", r"$c = \sqrt{7^2 + 24^2} = \sqrt{49 + 576} = \sqrt{625} = 25$.",
  [], ["31", "24.5", "625"], inter="625", v="25")
M("What is the volume of a cylinder with radius 3 and height 5? Express your answer in terms of $\\pi$.", r"45\pi", r"$V = \pi r^2 h = \pi \cdot 9 \cdot 5 = 45\pi$.",
  [r"45 \pi", r"\pi \cdot 45"], [r"15\pi", r"30\pi", "141.37", r"75\pi"], v="45*pi")
M(r"Compute $\sin 30^\circ + \cos 60^\circ$.", "1", r"$\sin 30^\circ = \frac{1}{2}$ and $\cos 60^\circ = \frac{1}{2}$." "\n" r"Sum $= 1$.",
  ["1.0"], [r"\frac{1}{2}", r"\sqrt{3}", "2"], v="1")
M(r"Compute $\cos \frac{2\pi}{3}$.", r"-\frac{1}{2}", r"$\frac{2\pi}{3}$ is $120^\circ$, in the second quadrant, with reference angle $60^\circ$." "\n" r"$\cos 120^\circ = -\cos 60^\circ = -\frac{1}{2}$.",
  ["-0.5", "-1/2", r"\frac{-1}{2}", r"-\dfrac{1}{2}"], [r"\frac{1}{2}", r"-\frac{\sqrt{3}}{2}", r"\frac{\sqrt{3}}{2}"], v="-Rational(1,2)")
M(r"Convert the point $(1, \sqrt{3})$ in rectangular coordinates to polar coordinates $(r, \theta)$ with $r > 0$ and $0 \le \theta < 2\pi$.", r"\left( 2, \frac{\pi}{3} \right)",
  r"$r = \sqrt{1 + 3} = 2$." "\n" r"$\tan \theta = \sqrt{3}$ with the point in the first quadrant, so $\theta = \frac{\pi}{3}$.",
  [r"(2, \pi/3)", r"(2,\frac{\pi}{3})", r"\left(2, \dfrac{\pi}{3}\right)"], [r"\left(2, \frac{\pi}{6}\right)", r"(4, \frac{\pi}{3})", r"(2, \frac{2\pi}{3})"])
M(r"Compute the determinant of $\begin{pmatrix} 2 & 5 \\ 1 & 4 \end{pmatrix}$.", "3", r"$\det = 2 \cdot 4 - 5 \cdot 1 = 8 - 5 = 3$.",
  [], ["13", "-3", "8"], v="3")
M(r"Compute the dot product $\begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix} \cdot \begin{pmatrix} 4 \\ -5 \\ 6 \end{pmatrix}$.", "12", r"$1 \cdot 4 + 2 \cdot (-5) + 3 \cdot 6 = 4 - 10 + 18 = 12$.",
  [], ["32", "-12", "28"], v="12")
M(r"Simplify $(2 + i)(3 - i)$.", "7 + i", r"$(2+i)(3-i) = 6 - 2i + 3i - i^2 = 6 + i + 1 = 7 + i$.",
  ["7+i", "i + 7"], ["7 - i", "5 + i", "6 + i"])
M(r"Find the sum of the infinite geometric series $6 + 2 + \frac{2}{3} + \cdots$.", "9", r"First term $a = 6$, ratio $r = \frac{1}{3}$." "\n" r"Sum $= \frac{6}{1 - \frac{1}{3}} = \frac{6}{2/3} = 9$.",
  ["9.0"], ["8", r"\frac{26}{3}", "18"], v="9")
M(r"What is the units digit of $7^{2023}$?", "3", r"Units digits of powers of 7 cycle: 7, 9, 3, 1." "\n" r"$2023 \equiv 3 \pmod 4$, so the units digit is 3.",
  [], ["7", "9", "1"], v="3")
M(r"Find the smallest positive integer $n$ such that $n \equiv 2 \pmod 3$, $n \equiv 3 \pmod 5$, and $n \equiv 2 \pmod 7$.", "23", r"$n \equiv 2 \pmod{21}$, so $n \in \{2, 23, 44, \dots\}$." "\n" r"$2 \equiv 2$, $23 \equiv 3 \pmod 5$, so $n = 23$.",
  [], ["2", "44", "53"], v="23")
M(r"Express $235_7$ in base 10.", "124", r"$235_7 = 2 \cdot 49 + 3 \cdot 7 + 5 = 98 + 21 + 5 = 124$.",
  ["124_{10}"], ["235", "122", "119"], v="124")
M(r"How many zeros are at the end of $125!$?", "31", r"$\lfloor 125/5 \rfloor + \lfloor 125/25 \rfloor + \lfloor 125/125 \rfloor = 25 + 5 + 1 = 31$.",
  [], ["30", "25", "28"], v="31")
M(r"If $x + \frac{1}{x} = 4$, what is $x^2 + \frac{1}{x^2}$?", "14", r"Square: $x^2 + 2 + \frac{1}{x^2} = 16$." "\n" r"So $x^2 + \frac{1}{x^2} = 16 - 2 = 14$.",
  [], ["16", "18", "12"], inter="16", v="14")
M(r"Find the roots of $x^2 + 4x + 13 = 0$.", r"-2 \pm 3i", r"$x = \frac{-4 \pm \sqrt{16 - 52}}{2} = \frac{-4 \pm \sqrt{-36}}{2} = \frac{-4 \pm 6i}{2} = -2 \pm 3i$.",
  ["-2+3i, -2-3i", r"-2 \pm 3 i", r"-2 - 3i, -2 + 3i"], [r"2 \pm 3i", r"-2 \pm 3", r"-4 \pm 6i"])
M(r"Rationalize the denominator: $\frac{1}{\sqrt{3} - 1}$.", r"\frac{\sqrt{3}+1}{2}", r"Multiply by $\frac{\sqrt{3}+1}{\sqrt{3}+1}$: denominator becomes $3 - 1 = 2$." "\n" r"Result: $\frac{\sqrt{3}+1}{2}$.",
  [r"\frac{1+\sqrt{3}}{2}", r"\frac{\sqrt3 + 1}{2}", r"\frac{\sqrt{3}}{2} + \frac{1}{2}"], [r"\frac{\sqrt{3}-1}{2}", r"\sqrt{3}+1", r"\frac{\sqrt{3}+1}{4}"], v="(sqrt(3)+1)/2")
M(r"What is the sum of the coefficients in the expansion of $(x + 2)^4$?", "81", r"Set $x = 1$: $(1 + 2)^4 = 3^4 = 81$.",
  [], ["16", "27", "24"], v="81")
M(r"Find the inverse of $f(x) = \frac{x+1}{x-2}$.", r"\frac{2x+1}{x-1}", r"Write $y = \frac{x+1}{x-2}$ and swap: $x = \frac{y+1}{y-2}$." "\n" r"$x(y - 2) = y + 1 \Rightarrow xy - y = 2x + 1 \Rightarrow y = \frac{2x+1}{x-1}$.",
  [r"\frac{1+2x}{x-1}", r"f^{-1}(x) = \frac{2x+1}{x-1}", r"\frac{-2x-1}{1-x}"], [r"\frac{x-2}{x+1}", r"\frac{2x-1}{x+1}", r"\frac{2x+1}{x+1}"])
M(r"Factor $x^2 - 9$.", "(x-3)(x+3)", r"This is a difference of squares: $x^2 - 3^2 = (x - 3)(x + 3)$.",
  ["(x+3)(x-3)", "(x - 3)(x + 3)"], ["(x-3)^2", "(x-9)(x+1)", "(x+3)^2"], note="factored form required")
M("What is the expected value of the roll of a fair six-sided die?", r"\frac{7}{2}", r"$E = \frac{1 + 2 + 3 + 4 + 5 + 6}{6} = \frac{21}{6} = \frac{7}{2}$.",
  ["3.5", r"3\frac{1}{2}", "7/2"], ["3", r"\frac{21}{5}", "21"], inter="21", v="Rational(7,2)")
M("A fair coin is flipped 3 times. What is the probability of getting at least one head?", r"\frac{7}{8}", r"$P(\text{no heads}) = \left(\frac{1}{2}\right)^3 = \frac{1}{8}$." "\n" r"$P(\text{at least one head}) = 1 - \frac{1}{8} = \frac{7}{8}$.",
  ["0.875", "7/8", r"87.5\%"], [r"\frac{3}{8}", r"\frac{1}{8}", r"\frac{1}{2}"], inter=r"\frac{1}{8}", v="Rational(7,8)")
M(r"In triangle $ABC$ (see figure), $\angle A = 50^\circ$ and $\angle B = 65^\circ$. Side $BC$ is extended past $C$ to point $D$. What is the measure of $\angle ACD$?", r"115^\circ",
  r"By the exterior angle theorem, $\angle ACD = \angle A + \angle B = 50^\circ + 65^\circ = 115^\circ$.",
  ["115", "115°", r"115^{\circ}"], [r"65^\circ", "65", r"130^\circ"], inter="65", v="115")
M("A square is inscribed in a circle of radius 5. What is the area of the square?", "50", r"The diagonal of the square is the diameter, 10." "\n" r"Area $= \frac{d^2}{2} = \frac{100}{2} = 50$.",
  ["50.0"], ["100", "25", r"25\pi"], inter="100", v="50")
M("What is the area of an equilateral triangle with side length 6?", r"9\sqrt{3}", r"Area $= \frac{\sqrt{3}}{4} s^2 = \frac{\sqrt{3}}{4} \cdot 36 = 9\sqrt{3}$.",
  [r"9\sqrt3", r"9 \sqrt{3}"], [r"18\sqrt{3}", r"36\sqrt{3}", "15.59", r"3\sqrt{3}"], v="9*sqrt(3)")
M(r"A circle has radius 12. What is the length of an arc subtended by a central angle of $60^\circ$? Express your answer in terms of $\pi$.", r"4\pi",
  r"Circumference $= 24\pi$." "\n" r"Arc $= \frac{60}{360} \cdot 24\pi = 4\pi$.",
  [r"4 \pi", r"\pi \cdot 4"], [r"2\pi", r"24\pi", r"8\pi"], inter=r"24\pi", v="4*pi")
M("How many diagonals does a convex decagon have?", "35", r"$\frac{n(n-3)}{2} = \frac{10 \cdot 7}{2} = 35$.",
  [], ["45", "70", "40"], inter="70", v="35")
M("How many integers from 1 to 100 inclusive are divisible by 3 or 5?", "47", r"Divisible by 3: 33. Divisible by 5: 20. Divisible by 15: 6." "\n" r"By inclusion-exclusion: $33 + 20 - 6 = 47$.",
  [], ["53", "41", "59"], inter="53", v="47")
M("How many three-digit palindromes are there?", "90", r"The form is $aba$ with $a \in \{1, \dots, 9\}$ and $b \in \{0, \dots, 9\}$." "\n" r"Count: $9 \cdot 10 = 90$.",
  [], ["100", "900", "81"], v="90")
M("What is the largest prime factor of 1001?", "13", r"$1001 = 7 \cdot 143 = 7 \cdot 11 \cdot 13$." "\n" r"The largest prime factor is 13.",
  [], ["11", "143", "7"], inter="143", v="13")
M(r"Compute $i^{2023}$.", "-i", r"Powers of $i$ cycle with period 4, and $2023 \equiv 3 \pmod 4$." "\n" r"$i^3 = -i$.",
  [r"- i"], ["i", "-1", "1"])
M(r"What is the radius of the circle $x^2 + y^2 - 6x + 8y = 0$?", "5", r"Complete the square: $(x - 3)^2 + (y + 4)^2 = 9 + 16 = 25$." "\n" r"Radius $= \sqrt{25} = 5$.",
  ["5.0"], ["25", r"\sqrt{7}", "10"], inter="25", v="5")
M(r"Simplify $\frac{x^2 - 1}{x - 1}$ for $x \neq 1$.", "x+1", r"$x^2 - 1 = (x - 1)(x + 1)$, so the fraction simplifies to $x + 1$.",
  ["1+x", "x + 1"], ["x-1", "x", "x^2"])
M(r"What is the sum of the roots of $2x^3 - 5x^2 + 3x - 7 = 0$?", r"\frac{5}{2}", r"By Vieta's formulas, the sum of the roots is $-\frac{-5}{2} = \frac{5}{2}$.",
  ["2.5", "5/2"], [r"-\frac{5}{2}", r"\frac{7}{2}", "5"], v="Rational(5,2)")
M(r"For what positive value of $k$ does $x^2 + kx + 16 = 0$ have exactly one real solution?", "8", r"We need the discriminant to be zero: $k^2 - 64 = 0$, so $k = \pm 8$." "\n" r"Since $k > 0$, $k = 8$.",
  ["k = 8", "k=8"], ["-8", "4", r"\pm 8", "64"], inter="64", v="8")
M("A rectangle has area 48 and length 8. What is its perimeter?", "28", r"Width $= 48 / 8 = 6$." "\n" r"Perimeter $= 2(8 + 6) = 28$.",
  [], ["14", "48", "6"], inter="6", v="28")
M("What is the measure of the smaller angle formed by the hands of a clock at 3:30?", r"75^\circ", r"The minute hand is at $180^\circ$." "\n" r"The hour hand is at $90^\circ + 15^\circ = 105^\circ$." "\n" r"Angle $= 180^\circ - 105^\circ = 75^\circ$.",
  ["75", r"75 \text{ degrees}", "75°"], [r"90^\circ", r"105^\circ", r"285^\circ"], inter=r"105^\circ", v="75")
M(r"If $\tan \theta = \frac{3}{4}$ and $\theta$ is in the first quadrant, find $\sin \theta$.", r"\frac{3}{5}", r"Use a 3-4-5 right triangle: opposite 3, adjacent 4, hypotenuse 5." "\n" r"$\sin \theta = \frac{3}{5}$.",
  ["0.6", "3/5"], [r"\frac{4}{5}", r"\frac{3}{4}", r"\frac{5}{3}"], v="Rational(3,5)")
M(r"What is the range of $f(x) = x^2 + 2$ over all real numbers?", r"[2, \infty)", r"$x^2 \ge 0$ with equality at $x = 0$, so $f(x) \ge 2$ and every value $\ge 2$ is attained.",
  [r"[2,\infty)", r"y \ge 2", r"[2, +\infty)"], [r"(2, \infty)", r"[0, \infty)", r"(-\infty, 2]"])
M(r"Find the domain of $f(x) = \frac{\sqrt{x - 3}}{x - 5}$.", r"[3, 5) \cup (5, \infty)", r"Need $x - 3 \ge 0$, so $x \ge 3$." "\n" r"Need $x \ne 5$.",
  [r"[3,5)\cup(5,\infty)", r"[3, 5) \cup (5, +\infty)", r"x \ge 3, x \ne 5"], [r"[3, \infty)", r"(3, 5) \cup (5, \infty)", r"[3, 5)"])
M(r"Express $0.\overline{36}$ as a common fraction in lowest terms.", r"\frac{4}{11}", r"Let $x = 0.\overline{36}$. Then $100x - x = 36$, so $x = \frac{36}{99}$." "\n" r"Reduce: $\frac{36}{99} = \frac{4}{11}$.",
  ["4/11", r"\dfrac{4}{11}"], [r"\frac{36}{100}", r"\frac{9}{25}", r"\frac{4}{9}"], v="Rational(4,11)")
M(r"Compute $\frac{1}{1 \cdot 2} + \frac{1}{2 \cdot 3} + \cdots + \frac{1}{9 \cdot 10}$.", r"\frac{9}{10}", r"Telescoping: $\frac{1}{k(k+1)} = \frac{1}{k} - \frac{1}{k+1}$." "\n" r"Sum $= 1 - \frac{1}{10} = \frac{9}{10}$.",
  ["0.9", "9/10"], [r"\frac{10}{11}", "1", r"\frac{1}{10}"], v="Rational(9,10)")
M(r"Prove that $x + \frac{4}{x} \ge 4$ for all $x > 0$, and find the minimum value of $x + \frac{4}{x}$ for $x > 0$.", "4", r"By AM-GM, $x + \frac{4}{x} \ge 2\sqrt{x \cdot \frac{4}{x}} = 2\sqrt{4} = 4$." "\n" r"Equality holds at $x = 2$, so the minimum value is 4.",
  ["4.0"], ["2", "8", "0"], inter="2", v="4")
M(r"Prove that $n^3 - n$ is divisible by 6 for every integer $n$. What is the largest integer that divides $n^3 - n$ for every integer $n$?", "6", r"$n^3 - n = (n-1)n(n+1)$ is a product of three consecutive integers, so it is divisible by 2 and 3, hence by 6." "\n" r"For $n = 2$, $n^3 - n = 6$, so no larger integer works. The answer is 6.",
  [], ["3", "24", "2"], v="6")
M(r"Prove that the sum of the first $n$ odd positive integers is $n^2$, and use it to compute the sum of the first 20 odd positive integers.", "400", r"Induction: $1 = 1^2$, and if $1 + 3 + \cdots + (2n-1) = n^2$ then adding $2n+1$ gives $(n+1)^2$." "\n" r"For $n = 20$: $20^2 = 400$.",
  [], ["420", "441", "39"], inter="39", v="400")
M(r"Real numbers $a$ and $b$ satisfy $a + b = 6$. Find the minimum value of $a^2 + b^2$.", "18", r"$a^2 + b^2 \ge \frac{(a+b)^2}{2} = \frac{36}{2} = 18$, with equality at $a = b = 3$.",
  [], ["36", "9", "12"], inter="36", v="18")
M(r"Find the maximum value of $3x + 4y$ subject to $x^2 + y^2 = 4$.", "10", r"By Cauchy-Schwarz, $(3x + 4y)^2 \le (9 + 16)(x^2 + y^2) = 25 \cdot 4 = 100$." "\n" r"So $3x + 4y \le 10$, attained at $(x, y) = (\frac{6}{5}, \frac{8}{5})$.",
  [], ["5", "100", "14"], inter="100", v="10")
M(r"Solve for $x$: $2^{x+1} = 32$.", "4", r"$32 = 2^5$, so $x + 1 = 5$." "\n" r"$x = 4$.",
  ["x=4"], ["5", "16", "3"], inter="5", v="4")

# ---------------- AIME-style integers ----------------
M("How many positive integers less than 1000 are divisible by 7 but not by 11?", "130", r"Multiples of 7 below 1000: $\lfloor 999/7 \rfloor = 142$." "\n" r"Multiples of 77 below 1000: $\lfloor 999/77 \rfloor = 12$." "\n" r"Answer: $142 - 12 = 130$.",
  [], ["142", "12", "129"], inter="142", v="130")
M(r"Find the remainder when $3^{2024}$ is divided by 1000.", "481", r"Compute powers of 3 mod 1000 using $3^{100} \equiv 1 \pmod{1000}$ (the order of 3 divides 100)." "\n" r"$3^{2024} \equiv 3^{24} \pmod{1000}$, and $3^{24} = 282429536481 \equiv 481$.",
  ["481"], ["841", "381", "489"], v="481")
M(r"Find the remainder when $7^{2024}$ is divided by 1000.", "401", r"$7^4 = 2401 \equiv 401 \pmod{1000}$, and $7^{20} \equiv 1 \pmod{1000}$." "\n" r"$2024 = 20 \cdot 101 + 4$, so $7^{2024} \equiv 7^4 \equiv 401$.",
  [], ["2401", "49", "801"], inter="2401", v="401")
M(r"Find the remainder when $1! + 2! + 3! + \cdots + 100!$ is divided by 100.", "013", r"For $k \ge 10$, $k!$ is divisible by 100." "\n" r"$1! + \cdots + 9! = 409113$, which leaves remainder 13 mod 100.",
  ["13"], ["33", "113", "3"], v="13")
M("How many positive integers not exceeding 2024 are perfect squares or perfect cubes?", "53", r"Squares: $44$ (since $44^2 = 1936 \le 2024 < 2025 = 45^2$)." "\n" r"Cubes: $12$ (since $12^3 = 1728$, $13^3 = 2197$)." "\n" r"Sixth powers: $1, 64, 729$, i.e. 3." "\n" r"Total: $44 + 12 - 3 = 53$.",
  [], ["56", "44", "59"], inter="56", v="53")
M("Find the sum of all positive divisors of 496.", "992", r"$496 = 2^4 \cdot 31$." "\n" r"$\sigma(496) = (1 + 2 + 4 + 8 + 16)(1 + 31) = 31 \cdot 32 = 992$.",
  [], ["496", "960", "1023"], v="992")
M(r"How many zeros does $1000!$ end with?", "249", r"$200 + 40 + 8 + 1 = 249$.",
  [], ["200", "248", "250"], v="249")
M(r"Find the least positive integer $n$ such that $2^n > 10^6$.", "20", r"$2^{10} = 1024 \approx 10^3$, so $2^{20} = 1048576 > 10^6$, while $2^{19} = 524288 < 10^6$.",
  [], ["19", "21", "1048576"], v="20")
M("How many ordered pairs $(a, b)$ of positive integers satisfy $ab = 720$?", "30", r"$720 = 2^4 \cdot 3^2 \cdot 5$, so it has $(4+1)(2+1)(1+1) = 30$ divisors." "\n" r"Each divisor $a$ determines $b$, giving 30 ordered pairs.",
  [], ["15", "60", "24"], v="30")

# ---------------- multiple choice ----------------
C(r"Which of the following is the largest? (A) $2^{30}$ (B) $3^{20}$ (C) $5^{13}$ (D) $10^9$ (E) $6^{12}$",
  {"A": r"2^{30}", "B": r"3^{20}", "C": r"5^{13}", "D": r"10^9", "E": r"6^{12}"}, "B", r"\text{(B)}",
  r"$2^{30} \approx 1.07 \times 10^9$, $3^{20} \approx 3.49 \times 10^9$, $5^{13} \approx 1.22 \times 10^9$, $6^{12} \approx 2.18 \times 10^9$.")
C(r"What is 15% of 80? (A) 10 (B) 12 (C) 15 (D) 18 (E) 20", {"A": "10", "B": "12", "C": "15", "D": "18", "E": "20"}, "B", "B",
  r"$0.15 \times 80 = 12$.")
C(r"The sum of the interior angles of a pentagon is (A) $360^\circ$ (B) $480^\circ$ (C) $540^\circ$ (D) $720^\circ$",
  {"A": r"360^\circ", "B": r"480^\circ", "C": r"540^\circ", "D": r"720^\circ"}, "C", r"\text{(C)}", r"$(5 - 2) \cdot 180^\circ = 540^\circ$.")
C(r"If $2x + 3 = 17$, then $x =$ (A) 5 (B) 6 (C) 7 (D) 8", {"A": "5", "B": "6", "C": "7", "D": "8"}, "C", "C", r"$2x = 14$, so $x = 7$.")
C(r"Which of these numbers is prime? (A) 51 (B) 57 (C) 59 (D) 63 (E) 91", {"A": "51", "B": "57", "C": "59", "D": "63", "E": "91"}, "C", r"\textbf{(C)}",
  r"$51 = 3 \cdot 17$, $57 = 3 \cdot 19$, $63 = 7 \cdot 9$, $91 = 7 \cdot 13$; 59 has no divisor up to 7.")
C(r"What is the mean of 4, 8, 15, 16, 23, 42? (A) 16 (B) 18 (C) 20 (D) 108", {"A": "16", "B": "18", "C": "20", "D": "108"}, "B", "(B)",
  r"Sum $= 108$, and $108 / 6 = 18$.")
C(r"How many edges does a cube have? (A) 6 (B) 8 (C) 12 (D) 24", {"A": "6", "B": "8", "C": "12", "D": "24"}, "C", "(C)",
  r"A cube has 4 edges on top, 4 on the bottom, and 4 vertical edges: 12.")
C(r"What is $\sqrt{50} \cdot \sqrt{2}$? (A) 10 (B) 25 (C) 100 (D) $5\sqrt{2}$", {"A": "10", "B": "25", "C": "100", "D": r"5\sqrt{2}"}, "A", r"\text{(A)}",
  r"$\sqrt{50 \cdot 2} = \sqrt{100} = 10$.")
C(r"Which fraction equals 0.375? (A) $\frac{3}{8}$ (B) $\frac{3}{7}$ (C) $\frac{5}{8}$ (D) $\frac{3}{5}$", {"A": r"\frac{3}{8}", "B": r"\frac{3}{7}", "C": r"\frac{5}{8}", "D": r"\frac{3}{5}"}, "A", "A",
  r"$3 / 8 = 0.375$.")
C(r"What is the slope of a line perpendicular to $y = 2x + 1$? (A) 2 (B) $-2$ (C) $\frac{1}{2}$ (D) $-\frac{1}{2}$", {"A": "2", "B": "-2", "C": r"\frac{1}{2}", "D": r"-\frac{1}{2}"}, "D", r"\text{(D)}",
  r"Perpendicular slopes multiply to $-1$: $2 \cdot m = -1$, so $m = -\frac{1}{2}$.")
C(r"A shirt costs \$40 after a 20% discount. What was the original price? (A) \$48 (B) \$50 (C) \$52 (D) \$60", {"A": r"\$48", "B": r"\$50", "C": r"\$52", "D": r"\$60"}, "B", r"\mathrm{(B)}",
  r"$0.8 p = 40$, so $p = 50$.")
C(r"How many subsets does the set $\{1, 2, 3, 4\}$ have? (A) 4 (B) 8 (C) 12 (D) 16", {"A": "4", "B": "8", "C": "12", "D": "16"}, "D", "D",
  r"A set with 4 elements has $2^4 = 16$ subsets.")
C(r"What is the remainder when 100 is divided by 7? (A) 1 (B) 2 (C) 3 (D) 4 (E) 5", {"A": "1", "B": "2", "C": "3", "D": "4", "E": "5"}, "B", r"\textbf{(B)}",
  r"$7 \cdot 14 = 98$, and $100 - 98 = 2$.")
C(r"Which of the following is NOT a factor of 84? (A) 6 (B) 7 (C) 8 (D) 12 (E) 14", {"A": "6", "B": "7", "C": "8", "D": "12", "E": "14"}, "C", r"\text{(C)}",
  r"$84 = 6 \cdot 14 = 7 \cdot 12$, but $84 / 8 = 10.5$.")
C(r"In a right triangle with legs 6 and 8, what is the length of the median to the hypotenuse? (A) 4 (B) 5 (C) 6 (D) 7 (E) 10", {"A": "4", "B": "5", "C": "6", "D": "7", "E": "10"}, "B", "B",
  r"The hypotenuse is 10, and the median to the hypotenuse is half of it: 5.")
C(r"Which expression equals $(x + 2)^2$? (A) $x^2 + 4$ (B) $x^2 + 2x + 4$ (C) $x^2 + 4x + 4$ (D) $x^2 + 4x + 2$", {"A": "x^2 + 4", "B": "x^2 + 2x + 4", "C": "x^2 + 4x + 4", "D": "x^2 + 4x + 2"}, "C", "C",
  r"$(x+2)^2 = x^2 + 2 \cdot 2 \cdot x + 4 = x^2 + 4x + 4$.")
C(r"What is $\log_{10} 1000$? (A) 2 (B) 3 (C) 4 (D) 30", {"A": "2", "B": "3", "C": "4", "D": "30"}, "B", r"\text{(B)}", r"$10^3 = 1000$.")
C(r"Which fraction lies between $\frac{1}{3}$ and $\frac{1}{2}$? (A) $\frac{1}{4}$ (B) $\frac{2}{5}$ (C) $\frac{3}{5}$ (D) $\frac{5}{9}$", {"A": r"\frac{1}{4}", "B": r"\frac{2}{5}", "C": r"\frac{3}{5}", "D": r"\frac{5}{9}"}, "B", "(B)",
  r"$\frac{2}{5} = 0.4$, which is between $0.333\ldots$ and $0.5$; the others are outside.")
C(r"A car travels 150 miles on 5 gallons. How far can it travel on 8 gallons? (A) 200 (B) 220 (C) 240 (D) 250 (E) 300", {"A": "200", "B": "220", "C": "240", "D": "250", "E": "300"}, "C", r"\textbf{(C)}",
  r"30 miles per gallon, so $8 \cdot 30 = 240$ miles.")
C(r"What is the area of a trapezoid with bases 6 and 10 and height 4? (A) 24 (B) 32 (C) 40 (D) 64", {"A": "24", "B": "32", "C": "40", "D": "64"}, "B", r"\text{(B)}",
  r"Area $= \frac{6 + 10}{2} \cdot 4 = 32$.")

# ---------------- yes / no ----------------
Y("Is 221 a prime number? Answer yes or no.", r"\text{No}", r"$221 = 13 \cdot 17$.", False)
Y(r"Is the function $f(x) = x^3$ odd?", r"\text{Yes}", r"$f(-x) = (-x)^3 = -x^3 = -f(x)$.", True)
Y(r"Is $\sqrt{2} + \sqrt{3} > \sqrt{10}$?", "No", r"$(\sqrt{2} + \sqrt{3})^2 = 5 + 2\sqrt{6} \approx 9.90 < 10$.", False)
Y(r"Does the series $\sum_{n=1}^{\infty} \frac{1}{n^2}$ converge?", "Yes", r"It is a $p$-series with $p = 2 > 1$ (its sum is $\frac{\pi^2}{6}$).", True)
Y("Can a triangle have side lengths 3, 4, and 8?", "no", r"$3 + 4 = 7 < 8$, which violates the triangle inequality.", False)
Y(r"Is $2^{31} - 1$ divisible by 3?", r"\text{no}", r"$2 \equiv -1 \pmod 3$, so $2^{31} \equiv -1 \equiv 2$, and $2^{31} - 1 \equiv 1 \pmod 3$.", False)
Y(r"Is $0.\overline{9}$ equal to 1?", r"\text{yes}", r"$x = 0.\overline{9}$ gives $10x - x = 9$, so $x = 1$.", True)
Y(r"Is the point $(2, 3)$ on the line $3x - 2y = 0$?", "Yes", r"$3 \cdot 2 - 2 \cdot 3 = 6 - 6 = 0$.", True)
Y("Is 1001 divisible by 7?", r"\text{Yes}", r"$1001 = 7 \cdot 143$.", True)
Y("Is the sum of two odd integers always odd?", r"\text{No}", r"$(2a+1) + (2b+1) = 2(a + b + 1)$, which is even.", False)
