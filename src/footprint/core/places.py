"""Osaka's codes, in one place (JIS X 0402 municipality and prefecture codes, names as in the data)."""

from __future__ import annotations

OSAKA_CODE = "27100"  # 大阪市, 5-digit municipality code (e-Stat / N03)
OSAKA_PREF_CODE = "27"  # 大阪府
OSAKA = "大阪市"  # the city as named in 家計調査, SSDSE and the city tables
OSAKA_PREF = "大阪府"
SAKAI_CODE = "27140"  # 堺市, the other designated city of the prefecture

# Designated cities whose wards appear separately in the N03 boundaries.
CITY_CODE_BY_NAME = {"大阪市": OSAKA_CODE, "堺市": SAKAI_CODE}
