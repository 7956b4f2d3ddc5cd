use super::*;

const BLACK: [u8; 3] = [0, 0, 0];
const WHITE: [u8; 3] = [255, 255, 255];

fn count(f: &Frame, rgb: [u8; 3]) -> usize {
    f.as_rgb().chunks_exact(3).filter(|p| *p == rgb).count()
}

#[test]
fn fill_rect_covers_exactly_its_pixels_and_clips() {
    let mut f = Frame::filled(10, 10, BLACK);
    let mut c = Canvas::new(&mut f);
    c.fill_rect(2.0, 3.0, 4.0, 2.0, WHITE);
    c.fill_rect(8.0, 8.0, 10.0, 10.0, WHITE);
    assert_eq!(count(&f, WHITE), 8 + 4);
    assert_eq!(f.get(2, 3), Some(WHITE));
    assert_eq!(f.get(6, 3), Some(BLACK));
}

#[test]
fn filled_circle_area_is_close_to_pi_r_squared() {
    let mut f = Frame::filled(64, 64, BLACK);
    let mut c = Canvas::new(&mut f);
    c.antialias = false;
    c.fill_circle(32.0, 32.0, 10.0, WHITE);
    let n = count(&f, WHITE) as f32;
    let want = std::f32::consts::PI * 100.0;
    assert!((n - want).abs() / want < 0.05, "{n} vs {want}");
}

#[test]
fn thick_line_has_its_thickness() {
    let mut f = Frame::filled(40, 40, BLACK);
    let mut c = Canvas::new(&mut f);
    c.antialias = false;
    c.line(5.0, 20.0, 35.0, 20.0, 4.0, WHITE);
    let column: Vec<_> = (0..40).filter(|&y| f.get(20, y) == Some(WHITE)).collect();
    assert_eq!(column.len(), 4, "{column:?}");
}

#[test]
fn antialiased_edges_blend_between_colours() {
    let mut f = Frame::filled(40, 40, BLACK);
    let mut c = Canvas::new(&mut f);
    c.line(3.0, 3.0, 37.0, 30.0, 2.0, WHITE);
    let grey = f
        .as_rgb()
        .chunks_exact(3)
        .filter(|p| p[0] > 0 && p[0] < 255)
        .count();
    assert!(grey > 10);
}

#[test]
fn concave_polygon_leaves_its_notch_empty() {
    // A "U": the notch between the arms must stay unfilled.
    let mut f = Frame::filled(30, 30, BLACK);
    let mut c = Canvas::new(&mut f);
    let u = [
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 20.0),
        (20.0, 20.0),
        (20.0, 0.0),
        (30.0, 0.0),
        (30.0, 30.0),
        (0.0, 30.0),
    ];
    c.fill_polygon(&u, WHITE);
    assert_eq!(f.get(15, 10), Some(BLACK));
    assert_eq!(f.get(5, 10), Some(WHITE));
    assert_eq!(f.get(15, 25), Some(WHITE));
    assert_eq!(count(&f, WHITE), 900 - 200);
}

#[test]
fn degenerate_shapes_draw_nothing_or_a_dot_without_panicking() {
    let mut f = Frame::filled(8, 8, BLACK);
    let mut c = Canvas::new(&mut f);
    c.antialias = false;
    c.fill_polygon(&[(1.0, 1.0), (5.0, 5.0)], WHITE);
    c.fill_circle(-100.0, -100.0, 3.0, WHITE);
    c.line(f32::NAN, 0.0, 3.0, 3.0, 1.0, WHITE);
    c.text(-50.0, -50.0, 30.0, "far away", WHITE);
    c.text(2.0, 6.0, f32::NAN, "nan size", WHITE);
    c.text(2.0, 6.0, 1e9, "huge", WHITE);
    c.line(4.0, 4.0, 4.0, 4.0, 2.0, WHITE);
    assert!(count(&f, WHITE) >= 1);
}

/// Columns and rows of `f` holding pixels brighter than `t`.
fn ink_box(f: &Frame, t: u8) -> Option<(u32, u32, u32, u32)> {
    let mut b: Option<(u32, u32, u32, u32)> = None;
    for y in 0..f.height() {
        for x in 0..f.width() {
            if f.get(x, y).is_some_and(|p| p[0] > t) {
                let (x0, y0, x1, y1) = b.unwrap_or((x, y, x, y));
                b = Some((x0.min(x), y0.min(y), x1.max(x), y1.max(y)));
            }
        }
    }
    b
}

#[test]
fn font_covers_the_characters_labels_use() {
    for c in "0123456789 ABCXYZabcxyz.,:;-+=()%/°π√½$?".chars() {
        assert!(font::has_glyph(c), "{c:?} missing");
    }
    assert!(!font::has_glyph('\u{E000}'));
}

#[test]
fn text_width_grows_with_size_and_length() {
    let w12 = font::text_width("12.5", 12.0);
    let w24 = font::text_width("12.5", 24.0);
    assert!(w12 > 15.0 && w12 < 35.0, "{w12}");
    assert!((w24 / w12 - 2.0).abs() < 0.15, "{w12} {w24}");
    assert!(font::text_width("1111", 16.0) > font::text_width("11", 16.0));
    assert_eq!(font::text_width("", 16.0), 0.0);
    // DejaVu Sans digits are 0.636 em wide.
    assert!((font::text_width("00000", 20.0) - 63.6).abs() <= 1.0);
}

