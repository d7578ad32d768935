//! Charts as SVG text, drawn by plotters from figures the core prepared.
//!
//! Every function here takes plain numbers (already computed and downsampled
//! by the core, so a chart never sees more than a few thousand points) and
//! returns one self-contained `<svg>` document as a `String`, drawn with
//! plotters' `SVGBackend::with_string`. The page inserts that string with
//! `inner_html`, so three properties matter:
//!
//! * **Escaping.** All text (axis titles, tick labels, legend entries,
//!   category names such as customer regions) is written by plotters'
//!   `draw_text`, which escapes `< > & " '`. The `aria-label` that this module
//!   adds to the root element, and the readouts of the hover targets, are
//!   escaped here with the same rules. No caller text reaches the SVG any
//!   other way.
//! * **Responsiveness.** After drawing, the root `<svg width height>` is
//!   rewritten to `viewBox="0 0 W H" width="100%"` without a fixed height,
//!   plus `role="img"` and the caller's `aria-label`.
//! * **Hover readouts.** Each chart ends with a `<g class="marks">` group of
//!   invisible targets placed by the chart's own scale (see `marks`); the
//!   page shows the hovered one's `data-readout`. `standalone` makes the file
//!   a user saves (fixed size, white background, no targets).
//!
//! Text layout: on wasm32 plotters measures text by laying out a `<span>` in
//! the document, so charts must be drawn on the page's main thread (not in the
//! analysis worker). Natively it falls back to crude font metrics, which is
//! what the tests use; only label placement differs.
//!
//! No function panics: non-finite points are skipped, empty or degenerate
//! ranges are widened, and a plotters error yields an empty but valid SVG.
//!
//! Colours are the Okabe–Ito set, safe for the common colour-vision
//! deficiencies (Okabe & Ito, "Color Universal Design", 2002), chosen so the
//! tiers also differ in lightness: A dark blue, B medium orange, C light
//! grey. Plotters writes them in upper case, e.g. `#D55E00`.

use std::error::Error;
use std::ops::Range;

use plotters::backend::SVGBackend;
use plotters::chart::{ChartBuilder, ChartContext, MeshStyle};
use plotters::coord::ranged1d::{AsRangedCoord, DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::{cartesian::Cartesian2d, Shift};
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::{Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, ShapeStyle, TextStyle};

use marks::Marks;

mod bars;
pub mod colour;
mod export;
mod histogram;
mod lorenz;
mod marks;
mod over_time;
mod quadrant;
mod rates;
mod timeline;
mod tracking;
mod whale;

#[cfg(test)]
mod tests;

pub use bars::{grouped_bars, grouped_bars_with, hbars, stacked_mix, ROW_PX};
pub use export::standalone;
pub use histogram::{histogram, labelled_edges, position, Bar, Formats, Marker, MarkerKind};
pub use lorenz::{lorenz, lorenz_multi};
pub use over_time::{share_lines, waterfall, Step};
pub use quadrant::quadrant;
pub use rates::period_line;
pub use timeline::timeline;
pub use tracking::tracking;
pub use whale::whale;

/// Output size in SVG user units (the SVG itself scales to its container).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: 640,
            height: 360,
        }
    }
}

/// Shared axis text.
#[derive(Clone, Copy, Debug)]
pub struct Axes<'a> {
    pub x: &'a str,
    pub y: &'a str,
    pub aria: &'a str,
}

/// Tier A, and the main series: Okabe–Ito blue (dark).
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xb2);
/// Tier B: Okabe–Ito orange (medium).
pub const AMBER: RGBColor = RGBColor(0xe6, 0x9f, 0x00);
/// Tier C: light grey, the page's `--tier-c`.
pub const GREY: RGBColor = RGBColor(0xc9, 0xd1, 0xdb);
/// Reference lines (equality, 100%, zero, splits) and the neutral group.
pub const SLATE: RGBColor = RGBColor(0x76, 0x80, 0x8c);
/// Losses, negatives and highlights: Okabe–Ito vermillion.
pub const RED: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
/// "True friends" in the loyalty quadrant: Okabe–Ito bluish green.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9e, 0x73);
/// Okabe–Ito sky blue.
pub const SKY: RGBColor = RGBColor(0x56, 0xb4, 0xe9);
/// Okabe–Ito reddish purple.
pub const PURPLE: RGBColor = RGBColor(0xcc, 0x79, 0xa7);
/// Okabe–Ito yellow: too light for thin lines, so last in any order.
pub const YELLOW: RGBColor = RGBColor(0xf0, 0xe4, 0x42);
/// Okabe–Ito black, softened to the page's ink.
pub const INK: RGBColor = RGBColor(0x1c, 0x24, 0x30);

