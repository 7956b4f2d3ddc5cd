//! rulegym-render: the pixels every environment shows its policy.
//!
//! [`Frame`] is the one image type that crosses crate boundaries: environments
//! put frames in observations, the agent's processor reads them, the trainer
//! writes them to disk.

pub mod camera;
pub mod canvas2d;
mod frame;
pub mod mesh;
pub mod raster3d;
mod vec3;

pub use camera::Camera;
pub use canvas2d::Canvas;
pub use frame::{save_gif, Frame, RenderError};
pub use mesh::{Material, Mesh, Texture};
pub use raster3d::{RenderOptions, Scene3d};
pub use vec3::Vec3;
