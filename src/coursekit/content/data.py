"""Where the course data lives, and a safe YAML reader that names the file on error."""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
from collections.abc import Iterator
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
    package = Path(__file__).resolve().parents[1]  # src/coursekit/content -> src/coursekit
    packaged = package / "data"
    if (packaged / "principles.yaml").is_file():
        return packaged
    checkout = package.parents[1] / "data"  # src/coursekit -> repository root
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
    """Read one YAML file with the safe loader; errors name the file and the line.

    The parsed data of a file is kept in the parse cache (see :func:`cache_dir`), keyed by
    the file's exact text, so the next kernel reads it back as JSON instead of parsing the
    YAML again. Every caller gets its own fresh copy of the data.
    """
    path = Path(path)
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(name, "file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(name, f"cannot read the file ({err})") from None
    folder = cache_dir()
    if folder is None:
        return _parse_yaml(text, name)
    key = _cache_key(text)
    entry = folder / f"{key[:40]}.json"
    cached = _read_cache(entry, key)
    if cached is not _MISSING:
        return cached
    data = _parse_yaml(text, name)
    if _plain(data):
        _write_cache(folder, entry, key, data)
    return data


def _parse_yaml(text: str, name: str) -> Any:
    import yaml  # imported here: PyYAML is cheap, but only loaders need it

    # libyaml's safe loader when PyYAML was built with it (several times faster), else the
    # pure-Python one; both construct only plain data (never arbitrary objects).
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with gc_paused():
            return yaml.load(text, Loader=safe_loader)  # noqa: S506 - a safe loader, chosen above
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise DataFileError(name, f"not valid YAML{where}: {problem}") from None


# ---------------------------------------------------------------------------------------
# The parse cache
#
# Parsing YAML builds every value in Python code (even with libyaml), which is most of the
# time a notebook spends loading the catalog; reading the same data back as JSON is about
# twenty times faster. Entries are keyed by a hash of the file's text (and the parser), so
# an edited file can never be read from a stale entry; only plain data (mappings with text
# keys, lists, text, numbers, booleans, null) is cached, because only that survives JSON
# unchanged. Any problem with the cache (a read-only home, a damaged entry) just means the
# file is parsed again: the cache can make loading faster, never different.

ENV_CACHE = "COURSEKIT_CACHE"
CACHE_FORMAT = 1
CACHE_ENTRIES = 64  # the oldest entries beyond this are removed after each write
_OFF = {"", "0", "off", "no", "false", "none"}
_MISSING = object()


def cache_dir() -> Path | None:
    """Where parsed data files are cached, or None when caching is off.

    ``$COURSEKIT_CACHE`` names the folder (``off`` turns the cache off); by default it is
    ``coursekit`` in the user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``), apart
    from the learner's own files.
    """
    env = os.environ.get(ENV_CACHE)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "coursekit"


@lru_cache(maxsize=1)
def _parser_id() -> str:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return f"coursekit-yaml-cache {CACHE_FORMAT}; PyYAML {yaml.__version__}; {loader.__name__}"


def _cache_key(text: str) -> str:
    import hashlib

    digest = hashlib.sha256(_parser_id().encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _read_cache(entry: Path, key: str) -> Any:
    try:
        raw = entry.read_bytes()
    except OSError:
        return _MISSING
    try:
        with gc_paused():
            payload = json.loads(raw)
    except ValueError:  # a damaged entry: parse the file again (and overwrite the entry)
        return _MISSING
    if not isinstance(payload, dict) or payload.get("key") != key or "data" not in payload:
        return _MISSING
    return payload["data"]


def _write_cache(folder: Path, entry: Path, key: str, data: Any) -> None:
    import tempfile

    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"key": key, "data": data}, f, ensure_ascii=True, allow_nan=False)
        os.replace(tmp, entry)  # atomic: a reader sees the old entry, the new one, or none
        tmp = None
        _prune(folder)
    except (OSError, ValueError):
        pass  # no cache today; the data was parsed and is returned all the same
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    entries = []
    for p in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((p.stat().st_mtime_ns, p))
    if len(entries) > CACHE_ENTRIES:
        for _, p in sorted(entries)[: len(entries) - CACHE_ENTRIES]:
            with contextlib.suppress(OSError):
                p.unlink()


def _plain(data: Any) -> bool:
    """True when ``data`` comes back from JSON exactly as it is (iteratively: deep data is fine)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if value is None or isinstance(value, (str, bool, int)):
            continue
        if isinstance(value, float):
            if not math.isfinite(value):
                return False
        elif type(value) is list:
            stack.extend(value)
        elif type(value) is dict:
            if not all(type(k) is str for k in value):
                return False
            stack.extend(value.values())
        else:  # dates, sets, bytes, tuples ...: parse these files every time
            return False
    return True


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a loader builds plain, acyclic data.

    Parsed data and the models built from it have no reference cycles, yet building them
    makes the collector rescan every object again and again, which makes loading a large
    file slower than linear. Any cyclic garbage made meanwhile is collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
