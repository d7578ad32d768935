//! A share per period as a line: the repeat rate of each month.

use plotters::element::Circle;
use plotters::series::LineSeries;
use plotters::style::Color;

use super::marks::{columns, evenly, named, pct1, readout, titled, Marks, MAX_POINTS};
use super::{build, extent, index_label, pct, render, short, style_mesh, usable, Axes, Size, BLUE};
use super::{fitting, widest};

/// `points` are (period label, share 0..1) in time order; non-finite
/// shares are skipped. The y axis runs from 0 to the largest share.
///
/// Hover targets: a column per period (its own band, the full height of the
/// plot; rectangles rather than circles, so the drawn dots stay the only
/// circles), read out as "<x title> <period> · <y title>: 12.5%".
pub fn period_line(points: &[(String, f64)], axes: &Axes, size: Size) -> String {
    let n = points.len();
    let kept: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| usable(*v))
        .map(|(i, (_, v))| (i as f64, *v))
        .collect();
    let y = extent(kept.iter().map(|p| p.1), &[0.0], 0.05);
    let labels: Vec<String> = points.iter().map(|(label, _)| short(label)).collect();
    render(size, axes.aria, |root| {
        let x = -0.5..(n.max(1) as f64 - 0.5);
        let mut chart = build(root, axes, x.clone(), y.clone(), 48)?;
        // Every period labelled where there is room, every other (or
        // fewer) on a narrow chart.
        let step = n
            .div_ceil(fitting(&chart, n.clamp(1, 12), widest(&labels)))
            .max(1);
        let label = |v: &f64| index_label(&labels, step, *v);
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, axes);
        mesh.x_labels(n.clamp(1, 12))
            .y_labels(6)
            .x_label_formatter(&label)
            .y_label_formatter(&|v| pct(*v))
            .draw()?;
        chart.draw_series(LineSeries::new(kept.iter().copied(), BLUE.stroke_width(2)))?;
        chart.draw_series(kept.iter().map(|&p| Circle::new(p, 3, BLUE.filled())))?;
        let mut marks = Marks::new();
        let shown: Vec<(f64, f64)> = evenly(kept.len(), MAX_POINTS)
            .into_iter()
            .map(|i| kept[i])
            .collect();
        let xs: Vec<f64> = shown.iter().map(|p| p.0).collect();
        for (&(i, v), (left, right)) in shown.iter().zip(columns(&xs, x.start, x.end)) {
            let period = titled(axes.x, &points[i as usize].0);
            let text = readout(&[&period, &named(axes.y, &pct1(v))]);
            marks.span(&chart, [(left, y.end), (right, y.start)], &text);
        }
        Ok(marks)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes() -> Axes<'static> {
        Axes {
            x: "Month",
            y: "Repeat rate",
            aria: "Repeat <rate>",
        }
    }

    #[test]
    fn draws_a_point_per_period_and_escapes_labels() {
        let points: Vec<(String, f64)> = (0..6)
            .map(|i| (format!("2024-0{}", i + 1), 0.1 * i as f64))
            .collect();
        let svg = period_line(&points, &axes(), Size::default());
        assert!(svg.starts_with("<svg") && svg.contains("viewBox"));
        assert_eq!(svg.matches("<circle").count(), 6, "only the drawn dots");
        assert_eq!(svg.matches("data-readout=").count(), 6);
        assert!(svg.contains("data-readout=\"Month 2024-03 · Repeat rate: 20.0%\""));
        assert!(svg.contains("Repeat &lt;rate&gt;"));
        let hostile = [("<b>&".to_string(), 0.5)];
        let svg = period_line(&hostile, &axes(), Size::default());
        assert!(!svg.contains("<b>&") && svg.contains("&lt;b&gt;&amp;"));
    }

    #[test]
    fn edge_inputs_give_a_valid_svg() {
        for points in [
            vec![],
            vec![("x".to_string(), f64::NAN)],
            vec![("a".to_string(), 0.0), ("b".to_string(), 0.0)],
        ] {
            let svg = period_line(&points, &axes(), Size::default());
            assert!(
                svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
                "{svg}"
            );
        }
    }
}
