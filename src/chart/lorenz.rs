//! Pareto / Lorenz concentration curves.

use plotters::element::{Circle, PathElement};
use plotters::series::{AreaSeries, LineSeries};
use plotters::style::{Color, RGBColor};

use super::marks::{per_series, share_point, Marks, MAX_POINTS};
use super::{
    build, extent, finite_points, legend_box, percent_mesh, render, short, usable, Area, Axes,
    Chart, Size, BLUE, PALETTE, RED, SLATE,
};
use plotters::coord::types::RangedCoordf64;

/// Most series `lorenz_multi` draws.
const MAX_SERIES: usize = 8;

/// Pareto/Lorenz concentration curve: x = share of customers (largest first) 0..1, y = cumulative revenue share 0..1.
/// Draw the equality line y = x, the curve (filled lightly under it, the main blue at ~15% opacity, line solid),
/// and if `readout` is Some((x, y)) a red point with guide lines to both axes (the user's "top x% bring y%" pick).
///
/// Hover targets: the curve's points and, on top, the red point, each read
/// out as "<x title> 20.0% · <y title> 87.0%".
pub fn lorenz(curve: &[[f64; 2]], readout: Option<(f64, f64)>, axes: &Axes, size: Size) -> String {
    let points = finite_points(curve);
    render(size, axes.aria, |root| {
        let mut chart = share_chart(root, axes, std::iter::once(points.as_slice()))?;
        if !points.is_empty() {
            let fill = AreaSeries::new(points.iter().copied(), 0.0, BLUE.mix(0.15))
                .border_style(BLUE.stroke_width(2));
            chart.draw_series(fill)?;
        }
        let mut marks = Marks::new();
        marks.share_curve(&chart, "", &points, MAX_POINTS, axes);
        if let Some((x, y)) = readout.filter(|(x, y)| usable(*x) && usable(*y)) {
            let (x, y) = mark_readout(&mut chart, x, y)?;
            marks.point(
                chart.backend_coord(&(x, y)),
                &share_point(axes.x, axes.y, x, y),
            );
        }
        Ok(marks)
    })
}

/// Several concentration curves on one chart (Pareto per region): each (name, curve); a legend with the names (escaped),
/// at most 8 series drawn, distinct colours; plus the equality line.
///
/// Hover targets: each curve's points, read out as
/// "<name> · <x title> 20.0% · <y title> 87.0%".
pub fn lorenz_multi(series: &[(String, Vec<[f64; 2]>)], axes: &Axes, size: Size) -> String {
    let series: Vec<(String, Vec<(f64, f64)>)> = series
        .iter()
        .take(MAX_SERIES)
        .map(|(name, curve)| (short(name), finite_points(curve)))
        .collect();
    render(size, axes.aria, |root| {
        let curves = series.iter().map(|(_, points)| points.as_slice());
        let mut chart = share_chart(root, axes, curves)?;
        let mut marks = Marks::new();
        for ((_, points), color) in series.iter().zip(PALETTE) {
            chart.draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(2),
            ))?;
        }
        let names: Vec<(&str, RGBColor)> = series
            .iter()
            .zip(PALETTE)
            .map(|((name, _), color)| (name.as_str(), color))
            .collect();
        legend_box(&chart.plotting_area().strip_coord_spec(), &names)?;
        let budget = per_series(series.len());
        for (name, points) in &series {
            marks.share_curve(&chart, name, points, budget, axes);
        }
        Ok(marks)
    })
}

/// Axes 0..1 (wider if a curve leaves it), percent mesh and the equality line.
fn share_chart<'a, 'b, 'c>(
    root: &'a Area<'b>,
    axes: &Axes,
    curves: impl Iterator<Item = &'c [(f64, f64)]> + Clone,
) -> Result<Chart<'a, 'b, RangedCoordf64, RangedCoordf64>, Box<dyn std::error::Error>> {
    let xs = curves.clone().flat_map(|c| c.iter().map(|p| p.0));
    let ys = curves.flat_map(|c| c.iter().map(|p| p.1));
    let x = extent(xs, &[0.0, 1.0], 0.0);
    let y = extent(ys, &[0.0, 1.0], 0.0);
    let mut chart = build(root, axes, x, y, 44)?;
    percent_mesh(&mut chart, axes)?;
    let equality = LineSeries::new([(0.0, 0.0), (1.0, 1.0)], SLATE.stroke_width(1));
    chart.draw_series(equality)?;
    Ok(chart)
}

/// The user's pick: a red point with thin guide lines down and left to the
/// axes. Returns where the point was drawn (the pick, kept on the chart).
fn mark_readout(
    chart: &mut Chart<RangedCoordf64, RangedCoordf64>,
    x: f64,
    y: f64,
) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let (xr, yr) = (chart.x_range(), chart.y_range());
    let x = x.clamp(xr.start, xr.end);
    let y = y.clamp(yr.start, yr.end);
    let guide = vec![(x, yr.start), (x, y), (xr.start, y)];
    chart.draw_series(std::iter::once(PathElement::new(
        guide,
        RED.mix(0.7).stroke_width(1),
    )))?;
    chart.draw_series(std::iter::once(Circle::new((x, y), 5, RED.filled())))?;
    Ok((x, y))
}
