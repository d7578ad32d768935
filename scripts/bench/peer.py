"""The peer: what an analyst would run instead of Tierlens, with pandas and
lifetimes 0.11.3. Reads the CSV, builds the RFM summary, quintile scores and
the Pareto share, fits BG/NBD and Gamma-Gamma and predicts 12-month CLV.
Prints one JSON line. Usage: python peer.py FILE.csv"""
import json
import sys
import time

start = time.time()
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

log = pd.read_csv(sys.argv[1], parse_dates=["date"], dtype={"customer_id": str})
end = log["date"].max()
summary = summary_data_from_transaction_data(
    log, "customer_id", "date", monetary_value_col="amount",
    observation_period_end=end, freq="D")
revenue = log.groupby("customer_id")["amount"].sum().sort_values(ascending=False)
top = int(len(revenue) * 0.2 + 0.999)
top20_share = revenue.iloc[:top].sum() / revenue.sum()
last = log.groupby("customer_id")["date"].max()
quintile = lambda s: pd.qcut(s.rank(method="first"), 5, labels=False) + 1
rfm = pd.DataFrame({"r": quintile(last), "f": quintile(summary["frequency"]), "m": quintile(revenue)})
bgnbd = BetaGeoFitter(penalizer_coef=0.0)
bgnbd.fit(summary["frequency"], summary["recency"], summary["T"])
# Gamma-Gamma needs a positive mean spend; CDNOW has zero-amount orders.
repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
gamma_gamma = GammaGammaFitter(penalizer_coef=0.0)
gamma_gamma.fit(repeat["frequency"], repeat["monetary_value"])
clv = gamma_gamma.customer_lifetime_value(
    bgnbd, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"],
    time=12, freq="D", discount_rate=0.01)
print(json.dumps({
    "customers": len(summary),
    "rows": len(log),
    "top20_share": round(float(top20_share), 6),
    "rfm_cells": int(rfm.value_counts().size),
    "clv_total": round(float(clv.sum()), 2),
    "seconds": round(time.time() - start, 3),
}))
