//! The workers behind `RustVecEnv`: EnvPool-style asynchronous stepping.
//!
//! Each env is a one-env [`VecEnv`], so the NEXT_STEP autoreset rule stays
//! written once, in `rulegym-envs`. `send` moves the env of every named id
//! into a job on a queue that a fixed set of worker threads drains; a worker
//! steps it and hands env and result back over a channel. An env is *busy*
//! from `send` until `recv` returns its result: its slot is empty, so a
//! second `send` to it is refused instead of racing the first. Synchronous
//! `reset`/`step` are `send` to every env followed by `recv` of all of them.
//!
//! Nothing here holds Python objects: the pyclass calls it with the GIL
//! released, and results are converted to [`PlainStep`]s on the workers.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rulegym_envs::vector::VecEnv;
use rulegym_envs::EnvError;

use crate::convert::{PlainObs, PlainStep};

/// What a worker does with an env.
pub enum Work {
    /// Reset with this seed (`None` continues the env's random stream).
    Reset(Option<u64>),
    /// Step with the policy's text (or autoreset, if the episode had ended).
    Step(String),
}

/// Why a pool call failed; `RustVecEnv` maps these to Python exceptions.
#[derive(Debug)]
pub enum PoolError {
    /// The caller misused the pool (bad id, busy env, nothing in flight).
    Usage(String),
    /// The env itself failed (its error, for the usual exception mapping).
    Env { id: usize, error: EnvError },
    /// Converting the env's output, or a panic inside the env.
    Runtime(String),
}

struct Job {
    id: usize,
    env: VecEnv,
    work: Work,
}

/// A finished job: the env comes back unless it panicked (then it is lost).
struct Done {
    id: usize,
    env: Option<VecEnv>,
    result: Result<PlainStep, PoolError>,
}