#[test]
fn drawn_text_has_ink_where_its_box_is_and_nowhere_else() {
    let mut f = Frame::filled(120, 40, BLACK);
    let mut c = Canvas::new(&mut f);
    let w = c.text(10.0, 30.0, 20.0, "AB7", WHITE);
    assert_eq!(w, font::text_width("AB7", 20.0));
    let (x0, y0, x1, y1) = ink_box(&f, 40).unwrap();
    let cap = font::line_metrics(20.0).cap_height;
    assert!((10..=11).contains(&x0), "{x0}");
    // The last glyph's ink ends inside its advance (side bearing).
    assert!(
        x1 as f32 <= 10.0 + w && x1 as f32 >= 10.0 + w - 5.0,
        "{x1} vs {w}"
    );
    assert!((y1 as i32 - 29).abs() <= 1, "baseline row {y1}");
    assert!(((30 - y0) as f32 - cap).abs() <= 1.5, "{y0} {cap}");
    // Anti-aliased: some edge pixels are neither background nor ink.
    let grey = f
        .as_rgb()
        .chunks_exact(3)
        .filter(|p| p[0] > 0 && p[0] < 255)
        .count();
    assert!(grey > 10, "{grey}");
    // Full-coverage stems are the ink colour itself, so text stays crisp.
    assert!(f.as_rgb().chunks_exact(3).any(|p| p == WHITE));
}

#[test]
fn centred_text_is_centred_on_its_anchor() {
    let mut f = Frame::filled(100, 60, BLACK);
    let mut c = Canvas::new(&mut f);
    c.text_centered(50.0, 30.0, 18.0, "48", WHITE);
    let (x0, y0, x1, y1) = ink_box(&f, 60).unwrap();
    assert!(((x0 + x1) as f32 * 0.5 - 50.0).abs() <= 1.5, "{x0}..{x1}");
    assert!(((y0 + y1) as f32 * 0.5 - 30.0).abs() <= 1.5, "{y0}..{y1}");
    let mut g = Frame::filled(100, 60, BLACK);
    let mut c = Canvas::new(&mut g);
    c.text_at(90.0, 30.0, 18.0, font::Anchor::Right, "48", WHITE);
    let (_, _, x1, _) = ink_box(&g, 60).unwrap();
    assert!((x1 as i32 - 89).abs() <= 2, "{x1}");
}

#[test]
fn stroke_circle_is_hollow() {
    let mut f = Frame::filled(40, 40, BLACK);
    let mut c = Canvas::new(&mut f);
    c.stroke_circle(20.0, 20.0, 10.0, 2.0, WHITE);
    assert_eq!(f.get(20, 20), Some(BLACK));
    assert_eq!(f.get(30, 20).map(|p| p[0] > 100), Some(true));
}

#[test]
fn a_sloped_line_covers_what_a_whole_box_distance_test_covers() {
    // `line` visits one run per row around the line; every pixel it skips
    // must be uncovered. Reference: the anti-aliased coverage of every
    // pixel of the frame, from its distance to the segment.
    let segments = [
        (3.2, 5.1, 60.7, 58.3, 2.5),
        (60.0, 2.0, 4.5, 61.0, 1.0),
        (10.0, 30.0, 62.0, 33.5, 4.0),
        (31.5, 2.0, 32.5, 62.0, 3.0),
        (-20.0, 70.0, 80.0, -10.0, 2.0),
    ];
    for (x0, y0, x1, y1, t) in segments {
        let mut f = Frame::filled(64, 64, BLACK);
        Canvas::new(&mut f).line(x0, y0, x1, y1, t, WHITE);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len2 = dx * dx + dy * dy;
        let r = (t * 0.5f32).max(0.5);
        for py in 0..64u32 {
            for px in 0..64u32 {
                let (cx, cy) = (px as f32 + 0.5, py as f32 + 0.5);
                let s = (((cx - x0) * dx + (cy - y0) * dy) / len2).clamp(0.0, 1.0);
                let (qx, qy) = (x0 + s * dx - cx, y0 + s * dy - cy);
                let c = (0.5 - ((qx * qx + qy * qy).sqrt() - r)).clamp(0.0, 1.0);
                let want = (c * 255.0 + 0.5) as u8;
                let got = f.get(px, py).map(|p| p[0]);
                assert_eq!(got, Some(want), "({x0},{y0})→({x1},{y1}) at {px},{py}");
            }
        }
    }
}

#[test]
fn clear_paints_every_pixel_of_any_size() {
    for (w, h) in [(1, 1), (3, 5), (448, 448), (7, 1)] {
        let mut f = Frame::filled(w, h, BLACK);
        Canvas::new(&mut f).clear([9, 8, 7]);
        assert_eq!(count(&f, [9, 8, 7]), (w * h) as usize, "{w}×{h}");
    }
}
