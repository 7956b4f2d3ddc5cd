//! Anti-aliased text in DejaVu Sans (committed in `render/assets/fonts/`
//! with its licence), rasterized by `ab_glyph`: every frame label (football's
//! banner and shirt numbers, the visual math figures) is drawn here, so text
//! reads the same everywhere and stays legible down to 224 px frames.
//!
//! Glyphs are snapped to whole pixels and their coverage masks cached per
//! thread by (glyph, size), so a label costs a few mask blends once the
//! cache is warm: visual math draws ~1,000 labelled figures a second.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};

use super::Canvas;

/// The font file, compiled in so no frame depends on what a machine has.
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Smallest and largest pixel sizes drawn (larger requests are clamped, so
/// a hostile size cannot allocate a huge mask).
pub const MIN_TEXT_PX: f32 = 4.0;
pub const MAX_TEXT_PX: f32 = 256.0;

/// The parsed font, shared by every thread.
fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    // The bytes are a fixed, tested file: parsing cannot fail at run time
    // unless the asset itself is corrupt, which `font_parses` catches.
    FONT.get_or_init(|| match FontRef::try_from_slice(DEJAVU_SANS) {
        Ok(f) => f,
        Err(e) => panic!("render/assets/fonts/DejaVuSans.ttf is corrupt: {e}"),
    })
}

/// Sizes are cached in quarter pixels per em.
fn size_key(px: f32) -> u32 {
    (px.clamp(MIN_TEXT_PX, MAX_TEXT_PX) * 4.0).round() as u32
}

/// ab_glyph's scale is the line height (ascent - descent) in pixels; ours
/// is pixels per em, as CSS and every other font API size text.
fn scale(key: u32) -> PxScale {
    let f = font();
    let em = f.units_per_em().unwrap_or(2048.0);
    PxScale::from(key as f32 / 4.0 * f.height_unscaled() / em)
}

/// One glyph's coverage mask, relative to its pen position on the baseline.
struct Mask {
    left: i32,
    top: i32,
    width: u32,
    coverage: Vec<u8>,
}

thread_local! {
    static MASKS: RefCell<HashMap<(u16, u32), Mask>> = RefCell::new(HashMap::new());
}

fn rasterize(id: GlyphId, key: u32) -> Mask {
    let glyph = id.with_scale_and_position(scale(key), point(0.0, 0.0));
    let Some(outline) = font().outline_glyph(glyph) else {
        return Mask {
            left: 0,
            top: 0,
            width: 0,
            coverage: Vec::new(),
        };
    };
    let b = outline.px_bounds();
    let (width, height) = (b.width() as u32, b.height() as u32);
    let mut coverage = vec![0u8; width as usize * height as usize];
    outline.draw(|x, y, c| {
        if x < width && y < height {
            coverage[(y * width + x) as usize] = (c.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        }
    });
    Mask {
        left: b.min.x as i32,
        top: b.min.y as i32,
        width,
        coverage,
    }
}

/// Vertical metrics of the font at one size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineMetrics {
    /// Baseline to the top of the tallest glyphs.
    pub ascent: f32,
    /// Baseline to the bottom of descenders (positive, below).
    pub descent: f32,
    /// Baseline to the top of capitals and digits: what centring uses, so
    /// a label of digits sits in the middle of its box.
    pub cap_height: f32,
}

/// Metrics of DejaVu Sans at `px` pixels per em.
pub fn line_metrics(px: f32) -> LineMetrics {
    let f = font().as_scaled(scale(size_key(px)));
    LineMetrics {
        ascent: f.ascent(),
        descent: -f.descent(),
        // DejaVu Sans's capitals are 0.729 em tall.
        cap_height: size_key(px) as f32 / 4.0 * 0.729,
    }
}

/// Whether the font has a glyph for `c` (others draw as its `.notdef` box).
pub fn has_glyph(c: char) -> bool {
    font().glyph_id(c).0 != 0
}

/// Width in pixels of `text` at `px` pixels per em, as [`Canvas::text`]
/// advances it (whole-pixel pen steps, kerning included).
pub fn text_width(text: &str, px: f32) -> f32 {
    let f = font().as_scaled(scale(size_key(px)));
    let mut pen = 0.0f32;
    let mut prev: Option<GlyphId> = None;
    for ch in text.chars() {
        let id = f.glyph_id(ch);
        if let Some(p) = prev {
            pen += f.kern(p, id);
        }
        pen += f.h_advance(id);
        prev = Some(id);
    }
    pen.round()
}

/// Where a label's anchor point lies on its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The anchor is the box's left end, vertically centred on capitals.
    Left,
    /// The anchor is the box's centre.
    Centre,
    /// The anchor is the box's right end, vertically centred.
    Right,
}

impl Canvas<'_> {
    /// Draws `text` at `px` pixels per em with its pen starting at `x` on
    /// the baseline `baseline`; returns the width drawn. Newlines are not
    /// interpreted (one line per call).
    pub fn text(&mut self, x: f32, baseline: f32, px: f32, text: &str, rgb: [u8; 3]) -> f32 {
        let key = size_key(px);
        let f = font().as_scaled(scale(key));
        let (x0, y0) = (x.round(), baseline.round() as i64);
        let mut pen = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        MASKS.with(|cell| {
            let mut masks = cell.borrow_mut();
            for ch in text.chars() {
                let id = f.glyph_id(ch);
                if let Some(p) = prev {
                    pen += f.kern(p, id);
                }
                let mask = masks
                    .entry((id.0, key))
                    .or_insert_with(|| rasterize(id, key));
                let gx = (x0 + pen.round()) as i64 + mask.left as i64;
                let gy = y0 + mask.top as i64;
                self.blit_mask(gx, gy, mask, rgb);
                pen += f.h_advance(id);
                prev = Some(id);
            }
        });
        pen.round()
    }

    /// Draws one line of `text` anchored at (x, y): `y` is the middle of
    /// the capitals, `x` the left end, centre or right end of the line.
    pub fn text_at(&mut self, x: f32, y: f32, px: f32, anchor: Anchor, text: &str, rgb: [u8; 3]) {
        let w = text_width(text, px);
        let left = match anchor {
            Anchor::Left => x,
            Anchor::Centre => x - w * 0.5,
            Anchor::Right => x - w,
        };
        let baseline = y + line_metrics(px).cap_height * 0.5;
        self.text(left, baseline, px, text, rgb);
    }

    /// Draws `text` centred on (cx, cy).
    pub fn text_centered(&mut self, cx: f32, cy: f32, px: f32, text: &str, rgb: [u8; 3]) {
        self.text_at(cx, cy, px, Anchor::Centre, text, rgb);
    }

    fn blit_mask(&mut self, gx: i64, gy: i64, mask: &Mask, rgb: [u8; 3]) {
        let w = mask.width as usize;
        for (row, line) in mask.coverage.chunks_exact(w.max(1)).enumerate() {
            for (col, &c) in line.iter().enumerate() {
                if c != 0 {
                    self.blend(gx + col as i64, gy + row as i64, rgb, c as f32 / 255.0);
                }
            }
        }
    }
}
