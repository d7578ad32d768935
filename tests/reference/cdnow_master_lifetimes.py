#!/usr/bin/env python3
"""Reference BG/NBD, Pareto/NBD and Gamma-Gamma figures from the Python
library `lifetimes` 0.11.3 for the full CDNOW master data set.

Usage (from the repository root, in a virtualenv that has lifetimes):
    python3 -m venv /tmp/ltenv
    /tmp/ltenv/bin/pip install lifetimes==0.11.3 "numpy<2" "pandas<2.0" \
        "scipy<1.12" autograd dill
    /tmp/ltenv/bin/python tests/reference/cdnow_master_lifetimes.py \
        > tests/reference/cdnow_master_lifetimes.json

Versions used to produce cdnow_master_lifetimes.json (Python 3.11.7):
    Lifetimes 0.11.3, numpy 1.26.4, pandas 1.5.3, scipy 1.11.4,
    autograd 1.9.1, dill 0.4.1
(lifetimes 0.11.3 needs pandas < 2 and works with numpy 1.26 / scipy 1.11;
the exact versions are also printed under "versions" in the JSON.)

Inputs:
    tests/data/CDNOW_master.txt   whitespace-aligned, header line,
        customer_id date(YYYYMMDD) number_of_cds dollar_value
        (69,659 rows, 23,570 customers)
    tests/data/cdnow_sample.csv   customer_id,date(YYYY-MM-DD),amount
        (the 2,357-customer CDNOW sample), used as a sanity check only.

Calibration / holdout construction (lifetimes.utils.calibration_and_holdout_data):
    calibration_period_end='1997-09-30' (inclusive),
    observation_period_end='1998-06-30', freq='D', freq_multiplier=7.
    Transactions of one customer on the same day are merged into one
    (lifetimes groups by (day, customer) and sums the money), so
    frequency_cal = number of distinct purchase days in calibration - 1,
    recency_cal  = (last purchase day - first purchase day) / 7  (weeks),
    T_cal        = (1997-09-30 - first purchase day) / 7         (weeks),
    monetary_value_cal = mean of the per-day totals of the repeat purchase
                  days in calibration (0 when frequency_cal == 0),
    frequency_holdout = number of distinct purchase days in
                  (1997-09-30, 1998-06-30].
    All CDNOW customers made their first purchase in Q1 1997, so every
    customer is a calibration customer.

Fits: BetaGeoFitter, ParetoNBDFitter and GammaGammaFitter, all with
penalizer_coef=0.0 and default fit options.  ParetoNBDFitter starts its
Nelder-Mead search from random initial parameters (np.random.normal(1, .05)),
so the numpy global seed is fixed (np.random.seed(0)) before each Pareto fit
to make the output reproducible.  Gamma-Gamma is fitted on the calibration
customers with frequency_cal > 0 and monetary_value_cal > 0.

"pareto_nbd_polished" is an extra, not a lifetimes default output: the
lifetimes Pareto/NBD fit (Nelder-Mead, tol=1e-4, random start) is only good
to about 1e-4 relative in the parameters (different seeds move beta by ~3e-4
relative, the log-likelihood by ~1e-8 relative), so the script also re-runs
Nelder-Mead with tight tolerances on lifetimes' own likelihood, started from
the lifetimes fit, and reports that optimum.  (BG/NBD and Gamma-Gamma use
BFGS with tol=1e-7 and agree with a tight re-optimisation to ~1e-6.)

Log-likelihoods: lifetimes rescales time internally (recency and T are
multiplied by 1/max(T) before fitting) and its stored
`_negative_log_likelihood_` is (a) for that rescaled time and (b) a mean per
customer for BG/NBD (divided by weights.sum()) but a total for Pareto/NBD
(divided by weights.mean() == 1).  So neither stored value is the total
log-likelihood in weeks.  The "log_likelihood" figures below are therefore
recomputed: the fitted parameters (in weeks) are plugged into lifetimes' own
per-customer likelihood code on the unscaled data (recency, T in weeks) and
summed over customers:
    BG/NBD:     -BetaGeoFitter._negative_log_likelihood(log(params), x, t_x, T,
                    ones, 0) * n        (that function returns the mean)
    Pareto/NBD: ParetoNBDFitter._conditional_log_likelihood(params, x, t_x, T).sum()
As a cross-check, the script asserts that these equal the stored scaled-time
values shifted by the Jacobian term sum(x) * log(scale):
    LL_weeks = LL_scaled + sum(x) * log(scale)

Output: one JSON object on stdout (full float precision via repr).  Fit
timings are written to stderr only, so that the JSON is deterministic.
"""

