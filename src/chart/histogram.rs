//! A histogram of customers over log-spaced value bins, each bar stacked by
//! tier, with markers (median, mean, tier floors) as vertical lines.
//!
//! The core's bins are equal in log₁₀ on each side of zero, so they are
//! drawn as equal slots: slot `i` spans `i..i + 1` on a band axis, and the
//! labels sit on the bin edges. Labels are thinned so that no two overlap:
//! every `step`-th edge is labelled, `step` the smallest that leaves each
//! label its measured width and a gap.

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

use super::marks::Marks;
use super::{
    bar_extent, build, label_font, legend_strip, render, style_mesh, widest, Axes, Bands, Size,
    AMBER, BLUE, GREY, INK, LABEL_GAP, PURPLE,
};

const TIERS: [RGBColor; 3] = [BLUE, AMBER, GREY];
const LEGEND_PX: u32 = 26;
/// How far below the axis the edge labels hang.
const EDGE_LABEL_DROP: i32 = 12;
/// Rows of the markers' names, so that no two overlap.
const MARKER_ROW: i32 = 19;
/// One bin: its edges, customers per tier and its readout.
pub struct Bar {
    pub low: f64,
    pub high: f64,
    pub tiers: [usize; 3],
    pub readout: String,
}

/// A value marked by a vertical line, with its name.
pub struct Marker {
    pub value: f64,
    pub name: String,
    pub kind: MarkerKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Median,
    Mean,
    TierA,
    TierB,
}

impl MarkerKind {
    fn color(self) -> RGBColor {
        match self {
            MarkerKind::Median => INK,
            MarkerKind::Mean => PURPLE,
            MarkerKind::TierA => BLUE,
            MarkerKind::TierB => AMBER,
        }
    }
}

/// Where `value` sits on the band axis: its bin, and within it by log
/// distance (a zero bin or a bin of one value: its middle).
pub fn position(bars: &[Bar], value: f64) -> Option<f64> {
    let i = bars
        .iter()
        .position(|b| b.low <= value && value <= b.high)?;
    let b = &bars[i];
    let (low, high, v) = if b.low > 0.0 {
        (b.low.ln(), b.high.ln(), value.ln())
    } else if b.high < 0.0 {
        (-(-b.low).ln(), -(-b.high).ln(), -(-value).ln())
    } else {
        return Some(i as f64 + 0.5);
    };
    let frac = if high > low {
        (v - low) / (high - low)
    } else {
        0.5
    };
    Some(i as f64 + frac.clamp(0.0, 1.0))
}

/// The labelled edges: every `step`-th, `step` the smallest that fits.
pub fn labelled_edges(labels: &[String], plot_width: f64) -> Vec<usize> {
    let n = labels.len().saturating_sub(1);
    if n == 0 {
        return (0..labels.len()).collect();
    }
    let slot = plot_width / n as f64;
    let widest = widest(labels) + LABEL_GAP;
    let step = ((widest as f64 / slot).ceil() as usize).max(1);
    (0..=n).step_by(step).collect()
}

/// Number formats: the edge labels (money) and the y axis (customers).
pub struct Formats<'a> {
    pub edge: &'a dyn Fn(f64) -> String,
    pub count: &'a dyn Fn(f64) -> String,
}

/// The histogram. `y_max` shares one y axis between small multiples (0:
/// this chart's own tallest bar).
pub fn histogram(
    bars: &[Bar],
    markers: &[Marker],
    formats: &Formats,
    y_max: f64,
    axes: &Axes,
    size: Size,
) -> String {
    let (format, count) = (formats.edge, formats.count);
    let n = bars.len();
    let heights = bars.iter().map(|b| b.tiers.iter().sum::<usize>() as f64);
    let y = bar_extent(heights.chain(std::iter::once(y_max)));
    let y = y.start..y.end * (1.0 + 0.08 * markers.len() as f64);
    let edges: Vec<f64> = bars
        .iter()
        .map(|b| b.low)
        .chain(bars.last().map(|b| b.high))
        .collect();
    let labels: Vec<String> = edges.iter().map(|&v| format(v)).collect();
    render(size, axes.aria, |root| {
        let (top, rest) = root.split_vertically(LEGEND_PX);
        // The markers are named beside their lines, not in the legend.
        legend_strip(&top, &[("A", BLUE), ("B", AMBER), ("C", GREY)])?;
        let mut chart = build(&rest, axes, Bands(n), y.clone(), 48)?;
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&|v| count(*v))
            .draw()?;
        let (left, _) = chart.backend_coord(&(0.0, 0.0));
        let (right, bottom) = chart.backend_coord(&(n.max(1) as f64, 0.0));
        // Centred on their edges, and low enough to clear the y axis's "0".
        let style = label_font().pos(Pos::new(HPos::Center, VPos::Top));
        for i in labelled_edges(&labels, f64::from(right - left)) {
            let (x, _) = chart.backend_coord(&(i as f64, 0.0));
            let at = (x, bottom + EDGE_LABEL_DROP);
            root.draw(&Text::new(labels[i].clone(), at, style.clone()))?;
        }
        let mut marks = Marks::new();
        for (i, bar) in bars.iter().enumerate() {
            let mut base = 0.0;
            for (count, color) in bar.tiers.iter().zip(TIERS) {
                let top = base + *count as f64;
                if *count > 0 {
                    let rect = [(i as f64 + 0.06, base), (i as f64 + 0.94, top)];
                    chart.draw_series(std::iter::once(Rectangle::new(rect, color.filled())))?;
                }
                base = top;
            }
            marks.span(
                &chart,
                [(i as f64, y.end), (i as f64 + 1.0, 0.0)],
                &bar.readout,
            );
        }
        for (row, marker) in markers.iter().enumerate() {
            let Some(x) = position(bars, marker.value) else {
                continue;
            };
            let color = marker.kind.color();
            let line = PathElement::new(vec![(x, 0.0), (x, y.end)], color.stroke_width(2));
            chart.draw_series(std::iter::once(line))?;
            let (px, py) = chart.backend_coord(&(x, y.end));
            let name = Text::new(
                marker.name.clone(),
                (px + 4, py + 2 + MARKER_ROW * row as i32),
                label_font()
                    .color(&color)
                    .pos(Pos::new(HPos::Left, VPos::Top)),
            );
            root.draw(&name)?;
        }
        Ok(marks)
    })
}
