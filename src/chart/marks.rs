//! Hover readouts: invisible hit targets over what a chart drew.
//!
//! Every chart ends its SVG with one `<g class="marks">` group: a
//! transparent `<rect>` over each bar's column (or row) and a transparent
//! `<circle r="6">` on each point of a line or scatter. Each target carries
//! its readout twice, as `data-readout` (the page's tooltip reads it) and as
//! a `<title>` child (the browser's own tooltip, and the saved SVG file).
//!
//! Positions are backend pixels from the chart's own mapping,
//! `ChartContext::backend_coord`, the same call plotters makes to draw. That
//! mapping already includes where the plotting area sits inside the root
//! (margins, label areas, a legend strip split off above), so a target lands
//! exactly on its bar or point. Readout text is caller text (axis titles,
//! category names) and is escaped like every other text in the SVG.
//!
//! Size: a line keeps at most [`MAX_POINTS`] targets, evenly spaced with the
//! first and last kept; charts with several series share that budget; a
//! scatter keeps one point per occupied grid cell, cells growing until the
//! budget holds.

use std::collections::HashSet;
use std::fmt::Write;

use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;

use super::{escape, Axes, Chart};

/// Most point targets one chart carries.
pub(crate) const MAX_POINTS: usize = 300;

/// Radius of a point target, in SVG user units.
const RADIUS: u32 = 6;

/// A pixel position in the root drawing area.
pub(crate) type Pixel = (i32, i32);

/// The targets of one chart, already written as SVG elements.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    svg: String,
}

impl Marks {
    pub(crate) fn new() -> Marks {
        Marks::default()
    }

    /// A rectangle target between two opposite corners (any order).
    pub(crate) fn rect(&mut self, a: Pixel, b: Pixel, text: &str) {
        let (x, y) = (a.0.min(b.0), a.1.min(b.1));
        let width = (i64::from(a.0) - i64::from(b.0)).abs().max(1);
        let height = (i64::from(a.1) - i64::from(b.1)).abs().max(1);
        let text = escape(text);
        let _ = write!(
            self.svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" \
             fill=\"transparent\" data-readout=\"{text}\"><title>{text}</title></rect>"
        );
    }

    /// A rectangle target between two opposite corners given in `chart`'s
    /// data units (any order).
    pub(crate) fn span<X: Ranged, Y: Ranged>(
        &mut self,
        chart: &Chart<X, Y>,
        corners: [(X::ValueType, Y::ValueType); 2],
        text: &str,
    ) {
        let [a, b] = corners;
        self.rect(chart.backend_coord(&a), chart.backend_coord(&b), text);
    }

    /// A round target of radius 6 centred on a drawn point.
    pub(crate) fn point(&mut self, at: Pixel, text: &str) {
        let text = escape(text);
        let _ = write!(
            self.svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{RADIUS}\" fill=\"transparent\" \
             data-readout=\"{text}\"><title>{text}</title></circle>",
            at.0, at.1
        );
    }

    /// Targets on at most `budget` of the `points` of a share curve drawn on
    /// `chart`, evenly spaced, read out as "<name> · <x> 20.0% · <y> 87.0%".
    pub(crate) fn share_curve(
        &mut self,
        chart: &Chart<RangedCoordf64, RangedCoordf64>,
        name: &str,
        points: &[(f64, f64)],
        budget: usize,
        axes: &Axes,
    ) {
        for i in evenly(points.len(), budget) {
            let (x, y) = points[i];
            let text = readout(&[name, &share_point(axes.x, axes.y, x, y)]);
            self.point(chart.backend_coord(&(x, y)), &text);
        }
    }

    /// The `<g class="marks">` group that ends the chart's SVG.
    pub(crate) fn into_group(self) -> String {
        format!("<g class=\"marks\">{}</g>\n", self.svg)
    }
}

/// At most `max` of the indices `0..n`, evenly spaced; the first and the
/// last are always among them.
pub(crate) fn evenly(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    if max < 2 {
        return vec![0, n - 1].into_iter().take(max).collect();
    }
    let steps = max - 1;
    (0..max)
        .map(|k| (k * (n - 1) + steps / 2) / steps)
        .collect()
}

/// The budget of each of `series` lines sharing one chart.
pub(crate) fn per_series(series: usize) -> usize {
    (MAX_POINTS / series.max(1)).max(2)
}

/// For a scatter: the first point in each occupied cell of a square grid,
/// the cells doubling in size until at most `max` points remain. Keeps the
/// targets spread over the whole cloud rather than over the input order.
pub(crate) fn spread(points: &[Pixel], max: usize) -> Vec<usize> {
    let mut cell = 8i32;
    loop {
        let mut seen = HashSet::new();
        let kept: Vec<usize> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| seen.insert((p.0.div_euclid(cell), p.1.div_euclid(cell))))
            .map(|(i, _)| i)
            .collect();
        if kept.len() <= max || cell >= 1 << 20 {
            return evenly(kept.len(), max)
                .into_iter()
                .map(|i| kept[i])
                .collect();
        }
        cell *= 2;
    }
}

