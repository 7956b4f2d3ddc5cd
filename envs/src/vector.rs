//! Parallel stepping: one helper, [`par_each`], that applies a function to
//! items (envs, or the trainer's episodes holding envs) on scoped worker
//! threads, and [`VecEnv`], gymnasium's vector env with `NEXT_STEP`
//! autoreset built on it: the step call after an episode ends resets that
//! env (reward 0, not done) instead of stepping it.

use crate::{Env, EnvError, Reset, Step};

/// Applies `f(index, item)` to every item, split into contiguous chunks over
/// at most `workers` scoped threads (inline when one suffices). The first
/// error wins; a panicking worker becomes [`EnvError::Worker`] naming the
/// first item of its chunk.
pub fn par_each<T, E, F>(items: &mut [T], workers: usize, f: F) -> Result<(), E>
where
    T: Send,
    E: Send + From<EnvError>,
    F: Fn(usize, &mut T) -> Result<(), E> + Sync,
{
    if items.is_empty() {
        return Ok(());
    }
    if workers <= 1 || items.len() == 1 {
        return items.iter_mut().enumerate().try_for_each(|(i, x)| f(i, x));
    }
    let per = items.len().div_ceil(workers);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks_mut(per)
            .enumerate()
            .map(|(c, chunk)| {
                let f = &f;
                let h = s.spawn(move || {
                    chunk
                        .iter_mut()
                        .enumerate()
                        .try_for_each(|(i, x)| f(c * per + i, x))
                });
                (c * per, h)
            })
            .collect();
        handles.into_iter().try_for_each(|(first, h)| {
            h.join().map_err(|_| {
                E::from(EnvError::Worker {
                    index: first,
                    message: "the worker thread panicked".into(),
                })
            })?
        })
    })
}

struct Slot {
    env: Box<dyn Env>,
    /// The last step ended the episode, so the next `step` resets instead.
    needs_reset: bool,
}

/// A vector of environments stepped in parallel with [`par_each`].
pub struct VecEnv {
    slots: Vec<Slot>,
    workers: usize,
}

impl VecEnv {
    /// One worker thread per env at most, and no more than the machine has.
    pub fn new(envs: Vec<Box<dyn Env>>) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = envs.len().min(cores);
        Self::with_workers(envs, workers)
    }

    /// Steps on at most `workers` threads (1: in the caller's thread).
    pub fn with_workers(envs: Vec<Box<dyn Env>>, workers: usize) -> Self {
        let slots = envs
            .into_iter()
            .map(|env| Slot {
                env,
                needs_reset: false,
            })
            .collect();
        Self {
            slots,
            workers: workers.max(1),
        }
    }

    /// Builds `n` copies of a registered env.
    pub fn make(name: &str, config: &serde_json::Value, n: usize) -> Result<Self, EnvError> {
        let envs = (0..n)
            .map(|_| crate::make(name, config))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self::new(envs))
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Resets every env; env `i` gets `seed + i` when a seed is given.
    pub fn reset(&mut self, seed: Option<u64>) -> Result<Vec<Reset>, EnvError> {
        let mut out: Vec<Option<Reset>> = vec![None; self.slots.len()];
        let mut work: Vec<(&mut Slot, &mut Option<Reset>)> =
            self.slots.iter_mut().zip(out.iter_mut()).collect();
        par_each(&mut work, self.workers, |i, (slot, out)| {
            slot.needs_reset = false;
            let s = seed.map(|s| s.wrapping_add(i as u64));
            **out = Some(slot.env.reset(s)?);
            Ok::<(), EnvError>(())
        })?;
        Ok(out.into_iter().flatten().collect())
    }

    /// Steps every env with its action; envs whose episode ended on the
    /// previous call are reset instead (`NEXT_STEP` autoreset) and report
    /// `info["autoreset"] = true`.
    pub fn step(&mut self, actions: &[String]) -> Result<Vec<Step>, EnvError> {
        if actions.len() != self.slots.len() {
            return Err(EnvError::Other(format!(
                "VecEnv::step got {} actions for {} envs",
                actions.len(),
                self.slots.len()
            )));
        }
        let mut out: Vec<Option<Step>> = vec![None; self.slots.len()];
        let mut work: Vec<(&mut Slot, &mut Option<Step>)> =
            self.slots.iter_mut().zip(out.iter_mut()).collect();
        par_each(&mut work, self.workers, |i, (slot, out)| {
            let step = if slot.needs_reset {
                let r = slot.env.reset(None)?;
                let mut info = r.info;
                info.insert("autoreset".into(), true.into());
                Step {
                    observation: r.observation,
                    info,
                    ..Step::default()
                }
            } else {
                slot.env.step(&actions[i])?
            };
            slot.needs_reset = step.done();
            **out = Some(step);
            Ok::<(), EnvError>(())
        })?;
        Ok(out.into_iter().flatten().collect())
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
    fn one_worker_and_many_give_the_same_steps() {
        let mut one = VecEnv::with_workers(envs(5), 1);
        let mut many = VecEnv::with_workers(envs(5), 3);
        assert_eq!(one.reset(Some(4)).unwrap(), many.reset(Some(4)).unwrap());
        for a in ["2", "3", "1"] {
            let act = vec![a.to_string(); 5];
            assert_eq!(one.step(&act).unwrap(), many.step(&act).unwrap());
        }
    }

    #[test]
    fn par_each_reports_a_panicking_worker_as_an_error() {
        let mut items: Vec<u32> = (0..8).collect();
        let r: Result<(), EnvError> = par_each(&mut items, 4, |_, x| {
            if *x == 5 {
                panic!("boom");
            }
            *x += 1;
            Ok(())
        });
        assert!(matches!(r, Err(EnvError::Worker { index: 4, .. })), "{r:?}");
        let r: Result<(), EnvError> = par_each(&mut items, 4, |i, x| {
            *x = i as u32 * 10;
            Ok(())
        });
        assert!(r.is_ok());
        assert_eq!(items, [0, 10, 20, 30, 40, 50, 60, 70]);
    }

    #[test]
    fn wrong_action_count_is_an_error() {
        let mut vec = VecEnv::new(envs(2));
        vec.reset(None).unwrap();
        assert!(vec.step(&["1".to_string()]).is_err());
    }
}