import json
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy.optimize import minimize
import autograd
import dill
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from lifetimes.utils import calibration_and_holdout_data

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
MASTER = os.path.join(DATA, "CDNOW_master.txt")
SAMPLE = os.path.join(DATA, "cdnow_sample.csv")

CAL_END = "1997-09-30"
OBS_END = "1998-06-30"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def version_of(mod):
    v = getattr(mod, "__version__", None)
    if v is None:
        try:
            from importlib.metadata import version
            v = version(mod.__name__)
        except Exception:  # pragma: no cover
            v = "unknown"
    return v


def bgnbd_total_ll(bgf, x, tx, T):
    """Total BG/NBD log-likelihood in the data's own time unit (weeks)."""
    p = bgf.params_
    log_params = np.log(np.array([p["r"], p["alpha"], p["a"], p["b"]]))
    x = np.asarray(x).astype(int)
    tx = np.asarray(tx, dtype=float)
    T = np.asarray(T, dtype=float)
    w = np.ones_like(tx, dtype=int)
    mean_nll = BetaGeoFitter._negative_log_likelihood(log_params, x, tx, T, w, 0.0)
    ll = -float(mean_nll) * len(x)
    # cross-check against lifetimes' stored (scaled-time, mean) value
    ll_scaled = -float(bgf._negative_log_likelihood_) * len(x)
    shifted = ll_scaled + x.sum() * np.log(bgf._scale)
    assert abs(shifted - ll) <= 1e-6 * abs(ll), (shifted, ll)
    return ll


def pareto_total_ll(pnbd, x, tx, T):
    """Total Pareto/NBD log-likelihood in the data's own time unit (weeks)."""
    p = pnbd.params_
    params = np.array([p["r"], p["alpha"], p["s"], p["beta"]])
    x = np.asarray(x).astype(int)
    tx = np.asarray(tx, dtype=float)
    T = np.asarray(T, dtype=float)
    ll = float(ParetoNBDFitter._conditional_log_likelihood(params, x, tx, T).sum())
    # cross-check against lifetimes' stored (scaled-time, total) value
    ll_scaled = -float(pnbd._negative_log_likelihood_)
    shifted = ll_scaled + x.sum() * np.log(pnbd._scale)
    assert abs(shifted - ll) <= 1e-6 * abs(ll), (shifted, ll)
    return ll


def timed(label, fn):
    t0 = time.perf_counter()
    out = fn()
    log("%s: %.2f s" % (label, time.perf_counter() - t0))
    return out


def fit_bgnbd(cal, label):
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    timed(label + " BG/NBD fit", lambda: bgf.fit(cal["frequency_cal"], cal["recency_cal"], cal["T_cal"]))
    p = bgf.params_
    return bgf, {
        "r": float(p["r"]),
        "alpha": float(p["alpha"]),
        "a": float(p["a"]),
        "b": float(p["b"]),
        "log_likelihood": bgnbd_total_ll(bgf, cal["frequency_cal"], cal["recency_cal"], cal["T_cal"]),
    }


def fit_pareto(cal, label):
    pnbd = ParetoNBDFitter(penalizer_coef=0.0)
    np.random.seed(0)  # lifetimes draws random initial parameters
    timed(label + " Pareto/NBD fit", lambda: pnbd.fit(cal["frequency_cal"], cal["recency_cal"], cal["T_cal"]))
    p = pnbd.params_
    return pnbd, {
        "r": float(p["r"]),
        "alpha": float(p["alpha"]),
        "s": float(p["s"]),
        "beta": float(p["beta"]),
        "log_likelihood": pareto_total_ll(pnbd, cal["frequency_cal"], cal["recency_cal"], cal["T_cal"]),
    }


