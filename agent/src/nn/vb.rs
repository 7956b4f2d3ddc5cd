//! The weight builder: layers ask it for tensors by their checkpoint names, it records what
//! was asked (the [`Inventory`]) and takes the tensors from a [`Source`]: fresh random init,
//! a checkpoint's tensors, existing `Var`s (attached or detached), or shapes only.
use std::cell::RefCell;

use candle_core::{DType, Device, Tensor, Var};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use super::linear::LoraPair;

/// How a parameter is initialised from scratch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    Normal,
    Ones,
    Zeros,
}

/// One parameter a layer asked for: checkpoint name, shape, init.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSpec {
    pub name: String,
    pub shape: Vec<usize>,
    pub init: Init,
}

/// One linear layer as built: its module path (what LoRA targets and PEFT names adapters
/// after), the name of its weight, and its `[out, in]` shape.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearSpec {
    pub module: String,
    pub weight: String,
    pub out_dim: usize,
    pub in_dim: usize,
}

/// Everything a build asked for, in the order the constructors asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inventory {
    pub params: Vec<ParamSpec>,
    pub linears: Vec<LinearSpec>,
}

/// A weight a layer cannot have; converted into the crate's and the vision tower's errors.
#[derive(Debug, thiserror::Error)]
pub enum WeightError {
    #[error("missing tensor {name} (looked in {looked_in})")]
    Missing { name: String, looked_in: String },
    #[error("tensor {name}: shape {got:?} but the config expects {want:?}")]
    Shape {
        name: String,
        got: Vec<usize>,
        want: Vec<usize>,
    },
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
}

type Result<T> = std::result::Result<T, WeightError>;

/// Where the builder takes tensors from.
pub trait Source {
    /// The tensor for `spec`; the builder checks its shape.
    fn tensor(&self, spec: &ParamSpec) -> Result<Tensor>;

    /// The LoRA update of the linear layer at `module`, if it has one.
    fn lora(&self, _module: &str) -> Option<LoraPair> {
        None
    }
}

/// A position in the weight-name tree (`model.layers.3.self_attn`) over a [`Source`].
#[derive(Clone)]
pub struct Vb<'a> {
    src: &'a dyn Source,
    log: &'a RefCell<Inventory>,
    path: String,
}

/// Builds a layer tree rooted at `root` (`""` for none) from `src`; returns it with the
/// inventory of what its constructors asked for.
pub fn build<T, E: From<WeightError>>(
    src: &dyn Source,
    root: &str,
    f: impl FnOnce(Vb) -> std::result::Result<T, E>,
) -> std::result::Result<(T, Inventory), E> {
    let log = RefCell::new(Inventory::default());
    let layers = f(Vb {
        src,
        log: &log,
        path: root.to_string(),
    })?;
    Ok((layers, log.into_inner()))
}

impl Vb<'_> {
    /// The sub-tree `name` (a module or a layer index).
    pub fn pp(&self, name: impl std::fmt::Display) -> Self {
        Self {
            path: self.name(name),
            ..self.clone()
        }
    }

    /// This position's path, `model.layers.0.mlp.up_proj`.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn name(&self, leaf: impl std::fmt::Display) -> String {
        match self.path.is_empty() {
            true => leaf.to_string(),
            false => format!("{}.{leaf}", self.path),
        }
    }

    /// The tensor `name` under this path, of `shape`.
    pub fn get(&self, shape: &[usize], name: &str, init: Init) -> Result<Tensor> {
        let spec = ParamSpec {
            name: self.name(name),
            shape: shape.to_vec(),
            init,
        };
        let t = self.src.tensor(&spec)?;
        if t.dims() != shape {
            return Err(WeightError::Shape {
                name: spec.name,
                got: t.dims().to_vec(),
                want: spec.shape,
            });
        }
        self.log.borrow_mut().params.push(spec);
        Ok(t)
    }

    /// Records the linear layer at this path (weight `weight`) and returns its LoRA update.
    pub(crate) fn linear(&self, weight: &str, out_dim: usize, in_dim: usize) -> Option<LoraPair> {
        self.log.borrow_mut().linears.push(LinearSpec {
            module: self.path.clone(),
            weight: self.name(weight),
            out_dim,
            in_dim,
        });
        self.src.lora(&self.path)
    }
}

/// Random init from a seed (normal weights, norms 1, biases 0); keeps the `Var`s it made in
/// the order they were asked for, so one seed always draws the same model.
pub struct Fresh {
    rng: RefCell<ChaCha8Rng>,
    normal: Normal<f32>,
    dtype: DType,
    device: Device,
    made: RefCell<Vec<(String, Var)>>,
}

impl Fresh {
    pub fn new(seed: u64, normal: Normal<f32>, dtype: DType, device: &Device) -> Self {
        Self {
            rng: RefCell::new(ChaCha8Rng::seed_from_u64(seed)),
            normal,
            dtype,
            device: device.clone(),
            made: RefCell::default(),
        }
    }

