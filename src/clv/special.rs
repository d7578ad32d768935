//! Log-space special functions: the models multiply gamma functions of
//! large arguments (a customer with 200 purchases), so everything is a sum
//! of logarithms and only the final figure is exponentiated.

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ln B(a, b).
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln(e^a + e^b) without overflow.
pub fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// ln 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, by its power series
/// summed with rescaling (the terms of a heavy buyer's likelihood exceed
/// f64 long before the sum converges). NaN if it does not converge.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || a <= 0.0 || b <= 0.0 || c <= 0.0 {
        return f64::NAN;
    }
    let (mut term, mut sum, mut scale) = (1.0f64, 1.0f64, 0.0f64);
    for k in 0..200_000 {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if sum > 1e200 {
            sum /= 1e200;
            term /= 1e200;
            scale += 200.0 * std::f64::consts::LN_10;
        }
        if term <= sum * 1e-16 {
            return sum.ln() + scale;
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        assert!((ln_beta(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-12);
        assert!((log_add(1000.0, 1000.0) - (1000.0 + 2f64.ln())).abs() < 1e-9);
        assert_eq!(log_add(3.0, f64::NEG_INFINITY), 3.0);
        assert!(ln_gamma(1e6).is_finite());
    }

    #[test]
    fn hypergeometric_known_values() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        let z: f64 = 0.5;
        assert!((ln_hyp2f1(1.0, 1.0, 2.0, z) - (-(1.0 - z).ln() / z).ln()).abs() < 1e-12);
        // 2F1(a, b; b; z) = (1 - z)^-a, far past f64's range before the sum ends.
        let big = ln_hyp2f1(400.0, 3.0, 3.0, 0.9);
        assert!((big - (-400.0 * 0.1f64.ln())).abs() < 1e-8, "{big}");
        assert!(ln_hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
        assert_eq!(ln_hyp2f1(2.0, 3.0, 4.0, 0.0), 0.0);
    }
}
