"""Writes envs/scenarios/*.json: GRF's academy and full-game scenarios and the
11-vs-11 attacking situations of the LMM agent benchmark.

Coordinates follow GRF's scenario files: the left team in world coordinates,
the right team mirrored (its own goal at x = -1), so the same formation reads
the same for both sides. Run from the repository root:

    python3 scripts/gen_football_scenarios.py
"""
import json
import os

OUT = os.path.join("envs", "scenarios")
ACADEMY = dict(steps=400, offside=False, end_on_score=True, end_on_out_of_play=True,
               end_on_possession_change=True, difficulty=0.6)

# GRF's 11_vs_11 kick-off formation (left team, world coordinates).
FORMATION = [
    (-1.0, 0.0, "GK"), (0.0, 0.02, "RM"), (0.0, -0.02, "CF"), (-0.422, -0.19576, "LB"),
    (-0.5, -0.06356, "CB"), (-0.5, 0.063559, "CB"), (-0.422, 0.19576, "RB"),
    (-0.184212, -0.10568, "CM"), (-0.267574, 0.0, "CM"), (-0.184212, 0.10568, "CM"),
    (-0.01, -0.2161, "LM"),
]
# The side not kicking off stands back from the centre circle.
FORMATION_DEFENDING = [(x, y, r) if abs(x) > 0.05 or abs(y) > 0.05 else (-0.2, y * 5, r) for (x, y, r) in FORMATION]


def p(x, y, role):
    return {"x": round(x, 4), "y": round(y, 4), "role": role}


def team(rows):
    return [p(*r) for r in rows]


def write(name, **kw):
    kw = {"name": name, **kw}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(kw, f, indent=1)
        f.write("\n")


def academy():
    write("academy_empty_goal_close", description="One attacker with the ball at x = 0.75 in front of an empty goal.",
          ball=[0.77, 0.0], left=team([(-1, 0, "GK"), (0.75, 0, "CB")]), right=team([(1, 0, "GK")]), **ACADEMY)
    write("academy_empty_goal", description="One attacker with the ball at midfield, empty goal.",
          ball=[0.02, 0.0], left=team([(-1, 0, "GK"), (0, 0, "CB")]), right=team([(1, 0, "GK")]), **ACADEMY)
    chasers = [(0.12, 0.2, "LB"), (0.12, 0.1, "CB"), (0.12, 0.0, "CM"), (0.12, -0.1, "CB"), (0.12, -0.2, "RB")]
    write("academy_run_to_score", description="Run from midfield with five opponents chasing from behind, no keeper.",
          ball=[0.02, 0.0], left=team([(-1, 0, "GK"), (0, 0, "CB")]), right=team([(1, 0, "GK")] + chasers), **ACADEMY)
    write("academy_run_to_score_with_keeper", description="Run from midfield with five chasers and a keeper.",
          ball=[0.02, 0.0], left=team([(-1, 0, "GK"), (0, 0, "CB")]), right=team([(-1, 0, "GK")] + chasers), **ACADEMY)
    write("academy_pass_and_shoot_with_keeper",
          description="Carrier on the side next to a defender, central teammate unmarked, keeper.",
          ball=[0.7, -0.28], left=team([(-1, 0, "GK"), (0.7, 0.0, "CB"), (0.7, -0.3, "CB")]),
          right=team([(-1, 0, "GK"), (-0.75, 0.3, "CB")]), **ACADEMY)
    write("academy_run_pass_and_shoot_with_keeper",
          description="Carrier on the side unmarked, central teammate marked, keeper.",
          ball=[0.7, -0.28], left=team([(-1, 0, "GK"), (0.7, 0.0, "CB"), (0.7, -0.3, "CB")]),
          right=team([(-1, 0, "GK"), (-0.75, 0.1, "CB")]), **ACADEMY)
    write("academy_3_vs_1_with_keeper", description="Three attackers against one centre back and a keeper.",
          ball=[0.62, 0.0], left=team([(-1, 0, "GK"), (0.6, 0, "CM"), (0.7, 0.2, "CM"), (0.7, -0.2, "CM")]),
          right=team([(-1, 0, "GK"), (-0.75, 0, "CB")]), **ACADEMY)
    corner_left = [(-1, 0, "GK"), (0.99, -0.41, "RM"), (0.8, -0.08, "CF"), (0.82, 0.06, "CM"), (0.78, 0.15, "AM"),
                   (0.62, 0.0, "CM"), (0.6, -0.2, "LM"), (0.3, 0.2, "RB"), (0.0, -0.1, "CB"), (0.0, 0.1, "CB"),
                   (0.2, -0.25, "LB")]
    corner_right = [(-1, 0, "GK"), (-0.92, 0.04, "CB"), (-0.9, -0.05, "CB"), (-0.85, 0.12, "RB"), (-0.86, -0.14, "LB"),
                    (-0.78, 0.0, "DM"), (-0.75, -0.2, "CM"), (-0.72, 0.2, "CM"), (-0.5, 0.0, "AM"), (-0.3, 0.1, "CF"),
                    (-0.3, -0.15, "LM")]
    write("academy_corner", description="An 11-vs-11 corner kick from the top right corner.",
          ball=[0.99, -0.41], start_mode="corner", left=team(corner_left), right=team(corner_right),
          **{**ACADEMY, "end_on_possession_change": False})
    attack = [(-1, 0, "GK"), (0.26, -0.11, "CM"), (0.3, 0.15, "CF"), (0.22, -0.32, "LM"), (0.22, 0.3, "RM"),
              (-0.67, -0.1, "CB"), (-0.67, 0.1, "CB"), (-0.7, -0.25, "LB"), (-0.7, 0.25, "RB"), (-0.3, 0.0, "DM"),
              (-0.2, 0.1, "CM")]
    upfield = [(0.3, 0.2, "CM"), (0.35, -0.1, "CF"), (0.25, 0.0, "AM"), (0.2, -0.25, "LM"), (0.3, 0.3, "RM"),
               (0.1, 0.1, "DM"), (0.15, -0.15, "CM"), (0.05, 0.25, "RB")]
    write("academy_counterattack_easy", description="A 4-vs-1 counterattack with a keeper; the other defenders run back.",
          ball=[0.28, -0.11], left=team(attack),
          right=team([(-1, 0, "GK"), (-0.5, 0.1, "CB")] + upfield + [(0.0, -0.3, "LB")]), **ACADEMY)
    write("academy_counterattack_hard", description="A 4-vs-2 counterattack with a keeper; the other defenders run back.",
          ball=[0.28, -0.11], left=team(attack),
          right=team([(-1, 0, "GK"), (-0.5, 0.1, "CB"), (-0.45, -0.15, "CB")] + upfield), **ACADEMY)
    write("academy_single_goal_versus_lazy",
          description="A full 11-vs-11 from kick-off against opponents that only intercept nearby balls.",
          ball=[0.0, 0.0], start_mode="kick_off", opponent_ai="lazy", left=team(FORMATION),
          right=team(FORMATION_DEFENDING), **{**ACADEMY, "end_on_out_of_play": False,
                                              "end_on_possession_change": False})


