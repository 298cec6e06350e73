"""The inputs sent both to CPython and to Pyodide (browser and Node): the case files' inputs as
JSON text, and a few texts no TOML case can hold."""

from __future__ import annotations

import json

from ..rules.cases import Case

# Texts no TOML case can hold: what a JSON parser or a decoder may treat differently.
EXTRA = {
    "malformed JSON": ("estimate", '{"event_date": "2024-06-01",'),
    "byte-order mark": ("estimate", '\ufeff{"event_date": "2024-06-01", "revenue": "100000000", "role": "backbone"}'),
    "JSON float that overflows": ("estimate", '{"event_date": "2024-06-01", "revenue": 1e400}'),
    "NaN literal": ("estimate", '{"event_date": "2024-06-01", "revenue": NaN}'),
    "exponent number": ("estimate", '{"event_date": "2024-06-01", "equipment_investment": 2.5E6, "town_revenue_rank": 1}'),
    "land with float area": ("land", '{"grade": 8, "area_m2": 20000.5, "supported_project": true}'),
    "duplicate keys": ("estimate", '{"event_date": "2024-06-01", "revenue": "1", "revenue": "600000000", "role": "backbone"}'),
    "non-BMP text": ("estimate", '{"event_date": "2024-06-01", "😀": 1}'),
    "empty text": ("land", ""),
    # Issue 19: answered with the same JSON by Pyodide, at once.
    "huge exponent": ("estimate", '{"event_date": "2025-06-30", "town_revenue_rank": 1E+10000000}'),
    "5000-digit integer": ("estimate", '{"event_date": "2025-06-30", "revenue": 1' + "0" * 5000 + "}"),
    "deep nesting": ("estimate", "[" * 100_000),
    "lone surrogate key": ("estimate", '{"\\ud800": 1}'),
    "minus zero": ("land", '{"grade": 8, "area_m2": "100", "total_cost": "-0"}'),
    "land before the national standard": ("land", '{"grade": 8, "area_m2": "10000", "event_date": "2006-12-31"}'),
}


def case_text(case: Case) -> str:
    return json.dumps(case.input, ensure_ascii=False)