/// Left and right edges, in data units, of a column around each of the
/// increasing `xs`: halfway to each neighbour, and `lo` / `hi` at the ends,
/// so the columns tile the axis without gaps.
pub(crate) fn columns(xs: &[f64], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    (0..xs.len())
        .map(|i| {
            let left = if i == 0 {
                lo
            } else {
                (xs[i - 1] + xs[i]) / 2.0
            };
            let right = xs.get(i + 1).map_or(hi, |next| (xs[i] + next) / 2.0);
            (left, right)
        })
        .collect()
}

/// "Title value", or the value alone when the title is empty.
pub(crate) fn titled(title: &str, value: &str) -> String {
    if title.is_empty() {
        value.to_string()
    } else {
        format!("{title} {value}")
    }
}

/// "Name: value", or the value alone when the name is empty.
pub(crate) fn named(name: &str, value: &str) -> String {
    if name.is_empty() {
        value.to_string()
    } else {
        format!("{name}: {value}")
    }
}

/// The parts of a readout joined with " · ", empty parts left out.
pub(crate) fn readout(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A share as a percentage with one decimal, "87.0%"; never "-0.0%".
pub(crate) fn pct1(v: f64) -> String {
    let p = v * 100.0;
    if !p.is_finite() {
        return String::new();
    }
    let p = if p.abs() < 0.05 { 0.0 } else { p };
    format!("{p:.1}%")
}

/// A plain number with at most one decimal, "12" or "12.5".
pub(crate) fn plain(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded = (v * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{:.0}", rounded + 0.0)
    } else {
        format!("{rounded:.1}")
    }
}

/// "Share of customers 20.0% · Share of revenue 87.0%": a point of a share
/// curve, with the chart's axis titles.
pub(crate) fn share_point(x_title: &str, y_title: &str, x: f64, y: f64) -> String {
    readout(&[&titled(x_title, &pct1(x)), &titled(y_title, &pct1(y))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evenly_keeps_the_ends_and_the_budget() {
        assert_eq!(evenly(3, 10), vec![0, 1, 2]);
        let kept = evenly(1000, 300);
        assert_eq!(kept.len(), 300);
        assert_eq!((kept[0], kept[299]), (0, 999));
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(evenly(301, 300).len(), 300);
        assert_eq!(evenly(5, 1), vec![0]);
        assert!(evenly(5, 0).is_empty());
    }

    #[test]
    fn spread_caps_a_dense_cloud() {
        let points: Vec<Pixel> = (0..5000).map(|i| (i % 500, (i * 7) % 300)).collect();
        let kept = spread(&points, 300);
        assert!(!kept.is_empty() && kept.len() <= 300);
        let few = [(0, 0), (0, 1), (100, 100)];
        assert_eq!(spread(&few, 300), vec![0, 2]);
    }

    #[test]
    fn columns_tile_the_axis() {
        assert_eq!(
            columns(&[0.0, 1.0, 3.0], -0.5, 3.5),
            vec![(-0.5, 0.5), (0.5, 2.0), (2.0, 3.5)]
        );
    }

    #[test]
    fn texts() {
        assert_eq!(pct1(0.87), "87.0%");
        assert_eq!(pct1(-0.0001), "0.0%");
        assert_eq!(pct1(f64::NAN), "");
        assert_eq!(plain(12.04), "12");
        assert_eq!(plain(-0.01), "0");
        assert_eq!(plain(2.25), "2.3");
        assert_eq!(
            share_point("Share of customers", "Share of revenue", 0.2, 0.87),
            "Share of customers 20.0% · Share of revenue 87.0%"
        );
        assert_eq!(share_point("", "", 0.2, 0.87), "20.0% · 87.0%");
        assert_eq!(
            readout(&[&titled("Tier", "A"), &named("Share of revenue", "80.0%")]),
            "Tier A · Share of revenue: 80.0%"
        );
    }

    #[test]
    fn text_is_escaped_in_both_places() {
        let mut marks = Marks::new();
        marks.point((1, 2), "<script>\"&");
        marks.rect((5, 9), (3, 1), "a");
        let svg = marks.into_group();
        assert!(!svg.contains("<script>"));
        assert_eq!(svg.matches("&lt;script&gt;&quot;&amp;").count(), 2);
        assert!(svg.contains("<rect x=\"3\" y=\"1\" width=\"2\" height=\"8\""));
    }
}
