//! Writing rendered frames to disk: one PNG per frame, or an animated GIF.

use std::path::{Path, PathBuf};

use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, RgbaImage};

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

/// Writes an animated GIF looping forever, `delay_ms` per frame.
pub fn save_gif(frames: &[Frame], path: &Path, delay_ms: u32) -> Result<(), RenderError> {
    let err = |source| RenderError::Image {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(|e| err(image::ImageError::IoError(e)))?;
    let mut enc = GifEncoder::new_with_speed(std::io::BufWriter::new(file), 10);
    enc.set_repeat(Repeat::Infinite).map_err(err)?;
    for f in frames {
        let rgba = RgbaImage::from_fn(f.width(), f.height(), |x, y| {
            let [r, g, b] = f.get(x, y).unwrap_or([0; 3]);
            image::Rgba([r, g, b, 255])
        });
        let frame = image::Frame::from_parts(rgba, 0, 0, Delay::from_numer_denom_ms(delay_ms, 1));
        enc.encode_frame(frame).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
