//! Log-space special functions: the models multiply gamma functions of
//! large arguments (a customer with 200 purchases), so everything is a sum
//! of logarithms and only the final figure is exponentiated.

/// Logarithms and exponentials computed by the `libm` crate, so that the
/// native CLI and the browser's wasm run the same code and agree to the
/// last bit: the standard methods call the platform's maths library
/// natively, which may round differently, and a fit amplifies one ulp into
/// a different figure on the page.
pub trait SameEverywhere {
    fn ln_s(self) -> f64;
    fn exp_s(self) -> f64;
    fn ln_1p_s(self) -> f64;
    fn exp_m1_s(self) -> f64;
    fn powi_s(self, n: i32) -> f64;
}

impl SameEverywhere for f64 {
    fn ln_s(self) -> f64 {
        libm::log(self)
    }
    fn exp_s(self) -> f64 {
        libm::exp(self)
    }
    fn ln_1p_s(self) -> f64 {
        libm::log1p(self)
    }
    fn exp_m1_s(self) -> f64 {
        libm::expm1(self)
    }
    fn powi_s(self, n: i32) -> f64 {
        libm::pow(self, f64::from(n))
    }
}

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x
/// up to x ≥ 10, then the asymptotic series (error below 1e-13 there).
pub fn digamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let series =
        f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f / 132.0))));
    shift + x.ln_s() - 0.5 / x - series
}

/// A sum with Neumaier's compensation (Neumaier 1974): the rounding of
/// each addition is carried beside it. Gamma-Gamma adds terms of ±10⁴ for
/// hundreds of thousands of customers to a log-likelihood of a few per
/// customer; summed plainly its mean wandered by 3e-11 from step to step
/// and the search crept on for minutes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sum {
    sum: f64,
    carry: f64,
}

impl Sum {
    pub fn add(&mut self, v: f64) {
        let t = self.sum + v;
        self.carry += if self.sum.abs() >= v.abs() {
            (self.sum - t) + v
        } else {
            (v - t) + self.sum
        };
        self.sum = t;
    }

    pub fn value(self) -> f64 {
        self.sum + self.carry
    }
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
    hi + (lo - hi).exp_s().ln_1p_s()
}

/// ln 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, by its power series
/// summed with rescaling (the terms of a heavy buyer's likelihood exceed
/// f64 long before the sum converges). NaN if it does not converge.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    ln_hyp2f1_within(a, b, c, z, 200_000)
}

/// `ln_hyp2f1` summing at most `terms` terms: a likelihood search uses a
/// small bound so that a step into a region where the series crawls
/// (z near 1) costs little and is simply refused.
pub fn ln_hyp2f1_within(a: f64, b: f64, c: f64, z: f64, terms: usize) -> f64 {
    if !(0.0..1.0).contains(&z) || a <= 0.0 || b <= 0.0 || c <= 0.0 {
        return f64::NAN;
    }
    let (mut term, mut sum, mut scale) = (1.0f64, 1.0f64, 0.0f64);
    for k in 0..terms {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if sum > 1e200 {
            sum /= 1e200;
            term /= 1e200;
            scale += 200.0 * std::f64::consts::LN_10;
        }
        if term <= sum * 1e-16 {
            return sum.ln_s() + scale;
        }
    }
    f64::NAN
}

/// (1 − z)^e · 2F1(a, b; c; z)'s Euler form for the BG/NBD family's
/// conditional expectations: 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B;
/// C; z), so (1−z)^A 2F1(A, B; C; z) = (1−z)^(C−B) 2F1(C−A, C−B; C; z).
/// With A = r+x and B = b+x the direct series grows like n^x before it
/// converges (thousands of terms for a customer of 50 purchases); in Euler's
/// form C grows with x while C−A and C−B do not, so a heavy buyer's series
/// ends in a few terms, and nothing overflows. Requires c > 0; a and b may
/// be negative. NaN if it does not converge.
pub fn power_times_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || c <= 0.0 {
        return f64::NAN;
    }
    let (ca, cb) = (c - a, c - b);
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    for k in 0..200_000 {
        let k = k as f64;
        term *= (ca + k) * (cb + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if term.abs() <= sum.abs() * 1e-16 {
            return (cb * (-z).ln_1p_s()).exp_s() * sum;
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
    fn digamma_known_values() {
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-13);
        assert!((digamma(0.5) + euler + 2.0 * 2f64.ln()).abs() < 1e-13);
        assert!((digamma(10.0) - (7129.0 / 2520.0 - euler)).abs() < 1e-13);
        // The derivative of ln Γ, checked numerically where the series is not used.
        for x in [1e-3, 0.37, 3.3, 250.0] {
            let h = 1e-6 * x;
            let numeric = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(
                (digamma(x) - numeric).abs() < 1e-6 * (1.0 + numeric.abs()),
                "{x}"
            );
        }
    }

    #[test]
    fn eulers_form_equals_the_direct_series() {
        let cases: [(f64, f64, f64, f64); 4] = [
            (0.24, 2.43, 2.22, 0.92),
            (50.24, 52.43, 52.22, 0.4),
            (3.5, 1.2, 0.9, 0.7),
            (1.0, 1.0, 2.0, 0.5),
        ];
        for (a, b, c, z) in cases {
            let direct = (a * (-z).ln_1p() + ln_hyp2f1(a, b, c, z)).exp();
            let euler = power_times_hyp2f1(a, b, c, z);
            assert!(
                (euler - direct).abs() <= 1e-12 * direct.abs(),
                "{a} {b} {c} {z}: {euler} {direct}"
            );
        }
        assert!(power_times_hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
    }

    #[test]
    fn compensated_sums_keep_what_plain_ones_lose() {
        let mut sum = Sum::default();
        for v in [1e16, 1.0, -1e16, 1.0] {
            sum.add(v);
        }
        assert_eq!(sum.value(), 2.0);
        assert_eq!(1e16 + 1.0 - 1e16 + 1.0, 1.0, "plainly, one is lost");
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
