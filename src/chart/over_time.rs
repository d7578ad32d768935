//! Charts of key accounts over time: the revenue bridge as a waterfall, and
//! concentration shares per period as lines.

use plotters::element::{Circle, PathElement, Rectangle};
use plotters::series::LineSeries;
use plotters::style::{Color, RGBColor};

use super::marks::{columns, named, pct1, readout, titled, Marks};
use super::{
    build, extent, index_label, legend_strip, pct, render, short, style_mesh, usable, Axes, Bands,
    Size, BLUE, GREEN, INK, PURPLE, RED, SLATE,
};
use super::{fitting, under_legend, widest};

/// One step of a waterfall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A bar from 0 (the start and the end).
    Total,
    /// Adds to the running total.
    Up,
    /// Takes from it.
    Down,
}

/// The bridge as a waterfall: `steps` are (label, kind, amount ≥ 0 for Up
/// and Down), in order; totals stand on 0, the others float from the running
/// total. Up is green, Down vermillion, totals blue.
///
/// Hover targets: a column per step, read out as "<label>: <amount>".
pub fn waterfall(
    steps: &[(String, Step, f64)],
    format: &dyn Fn(f64) -> String,
    axes: &Axes,
    size: Size,
) -> String {
    let mut running = 0.0;
    let bars: Vec<(f64, f64)> = steps
        .iter()
        .map(|&(_, kind, v)| {
            let v = if usable(v) { v } else { 0.0 };
            let from = running;
            running = match kind {
                Step::Total => v,
                Step::Up => running + v,
                Step::Down => running - v,
            };
            match kind {
                Step::Total => (0.0, v),
                _ => (from, running),
            }
        })
        .collect();
    let y = extent(bars.iter().flat_map(|&(a, b)| [a, b]), &[0.0], 0.05);
    let bands = Bands(steps.len());
    let names: Vec<String> = steps.iter().map(|(name, _, _)| short(name)).collect();
    render(size, axes.aria, |root| {
        let mut chart = build(root, axes, bands, y.clone(), 64)?;
        let label = |v: &f64| bands.index(*v).map_or(String::new(), |i| names[i].clone());
        let x_labels = fitting(&chart, steps.len().max(1), widest(&names));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.disable_x_mesh()
            .x_labels(x_labels)
            .y_labels(6)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| format(*v))
            .draw()?;
        let mut marks = Marks::new();
        for (i, ((name, kind, v), &(a, b))) in steps.iter().zip(&bars).enumerate() {
            let colour = match kind {
                Step::Total => BLUE,
                Step::Up => GREEN,
                Step::Down => RED,
            };
            let x0 = i as f64 + 0.15;
            let bar = [(x0, a), (x0 + 0.7, b)];
            chart.draw_series(std::iter::once(Rectangle::new(bar, colour.filled())))?;
            if i + 1 < steps.len() {
                let link = vec![(x0 + 0.7, b), (x0 + 1.0, b)];
                chart.draw_series(std::iter::once(PathElement::new(link, SLATE)))?;
            }
            let text = readout(&[&named(name, &format(*v))]);
            marks.span(
                &chart,
                [(i as f64, y.end), (i as f64 + 1.0, y.start)],
                &text,
            );
        }
        Ok(marks)
    })
}

/// Shares per period as lines, one per series (name, a share per period);
/// `periods` label the x axis. The y axis runs from 0.
///
/// Hover targets: a column per period, read out as "<x title> <period> ·
/// <series>: 12.5% · ...".
pub fn share_lines(
    periods: &[String],
    series: &[(&str, Vec<f64>)],
    axes: &Axes,
    size: Size,
) -> String {
    const COLOURS: [RGBColor; 4] = [BLUE, RED, PURPLE, INK];
    let n = periods.len();
    let values = series.iter().flat_map(|(_, v)| v.iter().copied());
    let y = extent(values, &[0.0], 0.05);
    let y = 0.0_f64.max(y.start)..y.end;
    let labels: Vec<String> = periods.iter().map(|p| short(p)).collect();
    render(size, axes.aria, |root| {
        let names: Vec<&str> = series.iter().map(|s| s.0).collect();
        let (top, rest) = under_legend(root, &names);
        let legend: Vec<(&str, RGBColor)> = names.iter().copied().zip(COLOURS).collect();
        legend_strip(&top, &legend)?;
        let x = -0.5..(n.max(1) as f64 - 0.5);
        let mut chart = build(&rest, axes, x.clone(), y.clone(), 48)?;
        // At most about six labels, fewer where they would run together.
        let step = n.div_ceil(fitting(&chart, 6, widest(&labels))).max(1);
        let label = |v: &f64| index_label(&labels, step, *v);
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.x_labels(n.clamp(1, 12))
            .y_labels(6)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| pct(*v))
            .draw()?;
        for ((_, values), colour) in series.iter().zip(COLOURS) {
            let points: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .filter(|(_, v)| usable(**v))
                .map(|(i, v)| (i as f64, *v))
                .collect();
            chart.draw_series(LineSeries::new(
                points.iter().copied(),
                colour.stroke_width(2),
            ))?;
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
        }
        let mut marks = Marks::new();
        let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
        for (i, (left, right)) in columns(&xs, x.start, x.end).into_iter().enumerate() {
            let mut parts = vec![titled(axes.x, &periods[i])];
            for (name, values) in series {
                let v = values.get(i).copied().unwrap_or(f64::NAN);
                parts.push(named(name, &pct1(v)));
            }
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            marks.span(&chart, [(left, y.end), (right, y.start)], &readout(&parts));
        }
        Ok(marks)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes() -> Axes<'static> {
        Axes {
            x: "",
            y: "",
            aria: "Bridge <b>",
        }
    }

    #[test]
    fn a_waterfall_has_a_bar_and_a_readout_per_step_and_escapes_text() {
        let steps = vec![
            ("Start".to_string(), Step::Total, 100.0),
            ("<new>".to_string(), Step::Up, 20.0),
            ("Lost".to_string(), Step::Down, 30.0),
            ("End".to_string(), Step::Total, 90.0),
        ];
        let svg = waterfall(&steps, &|v| format!("{v:.0}"), &axes(), Size::default());
        assert!(svg.starts_with("<svg") && svg.contains("Bridge &lt;b&gt;"));
        assert_eq!(svg.matches("data-readout=").count(), 4);
        assert!(svg.contains("data-readout=\"&lt;new&gt;: 20\""));
        assert!(!svg.contains("<new>"));
        let svg = waterfall(&[], &|v| v.to_string(), &axes(), Size::default());
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn share_lines_read_out_every_series() {
        let periods = vec!["2024-Q1".to_string(), "2024-Q2".to_string()];
        let series = [("Top 1", vec![0.1, 0.2]), ("Top 5", vec![0.3, f64::NAN])];
        let svg = share_lines(&periods, &series, &axes(), Size::default());
        assert_eq!(svg.matches("data-readout=").count(), 2);
        assert!(
            svg.contains("2024-Q1 · Top 1: 10.0% · Top 5: 30.0%"),
            "{svg}"
        );
    }
}
