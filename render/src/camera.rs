//! A perspective pinhole camera placed with look-at.

use serde::{Deserialize, Serialize};

use crate::Vec3;

/// Where the camera stands, what it looks at and how wide it sees.
///
/// The image size is not part of the camera: the same path renders at
/// 224² for training and 448² for inspection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    pub eye: Vec3,
    pub target: Vec3,
    /// Vertical field of view in degrees.
    pub fov_y_deg: f32,
    /// Near clipping distance in metres; geometry closer than this is cut.
    pub near: f32,
}

/// The camera's orthonormal frame (right, up, forward) for one image size.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub eye: Vec3,
    pub right: Vec3,
    pub up: Vec3,
    pub forward: Vec3,
    /// Focal length in pixels (square pixels).
    pub focal: f32,
    pub cx: f32,
    pub cy: f32,
    pub near: f32,
}

impl Camera {
    pub fn look_at(eye: Vec3, target: Vec3, fov_y_deg: f32) -> Self {
        Self {
            eye,
            target,
            fov_y_deg,
            near: 0.05,
        }
    }

    /// The basis and intrinsics for a `width`×`height` image. A camera
    /// looking straight up or down gets a fixed right vector instead of NaNs.
    pub fn view(&self, width: u32, height: u32) -> View {
        let forward = (self.target - self.eye).normalized();
        let mut right = forward.cross(Vec3::new(0.0, 1.0, 0.0));
        if right.length() < 1e-6 {
            right = Vec3::new(1.0, 0.0, 0.0);
        }
        let right = right.normalized();
        let up = right.cross(forward);
        let half = (self.fov_y_deg.to_radians() * 0.5).tan().max(1e-4);
        View {
            eye: self.eye,
            right,
            up,
            forward,
            focal: height as f32 * 0.5 / half,
            cx: width as f32 * 0.5,
            cy: height as f32 * 0.5,
            near: self.near.max(1e-4),
        }
    }
}

impl View {
    /// World point to camera space (x right, y up, z forward distance).
    pub fn to_camera(&self, p: Vec3) -> Vec3 {
        let d = p - self.eye;
        Vec3::new(d.dot(self.right), d.dot(self.up), d.dot(self.forward))
    }

    /// Camera-space point (z > 0) to pixel coordinates.
    pub fn project(&self, c: Vec3) -> (f32, f32) {
        let inv = 1.0 / c.z;
        (
            self.cx + c.x * inv * self.focal,
            self.cy - c.y * inv * self.focal,
        )
    }

    /// The world direction through pixel position (px, py), scaled so its
    /// forward component is 1 (a point at depth z is `eye + ray * z`).
    pub fn ray(&self, px: f32, py: f32) -> Vec3 {
        self.forward
            + self.right * ((px - self.cx) / self.focal)
            + self.up * (-(py - self.cy) / self.focal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_projects_to_the_image_centre() {
        let cam = Camera::look_at(Vec3::new(1.0, 1.5, 2.0), Vec3::new(-2.0, 0.5, -1.0), 60.0);
        let v = cam.view(100, 80);
        let (x, y) = v.project(v.to_camera(cam.target));
        assert!((x - 50.0).abs() < 1e-3 && (y - 40.0).abs() < 1e-3);
    }

    #[test]
    fn a_point_above_the_target_is_higher_in_the_image() {
        let cam = Camera::look_at(Vec3::new(0.0, 1.0, 3.0), Vec3::new(0.0, 1.0, 0.0), 60.0);
        let v = cam.view(64, 64);
        let (_, y) = v.project(v.to_camera(Vec3::new(0.0, 2.0, 0.0)));
        assert!(y < 32.0);
        let (x, _) = v.project(v.to_camera(Vec3::new(1.0, 1.0, 0.0)));
        assert!(x > 32.0, "+x is to the right when looking down -z");
    }
}