/// Distinct colours for multi-series charts, in order: the Okabe–Ito set.
pub(crate) const PALETTE: [RGBColor; 8] = [BLUE, AMBER, GREEN, RED, PURPLE, SKY, INK, YELLOW];

const TEXT: RGBColor = RGBColor(0x42, 0x4a, 0x53);
const GRID: RGBColor = RGBColor(0xe6, 0xea, 0xef);
const AXIS: RGBColor = RGBColor(0xaf, 0xb8, 0xc1);

/// Label size in CSS px; plotters writes `font-size` as size / 1.24.
const LABEL_PX: f64 = 12.5;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type Drawn = Result<(), Box<dyn Error>>;
/// What a chart's drawing returns: its hover targets.
pub(crate) type Marked = Result<Marks, Box<dyn Error>>;
pub(crate) type Chart<'a, 'b, X, Y> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<X, Y>>;

/// Text style for labels and annotations.
pub(crate) fn font(color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", LABEL_PX * 1.24).into_font().color(&color)
}

pub(crate) fn label_font() -> TextStyle<'static> {
    font(TEXT)
}

/// Draws into a fresh SVG of `size` and returns the responsive document
/// ending with the drawing's hover targets, or an empty document if plotters
/// reported an error.
pub(crate) fn render(size: Size, aria: &str, draw: impl FnOnce(&Area) -> Marked) -> String {
    let (w, h) = (size.width.clamp(160, 8000), size.height.clamp(100, 20000));
    let mut buf = String::new();
    let marks = {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        draw(&root).ok().filter(|_| root.present().is_ok())
    };
    let mut out = open_tag(w, h, aria);
    match (marks, buf.find('>'), buf.rfind("</svg>")) {
        (Some(marks), Some(start), Some(end)) if start < end => {
            out.push_str(&buf[start + 1..end]);
            out.push_str(&marks.into_group());
            out.push_str(&buf[end..]);
        }
        _ => out.push_str("</svg>\n"),
    }
    out
}

fn open_tag(w: u32, h: u32, aria: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{}\">",
        escape(aria)
    )
}

/// The same escaping plotters applies to text and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Values beyond this are treated like NaN: plotters cannot lay out an axis
/// whose span overflows.
const LIMIT: f64 = 1e100;

/// Finite and within reach of an axis.
pub(crate) fn usable(v: f64) -> bool {
    v.is_finite() && v.abs() < LIMIT
}

/// Usable points only, as tuples.
pub(crate) fn finite_points(curve: &[[f64; 2]]) -> Vec<(f64, f64)> {
    curve
        .iter()
        .filter(|p| usable(p[0]) && usable(p[1]))
        .map(|p| (p[0], p[1]))
        .collect()
}

/// Smallest range holding the finite `values` and every value of `include`,
/// padded on both sides by `pad` of its span and never empty.
pub(crate) fn extent(values: impl Iterator<Item = f64>, include: &[f64], pad: f64) -> Range<f64> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.chain(include.iter().copied()) {
        if usable(v) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if lo > hi {
        return 0.0..1.0;
    }
    let span = hi - lo;
    if !(span.is_finite() && span > 1e-9 * lo.abs().max(hi.abs()).max(1e-12)) {
        let half = (lo.abs() * 0.05).max(0.5);
        return lo - half..hi + half;
    }
    lo - span * pad..hi + span * pad
}

/// Like `extent`, but a side with no data beyond 0 stays at 0 (bars start there).
pub(crate) fn bar_extent(values: impl Iterator<Item = f64> + Clone) -> Range<f64> {
    let r = extent(values.clone(), &[0.0], 0.05);
    let (lo, hi) = (r.start, r.end);
    let any_neg = values.clone().any(|v| usable(v) && v < 0.0);
    let any_pos = values.into_iter().any(|v| usable(v) && v > 0.0);
    match (any_neg, any_pos) {
        (false, true) => 0.0..hi,
        (true, false) => lo..0.0,
        (false, false) => 0.0..1.0,
        (true, true) => lo..hi,
    }
}

/// "0%", "20%", "2.5%"; never "-0%".
pub(crate) fn pct(v: f64) -> String {
    let p = v * 100.0;
    if !p.is_finite() {
        return String::new();
    }
    let p = if p.abs() < 1e-9 { 0.0 } else { p };
    if (p - p.round()).abs() < 1e-6 || p.abs() >= 100.0 {
        format!("{:.0}%", p)
    } else {
        format!("{:.1}%", p)
    }
}

