//! Bar charts: grouped vertical bars, horizontal bars and 100% stacked mix.

use plotters::element::{PathElement, Rectangle};
use plotters::style::{Color, RGBColor};

use super::marks::{named, pct1, readout, titled, Marks};
use super::{
    bar_extent, build, legend_strip, pct, render, short, style_mesh, text_width, usable, Axes,
    Bands, Size, AMBER, BLUE, GREEN, GREY, INK, PURPLE, RED, SKY, SLATE, YELLOW,
};
use super::{fitting, under_legend, widest};

/// Pixels per row of `hbars` and `stacked_mix`.
pub const ROW_PX: u32 = 22;
/// Height of the legend strip above `grouped_bars` and `stacked_mix`.
const LEGEND_PX: u32 = 26;

/// Measures compared side by side (customers, revenue, profit): Okabe–Ito
/// colours that cannot be mistaken for the A/B/C tier colours (blue, orange,
/// light grey) the categories often are, nor for the vermillion of losses.
const MEASURES: [RGBColor; 8] = [SKY, GREEN, PURPLE, INK, SLATE, YELLOW, BLUE, AMBER];

/// Grouped vertical bars: for each category (e.g. tiers "A","B","C","Loss-making") several series values (e.g. share of customers,
/// share of revenue, share of profit) as fractions; y axis in percent; values may be negative (profit share of loss-makers):
/// y range includes 0. `series` gives each series' name (legend) and colour index; `groups` = (category label, values per series).
///
/// Hover targets: a column per bar, the full height of the plot, read out
/// as "<x title> <category> · <series>: 80.0%".
pub fn grouped_bars(
    series: &[&str],
    groups: &[(String, Vec<f64>)],
    axes: &Axes,
    size: Size,
) -> String {
    columns_chart(series, groups, [&|v| pct(v), &pct1], axes, size)
}

/// `grouped_bars` with the y axis labelled by `format` (counts, means); the
/// readouts write values with `format` too.
pub fn grouped_bars_with(
    series: &[&str],
    groups: &[(String, Vec<f64>)],
    format: &dyn Fn(f64) -> String,
    axes: &Axes,
    size: Size,
) -> String {
    columns_chart(series, groups, [format, format], axes, size)
}

/// Grouped bars with `formats` = [y axis labels, readout values].
fn columns_chart(
    series: &[&str],
    groups: &[(String, Vec<f64>)],
    formats: [&dyn Fn(f64) -> String; 2],
    axes: &Axes,
    size: Size,
) -> String {
    let [format, value_text] = formats;
    let k = series.len().min(MEASURES.len());
    let values = groups.iter().flat_map(|(_, v)| v.iter().take(k).copied());
    let y = bar_extent(values);
    let bands = Bands(groups.len());
    let names: Vec<String> = groups.iter().map(|(name, _)| short(name)).collect();
    render(size, axes.aria, |root| {
        let (top, rest) = under_legend(root, series);
        let legend: Vec<(&str, RGBColor)> = series.iter().copied().zip(MEASURES).collect();
        legend_strip(&top, &legend)?;
        let mut chart = build(&rest, axes, bands, y.clone(), 48)?;
        let label = |v: &f64| bands.index(*v).map_or(String::new(), |i| names[i].clone());
        let x_labels = fitting(&chart, groups.len().max(1), widest(&names));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.disable_x_mesh()
            .x_labels(x_labels)
            .y_labels(6)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| format(*v))
            .draw()?;
        let width = 0.7 / k.max(1) as f64;
        let mut marks = Marks::new();
        let (top, bottom) = (y.end, y.start);
        for (i, (name, values)) in groups.iter().enumerate() {
            for (s, v) in values.iter().take(k).enumerate() {
                if !usable(*v) {
                    continue;
                }
                let x0 = i as f64 + 0.15 + s as f64 * width;
                let bar = [(x0, 0.0), (x0 + width * 0.92, *v)];
                chart.draw_series(std::iter::once(Rectangle::new(bar, MEASURES[s].filled())))?;
                let text = readout(&[&titled(axes.x, name), &named(series[s], &value_text(*v))]);
                let column = [(x0, top), (x0 + width, bottom)];
                marks.span(&chart, column, &text);
            }
        }
        if y.start < 0.0 {
            let zero = PathElement::new(vec![(0.0, 0.0), (bands.0.max(1) as f64, 0.0)], SLATE);
            chart.draw_series(std::iter::once(zero))?;
        }
        Ok(marks)
    })
}

