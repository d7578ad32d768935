//! One customer's purchases over time: a stem per purchase day (or month),
//! its height the net amount, so gaps, big orders and returns show at once.

use plotters::element::{Circle, PathElement};
use plotters::style::Color;

use super::marks::{evenly, named, readout, titled, Marks, MAX_POINTS};
use super::{build, extent, render, style_mesh, usable, Axes, Size, BLUE, RED};
use super::{fitting, text_width};
use crate::day::Day;

/// `points` are (day, net amount) in date order; `format` writes the y
/// labels (money in the page's locale). Negative amounts (returns) are red.
///
/// Hover targets: the tip of each stem (300 at most), read out as
/// "<x title> 2024-01-05 · <y title>: <format>".
pub fn timeline(
    points: &[(Day, f64)],
    axes: &Axes,
    size: Size,
    format: &dyn Fn(f64) -> String,
) -> String {
    let kept: Vec<(f64, f64)> = points
        .iter()
        .filter(|(_, v)| usable(*v))
        .map(|(d, v)| (f64::from(d.0), *v))
        .collect();
    let x = extent(kept.iter().map(|p| p.0), &[], 0.04);
    let x = if x.end - x.start < 30.0 {
        (x.start - 15.0)..(x.end + 15.0)
    } else {
        x
    };
    let y = extent(kept.iter().map(|p| p.1), &[0.0], 0.08);
    render(size, axes.aria, |root| {
        let mut chart = build(root, axes, x.clone(), y.clone(), 64)?;
        let date = |v: &f64| {
            let day = Day(v.round() as i32);
            format!("{}-{:02}", day.year(), day.month())
        };
        let x_labels = fitting(&chart, 6, text_width("2025-01"));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.x_labels(x_labels)
            .y_labels(5)
            .x_label_formatter(&date)
            .y_label_formatter(&|v| format(*v))
            .draw()?;
        for &(d, v) in &kept {
            let color = if v < 0.0 { RED } else { BLUE };
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(d, 0.0), (d, v)],
                color.stroke_width(2),
            )))?;
            chart.draw_series(std::iter::once(Circle::new((d, v), 3, color.filled())))?;
        }
        let mut marks = Marks::new();
        for i in evenly(kept.len(), MAX_POINTS) {
            let (d, v) = kept[i];
            let date = titled(axes.x, &Day(d as i32).to_string());
            let text = readout(&[&date, &named(axes.y, &format(v))]);
            marks.point(chart.backend_coord(&(d, v)), &text);
        }
        Ok(marks)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_per_purchase_and_valid_svg_for_edges() {
        let axes = Axes {
            x: "Date",
            y: "Revenue",
            aria: "Purchases of <b>",
        };
        let money = |v: f64| format!("{v:.0}");
        let day = |s: &str| Day::parse_iso(s).unwrap();
        let points = [
            (day("2024-01-05"), 100.0),
            (day("2024-03-01"), -20.0),
            (day("2024-07-09"), 250.0),
        ];
        let svg = timeline(&points, &axes, Size::default(), &money);
        assert_eq!(svg.matches("<circle").count(), 6, "3 stems and 3 targets");
        assert!(svg.contains("data-readout=\"Date 2024-03-01 · Revenue: -20\""));
        assert!(svg.contains("Purchases of &lt;b&gt;"));
        for edge in [
            vec![],
            vec![(day("2024-01-01"), f64::NAN)],
            vec![(day("2024-01-01"), 5.0)],
        ] {
            let svg = timeline(&edge, &axes, Size::default(), &money);
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        }
    }
}
