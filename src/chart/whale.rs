//! The profit whale curve.

use plotters::element::{Circle, EmptyElement, Text};
use plotters::series::LineSeries;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;

use super::marks::{share_point, Marks, MAX_POINTS};
use super::{
    build, extent, finite_points, font, hline, pct, percent_mesh, render, usable, Axes, Size, BLUE,
    RED, SLATE,
};

/// Profit whale curve: x = share of customers sorted by profit, 0..1; y = cumulative profit as share of total profit
/// (can exceed 1, e.g. peak 1.68, and can be negative). Draw a horizontal reference line at y = 1 (100%), the curve,
/// and mark the peak (x, y) with a point and its figure, such as "168%". The y range must include 0, 1, the curve's min and max with 5% padding.
///
/// Hover targets: the curve's points and, on top, the peak, each read out
/// as "<x title> 60.0% · <y title> 168.0%".
pub fn whale(curve: &[[f64; 2]], peak: (f64, f64), axes: &Axes, size: Size) -> String {
    let points = finite_points(curve);
    let peak = Some(peak).filter(|(x, y)| usable(*x) && usable(*y));
    let peak_y: Vec<f64> = peak.map(|p| p.1).into_iter().collect();
    let x = extent(points.iter().map(|p| p.0), &[0.0, 1.0], 0.0);
    let ys = points.iter().map(|p| p.1).chain(peak_y);
    let y = extent(ys, &[0.0, 1.0], 0.05);
    render(size, axes.aria, |root| {
        let mut chart = build(root, axes, x.clone(), y.clone(), 48)?;
        percent_mesh(&mut chart, axes)?;
        if y.start < 0.0 {
            hline(&mut chart, 0.0, SLATE.mix(0.6).stroke_width(1))?;
        }
        hline(&mut chart, 1.0, SLATE.stroke_width(1))?;
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            BLUE.stroke_width(2),
        ))?;
        let mut marks = Marks::new();
        marks.share_curve(&chart, "", &points, MAX_POINTS, axes);
        if let Some((px, py)) = peak {
            let (px, py) = (px.clamp(x.start, x.end), py.clamp(y.start, y.end));
            let right = px > x.start + (x.end - x.start) * 0.6;
            let (anchor, dx) = if right {
                (HPos::Right, -8)
            } else {
                (HPos::Left, 8)
            };
            let style = font(RED).pos(Pos::new(anchor, VPos::Bottom));
            // Only the figure: the page names the peak in the reader's language.
            let label = pct(py);
            let mark = EmptyElement::at((px, py))
                + Circle::new((0, 0), 4, RED.filled())
                + Text::new(label, (dx, -6), style);
            chart.draw_series(std::iter::once(mark))?;
            let text = share_point(axes.x, axes.y, px, py);
            marks.point(chart.backend_coord(&(px, py)), &text);
        }
        Ok(marks)
    })
}
