//! A scene as triangles: the room shell (floor, walls, ceiling, doors,
//! windows, skirting) and one furniture mesh per object, tagged with the
//! object's id so id buffers tell what each pixel shows.

use super::furniture::{furniture_mesh, Furniture};
use rulegym_render::mesh::{Material, Mesh, Texture};
use rulegym_render::Vec3;

use super::categories;
use super::geometry::P2;
use super::room::{Finish, Room, RoomShape};
use super::scene::Scene;

fn v(p: P2, y: f64) -> Vec3 {
    Vec3::new(p[0] as f32, y as f32, p[1] as f32)
}

pub fn build(scene: &Scene) -> Mesh {
    let mut mesh = room_mesh(&scene.room);
    for o in &scene.objects {
        let shape = categories::find(&o.category)
            .map(|c| c.shape)
            .unwrap_or(Furniture::Block);
        let size = Vec3::new(o.size[0] as f32, o.size[1] as f32, o.size[2] as f32);
        let m = furniture_mesh(shape, size, o.color, o.accent)
            .transformed(
                o.yaw as f32,
                Vec3::new(o.center[0] as f32, o.bottom() as f32, o.center[2] as f32),
            )
            .with_object(o.id);
        mesh.append(m);
    }
    mesh
}

/// Axis-aligned rectangles (min, max) whose union is the floor.
fn floor_rects(room: &Room) -> Vec<(P2, P2)> {
    let (mut w, mut d) = (0.0f64, 0.0f64);
    for p in &room.outline {
        w = w.max(p[0]);
        d = d.max(p[1]);
    }
    match room.shape {
        RoomShape::Rectangular => vec![([0.0, 0.0], [w, d])],
        RoomShape::LShaped => {
            let [x, z] = room.outline[3];
            vec![([0.0, 0.0], [x, d]), ([x, 0.0], [w, z])]
        }
    }
}

fn floor_material(f: &Finish) -> Material {
    match f.pattern.as_str() {
        "tiles" => Material::textured(
            f.color,
            Texture::Checker {
                size: f.scale as f32,
                other: f.other,
            },
        ),
        "planks" => Material::textured(
            f.color,
            Texture::Stripes {
                width: f.scale as f32,
                axis: 0,
                other: f.other,
            },
        ),
        _ => Material::textured(
            f.color,
            Texture::Noise {
                scale: f.scale as f32,
                amount: 0.25,
            },
        ),
    }
}

fn wall_material(f: &Finish, along_x: bool) -> Material {
    match f.pattern.as_str() {
        "wallpaper" => Material::textured(
            f.color,
            Texture::Stripes {
                width: f.scale as f32,
                axis: if along_x { 0 } else { 2 },
                other: f.other,
            },
        ),
        "plaster" => Material::textured(
            f.color,
            Texture::Noise {
                scale: f.scale as f32,
                amount: 0.1,
            },
        ),
        _ => Material::flat(f.color),
    }
}

/// A quad on wall `i` between `t0..t1` along it and heights `y0..y1`,
/// `off` metres in front of the wall, facing into the room.
#[allow(clippy::too_many_arguments)] // a wall rectangle is naturally 6 numbers
fn wall_quad(
    room: &Room,
    i: usize,
    t0: f64,
    t1: f64,
    y0: f64,
    y1: f64,
    off: f64,
    mat: Material,
) -> Mesh {
    let (a, _, dir, n, _) = room.wall(i);
    let p0 = [
        a[0] + dir[0] * t0 + n[0] * off,
        a[1] + dir[1] * t0 + n[1] * off,
    ];
    let u = Vec3::new(
        (dir[0] * (t1 - t0)) as f32,
        0.0,
        (dir[1] * (t1 - t0)) as f32,
    );
    let up = Vec3::new(0.0, (y1 - y0) as f32, 0.0);
    let normal = Vec3::new(n[0] as f32, 0.0, n[1] as f32);
    if u.cross(up).dot(normal) > 0.0 {
        Mesh::plane(v(p0, y0), u, up, mat)
    } else {
        Mesh::plane(v(p0, y0), up, u, mat)
    }
}

fn room_mesh(room: &Room) -> Mesh {
    let mut m = Mesh::new();
    let floor = floor_material(&room.floor);
    let ceiling = Material::flat(room.ceiling);
    for (lo, hi) in floor_rects(room) {
        let (dx, dz) = ((hi[0] - lo[0]) as f32, (hi[1] - lo[1]) as f32);
        m.append(Mesh::plane(
            v(lo, 0.0),
            Vec3::new(0.0, 0.0, dz),
            Vec3::new(dx, 0.0, 0.0),
            floor,
        ));
        m.append(Mesh::plane(
            v(lo, room.height),
            Vec3::new(dx, 0.0, 0.0),
            Vec3::new(0.0, 0.0, dz),
            ceiling,
        ));
    }
    let skirting = Material::flat(room.wall.color.map(|c| (c as f64 * 0.55) as u8));
    for i in 0..room.wall_count() {
        let (_, _, dir, _, len) = room.wall(i);
        let mat = wall_material(&room.wall, dir[0].abs() > dir[1].abs());
        m.append(wall_quad(room, i, 0.0, len, 0.0, room.height, 0.0, mat));
        m.append(wall_quad(room, i, 0.0, len, 0.0, 0.08, 0.006, skirting));
    }
    for d in &room.doors {
        let frame = Material::flat([235, 235, 230]);
        let leaf = Material::textured(
            [140, 95, 60],
            Texture::Stripes {
                width: 0.12,
                axis: 1,
                other: [125, 85, 55],
            },
        );
        m.append(wall_quad(
            room,
            d.wall,
            d.start - 0.06,
            d.end + 0.06,
            0.0,
            d.top + 0.06,
            0.008,
            frame,
        ));
        m.append(wall_quad(
            room, d.wall, d.start, d.end, 0.0, d.top, 0.012, leaf,
        ));
    }
    for w in &room.windows {
        let frame = Material::flat([245, 245, 245]);
        let glass = Material::flat([150, 195, 235]).glowing(0.35);
        m.append(wall_quad(
            room,
            w.wall,
            w.start - 0.05,
            w.end + 0.05,
            w.bottom - 0.05,
            w.top + 0.05,
            0.008,
            frame,
        ));
        m.append(wall_quad(
            room, w.wall, w.start, w.end, w.bottom, w.top, 0.012, glass,
        ));
        let mid = (w.start + w.end) / 2.0;
        m.append(wall_quad(
            room,
            w.wall,
            mid - 0.025,
            mid + 0.025,
            w.bottom,
            w.top,
            0.016,
            frame,
        ));
    }
    m
}
