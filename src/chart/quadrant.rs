//! Loyalty vs profitability quadrant scatter on signed-log axes.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::element::{Circle, PathElement, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

use super::fitting;
use super::marks::{readout, spread, titled, Marks, MAX_POINTS};
use super::{
    build, extent, font, render, short, style_mesh, text_width, usable, Axes, Size, AMBER, BLUE,
    GREEN, SLATE,
};

/// Point colours per quadrant: true friends, butterflies, barnacles, strangers.
/// Strangers are a medium grey: the light tier-C grey would vanish at the
/// points' transparency, and the corner names are written in these colours.
const COLORS: [RGBColor; 4] = [GREEN, BLUE, AMBER, SLATE];

/// Loyalty vs profitability quadrant scatter. points = [loyalty, profit, quadrant index 0..3]
/// (0 True friends, 1 Butterflies, 2 Barnacles, 3 Strangers), splits = (loyalty split, profit split) drawn as two grey lines,
/// quadrant names (4, in that order) written in the four corners (top-right = index 0 true friends (high loyalty, high profit), top-left = 1 butterflies, bottom-right = 2 barnacles, bottom-left = 3 strangers).
/// Both axes use a signed log transform t(v) = sign(v)·log10(1+|v|) because values are heavy-tailed (profit can be negative);
/// tick labels show real values through `format_x` / `format_y`. Point colours per quadrant: 0 bluish green, 1 blue, 2 orange, 3 grey (`COLORS`); small circles (radius 2-3), semi-transparent.
///
/// Hover targets: at most 300 points spread over the cloud (one per
/// occupied grid cell), read out as "<quadrant> · <x title> <format_x> ·
/// <y title> <format_y>".
pub fn quadrant(
    points: &[[f64; 3]],
    splits: (f64, f64),
    names: &[&str; 4],
    format_x: &dyn Fn(f64) -> String,
    format_y: &dyn Fn(f64) -> String,
    axes: &Axes,
    size: Size,
) -> String {
    let dots: Vec<(f64, f64, usize)> = points.iter().filter_map(dot).collect();
    let x = SymLog::around(dots.iter().map(|d| d.0), splits.0);
    let y = SymLog::around(dots.iter().map(|d| d.1), splits.1);
    let y_labels = y.key_points(6);
    let widest = y_labels.iter().map(|v| text_width(&format_y(*v))).max();
    let y_area = (widest.unwrap_or(0) + 14).clamp(40, 160);
    render(size, axes.aria, |root| {
        let mut chart = build(root, axes, x.clone(), y.clone(), y_area)?;
        let (fx, fy) = (|v: &f64| format_x(*v), |v: &f64| format_y(*v));
        let x_room = x
            .key_points(8)
            .iter()
            .map(|v| text_width(&format_x(*v)))
            .max();
        let x_labels = fitting(&chart, 8, x_room.unwrap_or(0));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.x_labels(x_labels)
            .y_labels(6)
            .x_label_formatter(&fx)
            .y_label_formatter(&fy)
            .draw()?;
        let (xr, yr) = (x.range(), y.range());
        let line = SLATE.stroke_width(1);
        if usable(splits.0) {
            let split = vec![(splits.0, yr.start), (splits.0, yr.end)];
            chart.draw_series(std::iter::once(PathElement::new(split, line)))?;
        }
        if usable(splits.1) {
            let split = vec![(xr.start, splits.1), (xr.end, splits.1)];
            chart.draw_series(std::iter::once(PathElement::new(split, line)))?;
        }
        let circles = dots
            .iter()
            .map(|&(px, py, q)| Circle::new((px, py), 3, COLORS[q].mix(0.55).filled()));
        chart.draw_series(circles)?;
        let mut marks = Marks::new();
        let at: Vec<(i32, i32)> = dots
            .iter()
            .map(|d| chart.backend_coord(&(d.0, d.1)))
            .collect();
        for i in spread(&at, MAX_POINTS) {
            let (px, py, q) = dots[i];
            let (lx, ly) = (titled(axes.x, &format_x(px)), titled(axes.y, &format_y(py)));
            marks.point(at[i], &readout(&[names[q], &lx, &ly]));
        }
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let corners = [
            (xs.end - 6, ys.start + 4, HPos::Right, VPos::Top),
            (xs.start + 6, ys.start + 4, HPos::Left, VPos::Top),
            (xs.end - 6, ys.end - 4, HPos::Right, VPos::Bottom),
            (xs.start + 6, ys.end - 4, HPos::Left, VPos::Bottom),
        ];
        for ((name, (cx, cy, h, v)), color) in names.iter().zip(corners).zip(COLORS) {
            let style = font(color).pos(Pos::new(h, v));
            root.draw(&Text::new(short(name), (cx, cy), style))?;
        }
        Ok(marks)
    })
}

/// A drawable point: usable coordinates and a quadrant index 0..=3.
fn dot(p: &[f64; 3]) -> Option<(f64, f64, usize)> {
    let [x, y, q] = *p;
    if !(usable(x) && usable(y) && q.is_finite()) {
        return None;
    }
    Some((x, y, q.round().clamp(0.0, 3.0) as usize))
}

/// Signed log: sign(v)·log10(1 + |v|).
fn t(v: f64) -> f64 {
    v.signum() * v.abs().ln_1p() / std::f64::consts::LN_10
}

/// The inverse of `t`.
fn inv(t: f64) -> f64 {
    t.signum() * (10f64.powf(t.abs()) - 1.0)
}

/// An axis that places real values by `t` and puts ticks at 0, ±1, ±10, ...
#[derive(Clone, Debug)]
struct SymLog {
    lo: f64,
    hi: f64,
}

impl SymLog {
    /// The axis over `values` and `split`, padded 5% in transformed space.
    fn around(values: impl Iterator<Item = f64>, split: f64) -> SymLog {
        let split = if usable(split) { t(split) } else { 0.0 };
        let r = extent(values.map(t), &[split], 0.05);
        SymLog {
            lo: r.start,
            hi: r.end,
        }
    }
}

impl Ranged for SymLog {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let f = (t(*v) - self.lo) / (self.hi - self.lo);
        let f = if f.is_finite() {
            f.clamp(-1.0, 2.0)
        } else {
            0.0
        };
        limit.0 + ((limit.1 - limit.0) as f64 * f).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        ticks(self.lo, self.hi, hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        inv(self.lo)..inv(self.hi)
    }
}

/// Round values for an axis spanning `lo..=hi` in transformed space: 0, then
/// ±10^k, ±5·10^k, ±2·10^k (largest first), each kept only if it sits at
/// least 1/`max` of the axis away from the ones already kept.
fn ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if max == 0 || !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Vec::new();
    }
    let gap = (hi - lo) / max as f64;
    let reach = inv(lo.abs().max(hi.abs()));
    let top = reach.log10().floor().clamp(-2.0, 100.0) as i32;
    let mut candidates = vec![0.0];
    for m in [1.0, 5.0, 2.0] {
        for k in (-2..=top).rev() {
            let v = m * 10f64.powi(k);
            candidates.extend([v, -v]);
        }
    }
    let mut kept: Vec<f64> = Vec::new();
    for v in candidates {
        let tv = t(v);
        let inside = lo <= tv && tv <= hi;
        if inside && kept.iter().all(|k| (t(*k) - tv).abs() >= gap) {
            kept.push(v);
        }
    }
    kept.sort_by(f64::total_cmp);
    kept
}
