"""``coursekit check-data``: every problem listed with file, record and field; exit 1."""

import subprocess
import sys

import yaml

from coursekit.cli.main import main


def test_bundled_data_is_valid(capsys):
    assert main(["check-data"]) == 0
    assert "are valid" in capsys.readouterr().out


def test_broken_copy_lists_every_problem(data_copy, capsys):
    path = data_copy / "exercises.yaml"
    records = yaml.safe_load(path.read_text())
    records[0]["family"] = "yoga"
    records[1]["tempo"] = "fast"
    del records[2]["cues"]
    records[3]["progressions"] = [{"to": "nowhere-at-all", "axis": "load"}]
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    refs = data_copy / "references.yaml"
    refs.write_text(
        refs.read_text() + "- key: extra-note\n  citation: A note.\n  kind: rumour\n  fact: A fact.\n"
    )

    assert main(["check-data", str(data_copy)]) == 1
    out = capsys.readouterr().out
    ids = [r["id"] for r in records[:4]]
    assert f"data/exercises.yaml: record 0 ({ids[0]}): family:" in out
    assert f"data/exercises.yaml: record 1 ({ids[1]}): tempo:" in out
    assert f"data/exercises.yaml: record 2 ({ids[2]}): cues: missing field" in out
    assert f"data/exercises.yaml: record 3 ({ids[3]}): progressions[0].to: points to unknown exercise" in out
    assert "data/references.yaml: record" in out and "kind: must be one of" in out
    assert "5 problems in" in out


def test_command_line_entry_point_exits_one_on_bad_data(data_copy):
    (data_copy / "principles.yaml").write_text("- notebook: 99_x\n")
    out = subprocess.run(
        [sys.executable, "-m", "coursekit", "check-data", str(data_copy)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "data/principles.yaml: record 0 (99_x):" in out.stdout
    assert "Traceback" not in out.stderr


def test_missing_folder_is_a_problem_not_a_crash(tmp_path, capsys):
    assert main(["check-data", str(tmp_path / "nope")]) == 1
    assert "no such data folder" in capsys.readouterr().out