def full_games():
    five_left = [(-1, 0, "GK"), (0.0, 0.02, "CF"), (-0.4, -0.15, "CB"), (-0.4, 0.15, "CB"), (-0.2, 0.0, "CM")]
    five_right = [(-1, 0, "GK"), (-0.15, 0.0, "CF"), (-0.4, -0.15, "CB"), (-0.4, 0.15, "CB"), (-0.25, 0.1, "CM")]
    write("5_vs_5", description="A 5-vs-5 game from kick-off; keepers are not controllable.", steps=3000,
          offside=False, difficulty=0.05, keeper_controllable=False, start_mode="kick_off", ball=[0.0, 0.0],
          left=team(five_left), right=team(five_right))
    for name, d, text in [("11_vs_11_easy_stochastic", 0.05, "easy"), ("11_vs_11_stochastic", 0.6, "normal"),
                          ("11_vs_11_hard_stochastic", 0.95, "hard")]:
        write(name, description=f"A full 11-vs-11 game against the {text} rule AI (difficulty {d}).", steps=3000,
              offside=True, difficulty=d, start_mode="kick_off", ball=[0.0, 0.0], left=team(FORMATION),
              right=team(FORMATION_DEFENDING))


def situations():
    """Attacking situations from fixed 4-4-2 shapes around the ball (LMM agent setting)."""
    regions = [("midfield_center", 0.05, 0.0), ("midfield_left", 0.05, -0.28), ("midfield_right", 0.05, 0.28),
               ("final_third_center", 0.4, 0.0), ("final_third_left", 0.4, -0.3), ("final_third_right", 0.4, 0.3),
               ("edge_of_box", 0.62, 0.06)]
    for region, bx, by in regions:
        cl = lambda v: max(-0.95, min(0.95, v))
        left = [(-1, 0, "GK"), (bx - 0.015, by, "CM"),
                (cl(bx + 0.18), cl(by * 0.3 - 0.08) * 0.9, "CF"), (cl(bx + 0.12), by * 0.3 + 0.12, "AM"),
                (cl(bx - 0.05), -0.3 if by > -0.2 else -0.12, "LM"), (cl(bx - 0.05), 0.3 if by < 0.2 else 0.12, "RM"), (cl(bx - 0.22), by * 0.5, "DM"),
                (cl(bx - 0.5), -0.08, "CB"), (cl(bx - 0.5), 0.08, "CB"), (cl(bx - 0.42), -0.25, "LB"),
                (cl(bx - 0.42), 0.25, "RB")]
        line = min(0.85, bx + 0.25)
        mid = min(0.75, bx + 0.1)
        right_world = [(1, 0, "GK"), (line, -0.08 + by * 0.3, "CB"), (line, 0.08 + by * 0.3, "CB"),
                       (line - 0.02, -0.22 + by * 0.3, "LB"), (line - 0.02, 0.22 + by * 0.3, "RB"),
                       (mid, by * 0.4 - 0.15, "CM"), (mid, by * 0.4 + 0.15, "CM"), (mid + 0.05, by * 0.4, "DM"),
                       (mid, -0.32, "LM"), (bx - 0.12, 0.1, "CF"), (bx - 0.15, -0.1, "AM")]
        # Mirror the defenders into their own frame, as GRF scenario files do.
        right = [(-x, -y, r) for (x, y, r) in right_world]
        write(f"situation_{region}",
              description=f"11-vs-11 attack with the ball at the {region.replace('_', ' ')} (LMM agent setting).",
              steps=400, offside=True, end_on_score=True, end_on_out_of_play=True, end_on_possession_change=True,
              difficulty=0.0, ball=[bx, by], left=team(left), right=team(right),
              rewards={"shaped": 1.0})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    academy()
    full_games()
    situations()