/// Horizontal bars, one per row (e.g. revenue per account manager), largest first as given, value formatter for axis,
/// negative values drawn red to the left of 0. Height should grow with the number of rows (about 22 px per row + margins) — ignore size.height if needed.
///
/// Hover targets: a row per bar, the full width of the plot, read out as
/// "<y title> <row> · <x title>: <value>".
pub fn hbars(
    rows: &[(String, f64)],
    format: &dyn Fn(f64) -> String,
    axes: &Axes,
    size: Size,
) -> String {
    let x = bar_extent(rows.iter().map(|r| r.1));
    let labels: Vec<String> = rows.iter().map(|(name, _)| short(name)).collect();
    let size = Size {
        width: size.width,
        height: rows_height(rows.len(), axes, 0),
    };
    render(size, axes.aria, |root| {
        let mut chart = build(
            root,
            axes,
            x.clone(),
            Bands(rows.len()),
            label_area(&labels),
        )?;
        let n = rows.len();
        let row_label = |v: &f64| row_of(n, *v).map_or(String::new(), |i| labels[i].clone());
        let value_label = |v: &f64| format(*v);
        let x_room = [x.start, x.end].map(|v| text_width(&format(v)));
        let x_labels = fitting(&chart, 5, x_room[0].max(x_room[1]));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.disable_y_mesh()
            .y_labels(n.max(1))
            .x_labels(x_labels)
            .y_label_formatter(&row_label)
            .x_label_formatter(&value_label)
            .draw()?;
        let mut marks = Marks::new();
        for (i, (name, v)) in rows.iter().enumerate() {
            if !usable(*v) {
                continue;
            }
            let band = (n - 1 - i) as f64;
            let color = if *v < 0.0 { RED } else { BLUE };
            let bar = [(0.0, band + 0.18), (*v, band + 0.82)];
            chart.draw_series(std::iter::once(Rectangle::new(bar, color.filled())))?;
            let text = readout(&[&titled(axes.y, name), &named(axes.x, &format(*v))]);
            let row = [(x.start, band + 1.0), (x.end, band)];
            marks.span(&chart, row, &text);
        }
        if x.start < 0.0 {
            let zero = PathElement::new(vec![(0.0, 0.0), (0.0, n.max(1) as f64)], SLATE);
            chart.draw_series(std::iter::once(zero))?;
        }
        Ok(marks)
    })
}

/// 100%-stacked horizontal bars: tier mix per dimension value. rows = (label, [count A, count B, count C]);
/// each bar normalised to its row total (rows with 0 total drawn empty); colours A/B/C as above; legend "A","B","C" given by `parts` names.
///
/// Hover targets: one per drawn segment, the height of its row, read out as
/// "<y title> <row> · <part> · <x title>: 35.0%".
pub fn stacked_mix(
    parts: &[&str; 3],
    rows: &[(String, [f64; 3])],
    axes: &Axes,
    size: Size,
) -> String {
    const COLORS: [RGBColor; 3] = [BLUE, AMBER, GREY];
    let labels: Vec<String> = rows.iter().map(|(name, _)| short(name)).collect();
    let size = Size {
        width: size.width,
        height: rows_height(rows.len(), axes, LEGEND_PX),
    };
    render(size, axes.aria, |root| {
        let (top, rest) = under_legend(root, parts);
        let legend: Vec<(&str, RGBColor)> = parts.iter().copied().zip(COLORS).collect();
        legend_strip(&top, &legend)?;
        let n = rows.len();
        let mut chart = build(&rest, axes, 0.0..1.0, Bands(n), label_area(&labels))?;
        let row_label = |v: &f64| row_of(n, *v).map_or(String::new(), |i| labels[i].clone());
        let x_labels = fitting(&chart, 6, text_width("100%"));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.disable_y_mesh()
            .y_labels(n.max(1))
            .x_labels(x_labels)
            .y_label_formatter(&row_label)
            .x_label_formatter(&|v| pct(*v))
            .draw()?;
        let mut marks = Marks::new();
        for (i, (name, counts)) in rows.iter().enumerate() {
            let band = (n - 1 - i) as f64;
            let mut start = 0.0;
            for ((share, color), part) in shares(counts).into_iter().zip(COLORS).zip(parts) {
                if share > 0.0 {
                    let bar = [(start, band + 0.18), (start + share, band + 0.82)];
                    chart.draw_series(std::iter::once(Rectangle::new(bar, color.filled())))?;
                    let row = titled(axes.y, name);
                    let text = readout(&[&row, part, &named(axes.x, &pct1(share))]);
                    let segment = [(start, band + 1.0), (start + share, band)];
                    marks.span(&chart, segment, &text);
                }
                start += share;
            }
        }
        Ok(marks)
    })
}

/// Each count's share of the row total; all 0 when the total is not positive.
/// Negative and non-finite counts count as 0.
fn shares(counts: &[f64; 3]) -> [f64; 3] {
    let clean = counts.map(|c| if usable(c) && c > 0.0 { c } else { 0.0 });
    let total: f64 = clean.iter().sum();
    if total > 0.0 && total.is_finite() {
        clean.map(|c| c / total)
    } else {
        [0.0; 3]
    }
}

/// The row drawn in the band at `v` (row 0 is the top band).
fn row_of(n: usize, v: f64) -> Option<usize> {
    Bands(n).index(v).map(|band| n - 1 - band)
}

/// Height for `n` rows: ROW_PX each, plus the x axis, margins and `extra`.
fn rows_height(n: usize, axes: &Axes, extra: u32) -> u32 {
    let x_area = if axes.x.is_empty() { 26 } else { 46 };
    let rows = (n.max(1) as u32).saturating_mul(ROW_PX);
    rows.saturating_add(x_area + 18 + extra).max(100)
}

/// Width of the y label area that fits the row labels.
fn label_area(labels: &[String]) -> u32 {
    let widest = labels.iter().map(|l| text_width(l)).max().unwrap_or(0);
    (widest + 12).clamp(40, 240)
}