    pub fn into_vars(self) -> Vec<(String, Var)> {
        self.made.into_inner()
    }
}

impl Source for Fresh {
    fn tensor(&self, s: &ParamSpec) -> Result<Tensor> {
        let n: usize = s.shape.iter().product();
        let data: Vec<f32> = match s.init {
            Init::Normal => {
                let mut rng = self.rng.borrow_mut();
                (0..n).map(|_| self.normal.sample(&mut *rng)).collect()
            }
            Init::Ones => vec![1.0; n],
            Init::Zeros => vec![0.0; n],
        };
        let t = Tensor::from_vec(data, s.shape.as_slice(), &self.device)?.to_dtype(self.dtype)?;
        let v = Var::from_tensor(&t)?;
        let out = v.as_tensor().clone();
        self.made.borrow_mut().push((s.name.clone(), v));
        Ok(out)
    }
}

/// A checkpoint's tensors, found by name, moved to `device` and `dtype` and made `Var`s (kept
/// in the order asked for).
pub struct Load<'a> {
    find: &'a dyn Fn(&str) -> Option<Tensor>,
    dtype: DType,
    device: Option<Device>,
    looked_in: String,
    made: RefCell<Vec<(String, Var)>>,
}

impl<'a> Load<'a> {
    /// `device: None` keeps each tensor where it is.
    pub fn new(
        find: &'a dyn Fn(&str) -> Option<Tensor>,
        dtype: DType,
        device: Option<&Device>,
        looked_in: &str,
    ) -> Self {
        Self {
            find,
            dtype,
            device: device.cloned(),
            looked_in: looked_in.to_string(),
            made: RefCell::default(),
        }
    }

    pub fn into_vars(self) -> Vec<(String, Var)> {
        self.made.into_inner()
    }
}

impl Source for Load<'_> {
    fn tensor(&self, s: &ParamSpec) -> Result<Tensor> {
        let t = (self.find)(&s.name).ok_or_else(|| WeightError::Missing {
            name: s.name.clone(),
            looked_in: self.looked_in.clone(),
        })?;
        if t.dims() != s.shape.as_slice() {
            // Refused by the builder; not worth converting first.
            return Ok(t);
        }
        let t = match &self.device {
            Some(d) => t.to_device(d)?,
            None => t,
        };
        let v = Var::from_tensor(&t.to_dtype(self.dtype)?)?;
        let out = v.as_tensor().clone();
        self.made.borrow_mut().push((s.name.clone(), v));
        Ok(out)
    }
}

/// The LoRA pair of a linear layer, by its weight's name.
pub type LoraLookup<'a> = &'a dyn Fn(&str) -> Option<LoraPair>;

/// Existing tensors by name (a policy's `Var`s, attached or detached as the view needs),
/// with the LoRA updates of its linear layers.
pub struct Lookup<'a> {
    pub find: &'a dyn Fn(&str) -> Option<Tensor>,
    pub lora: Option<LoraLookup<'a>>,
    pub looked_in: &'a str,
}

impl Source for Lookup<'_> {
    fn tensor(&self, s: &ParamSpec) -> Result<Tensor> {
        (self.find)(&s.name).ok_or_else(|| WeightError::Missing {
            name: s.name.clone(),
            looked_in: self.looked_in.to_string(),
        })
    }

    fn lora(&self, module: &str) -> Option<LoraPair> {
        self.lora.and_then(|f| f(module))
    }
}

/// Shapes only: every tensor is one broadcast zero (no storage), for listing a config's
/// parameters without building them.
pub struct Shapes;

impl Source for Shapes {
    fn tensor(&self, s: &ParamSpec) -> Result<Tensor> {
        let zero = Tensor::zeros((), DType::F32, &Device::Cpu)?;
        Ok(zero.broadcast_as(s.shape.as_slice())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_like_checkpoint_names_and_shapes_are_checked() -> Result<()> {
        let (t, inv) = build(&Shapes, "model", |vb| {
            vb.pp("layers").pp(3).get(&[2, 5], "weight", Init::Normal)
        })?;
        assert_eq!(t.dims(), &[2, 5]);
        assert_eq!(inv.params[0].name, "model.layers.3.weight");
        let find = |_: &str| Tensor::zeros(3, DType::F32, &Device::Cpu).ok();
        let src = Lookup {
            find: &find,
            lora: None,
            looked_in: "test",
        };
        let e = build(&src, "", |vb| vb.pp("norm").get(&[4], "weight", Init::Ones)).err();
        assert!(e.is_some_and(
            |e| e.to_string().contains("norm.weight") && e.to_string().contains("[3]")
        ));
        Ok(())
    }
}
