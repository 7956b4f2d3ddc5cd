//! N environments stepped in parallel on worker threads, as gymnasium's
//! vector envs with `NEXT_STEP` autoreset: the step call after an episode
//! ends resets that env (reward 0, not done) instead of stepping it.

use std::thread::JoinHandle;

use crossbeam::channel::{bounded, Receiver, Sender};

use crate::{Env, EnvError, Reset, Step};

enum Command {
    Reset(Option<u64>),
    Step(String),
}

enum Reply {
    Reset(Result<Reset, EnvError>),
    Step(Result<Step, EnvError>),
}

struct Worker {
    commands: Sender<Command>,
    replies: Receiver<Reply>,
    handle: Option<JoinHandle<()>>,
    /// The last step ended the episode, so the next `step` resets instead.
    needs_reset: bool,
    /// The env's registry name, for error messages.
    name: String,
}

/// A vector of environments, each owned by its own worker thread.
pub struct VecEnv {
    workers: Vec<Worker>,
}

impl VecEnv {
    /// Spawns one worker per env.
    pub fn new(envs: Vec<Box<dyn Env>>) -> Self {
        let workers = envs
            .into_iter()
            .map(|mut env| {
                let name = env.spec().name.clone();
                let (cmd_tx, cmd_rx) = bounded::<Command>(1);
                let (rep_tx, rep_rx) = bounded::<Reply>(1);
                let handle = std::thread::spawn(move || {
                    for cmd in cmd_rx {
                        let reply = match cmd {
                            Command::Reset(seed) => Reply::Reset(env.reset(seed)),
                            Command::Step(action) => Reply::Step(env.step(&action)),
                        };
                        if rep_tx.send(reply).is_err() {
                            break;
                        }
                    }
                });
                Worker {
                    commands: cmd_tx,
                    replies: rep_rx,
                    handle: Some(handle),
                    needs_reset: false,
                    name,
                }
            })
            .collect();
        Self { workers }
    }

    /// Builds `n` copies of a registered env.
    pub fn make(name: &str, config: &serde_json::Value, n: usize) -> Result<Self, EnvError> {
        let envs = (0..n)
            .map(|_| crate::make(name, config))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::new(envs))
    }

    pub fn len(&self) -> usize {
        self.workers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.workers.is_empty()
    }

    /// Resets every env; env `i` gets `seed + i` when a seed is given.
    pub fn reset(&mut self, seed: Option<u64>) -> Result<Vec<Reset>, EnvError> {
        for (i, w) in self.workers.iter().enumerate() {
            let s = seed.map(|s| s.wrapping_add(i as u64));
            send(w, i, Command::Reset(s))?;
        }
        let mut out = Vec::with_capacity(self.workers.len());
        for (i, w) in self.workers.iter_mut().enumerate() {
            w.needs_reset = false;
            match recv(w, i)? {
                Reply::Reset(r) => out.push(r?),
                Reply::Step(_) => return Err(protocol(i)),
            }
        }
        Ok(out)
    }

    /// Steps every env with its action; envs whose episode ended on the
    /// previous call are reset instead (`NEXT_STEP` autoreset) and report
    /// `info["autoreset"] = true`.
    pub fn step(&mut self, actions: &[String]) -> Result<Vec<Step>, EnvError> {
        if actions.len() != self.workers.len() {
            return Err(EnvError::Other(format!(
                "VecEnv::step got {} actions for {} envs",
                actions.len(),
                self.workers.len()
            )));
        }
        for (i, (w, a)) in self.workers.iter().zip(actions).enumerate() {
            let cmd = if w.needs_reset {
                Command::Reset(None)
            } else {
                Command::Step(a.clone())
            };
            send(w, i, cmd)?;
        }
        let mut out = Vec::with_capacity(self.workers.len());
        for (i, w) in self.workers.iter_mut().enumerate() {
            let step = match recv(w, i)? {
                Reply::Reset(r) => {
                    let r = r?;
                    let mut info = r.info;
                    info.insert("autoreset".into(), true.into());
                    Step {
                        observation: r.observation,
                        info,
                        ..Step::default()
                    }
                }
                Reply::Step(s) => s?,
            };
            w.needs_reset = step.done();
            out.push(step);
        }
        Ok(out)
    }
}

fn send(w: &Worker, index: usize, cmd: Command) -> Result<(), EnvError> {
    w.commands.send(cmd).map_err(|_| EnvError::Worker {
        index,
        message: format!("worker for '{}' has stopped", w.name),
    })
}

fn recv(w: &Worker, index: usize) -> Result<Reply, EnvError> {
    w.replies.recv().map_err(|_| EnvError::Worker {
        index,
        message: format!("worker for '{}' panicked or stopped", w.name),
    })
}

fn protocol(index: usize) -> EnvError {
    EnvError::Worker {
        index,
        message: "reply out of order".into(),
    }
}

impl Drop for VecEnv {
    fn drop(&mut self) {
        for w in &mut self.workers {
            // Closing the command channel ends the worker's loop.
            let (dead_tx, _) = bounded(0);
            drop(std::mem::replace(&mut w.commands, dead_tx));
            if let Some(h) = w.handle.take() {
                let _ = h.join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toy::{GuessConfig, GuessNumber};

    fn envs(n: usize) -> Vec<Box<dyn Env>> {
        (0..n)
            .map(|_| {
                Box::new(
                    GuessNumber::new(GuessConfig {
                        max: 4,
                        max_turns: 2,
                    })
                    .unwrap(),
                ) as Box<dyn Env>
            })
            .collect()
    }

    #[test]
    fn vector_steps_match_sequential_envs() {
        let mut vec = VecEnv::new(envs(3));
        let mut seq = envs(3);
        let a = vec.reset(Some(10)).unwrap();
        for (i, env) in seq.iter_mut().enumerate() {
            assert_eq!(env.reset(Some(10 + i as u64)).unwrap(), a[i]);
        }
        let actions: Vec<String> = ["1", "2", "3"].iter().map(|s| s.to_string()).collect();
        let got = vec.step(&actions).unwrap();
        for (i, env) in seq.iter_mut().enumerate() {
            assert_eq!(env.step(&actions[i]).unwrap(), got[i]);
        }
    }

    #[test]
    fn finished_envs_autoreset_on_the_next_step() {
        let mut vec = VecEnv::new(envs(2));
        vec.reset(Some(0)).unwrap();
        let act = vec!["nonsense".to_string(); 2];
        vec.step(&act).unwrap();
        let second = vec.step(&act).unwrap();
        assert!(second.iter().all(|s| s.truncated || s.terminated));
        let third = vec.step(&act).unwrap();
        for s in &third {
            assert_eq!(s.info.get("autoreset"), Some(&true.into()));
            assert_eq!(s.reward, 0.0);
            assert!(!s.done());
        }
    }

    #[test]
    fn wrong_action_count_is_an_error() {
        let mut vec = VecEnv::new(envs(2));
        vec.reset(None).unwrap();
        assert!(vec.step(&["1".to_string()]).is_err());
    }
}