/// Room kept between two x labels side by side.
pub(crate) const LABEL_GAP: u32 = 14;

/// How many labels about `label_px` wide fit side by side along `chart`'s
/// x axis: at most `wanted`, at least 2 (where `wanted` allows), so a
/// narrow chart (a phone) thins its ticks instead of running them together.
pub(crate) fn fitting<X: Ranged, Y: Ranged>(
    chart: &Chart<X, Y>,
    wanted: usize,
    label_px: u32,
) -> usize {
    let (width, _) = chart.plotting_area().dim_in_pixel();
    let room = (width / (label_px + LABEL_GAP).max(1)) as usize;
    room.clamp(wanted.min(2), wanted.max(1))
}

/// The widest of `labels` at the label size.
pub(crate) fn widest(labels: &[String]) -> u32 {
    labels.iter().map(|l| text_width(l)).max().unwrap_or(0)
}

/// Rough width of `text` at the label size, for sizing label areas.
pub(crate) fn text_width(text: &str) -> u32 {
    let w: f64 = text
        .chars()
        .map(|c| if (c as u32) < 0x1100 { 0.58 } else { 1.0 })
        .sum();
    (w * LABEL_PX).ceil() as u32
}

/// The label of the point at index `v` on an axis of one point per label
/// (every `step`-th labelled); empty between points.
pub(crate) fn index_label(labels: &[String], step: usize, v: f64) -> String {
    let i = v.round();
    let on_point = (v - i).abs() < 1e-6 && i >= 0.0 && (i as usize) % step.max(1) == 0;
    on_point
        .then(|| labels.get(i as usize).cloned())
        .flatten()
        .unwrap_or_default()
}

/// Cuts long category labels so the bars keep their room.
pub(crate) fn short(label: &str) -> String {
    const MAX: usize = 26;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

/// A categorical axis of `n` bands: band `i` spans `i..i + 1` and its key
/// point (where the label goes) is its centre `i + 0.5`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bands(pub usize);

impl Bands {
    /// The band a key point belongs to.
    pub(crate) fn index(&self, v: f64) -> Option<usize> {
        (v.is_finite() && v >= 0.0 && v < self.0 as f64).then_some(v as usize)
    }
}

impl Ranged for Bands {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let n = self.0.max(1) as f64;
        let t = if v.is_finite() {
            (v / n).clamp(-1.0, 2.0)
        } else {
            0.0
        };
        limit.0 + ((limit.1 - limit.0) as f64 * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        let max = hint.max_num_points();
        if max == 0 || self.0 == 0 {
            return Vec::new();
        }
        let step = self.0.div_ceil(max).max(1);
        (0..self.0).step_by(step).map(|i| i as f64 + 0.5).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..self.0.max(1) as f64
    }
}

/// A chart with the house margins; `y_area` is the width of the y label area.
pub(crate) fn build<'a, 'b, X: AsRangedCoord, Y: AsRangedCoord>(
    area: &'a Area<'b>,
    axes: &Axes,
    x: X,
    y: Y,
    y_area: u32,
) -> Result<Chart<'a, 'b, X::CoordDescType, Y::CoordDescType>, Box<dyn Error>> {
    let x_area = if axes.x.is_empty() { 26 } else { 46 };
    let y_area = y_area + if axes.y.is_empty() { 0 } else { 22 };
    let chart = ChartBuilder::on(area)
        .margin_top(12)
        .margin_right(20)
        .margin_left(8)
        .margin_bottom(6)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x, y)?;
    Ok(chart)
}

/// The house mesh: light grey bold lines only, dark grey labels, axis titles.
pub(crate) fn style_mesh<X: Ranged, Y: Ranged>(
    mesh: &mut MeshStyle<'_, '_, X, Y, SVGBackend<'_>>,
    axes: &Axes,
) {
    mesh.bold_line_style(GRID.stroke_width(1))
        .light_line_style(GRID.mix(0.0))
        .max_light_lines(0)
        .axis_style(AXIS.stroke_width(1))
        .set_all_tick_mark_size(3)
        .label_style(label_font())
        .axis_desc_style(label_font());
    if !axes.x.is_empty() {
        mesh.x_desc(axes.x);
    }
    if !axes.y.is_empty() {
        mesh.y_desc(axes.y);
    }
}

