//! Floor-plane geometry the scene and the questions share.
//!
//! Points are `[x, z]` in metres on the floor (y is up). Objects are boxes
//! turned only about the vertical axis, so a box is its footprint (a
//! rectangle) times a height interval, and the distance between two boxes
//! splits exactly into a floor part and a vertical part.

/// A point on the floor plane: `[x, z]`.
pub type P2 = [f64; 2];

pub fn sub(a: P2, b: P2) -> P2 {
    [a[0] - b[0], a[1] - b[1]]
}

pub fn dot(a: P2, b: P2) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

pub fn norm(a: P2) -> f64 {
    dot(a, a).sqrt()
}

/// The unit vectors of a box's local x (width) and z (depth) axes on the
/// floor after turning by `yaw` (same convention as the renderer's
/// `Vec3::rotate_y`).
pub fn axes(yaw: f64) -> (P2, P2) {
    let (s, c) = yaw.sin_cos();
    ([c, -s], [s, c])
}

/// Footprint corners of a box centred at `c` with width `w` (local x) and
/// depth `d` (local z), counter-clockwise order around the rectangle.
pub fn footprint(c: P2, w: f64, d: f64, yaw: f64) -> [P2; 4] {
    let (ux, uz) = axes(yaw);
    let corner = |sx: f64, sz: f64| {
        [
            c[0] + ux[0] * sx * w / 2.0 + uz[0] * sz * d / 2.0,
            c[1] + ux[1] * sx * w / 2.0 + uz[1] * sz * d / 2.0,
        ]
    };
    [corner(-1.0, -1.0), corner(1.0, -1.0), corner(1.0, 1.0), corner(-1.0, 1.0)]
}

/// Separating-axis test for two convex polygons grown by `margin`: true when
/// they overlap (or come closer than `margin`).
pub fn overlap(a: &[P2], b: &[P2], margin: f64) -> bool {
    for poly in [a, b] {
        for i in 0..poly.len() {
            let e = sub(poly[(i + 1) % poly.len()], poly[i]);
            let n = [-e[1], e[0]];
            let l = norm(n);
            if l < 1e-12 {
                continue;
            }
            let n = [n[0] / l, n[1] / l];
            let range = |p: &[P2]| {
                p.iter().fold((f64::MAX, f64::MIN), |(lo, hi), q| {
                    let v = dot(*q, n);
                    (lo.min(v), hi.max(v))
                })
            };
            let (a0, a1) = range(a);
            let (b0, b1) = range(b);
            if a1 + margin <= b0 || b1 + margin <= a0 {
                return false;
            }
        }
    }
    true
}

pub fn point_segment_distance(p: P2, a: P2, b: P2) -> f64 {
    let ab = sub(b, a);
    let l2 = dot(ab, ab);
    let t = if l2 > 0.0 { (dot(sub(p, a), ab) / l2).clamp(0.0, 1.0) } else { 0.0 };
    norm(sub(p, [a[0] + ab[0] * t, a[1] + ab[1] * t]))
}

/// Ray-casting point-in-polygon (any simple polygon).
pub fn inside(p: P2, poly: &[P2]) -> bool {
    let mut c = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0] {
            c = !c;
        }
    }
    c
}

/// Distance between two convex polygons; 0 when they overlap.
pub fn polygon_distance(a: &[P2], b: &[P2]) -> f64 {
    if overlap(a, b, 0.0) {
        return 0.0;
    }
    let mut best = f64::MAX;
    for (p, q) in [(a, b), (b, a)] {
        for &v in p {
            for i in 0..q.len() {
                best = best.min(point_segment_distance(v, q[i], q[(i + 1) % q.len()]));
            }
        }
    }
    best
}

/// Gap between intervals [a0, a1] and [b0, b1]; 0 when they overlap.
pub fn interval_gap(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    (b0 - a1).max(a0 - b1).max(0.0)
}

/// Counter-clockwise angle (seen from above, i.e. towards the left) from
/// `heading` to `v`, in degrees in [0, 360).
pub fn angle_left_deg(heading: P2, v: P2) -> f64 {
    // A person facing h has their left at h turned +90° about y: (h.z, -h.x).
    let left = [heading[1], -heading[0]];
    let a = dot(v, left).atan2(dot(v, heading)).to_degrees();
    if a < 0.0 {
        a + 360.0
    } else {
        a
    }
}

/// Shoelace area of a simple polygon.
pub fn area(poly: &[P2]) -> f64 {
    let n = poly.len();
    (0..n)
        .map(|i| poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1])
        .sum::<f64>()
        .abs()
        / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turned_squares_touch_only_when_close() {
        let a = footprint([0.0, 0.0], 1.0, 1.0, 0.0);
        let b = footprint([1.2, 0.0], 1.0, 1.0, std::f64::consts::FRAC_PI_4);
        // b's corner reaches x = 1.2 - 0.707 = 0.49 < 0.5: overlap.
        assert!(overlap(&a, &b, 0.0));
        let c = footprint([1.3, 0.0], 1.0, 1.0, std::f64::consts::FRAC_PI_4);
        assert!(!overlap(&a, &c, 0.0));
        assert!((polygon_distance(&a, &c) - (1.3 - 0.5 - 0.5f64.sqrt())).abs() < 1e-9);
    }

    #[test]
    fn left_is_counter_clockwise_seen_from_above() {
        // Facing -z (away from a viewer at +z), -x is on the left.
        assert!((angle_left_deg([0.0, -1.0], [-1.0, 0.0]) - 90.0).abs() < 1e-9);
        assert!((angle_left_deg([0.0, -1.0], [1.0, 0.0]) - 270.0).abs() < 1e-9);
        assert!((angle_left_deg([0.0, -1.0], [0.0, 1.0]) - 180.0).abs() < 1e-9);
    }

    #[test]
    fn l_shape_area_and_inside() {
        let l = [[0.0, 0.0], [4.0, 0.0], [4.0, 2.0], [2.0, 2.0], [2.0, 4.0], [0.0, 4.0]];
        assert!((area(&l) - 12.0).abs() < 1e-12);
        assert!(inside([1.0, 3.0], &l) && !inside([3.0, 3.0], &l));
    }
}
