//! The ScanNet-like object categories: real-world size ranges (cm), where
//! each kind of object goes, and how it is drawn.

use super::furniture::Furniture;
use serde::{Deserialize, Serialize};

/// Where an object may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Anywhere on the floor, any heading.
    Floor,
    /// Back against a wall, facing into the room.
    Wall,
    /// On top of an object whose category `supports` things.
    Surface,
}

/// Room kinds decide which categories appear together.
pub const BEDROOM: u8 = 1;
pub const LIVING: u8 = 2;
pub const OFFICE: u8 = 4;
pub const KITCHEN: u8 = 8;
pub const BATHROOM: u8 = 16;
pub const ROOM_KINDS: [(u8, &str); 5] = [
    (BEDROOM, "bedroom"),
    (LIVING, "living room"),
    (OFFICE, "office"),
    (KITCHEN, "kitchen"),
    (BATHROOM, "bathroom"),
];

/// One object category and its real-world size distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Category {
    pub name: &'static str,
    pub shape: Furniture,
    pub placement: Placement,
    /// Uniform ranges in centimetres: width (x), depth (z), height (y).
    pub width: (f64, f64),
    pub depth: (f64, f64),
    pub height: (f64, f64),
    /// Other objects may stand on its top.
    pub supports: bool,
    /// At most this many per room.
    pub max_count: u32,
    /// Relative frequency among the categories a room allows.
    pub weight: f64,
    /// Bitmask of room kinds it appears in.
    pub rooms: u8,
    pub colors: &'static [[u8; 3]],
    pub accents: &'static [[u8; 3]],
}

const WOOD: &[[u8; 3]] = &[[150, 105, 60], [110, 75, 45], [190, 150, 100], [90, 60, 40]];
const PAINT: &[[u8; 3]] = &[
    [235, 235, 230],
    [60, 60, 65],
    [150, 40, 35],
    [40, 90, 140],
    [200, 200, 190],
];
const FABRIC: &[[u8; 3]] = &[
    [70, 90, 140],
    [140, 60, 60],
    [90, 130, 90],
    [180, 170, 150],
    [60, 60, 60],
    [200, 120, 40],
];
const LIGHT: &[[u8; 3]] = &[[240, 240, 240], [220, 225, 230]];
const METAL: &[[u8; 3]] = &[[160, 165, 170], [70, 70, 75]];
const SCREEN: &[[u8; 3]] = &[[40, 70, 120], [30, 90, 90], [70, 60, 110]];
const LEAF: &[[u8; 3]] = &[[50, 130, 50], [70, 150, 60], [40, 100, 45]];
const POT: &[[u8; 3]] = &[[170, 90, 60], [220, 220, 215], [60, 60, 60]];
const SHADE: &[[u8; 3]] = &[[250, 230, 170], [240, 240, 225], [230, 200, 150]];

/// Terse row constructor: the category table reads as a table.
#[allow(clippy::too_many_arguments)]
const fn cat(
    name: &'static str,
    shape: Furniture,
    placement: Placement,
    width: (f64, f64),
    depth: (f64, f64),
    height: (f64, f64),
    max_count: u32,
    rooms: u8,
    colors: &'static [[u8; 3]],
    accents: &'static [[u8; 3]],
) -> Category {
    Category {
        name,
        shape,
        placement,
        width,
        depth,
        height,
        supports: false,
        max_count,
        weight: 1.0,
        rooms,
        colors,
        accents,
    }
}

const fn supporting(mut c: Category) -> Category {
    c.supports = true;
    c
}

const fn weighted(mut c: Category, w: f64) -> Category {
    c.weight = w;
    c
}

use Furniture as F;
use Placement::{Floor, Surface, Wall};

