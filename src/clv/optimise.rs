//! Minimisation on log-parameters, so every model parameter stays positive.
//!
//! The fits use BFGS (Nocedal & Wright 2006, algorithm 6.1) with a
//! backtracking line search: with a gradient it needs a few dozen
//! likelihood evaluations where a simplex needs a thousand. Should it stall
//! (a flat or non-finite region), Nelder–Mead (Nelder & Mead 1965, with the
//! coefficients of Lagarias et al. 1998) carries on from where it stopped;
//! derivative-free, it is the robust fallback, restarted from its best
//! point once, the usual guard against a collapsed simplex.

/// The minimum found and whether it converged within `MAX_ITERATIONS`.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub converged: bool,
    pub iterations: usize,
}

/// An objective with its gradient.
pub type Smooth<'a> = &'a dyn Fn(&[f64]) -> (f64, Vec<f64>);

/// BFGS from `start`; Nelder–Mead from its end point when it stalls.
pub fn minimise_smooth(fg: Smooth, start: &[f64], tolerance: f64) -> Minimum {
    let quasi = bfgs(fg, start, tolerance);
    if quasi.converged {
        return quasi;
    }
    let simplex = minimise(&|x| fg(x).0, &quasi.x);
    if simplex.value <= quasi.value {
        simplex
    } else {
        Minimum {
            converged: simplex.converged,
            ..quasi
        }
    }
}

