//! Layers shared by the language model and the vision towers, and the builder that names
//! their weights.
//!
//! Every layer is a struct built by `new(.., vb.pp("name"))` that names its weights exactly as
//! checkpoints do; the builder ([`Vb`]) records what each constructor asked for, and that
//! record ([`Inventory`]) is the model's parameter list (init, loading, saving, freezing,
//! LoRA). So the weight-name tree exists once, in the constructors.
//!
//! candle's fused `rms_norm`, `layer_norm` and `softmax_last_dim` have no backward pass and
//! silently stop gradients; the layers here are composed of ops whose backward exists.
pub mod linear;
pub mod mlp;
pub mod norm;
pub mod swiglu;
pub mod vb;

pub use linear::{DropoutRng, Linear, LoraPair};
pub use mlp::GatedMlp;
pub use norm::{upcast, LayerNorm, RmsNorm};
pub use vb::{
    build, Fresh, Init, Inventory, LinearSpec, Load, Lookup, ParamSpec, Shapes, Source, Vb,
    WeightError,
};