/// Every category the generator knows, ScanNet names.
pub const CATEGORIES: &[Category] = &[
    weighted(
        cat(
            "chair",
            F::Chair,
            Floor,
            (42.0, 55.0),
            (45.0, 58.0),
            (80.0, 105.0),
            6,
            LIVING | OFFICE | KITCHEN | BEDROOM,
            WOOD,
            FABRIC,
        ),
        3.0,
    ),
    weighted(
        supporting(cat(
            "table",
            F::Table,
            Floor,
            (80.0, 180.0),
            (60.0, 100.0),
            (70.0, 78.0),
            2,
            LIVING | KITCHEN | OFFICE,
            WOOD,
            WOOD,
        )),
        1.5,
    ),
    weighted(
        supporting(cat(
            "desk",
            F::Desk,
            Wall,
            (100.0, 160.0),
            (55.0, 75.0),
            (72.0, 78.0),
            2,
            OFFICE | BEDROOM,
            WOOD,
            METAL,
        )),
        1.5,
    ),
    cat(
        "sofa",
        F::Sofa,
        Wall,
        (150.0, 230.0),
        (80.0, 100.0),
        (75.0, 95.0),
        1,
        LIVING,
        FABRIC,
        FABRIC,
    ),
    cat(
        "armchair",
        F::Sofa,
        Floor,
        (70.0, 95.0),
        (70.0, 90.0),
        (75.0, 100.0),
        2,
        LIVING | BEDROOM,
        FABRIC,
        FABRIC,
    ),
    weighted(
        supporting(cat(
            "bed",
            F::Bed,
            Wall,
            (140.0, 200.0),
            (195.0, 215.0),
            (80.0, 120.0),
            1,
            BEDROOM,
            WOOD,
            LIGHT,
        )),
        2.0,
    ),
    supporting(cat(
        "cabinet",
        F::Cabinet,
        Wall,
        (60.0, 120.0),
        (40.0, 60.0),
        (80.0, 110.0),
        3,
        KITCHEN | OFFICE | LIVING | BATHROOM,
        PAINT,
        METAL,
    )),
    supporting(cat(
        "nightstand",
        F::Cabinet,
        Wall,
        (40.0, 55.0),
        (35.0, 45.0),
        (45.0, 65.0),
        2,
        BEDROOM,
        WOOD,
        METAL,
    )),
    supporting(cat(
        "dresser",
        F::Cabinet,
        Wall,
        (80.0, 150.0),
        (45.0, 60.0),
        (75.0, 110.0),
        1,
        BEDROOM,
        WOOD,
        METAL,
    )),
    cat(
        "wardrobe",
        F::Cabinet,
        Wall,
        (80.0, 150.0),
        (55.0, 65.0),
        (180.0, 220.0),
        1,
        BEDROOM,
        WOOD,
        METAL,
    ),
    cat(
        "bookshelf",
        F::Shelf,
        Wall,
        (60.0, 120.0),
        (25.0, 40.0),
        (150.0, 210.0),
        2,
        LIVING | OFFICE | BEDROOM,
        WOOD,
        FABRIC,
    ),
    cat(
        "tv",
        F::Tv,
        Surface,
        (70.0, 120.0),
        (6.0, 12.0),
        (45.0, 75.0),
        1,
        LIVING | BEDROOM,
        METAL,
        SCREEN,
    ),
    cat(
        "monitor",
        F::Monitor,
        Surface,
        (45.0, 70.0),
        (18.0, 25.0),
        (35.0, 55.0),
        2,
        OFFICE,
        METAL,
        SCREEN,
    ),
    cat(
        "lamp",
        F::Lamp,
        Surface,
        (20.0, 40.0),
        (20.0, 40.0),
        (35.0, 65.0),
        2,
        BEDROOM | LIVING | OFFICE,
        SHADE,
        METAL,
    ),
    cat(
        "toilet",
        F::Toilet,
        Wall,
        (36.0, 45.0),
        (60.0, 75.0),
        (70.0, 85.0),
        1,
        BATHROOM,
        LIGHT,
        LIGHT,
    ),
    cat(
        "sink",
        F::Sink,
        Wall,
        (45.0, 80.0),
        (40.0, 55.0),
        (80.0, 90.0),
        2,
        BATHROOM | KITCHEN,
        LIGHT,
        PAINT,
    ),
    cat(
        "bathtub",
        F::Bathtub,
        Wall,
        (140.0, 180.0),
        (70.0, 85.0),
        (50.0, 60.0),
        1,
        BATHROOM,
        LIGHT,
        SCREEN,
    ),
    cat(
        "refrigerator",
        F::Refrigerator,
        Wall,
        (60.0, 90.0),
        (60.0, 75.0),
        (150.0, 190.0),
        1,
        KITCHEN,
        LIGHT,
        METAL,
    ),
    weighted(
        cat(
            "plant",
            F::Plant,
            Floor,
            (30.0, 60.0),
            (30.0, 60.0),
            (50.0, 150.0),
            4,
            LIVING | OFFICE | BEDROOM | KITCHEN | BATHROOM,
            LEAF,
            POT,
        ),
        1.5,
    ),
    weighted(
        cat(
            "trash can",
            F::TrashCan,
            Floor,
            (25.0, 40.0),
            (25.0, 40.0),
            (30.0, 70.0),
            3,
            LIVING | OFFICE | BEDROOM | KITCHEN | BATHROOM,
            METAL,
            METAL,
        ),
        1.5,
    ),
    weighted(
        cat(
            "pillow",
            F::Pillow,
            Surface,
            (40.0, 65.0),
            (30.0, 45.0),
            (12.0, 20.0),
            4,
            BEDROOM | LIVING,
            FABRIC,
            FABRIC,
        ),
        1.5,
    ),
    weighted(
        cat(
            "stool",
            F::Stool,
            Floor,
            (30.0, 45.0),
            (30.0, 45.0),
            (45.0, 75.0),
            4,
            KITCHEN | OFFICE | BATHROOM,
            WOOD,
            METAL,
        ),
        1.5,
    ),
];

/// The category named `name` (ScanNet spelling).
pub fn find(name: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.name == name)
}

/// Which categories may hold a surface object: pillows go on beds and
/// sofas, screens and lamps on tables, desks and low cabinets.
pub fn can_support(support: &Category, item: &Category) -> bool {
    if !support.supports && support.shape != Furniture::Sofa {
        return false;
    }
    match item.shape {
        Furniture::Pillow => matches!(support.shape, Furniture::Bed | Furniture::Sofa),
        _ => support.supports && support.shape != Furniture::Bed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_ranges_ordered() {
        for (i, c) in CATEGORIES.iter().enumerate() {
            assert!(
                CATEGORIES[i + 1..].iter().all(|o| o.name != c.name),
                "{}",
                c.name
            );
            for (lo, hi) in [c.width, c.depth, c.height] {
                assert!(0.0 < lo && lo <= hi, "{}", c.name);
            }
            assert!(!c.colors.is_empty() && !c.accents.is_empty());
        }
    }

    #[test]
    fn every_surface_category_has_a_support_in_some_room() {
        for item in CATEGORIES
            .iter()
            .filter(|c| c.placement == Placement::Surface)
        {
            assert!(
                CATEGORIES
                    .iter()
                    .any(|s| s.rooms & item.rooms != 0 && can_support(s, item)),
                "{}",
                item.name
            );
        }
    }
}
