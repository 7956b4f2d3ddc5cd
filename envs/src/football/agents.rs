//! Baseline agents that answer with action text, and [`evaluate`], which
//! plays episodes with any [`Agent`] and reports goal rate and mean return
//! with 95% confidence intervals.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::env::FootballEnv;
use super::sim::state::{GameMode, Team};
use super::sim::vec::V2;
use super::sim::World;
use crate::{Env, EnvError, EnvSpec, Observation};

/// What an agent sees each turn: the observation and spec every policy gets,
/// plus the world itself for scripted agents.
pub struct AgentView<'a> {
    pub observation: &'a Observation,
    pub spec: &'a EnvSpec,
    pub world: &'a World,
    /// Controlled players, active first.
    pub controlled: &'a [usize],
}

/// Anything that answers a turn with text.
pub trait Agent {
    fn name(&self) -> String;
    /// Called at the start of each episode.
    fn reset(&mut self, _seed: u64) {}
    fn act(&mut self, view: &AgentView<'_>) -> String;
}

/// Uniform over the 19 actions.
pub struct RandomAgent {
    rng: ChaCha8Rng,
}

impl RandomAgent {
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }
}

impl Agent for RandomAgent {
    fn name(&self) -> String {
        "random".into()
    }
    fn reset(&mut self, seed: u64) {
        self.rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    }
    fn act(&mut self, _view: &AgentView<'_>) -> String {
        let a = Action::ALL[self.rng.random_range(0..Action::ALL.len())];
        format!("<answer>{}</answer>", a.name())
    }
}

/// A scripted baseline: run at goal avoiding defenders, shoot when close,
/// pass to a freer teammate when blocked, chase the ball otherwise.
#[derive(Default)]
pub struct HeuristicAgent;

impl HeuristicAgent {
    pub fn new() -> Self {
        Self
    }
}

fn answer(a: Action) -> String {
    format!("<answer>{}</answer>", a.name())
}

/// Space in front of `from` along `dir`: the nearest opponent's distance to
/// a short probe, smaller is worse.
fn lane_space(w: &World, from: V2, dir: V2) -> f32 {
    let probe = from + dir * 0.12;
    w.team_players(Team::Right)
        .filter(|&i| !w.players[i].is_keeper() || w.players[i].pos.x < 0.9)
        .map(|i| super::sim::vec::dist_to_segment(w.players[i].pos, from, probe))
        .fold(0.2f32, f32::min)
}

impl Agent for HeuristicAgent {
    fn name(&self) -> String {
        "heuristic".into()
    }
    fn act(&mut self, view: &AgentView<'_>) -> String {
        let w = view.world;
        let Some(&me) = view.controlled.first() else {
            return answer(Action::Idle);
        };
        let p = &w.players[me];
        if w.owner != Some(me) {
            if w.owning_team() == Some(Team::Left)
                || (w.owner.is_none() && w.pass.is_some() && w.owner_team == Some(Team::Left))
            {
                return answer(Action::Idle);
            }
            let to_ball = w.ball.pos + w.ball.vel * 3.0 - p.pos;
            let opp_has = w.owning_team() == Some(Team::Right);
            if opp_has && to_ball.len() < 0.03 && p.facing.dot(to_ball.norm()) > 0.7 {
                return answer(Action::Sliding);
            }
            let dir = Action::nearest_direction(to_ball);
            if !p.sprinting && to_ball.len() > 0.05 {
                return answer(Action::Sprint);
            }
            return answer(dir);
        }
        if w.mode != GameMode::Normal {
            return answer(Action::ShortPass);
        }
        let goal = V2::new(1.0, 0.0);
        let to_goal = goal - p.pos;
        let shoot_range = 0.3;
        if to_goal.len() < shoot_range && p.pos.y.abs() < 0.22 {
            return answer(Action::Shot);
        }
        // The best of the forward-ish directions by progress and free lane.
        let mut best = (f32::NEG_INFINITY, Action::Right);
        for a in [
            Action::Right,
            Action::TopRight,
            Action::BottomRight,
            Action::Top,
            Action::Bottom,
        ] {
            let Some(d) = a.direction() else { continue };
            let next = p.pos + d * 0.1;
            if next.y.abs() > 0.38 {
                continue;
            }
            let progress = to_goal.len() - (goal - next).len();
            let space = lane_space(w, p.pos, d);
            let score = progress + 1.5 * space.min(0.08);
            if score > best.0 {
                best = (score, a);
            }
        }
        // Pressed from the front: pass if the receiver GRF would pick along
        // our facing is open and the lane to him is clear.
        let pressed = w.team_players(Team::Right).any(|k| {
            let v = w.players[k].pos - p.pos;
            v.len() < 0.05 && (v.dot(p.facing) > 0.0 || v.len() < 0.045)
        });
        if pressed {
            if let Some(j) = super::sim::physics::choose_receiver(
                w,
                me,
                p.facing,
                super::sim::state::KickKind::ShortPass,
            ) {
                let q = w.players[j].pos;
                let space = w
                    .team_players(Team::Right)
                    .map(|k| w.players[k].pos.dist(q))
                    .fold(0.2f32, f32::min);
                let lane = w
                    .team_players(Team::Right)
                    .map(|k| super::sim::vec::dist_to_segment(w.players[k].pos, p.pos, q))
                    .fold(0.2f32, f32::min);
                if space > 0.05 && lane > 0.015 {
                    let long = q.dist(p.pos) > 0.35;
                    return answer(if long {
                        Action::LongPass
                    } else {
                        Action::ShortPass
                    });
                }
            }
        }
        // Pressed with no pass on: a hurried shot beats losing the ball.
        if pressed && to_goal.len() < 0.42 && p.pos.y.abs() < 0.25 {
            return answer(Action::Shot);
        }
        if !p.sprinting {
            return answer(Action::Sprint);
        }
        answer(best.1)
    }
}

