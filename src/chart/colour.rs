//! Text that stays readable on a coloured cell: the heat maps (RFM grid,
//! retention cohorts, P(alive)) shade each cell by its figure, and its text
//! is black or white, whichever contrasts more with that cell.
//!
//! WCAG 2 relative luminance: each sRGB channel linearised
//! (`c / 12.92` up to 0.04045, else `((c + 0.055) / 1.055)^2.4`), weighted
//! 0.2126 R + 0.7152 G + 0.0722 B; the contrast of two colours is
//! `(L1 + 0.05) / (L2 + 0.05)`, lighter over darker. Black or white always
//! reaches at least 4.58:1 on any background, above AA's 4.5:1.

/// An opaque sRGB colour.
pub type Rgb = (u8, u8, u8);

pub const BLACK: Rgb = (0, 0, 0);
pub const WHITE: Rgb = (255, 255, 255);

/// `colour` at `alpha` (0..1, clamped) laid over white: what the reader
/// sees of a tint on a white card.
pub fn over_white((r, g, b): Rgb, alpha: f64) -> Rgb {
    let alpha = alpha.clamp(0.0, 1.0);
    let mix = |c: u8| (255.0 - (255.0 - c as f64) * alpha).round() as u8;
    (mix(r), mix(g), mix(b))
}

/// WCAG relative luminance, 0 (black) to 1 (white).
pub fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white text, whichever contrasts more with `background`.
pub fn text_on(background: Rgb) -> Rgb {
    if contrast(BLACK, background) >= contrast(WHITE, background) {
        BLACK
    } else {
        WHITE
    }
}

/// `#rrggbb`, as CSS takes it.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luminance_follows_wcag() {
        assert_eq!(luminance(BLACK), 0.0);
        assert!((luminance(WHITE) - 1.0).abs() < 1e-12);
        // #777777 is the grey WCAG examples give 4.48:1 on white.
        assert!((contrast((0x77, 0x77, 0x77), WHITE) - 4.48).abs() < 0.01);
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn text_is_white_on_dark_and_black_on_light_cells() {
        assert_eq!(text_on((120, 170, 245)), BLACK);
        assert_eq!(
            text_on((31, 111, 235)),
            WHITE,
            "4.63:1 against black's 4.53:1"
        );
        assert_eq!(text_on((10, 40, 110)), WHITE);
        assert_eq!(text_on(over_white((26, 127, 55), 0.3)), BLACK);
        assert_eq!(text_on((26, 127, 55)), WHITE);
    }

    /// Every shade a heat map uses, blue or green, at any figure, gets a
    /// text colour of at least 4.5:1, where white text on the mid blue
    /// (2.4–2.8:1) failed.
    #[test]
    fn every_heat_shade_reaches_aa_contrast() {
        for base in [(31, 111, 235), (26, 127, 55)] {
            for step in 0..=100 {
                let cell = over_white(base, 0.06 + 0.9 * step as f64 / 100.0);
                let ratio = contrast(text_on(cell), cell);
                assert!(ratio >= 4.5, "{cell:?}: {ratio:.2}");
            }
        }
        assert!(contrast(WHITE, over_white((31, 111, 235), 0.6)) < 3.0);
    }

    #[test]
    fn over_white_mixes_toward_white() {
        assert_eq!(over_white((0, 100, 200), 0.0), WHITE);
        assert_eq!(over_white((0, 100, 200), 1.0), (0, 100, 200));
        assert_eq!(over_white((0, 100, 200), 0.5), (128, 178, 228));
        assert_eq!(hex((0, 100, 200)), "#0064c8");
    }
}
