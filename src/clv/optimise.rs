//! Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the standard
//! coefficients of Lagarias et al. 1998), run on log-parameters so every
//! model parameter stays positive. Derivative-free, so a likelihood only
//! has to be evaluated; it is restarted from its best point once, the usual
//! guard against a collapsed simplex.

/// The minimum found and whether it converged within `MAX_ITERATIONS`.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub converged: bool,
    pub iterations: usize,
}

/// Maximum-likelihood fit of a four-parameter model over weighted
/// histories: the parameters, the total log-likelihood, convergence.
pub fn fit_four<H>(
    data: &[(H, f64)],
    ln_likelihood: fn([f64; 4], &H) -> f64,
) -> ([f64; 4], f64, bool) {
    let total: f64 = data.iter().map(|d| d.1).sum::<f64>().max(1.0);
    let objective = |theta: &[f64]| {
        let p = [
            theta[0].exp(),
            theta[1].exp(),
            theta[2].exp(),
            theta[3].exp(),
        ];
        -data
            .iter()
            .map(|(h, w)| w * ln_likelihood(p, h))
            .sum::<f64>()
            / total
    };
    let m = minimise(&objective, &[0.0; 4]);
    let p = [m.x[0].exp(), m.x[1].exp(), m.x[2].exp(), m.x[3].exp()];
    (p, -m.value * total, m.converged && m.value.is_finite())
}

const MAX_ITERATIONS: usize = 20_000;
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
    fn a_function_that_is_nowhere_finite_does_not_panic() {
        let m = minimise(&|_| f64::NAN, &[0.0, 0.0]);
        assert!(m.value.is_infinite());
    }
}
