"""Catalog figures: family x phase stacked bars and compensation counts."""

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from tests.factories import synthetic_catalog  # noqa: E402

from coursekit import plots  # noqa: E402
from coursekit.errors import InvalidModel  # noqa: E402
from coursekit.plots.catalog import family_phase_counts  # noqa: E402

pytestmark = pytest.mark.usefixtures("close_figures")


def test_family_phase_counts_from_catalog_and_crosstab():
    cat = synthetic_catalog()
    table = family_phase_counts(cat)
    assert list(table)[0] == "breathing" and table["hinge"] == {"soften": 0, "organize": 2, "strengthen": 1}
    assert sum(sum(r.values()) for r in table.values()) == len(cat)
    import pandas as pd

    frame = cat.to_frame()
    assert family_phase_counts(pd.crosstab(frame.family, frame.phase)) == table


def test_catalog_counts_draws_stacked_bars_with_hatches():
    cat = synthetic_catalog()
    ax = plots.catalog_counts(cat)
    families = family_phase_counts(cat)
    assert len(ax.patches) == 3 * len(families)
    assert ax.get_xlabel() == "Number of exercises" and ax.get_ylabel() == "Movement family"
    assert ax.get_title()
    assert {p.get_hatch() for p in ax.patches} >= {"//", "xx"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["soften", "organize", "strengthen"]


def test_catalog_counts_uses_the_given_axes_vertical():
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    ax = plots.catalog_counts(synthetic_catalog(), ax=given, horizontal=False)
    assert ax is given and ax.get_xlabel() == "Movement family"


def test_compensation_counts_from_catalog_and_mapping():
    ax = plots.compensation_counts({"rib_flare": 2, "gripping": 5})
    assert len(ax.patches) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gripping", "rib flare"]
    assert ax.get_xlabel() and ax.get_ylabel() == "Compensation"
    ax2 = plots.compensation_counts(synthetic_catalog())
    assert len(ax2.patches) == 1


def test_empty_data_raises():
    with pytest.raises(InvalidModel):
        plots.catalog_counts([])
    with pytest.raises(InvalidModel):
        plots.compensation_counts({})
