"""The family and region coverage chart."""

from __future__ import annotations

import pytest

from coursekit.content import enums
from coursekit.engine.coverage import coverage
from coursekit.errors import InvalidModel
from coursekit.plots.coverage import coverage_chart, coverage_rows
from factories import good_routine, synthetic_catalog

CAT = synthetic_catalog()


def test_rows_list_every_family_then_every_region():
    rows = coverage_rows(coverage(good_routine(), CAT))
    assert [r.name for r in rows] == list(enums.FAMILIES) + list(enums.REGIONS)
    by_name = {r.name: r for r in rows}
    assert by_name["breathing"].count == 1 and not by_name["breathing"].missing
    assert by_name["carry"].missing and by_name["carry"].label == "carry"
    assert by_name["feet_ankles"].label == "feet ankles"


def test_rows_need_a_coverage():
    with pytest.raises(InvalidModel):
        coverage_rows({"families": 1})


def test_chart_marks_missing_rows(close_figures):
    cov = coverage(good_routine(), CAT)
    ax = coverage_chart(cov)
    n_rows = len(enums.FAMILIES) + len(enums.REGIONS)
    assert len(ax.patches) == n_rows
    n_missing = len(cov.missing.families) + len(cov.missing.regions)
    assert [t.get_text() for t in ax.texts].count("missing") == n_missing
    assert ax.get_xlabel() == "number of items"
    assert ax.get_ylabel()
    assert ax.get_title().startswith("Coverage of 5 items:")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "breathing" and "whole body" in labels


def test_chart_of_nothing_and_given_axes(close_figures):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    empty = coverage([], CAT)
    assert coverage_chart(empty, ax=ax) is ax
    assert [t.get_text() for t in ax.texts].count("missing") == len(enums.FAMILIES) + len(enums.REGIONS)
