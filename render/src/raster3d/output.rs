//! Writing rendered frames to disk, one PNG per frame (GIFs:
//! [`crate::save_gif`], beside [`Frame`]).

use std::path::{Path, PathBuf};

use crate::{Frame, RenderError};

/// Writes `frames` as `dir/<prefix>_000.png`, … and returns the paths.
pub fn save_pngs(frames: &[Frame], dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, RenderError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| RenderError::Invalid(format!("{}: {e}", dir.display())))?;
    frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let p = dir.join(format!("{prefix}_{i:03}.png"));
            f.save(&p).map(|_| p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::save_gif;

    #[test]
    fn gif_and_pngs_are_written_and_read_back() {
        let dir = std::env::temp_dir().join(format!("rulegym_render_out_{}", std::process::id()));
        let frames = vec![
            Frame::filled(8, 6, [255, 0, 0]),
            Frame::filled(8, 6, [0, 0, 255]),
        ];
        let paths = save_pngs(&frames, &dir, "f").unwrap();
        assert_eq!(Frame::load(&paths[1]).unwrap(), frames[1]);
        let gif = dir.join("a.gif");
        save_gif(&frames, &gif, 100).unwrap();
        let back = Frame::load(&gif).unwrap();
        assert_eq!((back.width(), back.height()), (8, 6));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
