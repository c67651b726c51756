"""The reports' arithmetic on its own: quarters in the kommune's zone, quantiles from a histogram, shares."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime

import pytest

from medflow.domain.reports import YEAR, count_row, merged, quantile, quarter_bounds, quarter_of, share


def test_a_quarter_starts_at_the_kommunes_midnight_in_utc():
    bounds = quarter_bounds(2026)
    assert bounds[0] == datetime(2025, 12, 31, 23, tzinfo=UTC)  # winter time: UTC+1
    assert bounds[1] == datetime(2026, 3, 31, 22, tzinfo=UTC)  # summer time from 29 March: UTC+2
    assert bounds[4] == datetime(2026, 12, 31, 23, tzinfo=UTC)
    assert [quarter_of(date(2026, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]


@pytest.mark.parametrize("values", [[1], [3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 2, 2, 30, 5, 1, 0]])
def test_quantiles_from_a_histogram_agree_with_the_standard_library(values):
    histogram = {v: values.count(v) for v in set(values)}
    for q in (0.5, 0.9):
        expected = statistics.quantiles(values, n=10, method="inclusive")[int(q * 10) - 1] if len(values) > 1 \
            else values[0]
        assert quantile(histogram, q) == round(expected, 1)


def test_no_values_no_quantile_and_no_whole_no_share():
    assert quantile({}, 0.5) is None and quantile({4: 0}, 0.9) is None
    assert share(0, 0) is None and share(2, 3) == 66.7


def test_a_years_histogram_is_its_quarters_added_and_a_count_fills_empty_quarters():
    assert merged([{1: 2}, {1: 1, 5: 1}]) == {1: 3, 5: 1}
    row = count_row("opened", {2: 4})
    assert row.quarters() == [0, 4, 0, 0] and row.values[YEAR] == row.year == 4
    assert count_row("resolved", {1: 2, 2: 1}, 2).year == 2  # a case in two quarters counts once in the year