/// The value and a central-difference gradient of `f`.
pub fn numeric_gradient(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> (f64, Vec<f64>) {
    let mut probe = x.to_vec();
    let gradient = (0..x.len())
        .map(|i| {
            let h = 1e-6 * (1.0 + x[i].abs());
            probe[i] = x[i] + h;
            let up = f(&probe);
            probe[i] = x[i] - h;
            let down = f(&probe);
            probe[i] = x[i];
            (up - down) / (2.0 * h)
        })
        .collect();
    (f(x), gradient)
}

const BFGS_ITERATIONS: usize = 500;
/// A gradient this small (the objectives are means per customer) is a
/// minimum to far better than the published figures' precision.
pub const GRADIENT_TOLERANCE: f64 = 1e-9;
/// Central differences carry an error near 1e-9 (rounding of the
/// objective over a step of 1e-6), so they are asked for less.
pub const NUMERIC_GRADIENT_TOLERANCE: f64 = 2e-7;
/// Where rounding stops progress, a gradient this small still means a
/// minimum.
const STALL_TOLERANCE: f64 = 1e-6;
/// The longest step in log-parameters: a factor of e^3 per iteration.
const MAX_STEP: f64 = 3.0;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn usable(value: f64, gradient: &[f64]) -> bool {
    value.is_finite() && gradient.iter().all(|g| g.is_finite())
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect()
}

/// Quasi-Newton minimisation with the inverse-Hessian BFGS update.
pub fn bfgs(fg: Smooth, start: &[f64], tolerance: f64) -> Minimum {
    let n = start.len();
    let stop = |x: Vec<f64>, value: f64, converged: bool, iterations: usize| Minimum {
        x,
        value,
        converged,
        iterations,
    };
    let mut x = start.to_vec();
    let (mut value, mut gradient) = fg(&x);
    if !usable(value, &gradient) {
        return stop(x, f64::INFINITY, false, 0);
    }
    let flat = |g: &[f64]| g.iter().all(|g| g.abs() <= STALL_TOLERANCE);
    let mut inverse = identity(n);
    for iteration in 0..BFGS_ITERATIONS {
        if gradient.iter().all(|g| g.abs() <= tolerance) {
            return stop(x, value, true, iteration);
        }
        let mut direction: Vec<f64> = inverse.iter().map(|row| -dot(row, &gradient)).collect();
        if dot(&direction, &gradient) >= 0.0 {
            inverse = identity(n);
            direction = gradient.iter().map(|g| -g).collect();
        }
        let Some((next, next_value, next_gradient)) =
            line_search(fg, &x, value, &gradient, &direction)
        else {
            // No step improves: a minimum if the gradient is as small as
            // rounding in the objective lets it get.
            let converged = flat(&gradient);
            return stop(x, value, converged, iteration);
        };
        let s: Vec<f64> = next.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_gradient
            .iter()
            .zip(&gradient)
            .map(|(a, b)| a - b)
            .collect();
        update_inverse(&mut inverse, &s, &y);
        let progress = value - next_value;
        (x, value, gradient) = (next, next_value, next_gradient);
        // Rounding in sums of large terms floors the gradient above the
        // tolerance: no progress and a nearly flat gradient is a minimum.
        if progress <= 1e-14 * (1.0 + value.abs()) && flat(&gradient) {
            return stop(x, value, true, iteration + 1);
        }
    }
    stop(x, value, false, BFGS_ITERATIONS)
}

/// Backtracking from the full step until the Armijo condition holds.
fn line_search(
    fg: Smooth,
    x: &[f64],
    value: f64,
    gradient: &[f64],
    direction: &[f64],
) -> Option<(Vec<f64>, f64, Vec<f64>)> {
    let slope = dot(gradient, direction);
    let longest = direction.iter().fold(0.0f64, |m, d| m.max(d.abs()));
    let mut step = if longest > MAX_STEP {
        MAX_STEP / longest
    } else {
        1.0
    };
    while step > 1e-14 {
        let next: Vec<f64> = x.iter().zip(direction).map(|(a, d)| a + step * d).collect();
        let (next_value, next_gradient) = fg(&next);
        if usable(next_value, &next_gradient) && next_value <= value + 1e-4 * step * slope {
            return Some((next, next_value, next_gradient));
        }
        step *= 0.5;
    }
    None
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, skipped when the curvature
/// condition sᵀy > 0 fails (the update would lose positive definiteness).
fn update_inverse(h: &mut [Vec<f64>], s: &[f64], y: &[f64]) {
    let sy = dot(s, y);
    if sy <= 1e-300 || !sy.is_finite() {
        return;
    }
    let rho = 1.0 / sy;
    let n = s.len();
    let hy: Vec<f64> = h.iter().map(|row| dot(row, y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
        }
    }
}

/// The simplex is the fallback: enough iterations for four parameters,
/// bounded so a likelihood with no maximum cannot keep it running.
const MAX_ITERATIONS: usize = 2_000;
const TOLERANCE: f64 = 1e-12;

/// Minimises `f` from `start`; non-finite values count as +infinity.
pub fn minimise(f: &dyn Fn(&[f64]) -> f64, start: &[f64]) -> Minimum {
    let first = simplex_search(f, start, 0.5);
    let second = simplex_search(f, &first.x, 0.1);
    Minimum {
        iterations: first.iterations + second.iterations,
        converged: first.converged && second.converged,
        ..if second.value <= first.value {
            second
        } else {
            first
        }
    }
}

fn finite(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> f64 {
    let v = f(x);
    if v.is_finite() {
        v
    } else {
        f64::INFINITY
    }
}

fn simplex_search(f: &dyn Fn(&[f64]) -> f64, start: &[f64], step: f64) -> Minimum {
    let n = start.len();
    let mut points: Vec<Vec<f64>> = (0..=n)
        .map(|i| {
            let mut p = start.to_vec();
            if i > 0 {
                p[i - 1] += step;
            }
            p
        })
        .collect();
    let mut values: Vec<f64> = points.iter().map(|p| finite(f, p)).collect();
    for iteration in 0..MAX_ITERATIONS {
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        points = order.iter().map(|&i| points[i].clone()).collect();
        values = order.iter().map(|&i| values[i]).collect();
        let spread = (values[n] - values[0]).abs();
        let size = points[1..]
            .iter()
            .flat_map(|p| p.iter().zip(&points[0]).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if spread <= TOLERANCE * (1.0 + values[0].abs()) && size <= 1e-9 {
            return Minimum {
                x: points[0].clone(),
                value: values[0],
                converged: true,
                iterations: iteration,
            };
        }
        step_simplex(f, &mut points, &mut values);
    }
    Minimum {
        x: points[0].clone(),
        value: values[0],
        converged: false,
        iterations: MAX_ITERATIONS,
    }
}

/// One reflection, expansion, contraction or shrink, on a sorted simplex.
fn step_simplex(f: &dyn Fn(&[f64]) -> f64, points: &mut [Vec<f64>], values: &mut [f64]) {
    let n = points.len() - 1;
    let centroid: Vec<f64> = (0..n)
        .map(|j| points[..n].iter().map(|p| p[j]).sum::<f64>() / n as f64)
        .collect();
    let towards = |t: f64| -> Vec<f64> {
        centroid
            .iter()
            .zip(&points[n])
            .map(|(c, w)| c + t * (w - c))
            .collect()
    };
    let reflected = towards(-1.0);
    let fr = finite(f, &reflected);
    if fr < values[0] {
        let expanded = towards(-2.0);
        let fe = finite(f, &expanded);
        (points[n], values[n]) = if fe < fr {
            (expanded, fe)
        } else {
            (reflected, fr)
        };
    } else if fr < values[n - 1] {
        (points[n], values[n]) = (reflected, fr);
    } else {
        let contracted = if fr < values[n] {
            towards(-0.5)
        } else {
            towards(0.5)
        };
        let fc = finite(f, &contracted);
        if fc < fr.min(values[n]) {
            (points[n], values[n]) = (contracted, fc);
        } else {
            for i in 1..=n {
                points[i] = points[0]
                    .iter()
                    .zip(&points[i])
                    .map(|(b, p)| b + 0.5 * (p - b))
                    .collect();
                values[i] = finite(f, &points[i]);
            }
        }
    }
}

/// The covariance of maximum-likelihood estimates from the observed
/// information: the inverse of minus the Hessian of the log-likelihood at
/// its maximum `at` (natural parameters), the Hessian by central
/// differences of the log-likelihood's `gradient`: 2n gradients, with
/// steps of 1e-4 of each parameter, made symmetric (with analytic
/// gradients that is more exact than second differences of the
/// likelihood, and a third of the work). The gradients are evaluated side
/// by side where there are threads. `None` when the information is not
/// positive definite.
pub fn covariance(
    gradient: &(dyn Fn(&[f64]) -> Vec<f64> + Sync),
    at: &[f64],
) -> Option<Vec<Vec<f64>>> {
    let n = at.len();
    let h: Vec<f64> = at.iter().map(|v| 1e-4 * v.abs().max(1e-6)).collect();
    let moves: Vec<(usize, f64)> = (0..n).flat_map(|j| [(j, 1.0), (j, -1.0)]).collect();
    let slopes = crate::parallel::map(&moves, |&(j, k)| {
        let mut x = at.to_vec();
        x[j] += k * h[j];
        gradient(&x)
    });
    let second = |i: usize, j: usize| (slopes[2 * j][i] - slopes[2 * j + 1][i]) / (2.0 * h[j]);
    let information: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| -0.5 * (second(i, j) + second(j, i)))
                .collect()
        })
        .collect();
    let inverse = invert(information)?;
    let positive = (0..n).all(|i| inverse[i][i] > 0.0 && inverse[i][i].is_finite());
    positive.then_some(inverse)
}

/// The square roots of a covariance's diagonal.
pub fn standard_errors(covariance: &[Vec<f64>]) -> Vec<f64> {
    (0..covariance.len())
        .map(|i| covariance[i][i].sqrt())
        .collect()
}

/// Gauss–Jordan inversion with partial pivoting; `None` when singular.
fn invert(mut a: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let mut inverse = identity(n);
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() <= 1e-300 || a[pivot][col].is_nan() {
            return None;
        }
        a.swap(col, pivot);
        inverse.swap(col, pivot);
        let d = a[col][col];
        for k in 0..n {
            a[col][k] /= d;
            inverse[col][k] /= d;
        }
        for row in (0..n).filter(|&r| r != col) {
            let factor = a[row][col];
            for k in 0..n {
                a[row][k] -= factor * a[col][k];
                inverse[row][k] -= factor * inverse[col][k];
            }
        }
    }
    Some(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimise(&f, &[-1.2, 1.0]);
        assert!(m.converged);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-5 && (m.x[1] - 1.0).abs() < 1e-5,
            "{:?}",
            m.x
        );
    }

    #[test]
    fn bfgs_finds_the_minimum_of_rosenbrock_with_few_evaluations() {
        let calls = std::cell::Cell::new(0);
        let fg = |x: &[f64]| {
            calls.set(calls.get() + 1);
            let value = (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
            let gradient = vec![
                -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] * x[0]),
                200.0 * (x[1] - x[0] * x[0]),
            ];
            (value, gradient)
        };
        let m = bfgs(&fg, &[-1.2, 1.0], GRADIENT_TOLERANCE);
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6);
        assert!(calls.get() < 200, "{} evaluations", calls.get());
    }

    #[test]
    fn a_stalled_quasi_newton_search_falls_back_to_the_simplex() {
        // |x| has no usable gradient at its minimum: BFGS stalls there.
        let f = |x: &[f64]| x[0].abs() + (x[1] - 2.0).abs();
        let m = minimise_smooth(
            &|x| numeric_gradient(&f, x),
            &[3.0, -1.0],
            NUMERIC_GRADIENT_TOLERANCE,
        );
        assert!(m.value < 1e-6, "{m:?}");
    }

    #[test]
    fn a_function_that_is_nowhere_finite_does_not_panic() {
        let m = minimise(&|_| f64::NAN, &[0.0, 0.0]);
        assert!(m.value.is_infinite());
        let m = minimise_smooth(&|x| numeric_gradient(&|_| f64::NAN, x), &[0.0], 1e-7);
        assert!(m.value.is_infinite() && !m.converged);
    }

    #[test]
    fn the_covariance_of_a_normal_mean_is_its_variance_over_n() {
        // ln L of 10 draws with known spread 2 around mean m: curvature 10/4.
        let draws = [1.0, 2.5, 3.0, 4.2, 0.3, 2.2, 1.9, 3.3, 2.8, 1.1];
        let slope = |m: &[f64]| vec![draws.iter().map(|x| (x - m[0]) / 4.0).sum::<f64>()];
        let c = covariance(&slope, &[2.23]).unwrap();
        assert!((c[0][0] - 0.4).abs() < 1e-6, "{c:?}");
        assert!(covariance(&|_: &[f64]| vec![0.0, 0.0], &[1.0, 2.0]).is_none());
        let inverse = invert(vec![vec![4.0, 1.0], vec![2.0, 3.0]]).unwrap();
        assert!((inverse[0][0] - 0.3).abs() < 1e-12 && (inverse[1][0] + 0.2).abs() < 1e-12);
    }
}
