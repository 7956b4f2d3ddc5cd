use std::path::Path;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Errors from encoding, decoding or writing frames.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("frame buffer holds {got} bytes but {width}x{height} RGB needs {want}")]
    BadBuffer {
        width: u32,
        height: u32,
        got: usize,
        want: usize,
    },
    #[error("image {path}: {source}")]
    Image {
        path: String,
        #[source]
        source: image::ImageError,
    },
    #[error("frame is not valid base64 PNG: {0}")]
    Decode(String),
    #[error("{0}")]
    Invalid(String),
}

/// An RGB8 image, row-major, 3 bytes per pixel.
///
/// Serialized as base64 PNG so observations travel as compact JSON (an env can
/// be served over HTTP or bound to Python without reshaping anything).
#[derive(Clone, PartialEq, Eq)]
pub struct Frame {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Frame({}x{})", self.width, self.height)
    }
}

impl Frame {
    /// A frame filled with one colour.
    pub fn filled(width: u32, height: u32, rgb: [u8; 3]) -> Self {
        let n = width as usize * height as usize;
        // `repeat` fills by doubling copies; a push per pixel was as slow as
        // drawing a simple figure.
        let data = rgb.repeat(n);
        Self {
            width,
            height,
            data,
        }
    }

    /// Wraps an RGB8 buffer, checking its length.
    pub fn from_rgb(width: u32, height: u32, data: Vec<u8>) -> Result<Self, RenderError> {
        let want = width as usize * height as usize * 3;
        if data.len() != want {
            return Err(RenderError::BadBuffer {
                width,
                height,
                got: data.len(),
                want,
            });
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Row-major RGB8 bytes.
    pub fn as_rgb(&self) -> &[u8] {
        &self.data
    }

    pub fn as_rgb_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// The pixel at (x, y); `None` outside the frame.
    pub fn get(&self, x: u32, y: u32) -> Option<[u8; 3]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * 3;
        Some([self.data[i], self.data[i + 1], self.data[i + 2]])
    }

    /// Sets the pixel at (x, y); writes outside the frame are clipped.
    pub fn put(&mut self, x: i64, y: i64, rgb: [u8; 3]) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 {
            return;
        }
        let i = (y as usize * self.width as usize + x as usize) * 3;
        self.data[i..i + 3].copy_from_slice(&rgb);
    }

    pub fn to_image(&self) -> image::RgbImage {
        image::RgbImage::from_raw(self.width, self.height, self.data.clone())
            .unwrap_or_else(|| image::RgbImage::new(self.width, self.height))
    }

    pub fn from_image(img: image::RgbImage) -> Self {
        let (width, height) = img.dimensions();
        Self {
            width,
            height,
            data: img.into_raw(),
        }
    }

    /// Encodes as PNG bytes.
    pub fn to_png(&self) -> Result<Vec<u8>, RenderError> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.to_image()
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(|source| RenderError::Image {
                path: "<memory>".into(),
                source,
            })?;
        Ok(out.into_inner())
    }

    /// Decodes PNG (or any format `image` reads) bytes.
    pub fn from_png(bytes: &[u8]) -> Result<Self, RenderError> {
        let img = image::load_from_memory(bytes).map_err(|source| RenderError::Image {
            path: "<memory>".into(),
            source,
        })?;
        Ok(Self::from_image(img.to_rgb8()))
    }

    /// Writes the frame as an image file; the format follows the extension.
    pub fn save(&self, path: &Path) -> Result<(), RenderError> {
        self.to_image()
            .save(path)
            .map_err(|source| RenderError::Image {
                path: path.display().to_string(),
                source,
            })
    }

    /// Reads an image file (PNG, JPEG, GIF) as RGB.
    pub fn load(path: &Path) -> Result<Self, RenderError> {
        let img = image::open(path).map_err(|source| RenderError::Image {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Self::from_image(img.to_rgb8()))
    }
}

impl Serialize for Frame {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let png = self.to_png().map_err(serde::ser::Error::custom)?;
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(png))
    }
}

impl<'de> Deserialize<'de> for Frame {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(|e| serde::de::Error::custom(RenderError::Decode(e.to_string())))?;
        Frame::from_png(&bytes).map_err(serde::de::Error::custom)
    }
}

/// Writes `frames` as an animated GIF looping forever, `delay_ms` per
/// frame: the one GIF writer (spatial walkthroughs, football episodes).
pub fn save_gif(frames: &[Frame], path: &Path, delay_ms: u32) -> Result<(), RenderError> {
    let err = |source| RenderError::Image {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(|e| err(image::ImageError::IoError(e)))?;
    let mut enc = image::codecs::gif::GifEncoder::new_with_speed(std::io::BufWriter::new(file), 10);
    enc.set_repeat(image::codecs::gif::Repeat::Infinite)
        .map_err(err)?;
    for f in frames {
        let rgba = image::RgbaImage::from_fn(f.width(), f.height(), |x, y| {
            let [r, g, b] = f.get(x, y).unwrap_or([0; 3]);
            image::Rgba([r, g, b, 255])
        });
        let frame =
            image::Frame::from_parts(rgba, 0, 0, image::Delay::from_numer_denom_ms(delay_ms, 1));
        enc.encode_frame(frame).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_round_trips_through_json_as_png() {
        let mut f = Frame::filled(5, 3, [10, 20, 30]);
        f.put(4, 2, [255, 0, 0]);
        let json = serde_json::to_string(&f).unwrap();
        let back: Frame = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
        assert_eq!(back.get(4, 2), Some([255, 0, 0]));
    }

    #[test]
    fn from_rgb_rejects_wrong_length() {
        assert!(Frame::from_rgb(2, 2, vec![0; 11]).is_err());
    }
}
