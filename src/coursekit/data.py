"""Where the course data lives, and a safe YAML reader that names the file on error."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from coursekit.errors import DataFileError

ENV_DATA = "COURSEKIT_DATA"


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``path`` if given, else ``$COURSEKIT_DATA``, else the bundled data.

    In a wheel the data sits inside the package (``coursekit/data``); in a source checkout
    it is the repository's ``data/`` folder.
    """
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    return _bundled_data_dir()


@lru_cache(maxsize=1)
def _bundled_data_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / "principles.yaml").is_file():
        return packaged
    checkout = here.parents[1] / "data"  # src/coursekit -> repository root
    if (checkout / "principles.yaml").is_file():
        return checkout
    raise DataFileError(str(packaged), "the bundled course data is missing; reinstall the kit")


def display_path(path: Path) -> str:
    """A short, stable name for a data file in messages: ``data/exercises.yaml`` style."""
    path = Path(path)
    parts = path.parts
    if "data" in parts:
        i = len(parts) - 1 - parts[::-1].index("data")
        return "/".join(parts[i:])
    return str(path)


def load_yaml(path: str | os.PathLike[str]) -> Any:
    """Read one YAML file with the safe loader; errors name the file and the line."""
    import yaml  # imported here: PyYAML is cheap, but only loaders need it

    path = Path(path)
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(name, "file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(name, f"cannot read the file ({err})") from None
    # libyaml's safe loader when PyYAML was built with it (several times faster), else the
    # pure-Python one; both construct only plain data (never arbitrary objects).
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=safe_loader)  # noqa: S506 - a safe loader, chosen above
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise DataFileError(name, f"not valid YAML{where}: {problem}") from None
