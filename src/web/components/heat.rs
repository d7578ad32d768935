//! A heat-map cell's colour from a share: the RFM grid, the retention
//! cohorts and the P(alive) matrix all shade the same way. The colour is
//! set as a CSS property (`style:background`), never as a `style`
//! attribute: the Content-Security-Policy forbids inline style attributes.

/// Green for retention, blue for the rest.
pub const GREEN: (u8, u8, u8) = (26, 127, 55);
pub const BLUE: (u8, u8, u8) = (31, 111, 235);

/// The cell's background colour for `share` (0..1, clamped, starting
/// from a faint tint so an empty cell still reads as a cell), and whether
/// the shade is dark enough to need white text (AA contrast).
pub fn shade(share: f64, (r, g, b): (u8, u8, u8)) -> (String, bool) {
    let alpha = 0.06 + 0.9 * share.clamp(0.0, 1.0);
    (format!("rgba({r}, {g}, {b}, {alpha:.3})"), alpha > 0.55)
}