def polish_pareto(pnbd, cal):
    """NOT a lifetimes default output: lifetimes' Pareto/NBD fit is a
    Nelder-Mead search with tol=1e-4 from a random start, so its parameters
    are only good to roughly 1e-4 relative.  This re-runs Nelder-Mead on
    lifetimes' own total log-likelihood (weeks, log-parameters), started from
    the lifetimes fit, with tight tolerances, to show where the optimum is."""
    x = cal["frequency_cal"].values.astype(int)
    tx = cal["recency_cal"].values.astype(float)
    T = cal["T_cal"].values.astype(float)

    def nll(lp):
        return -ParetoNBDFitter._conditional_log_likelihood(np.exp(lp), x, tx, T).sum()

    p = pnbd.params_
    x0 = np.log(np.array([p["r"], p["alpha"], p["s"], p["beta"]]))
    res = minimize(nll, x0, method="Nelder-Mead",
                   options=dict(xatol=1e-10, fatol=1e-9, maxiter=20000, maxfev=20000))
    r, alpha, s, beta = np.exp(res.x)
    return {"r": float(r), "alpha": float(alpha), "s": float(s), "beta": float(beta),
            "log_likelihood": float(-res.fun)}


def fit_gg(cal, label):
    rep = cal[(cal["frequency_cal"] > 0) & (cal["monetary_value_cal"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    timed(label + " Gamma-Gamma fit", lambda: ggf.fit(rep["frequency_cal"], rep["monetary_value_cal"]))
    p = ggf.params_
    return ggf, {
        "p": float(p["p"]),
        "q": float(p["q"]),
        "v": float(p["v"]),
        "customers": int(len(rep)),
    }


def load_master():
    df = pd.read_csv(
        MASTER,
        sep=r"\s+",
        dtype={"customer_id": str, "date": str, "number_of_cds": int, "dollar_value": float},
    )
    df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    assert len(df) == 69659, len(df)
    assert df["customer_id"].nunique() == 23570
    return df


def load_sample():
    df = pd.read_csv(SAMPLE, dtype={"customer_id": str, "date": str, "amount": float})
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df


def cal_holdout(df, money_col):
    return calibration_and_holdout_data(
        df,
        "customer_id",
        "date",
        calibration_period_end=CAL_END,
        observation_period_end=OBS_END,
        freq="D",
        freq_multiplier=7,
        monetary_value_col=money_col,
    )


def main():
    out = {
        "versions": {
            "python": sys.version.split()[0],
            "lifetimes": version_of(lifetimes),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scipy": scipy.__version__,
            "autograd": version_of(autograd),
            "dill": version_of(dill),
        }
    }

    # ---- sanity check on the 2,357-customer CDNOW sample -------------------
    sample = load_sample()
    scal = cal_holdout(sample, "amount")
    assert len(scal) == 2357, len(scal)
    _, s_bg = fit_bgnbd(scal, "sample")
    # Published (Fader, Hardie & Lee 2005; lifetimes docs) figures
    for k, v in {"r": 0.2426, "alpha": 4.4136, "a": 0.7929, "b": 2.4259}.items():
        assert abs(s_bg[k] - v) < 5e-4, (k, s_bg[k], v)
    out["sample_bgnbd"] = dict(s_bg, customers=int(len(scal)))

    # ---- full master data ---------------------------------------------------
    df = load_master()
    cal = timed("master calibration/holdout", lambda: cal_holdout(df, "dollar_value"))
    n = int(len(cal))
    out["calibration_customers"] = n

    bgf, out["bgnbd"] = fit_bgnbd(cal, "master")
    pnbd, out["pareto_nbd"] = fit_pareto(cal, "master")
    out["pareto_nbd_polished"] = timed("master Pareto/NBD polish", lambda: polish_pareto(pnbd, cal))
    ggf, out["gamma_gamma"] = fit_gg(cal, "master")

    holdout_days = (pd.Timestamp(OBS_END) - pd.Timestamp(CAL_END)).days
    holdout_weeks = holdout_days / 7.0
    assert np.allclose(cal["duration_holdout"], holdout_weeks)
    out["holdout_weeks"] = holdout_weeks

    expected = bgf.conditional_expected_number_of_purchases_up_to_time(
        holdout_weeks, cal["frequency_cal"], cal["recency_cal"], cal["T_cal"]
    )
    out["bgnbd_expected_holdout_total"] = float(np.sum(expected))
    out["actual_holdout_total"] = float(cal["frequency_holdout"].sum())
    p_alive = bgf.conditional_probability_alive(cal["frequency_cal"], cal["recency_cal"], cal["T_cal"])
    out["bgnbd_p_alive_sum"] = float(np.sum(p_alive))
    spend = ggf.conditional_expected_average_profit(cal["frequency_cal"], cal["monetary_value_cal"])
    out["gg_expected_spend_mean"] = float(np.mean(spend))

    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