/// Which baseline to build from a name.
pub fn baseline(name: &str, seed: u64) -> Result<Box<dyn Agent>, EnvError> {
    match name {
        "random" => Ok(Box::new(RandomAgent::new(seed))),
        "heuristic" => Ok(Box::new(HeuristicAgent::new())),
        other => Err(EnvError::Other(format!(
            "unknown football agent '{other}'; known: random, heuristic"
        ))),
    }
}

/// Goal rate and mean return over a number of episodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub env: String,
    pub agent: String,
    pub episodes: u32,
    /// Episodes in which the left team scored at least once.
    pub goal_rate: f64,
    /// Wilson 95% interval for the goal rate.
    pub goal_rate_ci95: (f64, f64),
    pub mean_return: f64,
    /// Normal-approximation 95% half-width of the mean return.
    pub return_ci95: f64,
    pub mean_turns: f64,
    pub unparsed_actions: u64,
}

impl std::fmt::Display for EvalReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: goal rate {:.3} [{:.3}, {:.3}], mean return {:.3} ± {:.3}, {:.1} turns/episode, {} episodes",
            self.env,
            self.agent,
            self.goal_rate,
            self.goal_rate_ci95.0,
            self.goal_rate_ci95.1,
            self.mean_return,
            self.return_ci95,
            self.mean_turns,
            self.episodes
        )
    }
}

/// Wilson score interval at 95%.
pub fn wilson(successes: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (n, p, z) = (n as f64, successes as f64 / n as f64, 1.96f64);
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Plays `episodes` episodes of `env_name` with `agent` (episode k seeded
/// with `seed + k`) using the env's default config.
pub fn evaluate(
    env_name: &str,
    agent: &mut dyn Agent,
    episodes: u32,
    seed: u64,
) -> Result<EvalReport, EnvError> {
    evaluate_with(env_name, &serde_json::Value::Null, agent, episodes, seed)
}

/// [`evaluate`] with an explicit env config.
pub fn evaluate_with(
    env_name: &str,
    config: &serde_json::Value,
    agent: &mut dyn Agent,
    episodes: u32,
    seed: u64,
) -> Result<EvalReport, EnvError> {
    let mut env = super::make_env(env_name, config)?;
    let mut returns = Vec::with_capacity(episodes as usize);
    let mut goals = 0u32;
    let mut turns = 0u64;
    let mut unparsed = 0u64;
    for k in 0..episodes as u64 {
        let (ret, scored, t, u) = play_episode(&mut env, agent, seed.wrapping_add(k))?;
        returns.push(ret);
        goals += scored as u32;
        turns += t as u64;
        unparsed += u as u64;
    }
    let n = episodes.max(1) as f64;
    let mean = returns.iter().sum::<f64>() / n;
    let var = if returns.len() > 1 {
        returns.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / (returns.len() - 1) as f64
    } else {
        0.0
    };
    Ok(EvalReport {
        env: env_name.to_string(),
        agent: agent.name(),
        episodes,
        goal_rate: goals as f64 / n,
        goal_rate_ci95: wilson(goals, episodes),
        mean_return: mean,
        return_ci95: 1.96 * (var / n).sqrt(),
        mean_turns: turns as f64 / n,
        unparsed_actions: unparsed,
    })
}

/// One episode: (return, left team scored, turns, unparsed answers).
pub fn play_episode(
    env: &mut FootballEnv,
    agent: &mut dyn Agent,
    seed: u64,
) -> Result<(f64, bool, u32, u32), EnvError> {
    let reset = env.reset(Some(seed))?;
    agent.reset(seed);
    let mut obs = reset.observation;
    let mut ret = 0.0;
    let mut turns = 0;
    let mut unparsed = 0;
    loop {
        let text = {
            let world = env
                .world()
                .ok_or_else(|| EnvError::NotReset(env.spec().name.clone()))?;
            let view = AgentView {
                observation: &obs,
                spec: env.spec(),
                world,
                controlled: env.controlled(),
            };
            agent.act(&view)
        };
        let step = env.step(&text)?;
        ret += step.reward;
        turns += 1;
        if step.info.get("parsed").and_then(|v| v.as_bool()) == Some(false) {
            unparsed += 1;
        }
        if step.done() {
            let scored = env.world().is_some_and(|w| w.score[0] > 0);
            return Ok((ret, scored, turns, unparsed));
        }
        obs = step.observation;
    }
}
