//! Two series over time, actual against model, with a dashed line where
//! the calibration period ends: the CLV tracking plot.

use plotters::element::PathElement;
use plotters::series::LineSeries;
use plotters::style::Color;

use super::marks::{evenly, named, per_series, plain, readout, titled, Marks};
use super::{
    build, extent, legend_strip, render, short, style_mesh, usable, Axes, Size, AMBER, BLUE, SLATE,
};
use super::{fitting, under_legend, widest};

/// `labels[i]` names point i (a date); `actual` and `predicted` are the
/// two series, `names` their legend; `split` the index where the
/// calibration ends. The y axis starts at 0.
///
/// Hover targets: the points of both series (150 each at most), read out as
/// "<x title> <label> · <series>: 12.5".
pub fn tracking(
    labels: &[String],
    series: [(&str, &[f64]); 2],
    split: Option<usize>,
    axes: &Axes,
    size: Size,
) -> String {
    let n = labels.len();
    let points = |values: &[f64]| -> Vec<(f64, f64)> {
        values
            .iter()
            .enumerate()
            .filter(|(_, v)| usable(**v))
            .map(|(i, v)| (i as f64, *v))
            .collect()
    };
    let (first, second) = (points(series[0].1), points(series[1].1));
    let y = extent(first.iter().chain(&second).map(|p| p.1), &[0.0], 0.05);
    let short_labels: Vec<String> = labels.iter().map(|l| short(l)).collect();
    render(size, axes.aria, |root| {
        let (top, rest) = under_legend(root, &[series[0].0, series[1].0]);
        legend_strip(&top, &[(series[0].0, BLUE), (series[1].0, AMBER)])?;
        let x = 0.0..(n.max(2) - 1) as f64;
        let mut chart = build(&rest, axes, x, y.clone(), 56)?;
        let label = |v: &f64| {
            let i = v.round();
            ((v - i).abs() < 1e-6 && i >= 0.0)
                .then(|| short_labels.get(i as usize).cloned())
                .flatten()
                .unwrap_or_default()
        };
        let x_labels = fitting(&chart, 8, widest(&short_labels));
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.x_labels(x_labels)
            .y_labels(6)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        if let Some(at) = split.filter(|&s| s < n) {
            let x = at as f64;
            let dashes = (0..20).map(|k| {
                let (a, b) = (k as f64 / 20.0, (k as f64 + 0.5) / 20.0);
                let span = y.end - y.start;
                PathElement::new(
                    vec![(x, y.start + a * span), (x, y.start + b * span)],
                    SLATE,
                )
            });
            chart.draw_series(dashes)?;
        }
        chart.draw_series(LineSeries::new(first.iter().copied(), BLUE.stroke_width(2)))?;
        chart.draw_series(LineSeries::new(
            second.iter().copied(),
            AMBER.stroke_width(2),
        ))?;
        let mut marks = Marks::new();
        for ((name, _), line) in series.iter().zip([&first, &second]) {
            for k in evenly(line.len(), per_series(2)) {
                let (i, v) = line[k];
                let label = labels.get(i as usize).map_or("", String::as_str);
                let text = readout(&[&titled(axes.x, label), &named(name, &plain(v))]);
                marks.point(chart.backend_coord(&(i, v)), &text);
            }
        }
        Ok(marks)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_both_series_and_escapes_text() {
        let labels: Vec<String> = (0..10).map(|i| format!("w{i}")).collect();
        let actual: Vec<f64> = (0..10).map(|i| i as f64).collect();
        let model: Vec<f64> = (0..10).map(|i| i as f64 * 1.1).collect();
        let axes = Axes {
            x: "Week",
            y: "Repeat purchases",
            aria: "<tracking>",
        };
        let svg = tracking(
            &labels,
            [("Actual <a>", &actual), ("Model", &model)],
            Some(5),
            &axes,
            Size::default(),
        );
        assert!(svg.starts_with("<svg") && svg.contains("&lt;tracking&gt;"));
        assert!(svg.contains("Actual &lt;a&gt;") && !svg.contains("<a>"));
        assert!(svg.matches("<polyline").count() >= 2, "{svg}");
        assert_eq!(svg.matches("r=\"6\" fill=\"transparent\"").count(), 20);
        assert!(
            svg.contains("data-readout=\"Week w3 · Actual &lt;a&gt;: 3\""),
            "{svg}"
        );
        assert!(
            svg.contains("data-readout=\"Week w3 · Model: 3.3\""),
            "{svg}"
        );
        let empty = tracking(
            &[],
            [("a", &[]), ("b", &[f64::NAN])],
            None,
            &axes,
            Size::default(),
        );
        assert!(empty.trim_end().ends_with("</svg>"));
    }
}