/// The envs, the workers and the results not yet handed out.
pub struct Pool {
    /// `None` while the env is in flight (or after it was lost to a panic).
    slots: Vec<Option<VecEnv>>,
    lost: Vec<bool>,
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    /// Results that arrived but were not returned yet (oldest first).
    ready: VecDeque<Done>,
    /// Envs sent and not yet returned by `recv`.
    in_flight: usize,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// One worker thread per env at most, and no more than the machine has.
    pub fn new(envs: Vec<VecEnv>) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let n_workers = envs.len().clamp(1, cores);
        let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let jobs_rx = Arc::new(Mutex::new(jobs_rx));
        let workers = (0..n_workers)
            .map(|_| {
                let jobs = Arc::clone(&jobs_rx);
                let done = done_tx.clone();
                std::thread::spawn(move || worker(&jobs, &done))
            })
            .collect();
        Self {
            lost: vec![false; envs.len()],
            slots: envs.into_iter().map(Some).collect(),
            jobs: Some(jobs_tx),
            done: done_rx,
            ready: VecDeque::new(),
            in_flight: 0,
            workers,
        }
    }

    /// Envs sent whose results `recv` has not returned yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Queues one job per `(env id, work)`. Every id is checked first (in
    /// range, named once, idle), so a refused call sends nothing.
    pub fn send(&mut self, work: Vec<(usize, Work)>) -> Result<(), PoolError> {
        let mut seen = vec![false; self.slots.len()];
        for (id, _) in &work {
            let id = *id;
            if id >= self.slots.len() {
                return Err(PoolError::Usage(format!(
                    "env id {id} is out of range: the pool has {} envs (ids 0..{})",
                    self.slots.len(),
                    self.slots.len()
                )));
            }
            if seen[id] {
                return Err(PoolError::Usage(format!(
                    "env id {id} is named twice in one send"
                )));
            }
            seen[id] = true;
            if self.lost[id] {
                return Err(PoolError::Usage(format!(
                    "env {id} was lost to a panic in an earlier step; make a new vector env"
                )));
            }
            if self.slots[id].is_none() {
                return Err(PoolError::Usage(format!(
                    "env {id} is busy: recv its result before sending it another action"
                )));
            }
        }
        let jobs = self
            .jobs
            .as_ref()
            .ok_or_else(|| PoolError::Runtime("the pool is closed".into()))?;
        for (id, work) in work {
            let Some(env) = self.slots[id].take() else {
                continue; // checked above
            };
            jobs.send(Job { id, env, work })
                .map_err(|_| PoolError::Runtime("the worker threads have stopped".into()))?;
            self.in_flight += 1;
        }
        Ok(())
    }

    /// Waits until `n` sent envs have finished (all in flight when `None`)
    /// and returns exactly `n` results in the order they finished; the
    /// rest stay queued for the next call. An env's failure is returned as
    /// the error, and the other finished results stay queued.
    pub fn recv(&mut self, n: Option<usize>) -> Result<Vec<(usize, PlainStep)>, PoolError> {
        if self.in_flight == 0 {
            return Err(PoolError::Usage(
                "recv with no envs in flight: send actions (or async_reset) first".into(),
            ));
        }
        let n = n.unwrap_or(self.in_flight);
        if n == 0 || n > self.in_flight {
            return Err(PoolError::Usage(format!(
                "recv asked for {n} results but {} envs are in flight",
                self.in_flight
            )));
        }
        while self.ready.len() < n {
            let done = self
                .done
                .recv()
                .map_err(|_| PoolError::Runtime("the worker threads have stopped".into()))?;
            self.ready.push_back(done);
        }
        let batch: Vec<Done> = self.ready.drain(..n).collect();
        // Hand back the first failure; the successes go back to the front.
        if let Some(pos) = batch.iter().position(|d| d.result.is_err()) {
            let mut batch = batch;
            let failed = batch.remove(pos);
            for d in batch.into_iter().rev() {
                self.ready.push_front(d);
            }
            self.in_flight -= 1;
            self.put_back(failed.id, failed.env);
            return Err(failed
                .result
                .err()
                .unwrap_or_else(|| PoolError::Runtime("a failed result without an error".into())));
        }
        self.in_flight -= n;
        let mut out = Vec::with_capacity(n);
        for d in batch {
            self.put_back(d.id, d.env);
            if let Ok(step) = d.result {
                out.push((d.id, step));
            }
        }
        Ok(out)
    }

    /// Every env, in id order: sends `work(i)` to all, then receives all.
    pub fn run_all(&mut self, work: impl Fn(usize) -> Work) -> Result<Vec<PlainStep>, PoolError> {
        if self.in_flight > 0 {
            return Err(PoolError::Usage(format!(
                "{} envs are in flight: recv their results before a synchronous reset or step",
                self.in_flight
            )));
        }
        self.send((0..self.slots.len()).map(|i| (i, work(i))).collect())?;
        let mut got = self.recv(None)?;
        got.sort_by_key(|(id, _)| *id);
        Ok(got.into_iter().map(|(_, s)| s).collect())
    }

    fn put_back(&mut self, id: usize, env: Option<VecEnv>) {
        match env {
            Some(env) => self.slots[id] = Some(env),
            None => self.lost[id] = true,
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the queue ends every worker after its current job.
        self.jobs = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn worker(jobs: &Mutex<Receiver<Job>>, done: &Sender<Done>) {
    loop {
        // The lock is held only while waiting for the next job.
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(Job { id, mut env, work }) = job else {
            return;
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&mut env, id, work)));
        let finished = match outcome {
            Ok(result) => Done {
                id,
                env: Some(env),
                result,
            },
            Err(_) => Done {
                id,
                env: None,
                result: Err(PoolError::Runtime(format!(
                    "env {id} panicked while stepping"
                ))),
            },
        };
        if done.send(finished).is_err() {
            return;
        }
    }
}

/// A reset reads as a step with reward 0 that did not end (as gymnasium's
/// autoreset step does) whose info is the reset's.
fn run(env: &mut VecEnv, id: usize, work: Work) -> Result<PlainStep, PoolError> {
    let step = match work {
        Work::Reset(seed) => {
            let mut r = env
                .reset(seed)
                .map_err(|error| PoolError::Env { id, error })?;
            let r = r
                .pop()
                .ok_or_else(|| PoolError::Runtime(format!("env {id}: no reset")))?;
            let obs = PlainObs::new(r.observation)
                .map_err(|e| PoolError::Runtime(format!("env {id}: {e}")))?;
            return Ok(PlainStep {
                obs,
                reward: 0.0,
                terminated: false,
                truncated: false,
                info: r.info,
            });
        }
        Work::Step(action) => {
            let mut s = env
                .step(std::slice::from_ref(&action))
                .map_err(|error| PoolError::Env { id, error })?;
            s.pop()
                .ok_or_else(|| PoolError::Runtime(format!("env {id}: no step")))?
        }
    };
    PlainStep::new(step).map_err(|e| PoolError::Runtime(format!("env {id}: {e}")))
}
