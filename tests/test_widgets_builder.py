"""The routine builder and the wardrobe, driven from Python exactly as the buttons drive them."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from coursekit.engine.routines import Routine, load_example_routines
from coursekit.errors import InvalidModel
from coursekit.plots.timeline import routine_segments
from coursekit.widgets.builder import RoutineBuilder, WardrobeBuilder, duration_text

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def builder(catalog):
    return RoutineBuilder(catalog, figure=False)


def morning_three(builder):
    builder.rename("Morning three")
    for exercise in ("crocodile-breathing", "bird-dog", "glute-bridge"):
        builder.add(exercise)
    return builder


def test_starts_empty_with_a_stable_repr(builder):
    assert repr(builder) == "RoutineBuilder('My routine', morning, plan A, no items, 0 min)"
    assert builder._repr_mimebundle_()["text/plain"] == repr(builder)
    assert "no-breathing" in builder.report()


def test_add_changes_duration_critique_and_view(builder, catalog):
    morning_three(builder)
    assert repr(builder) == "RoutineBuilder('Morning three', morning, plan A, 3 items, 8 min)"
    assert builder.routine.duration_s(catalog) == builder.duration_s
    assert "No findings" in builder.report()
    assert "No findings" in builder.critique_html.value
    assert duration_text(builder.duration_s) in builder.duration_html.value
    assert [label for label, _ in builder.items_list.options][1].startswith("[1] Bird dog")
    assert builder.state.selected == 2


def test_move_remove_and_dose_edits(builder):
    morning_three(builder)
    before = builder.duration_s
    builder.move(2, 0)
    assert [it.exercise for it in builder.routine.items] == [
        "glute-bridge",
        "crocodile-breathing",
        "bird-dog",
    ]
    assert "phase-order" in builder.report() and "phase-order" in builder.critique_html.value
    builder.move(0, 2)
    assert "No findings" in builder.report()
    builder.set_dose(1, sets=3, reps=8)
    assert builder.routine.items[1].sets == 3 and builder.duration_s > before
    builder.set_tempo(1, "3-1-2-0")
    assert str(builder.routine.items[1].tempo) == "3-1-2-0"
    assert "tempo 3-1-2-0" in builder.report()
    builder.set_dose(2, hold_s=30)  # switch dose kind: reps and tempo cleared
    item = builder.routine.items[2]
    assert item.hold_s == 30 and item.reps is None and item.tempo is None
    builder.remove(0)
    assert len(builder.routine.items) == 2 and "no-breathing" in builder.report()


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda b: b.set_tempo(1, "3-1-2"), "item 1: tempo '3-1-2'"),
        (lambda b: b.set_dose(0, sets=0), "item 0: sets must be between 1 and 10"),
        (lambda b: b.set_dose(1, reps=8, hold_s=30), "give exactly one of reps, hold_s or breaths"),
        (lambda b: b.add("no-such-exercise"), "no-such-exercise"),
        (lambda b: b.remove(7), "there is no item 7"),
        (lambda b: b.filter(family="core"), "filter family='core'"),
        (lambda b: b.set_slot("lunchtime"), "Routine.slot must be one of"),
        (lambda b: b.set_plan("C"), "Routine.plan must be A (normal day) or B"),
        (lambda b: b.rename("   "), "Routine.name must be non-empty"),
        (lambda b: b.set_tempo(0, "3-1-2-0"), "a tempo only goes with reps"),
    ],
)
def test_a_wrong_value_shows_a_message_and_keeps_the_routine(builder, call, words):
    morning_three(builder)
    before = builder.routine
    call(builder)  # never raises
    assert words in builder.message.text
    assert 'role="alert"' in builder.message.value
    assert builder.routine == before
    builder.rename("Fine again")
    assert builder.message.text == ""


def test_learner_text_is_escaped_everywhere(builder, tmp_path):
    morning_three(builder)
    builder.rename(XSS)
    builder.export_json(tmp_path)
    builder.import_json(tmp_path / "no-such-file.json")
    for widget in (
        builder.title_html,
        builder.duration_html,
        builder.critique_html,
        builder.files_html,
        builder.message,
    ):
        assert "<img src=x" not in widget.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in builder.title_html.value
    wardrobe = WardrobeBuilder(builder, figure=False)
    wardrobe.add_current()
    assert "<img src=x" not in wardrobe.table_html.value + wardrobe.week_html.value


def test_filters_narrow_the_list_and_sync_the_dropdowns(builder):
    builder.filter(family="hinge", setting="office")
    ids = [ex.id for ex in builder.matches]
    assert ids and all(builder.catalog[i].family == "hinge" for i in ids)
    assert builder.filter_menus["family"].value == "hinge"
    assert [v for _, v in builder.matches_list.options] == ids
    builder.filter(family="any", text="bird")
    assert {ex.id for ex in builder.matches} >= {"bird-dog"}
    assert builder.filter_menus["family"].value == "any"


def test_controls_call_the_same_methods(builder):
    builder.filter(text="crocodile")
    builder.add_button.click()
    assert [it.exercise for it in builder.routine.items] == ["crocodile-breathing"]
    builder.name_text.value = "Typed name"
    assert builder.routine.name == "Typed name"
    builder.slot_menu.value = "office"
    builder.plan_toggle.value = "B"
    assert (builder.routine.slot, builder.routine.plan) == ("office", "B")
    builder.sets_box.value = 0
    builder.apply_button.click()
    assert "sets must be between" in builder.message.text


def test_export_import_round_trip(builder, tmp_path):
    morning_three(builder)
    builder.set_tempo(1, "3-1-2-0")
    path = builder.export_json(tmp_path / "out")
    assert path == tmp_path / "out" / "morning-three.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == builder.routine.to_dict()
    other = RoutineBuilder(builder.catalog, figure=False)
    other.import_json(path)
    assert other.routine == builder.routine
    assert str(path) in builder.files_html.value


def test_export_names_are_confined_to_the_folder(builder, tmp_path):
    folder = tmp_path / "a" / "b"
    builder.rename("../../x")
    path = builder.export_json(folder)
    assert path == folder / "x.json" and path.exists()
    assert not (tmp_path / "x.json").exists()
    builder.rename("/etc/passwd")
    assert builder.export_json(folder) == folder / "etc-passwd.json"


def test_import_of_a_bad_file_shows_a_message(builder, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"name": "x", "slot": "morning", "plan": "A", "items": [{"exercise": "bird-dog", "sets": 1}]}'
    )
    builder.import_json(bad)
    assert "bad.json" in builder.message.text and "item 0" in builder.message.text


def test_save_and_load_with_the_journal(builder, catalog):
    morning_three(builder)
    builder.save()
    assert builder.saved_names() == ["Morning three"]
    assert "Saved" in builder.message.text
    fresh = RoutineBuilder(catalog, figure=False)
    assert [v for _, v in fresh.saved_menu.options] == ["Morning three"]
    fresh.load("Morning three")
    assert fresh.routine == builder.routine
    fresh.load("Nothing")
    assert "no saved routine named 'Nothing'" in fresh.message.text


def test_without_a_journal_saving_explains(catalog):
    b = RoutineBuilder(catalog, journal=None, figure=False)
    b.save()
    assert "no journal" in b.message.text


def test_handout_writes_html_and_pdf(builder, tmp_path):
    morning_three(builder)
    html, pdf = builder.handout(tmp_path)
    assert html.name == "morning-three.html" and pdf.name == "morning-three.pdf"
    assert html.exists() and pdf.exists()
    assert "morning-three.pdf" in builder.files_html.value


def test_handout_without_pdf_writes_the_html_card_only(builder, tmp_path):
    morning_three(builder)
    html, pdf = builder.handout(tmp_path, pdf=False)
    assert pdf is None and [p.name for p in tmp_path.iterdir()] == ["morning-three.html"]
    assert "morning-three.html" in builder.files_html.value and ".pdf" not in builder.files_html.value
    assert builder.message.text == ""


def test_live_timeline_is_an_svg_with_alt_text(catalog):
    b = RoutineBuilder(catalog, load_example_routines(catalog)["morning-flow"], figure=True)
    value = b.timeline_html.value
    assert value.startswith("<svg") and 'aria-label="Timeline of the routine' in value
    root = ET.fromstring(value)
    assert root.get("role") == "img" and root.get("aria-label") == b.timeline_html.alt == b.timeline_alt()
    work = [s for s in routine_segments(b.routine, catalog) if s.kind == "work"]
    assert len(root.findall(".//svg:rect[@class='work']", SVG_NS)) == len(work)
    assert "Morning flow: " + duration_text(b.duration_s) in value
    b.rename("Cost $5 a day")
    assert b.message.text == "" and "Cost $5 a day" in b.timeline_html.value


def test_timeline_png_is_still_available_with_alt_text(catalog, close_figures):
    b = RoutineBuilder(catalog, load_example_routines(catalog)["morning-flow"], figure=False)
    assert b.timeline_html.value == ""
    b.rename("Cost $5 a day")  # a dollar sign must not break the figure title
    value = b.timeline_figure_html()
    assert value.startswith('<img src="data:image/png;base64,') and 'alt="Timeline of the routine' in value


def test_live_timeline_escapes_learner_text(catalog):
    b = RoutineBuilder(catalog, load_example_routines(catalog)["office-reset"], figure=True)
    b.rename(XSS)
    value = b.timeline_html.value
    assert XSS not in value and "&lt;img src=x onerror=alert(1)&gt;" in value
    ET.fromstring(value)
    b.clear()
    assert "no exercises yet" in b.timeline_html.value.lower()
    ET.fromstring(b.timeline_html.value)


def test_live_timeline_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "from coursekit.engine.routines import load_example_routines\n"
        "from coursekit.widgets.builder import RoutineBuilder\n"
        "b = RoutineBuilder(journal=None, figure=True)\n"
        "b.set_routine(load_example_routines(b.catalog)['morning-flow'])\n"
        "b.set_dose(1, sets=3)\n"
        "assert b.timeline_html.value.startswith('<svg')\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_every_control_has_a_label_and_class(builder):
    controls = [
        *builder.filter_menus.values(),
        builder.search_text,
        builder.matches_list,
        builder.add_button,
        builder.items_list,
        builder.remove_button,
        builder.up_button,
        builder.down_button,
        builder.sets_box,
        builder.kind_menu,
        builder.amount_box,
        builder.tempo_text,
        builder.rest_box,
        builder.side_box,
        builder.apply_button,
        builder.name_text,
        builder.slot_menu,
        builder.plan_toggle,
        builder.save_button,
        builder.saved_menu,
        builder.load_button,
        builder.folder_text,
        builder.export_button,
        builder.import_text,
        builder.import_button,
        builder.handout_button,
    ]
    for control in controls:
        assert control.description, control
        assert any(c.startswith("ck-") for c in control._dom_classes), control
    classes = {c for control in controls for c in control._dom_classes}
    assert {"ck-add", "ck-filter-family", "ck-items", "ck-routine-name"} <= classes
    assert "ck-duration" in builder.duration_html._dom_classes
    assert "ck-critique" in builder.critique_html._dom_classes


def test_wardrobe_collects_routines_and_plans_a_week(catalog):
    b = RoutineBuilder(catalog, figure=False)
    wardrobe = WardrobeBuilder(b, figure=False)
    assert repr(wardrobe) == "WardrobeBuilder(empty)"
    examples = load_example_routines(catalog)
    b.set_routine(examples["morning-flow"])
    wardrobe.add_current()
    wardrobe.put(examples["office-reset"])
    wardrobe.put(examples["flare-day"])
    assert repr(wardrobe) == "WardrobeBuilder(3 routines: morning A, morning B, office A)"
    week = wardrobe.week()
    assert week.count("rest") == 2 and "Morning flow" in str(week)
    assert "Morning flow" in wardrobe.table_html.value and "passes the critique" in wardrobe.report()
    assert "still empty" in wardrobe.report()
    assert list(wardrobe.load_table()["day"]) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    wardrobe.set_days(["Mon", "Wed"])
    assert wardrobe.week().count("rest") == 5
    wardrobe.edit("office", "A")
    assert b.routine.name == "Office reset"
    wardrobe.remove("office", "A")
    assert ("office", "A") not in wardrobe.pairs()


def test_wardrobe_refuses_custom_slots_with_a_message(catalog):
    wardrobe = WardrobeBuilder(catalog=catalog, figure=False)
    wardrobe.put(Routine.empty("Anything", "custom"))
    assert "choose one of those slots" in wardrobe.message.text
    wardrobe.set_days(["Someday"])
    assert "not a weekday" in wardrobe.message.text


def test_wardrobe_chart(catalog, close_figures):
    wardrobe = WardrobeBuilder(
        routines=[load_example_routines(catalog)["morning-flow"]], catalog=catalog, figure=True
    )
    assert (
        wardrobe.chart_html.value.startswith("<svg")
        and "minutes of exercise per day" in wardrobe.chart_html.value
    )
    assert wardrobe.chart_html.value == wardrobe.chart_svg()


def test_auto_figures_wait_for_a_browser_view(catalog):
    b = RoutineBuilder(catalog, load_example_routines(catalog)["office-reset"])
    assert b.timeline_html.value == ""  # no browser: nothing drawn, the run stays fast
    assert b.timeline_html.alt.startswith("Timeline of the routine")  # known before it is drawn
    b.timeline_html._view_count = 1  # what the browser reports when it shows the widget
    assert b.timeline_html.value.startswith("<svg")
    b.remove(0)
    assert "Timeline of the routine" in b.timeline_html.value


def test_wardrobe_chart_waits_for_a_view(catalog, close_figures):
    wardrobe = WardrobeBuilder(routines=[load_example_routines(catalog)["morning-flow"]], catalog=catalog)
    assert wardrobe.chart_html.value == "" and "minutes of exercise per day" in wardrobe.chart_html.alt
    wardrobe.chart_html._view_count = 1
    assert wardrobe.chart_html.value.startswith("<svg")
    assert wardrobe.builder.timeline_html.value == ""  # its own builder counts its own views


@pytest.mark.parametrize("figure", ["yes", None, 1, "True"])
def test_bad_figure_mode_is_refused(catalog, figure):
    with pytest.raises(InvalidModel, match="figure must be True, False or 'auto'"):
        RoutineBuilder(catalog, figure=figure)
    with pytest.raises(InvalidModel, match="figure must be True, False or 'auto'"):
        WardrobeBuilder(catalog=catalog, figure=figure)
