#!/usr/bin/env python3
"""Baseline for bench/b_screen.sh: the screening rule of issue 4 in pandas.

Reads the ledgers exported from a demo store as CSV (household.csv,
person.csv, income.csv, episode.csv in the directory given), and applies
the same rule as `dixian screen`: tested income (net + 理赔 - 合规自付) per
counted member, strictly below the monitoring line, category by 户类型
(脱贫户 -> 脱贫不稳定户, 一般户 -> 边缘易致贫户); households under an active
episode (not eliminated, not ended, as of the year's end) are left out.
Prints the number of households per category, then writes the list.
"""
import sys

import pandas as pd

d, year, line, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
as_of = "%04d-12-31" % year

hh = pd.read_csv(d + "/household.csv", usecols=["id", "hh_no", "area_code", "kind"],
                 dtype={"hh_no": str, "area_code": str})
person = pd.read_csv(d + "/person.csv", usecols=["household_id", "counted", "health",
                                                 "labour", "school"])
inc = pd.read_csv(d + "/income.csv")
ep = pd.read_csv(d + "/episode.csv", dtype={"eliminated_on": str, "ended_on": str})

members = person[person["counted"] == 1].groupby("household_id").size().rename("members")
cur = inc[inc["year"] == year].copy()
cur["net"] = cur["wage"] + cur["business"] + cur["property"] + cur["transfer"] - cur["business_cost"]
cur["tested"] = cur["net"] + cur["claims"] - cur["oop"]

ep = ep[ep["identified_on"] <= as_of].sort_values(["household_id", "identified_on", "id"])
last = ep.groupby("household_id").tail(1)
active = last[(last["eliminated_on"].isna() | (last["eliminated_on"] > as_of)) &
              (last["ended_on"].isna() | (last["ended_on"] > as_of))]["household_id"]

t = hh.merge(members, left_on="id", right_index=True, how="left")
t = t.merge(cur[["household_id", "net", "tested"]], left_on="id", right_on="household_id",
            how="left")
t = t[~t["id"].isin(active) & (t["members"] > 0) & t["tested"].notna()]
t["tested_pc"] = (t["tested"] / t["members"]).round() / 100.0
below = t[t["tested_pc"] < line].copy()
below["category"] = below["kind"].map({"脱贫户": "脱贫不稳定户", "一般户": "边缘易致贫户"})
below = below.sort_values(["area_code", "hh_no"])
below[["hh_no", "area_code", "kind", "tested_pc", "category"]].to_csv(out, index=False)
print(below["category"].value_counts().to_dict())