/// Mesh for the charts with a share (0..1) on both axes.
pub(crate) fn percent_mesh(
    chart: &mut Chart<RangedCoordf64, RangedCoordf64>,
    axes: &Axes,
) -> Drawn {
    let x_labels = fitting(chart, 6, text_width("100%"));
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, axes);
    mesh.x_labels(x_labels)
        .y_labels(6)
        .x_label_formatter(&|v| pct(*v))
        .y_label_formatter(&|v| pct(*v))
        .draw()?;
    Ok(())
}

/// A horizontal line across the chart at `y`.
pub(crate) fn hline(
    chart: &mut Chart<RangedCoordf64, RangedCoordf64>,
    y: f64,
    style: ShapeStyle,
) -> Drawn {
    let x = chart.x_range();
    let line = plotters::element::PathElement::new(vec![(x.start, y), (x.end, y)], style);
    chart.plotting_area().draw(&line)?;
    Ok(())
}

/// A legend box in the lower right of `area` (a plotting area in pixels): a
/// line in each series' colour and its name, one per row. Drawn here rather
/// than with plotters' series labels, which measure every name by laying it
/// out in the page with an inline style attribute, something the page's
/// Content-Security-Policy forbids.
pub(crate) fn legend_box(area: &Area, items: &[(&str, RGBColor)]) -> Drawn {
    const ROW: i32 = 18;
    if items.is_empty() {
        return Ok(());
    }
    let (w, h) = area.dim_in_pixel();
    let widest = items.iter().map(|(n, _)| text_width(n)).max().unwrap_or(0) as i32;
    let (box_w, box_h) = (widest + 40, ROW * items.len() as i32 + 8);
    let (x0, y0) = (
        (w as i32 - box_w - 10).max(0),
        (h as i32 - box_h - 10).max(0),
    );
    let corners = [(x0, y0), (x0 + box_w, y0 + box_h)];
    area.draw(&Rectangle::new(
        corners,
        RGBColor(255, 255, 255).mix(0.85).filled(),
    ))?;
    area.draw(&Rectangle::new(corners, SLATE.mix(0.4)))?;
    let style = label_font().pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (name, color)) in items.iter().enumerate() {
        let y = y0 + 4 + ROW * i as i32 + ROW / 2;
        let line = vec![(x0 + 8, y), (x0 + 24, y)];
        area.draw(&plotters::element::PathElement::new(
            line,
            color.stroke_width(2),
        ))?;
        area.draw(&Text::new(name.to_string(), (x0 + 30, y), style.clone()))?;
    }
    Ok(())
}

/// A legend strip: coloured squares and names, left to right, in `area`.
pub(crate) fn legend_strip(area: &Area, items: &[(&str, RGBColor)]) -> Drawn {
    let style = label_font().pos(Pos::new(HPos::Left, VPos::Center));
    let names: Vec<String> = items.iter().map(|(name, _)| short(name)).collect();
    let (width, _) = area.dim_in_pixel();
    for ((name, (_, color)), (x, y)) in names.iter().zip(items).zip(legend_places(&names, width)) {
        area.draw(&Rectangle::new(
            [(x, y - 5), (x + 10, y + 5)],
            color.filled(),
        ))?;
        area.draw(&Text::new(name.clone(), (x + 15, y), style.clone()))?;
    }
    Ok(())
}

/// One row of a legend strip.
pub(crate) const LEGEND_ROW_PX: u32 = 26;

/// Where each entry of a legend strip `width` px wide goes: side by side,
/// on a new row when the next would run past the edge (a phone).
fn legend_places(names: &[String], width: u32) -> Vec<(i32, i32)> {
    let (mut x, mut y) = (8i32, 12i32);
    let mut places = Vec::with_capacity(names.len());
    for name in names {
        let step = 15 + text_width(name) as i32 + 18;
        if x > 8 && x + step - 18 > width as i32 {
            (x, y) = (8, y + LEGEND_ROW_PX as i32);
        }
        places.push((x, y));
        x += step;
    }
    places
}

/// `area` split into a legend strip tall enough for `names`, and the rest.
pub(crate) fn under_legend<'a>(area: &Area<'a>, names: &[&str]) -> (Area<'a>, Area<'a>) {
    let (width, _) = area.dim_in_pixel();
    area.split_vertically(legend_px(names, width))
}

/// The height of a legend strip of `names` across `width` px.
fn legend_px(names: &[&str], width: u32) -> u32 {
    let names: Vec<String> = names.iter().map(|n| short(n)).collect();
    let rows = legend_places(&names, width)
        .last()
        .map_or(1, |&(_, y)| (y as u32 - 12) / LEGEND_ROW_PX + 1);
    LEGEND_ROW_PX * rows
}
