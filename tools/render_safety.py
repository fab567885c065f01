"""Write the red-flag texts of README.md and docs/teaching.md from data/red_flags.yaml.

The blocks sit between ``<!-- red-flags:NAME -->`` and ``<!-- /red-flags:NAME -->`` markers;
tests/test_safety_renderings.py fails when they drift from the data. Run after editing the data:

    .venv/bin/python tools/render_safety.py
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

from coursekit import safety

ROOT = Path(__file__).resolve().parents[1]


def blocks() -> dict[str, str]:
    """The rendered block for each marker name."""
    summary = textwrap.fill(f"**Safety first.** {safety.summary()} Notebook 00 explains why.", 92)
    return {
        "summary": "\n".join(f"> {line}" for line in summary.splitlines()),
        "table": safety.table().markdown(),
    }


def render(text: str) -> str:
    """``text`` with every marked block replaced by its rendering."""
    for name, body in blocks().items():
        pattern = re.compile(rf"(<!-- red-flags:{name} -->)\n(?:.*?\n)?(<!-- /red-flags:{name} -->)", re.S)
        text = pattern.sub(lambda m, body=body: f"{m.group(1)}\n{body}\n{m.group(2)}", text)
    return text


def main() -> int:
    for name in ("README.md", "docs/teaching.md"):
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{name}: red-flag texts rewritten from data/red_flags.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
