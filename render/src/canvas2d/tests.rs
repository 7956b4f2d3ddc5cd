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
    c.text(-50, -50, 3, "far away", WHITE);
    c.line(4.0, 4.0, 4.0, 4.0, 2.0, WHITE);
    assert!(count(&f, WHITE) >= 1);
}

#[test]
fn text_draws_known_glyphs_and_measures_width() {
    let mut f = Frame::filled(60, 10, BLACK);
    let mut c = Canvas::new(&mut f);
    let w = c.text(0, 0, 1, "1:0", WHITE);
    assert_eq!(w, 17);
    assert_eq!(Canvas::text_width("AB", 2), 22);
    // '1' has its foot row fully set from x=1 to x=3.
    assert_eq!(f.get(2, 6), Some(WHITE));
    assert!(glyph('q').is_some() && glyph('\u{1F600}').is_none());
}

#[test]
fn stroke_circle_is_hollow() {
    let mut f = Frame::filled(40, 40, BLACK);
    let mut c = Canvas::new(&mut f);
    c.stroke_circle(20.0, 20.0, 10.0, 2.0, WHITE);
    assert_eq!(f.get(20, 20), Some(BLACK));
    assert_eq!(f.get(30, 20).map(|p| p[0] > 100), Some(true));
}
