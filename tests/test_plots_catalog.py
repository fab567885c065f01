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


# -- the SVG picture (notebook 00)


def test_catalog_counts_svg_has_a_segment_per_family_and_phase(catalog):
    import xml.etree.ElementTree as ET

    from coursekit.plots.catalog import catalog_counts_alt, catalog_counts_svg, family_phase_counts

    text = catalog_counts_svg(catalog)
    root = ET.fromstring(text)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    table = family_phase_counts(catalog)
    segments = root.findall(".//svg:rect[@class='segment']", ns)
    assert len(segments) == sum(1 for row in table.values() for n in row.values() if n)
    tips = [s.find("svg:title", ns).text for s in segments]
    assert f"breathing: {table['breathing']['soften']} soften" in tips
    assert root.get("role") == "img" and root.get("aria-label") == catalog_counts_alt(catalog)
    words = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for fam, row in table.items():
        assert str(sum(row.values())) in words  # each bar's total is written at its end
    assert words.count("soften") == 1 and "Number of exercises" in words
    assert text == catalog_counts_svg(catalog)  # deterministic: nbval compares it


def test_catalog_counts_svg_widths_follow_the_counts():
    import xml.etree.ElementTree as ET

    from coursekit.plots.catalog import catalog_counts_svg

    text = catalog_counts_svg({"breathing": {"soften": 4}, "hinge": {"organize": 2, "strengthen": 2}})
    ns = {"svg": "http://www.w3.org/2000/svg"}
    widths = [float(r.get("width")) for r in ET.fromstring(text).findall(".//svg:rect[@class='segment']", ns)]
    assert len(widths) == 3 and abs(widths[0] - 2 * widths[1]) < 0.2 and abs(widths[1] - widths[2]) < 0.2


def test_catalog_counts_svg_rejects_bad_input():
    from coursekit.plots.catalog import catalog_counts_svg

    with pytest.raises(InvalidModel, match="at least one exercise"):
        catalog_counts_svg([])
    with pytest.raises(InvalidModel, match="width"):
        catalog_counts_svg({"breathing": {"soften": 1}}, width=10)
    text = catalog_counts_svg({"breathing": {"soften": 1}}, title="<i>x</i>")
    assert "<i>" not in text and "&lt;i&gt;x&lt;/i&gt;" in text
