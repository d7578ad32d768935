//! A heat-map cell's colours from a share: the RFM grid, the retention
//! cohorts and the P(alive) matrix all shade the same way, and each cell's
//! text is black or white by the shade's luminance (`chart::colour`). The
//! colours are set as CSS properties (`style:background`, `style:color`),
//! never as a `style` attribute: the Content-Security-Policy forbids
//! inline style attributes.

use crate::chart::colour::{self, Rgb};

/// Green for retention, blue for the rest.
pub const GREEN: Rgb = (26, 127, 55);
pub const BLUE: Rgb = (31, 111, 235);

/// The cell's background for `share` (0..1, clamped, starting from a
/// faint tint so an empty cell still reads as a cell), as the opaque
/// colour it shows on a white card, and the text colour that reads on it.
pub fn shade(share: f64, base: Rgb) -> (String, String) {
    tint(base, 0.06 + 0.9 * share.clamp(0.0, 1.0))
}

/// `base` at `alpha` on a white card, and the text colour that reads on it.
pub fn tint(base: Rgb, alpha: f64) -> (String, String) {
    let background = colour::over_white(base, alpha);
    (
        colour::hex(background),
        colour::hex(colour::text_on(background)),
    )
}
