"""Reading and writing files: raw files (checksummed), user-supplied tables, atomic writes.

Raw files under ``data/raw/`` are immutable: every one is listed in ``data/raw/MANIFEST.csv``
with its sha256, source, edition, licence, attribution and the date it was obtained. Loading a
raw file verifies its checksum first and refuses a modified file. Nothing here writes to
``data/raw/``.

Bad input raises :class:`footprint.errors.DataFileError`, whose message names the file, the row
(as a 1-based line number of the file, the header being line 1), what was expected and what
was found.
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from footprint.core import paths
from footprint.core.errors import DataFileError
from footprint.core.schema import Column, validate

MANIFEST_COLUMNS = (
    "path",
    "sha256",
    "bytes",
    "source",
    "edition",
    "licence",
    "attribution",
    "obtained",
    "status",
    "description",
)
ENCODINGS = ("utf-8-sig", "cp932")


# --------------------------------------------------------------------------------------------
# checksums and the manifest
# --------------------------------------------------------------------------------------------


def sha256_file(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_manifest(manifest: Path | None = None) -> pd.DataFrame:
    """The raw-data manifest as a table (one row per raw file)."""
    manifest = manifest or paths.RAW_MANIFEST
    if not manifest.exists():
        raise DataFileError(manifest, "the raw-data manifest", "no such file")
    st = manifest.stat()
    return _read_manifest(str(manifest), st.st_mtime_ns, st.st_size).copy()


@lru_cache(maxsize=8)
def _read_manifest(manifest: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Parsed once per process and file version (every raw read checks the manifest)."""
    df = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    missing = [c for c in MANIFEST_COLUMNS if c not in df.columns]
    if missing:
        raise DataFileError(manifest, f"columns {list(MANIFEST_COLUMNS)}", f"missing {missing}")
    dup = df["path"].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise DataFileError(manifest, "each path listed once", f"{df['path'].iloc[i]!r} again", row=i + 2)
    return df


def manifest_entry(relpath: str, manifest: Path | None = None) -> pd.Series:
    manifest_path = manifest or paths.RAW_MANIFEST
    if manifest_path.exists():  # fast path: the row by position in the parsed manifest (no copy, no scan)
        st = manifest_path.stat()
        key = (str(manifest_path), st.st_mtime_ns, st.st_size)
        pos = _manifest_rows(*key).get(relpath)
        if pos is not None:
            return _read_manifest(*key).iloc[pos]
    m = read_manifest(manifest)
    hit = m[m["path"] == relpath]
    if hit.empty:
        close = difflib.get_close_matches(relpath, m["path"].tolist(), n=3)
        raise DataFileError(
            manifest or paths.RAW_MANIFEST,
            f"an entry for {relpath!r}",
            "none",
            hint=f"close matches: {close}" if close else "add the file with tools/register_raw.py",
        )
    return hit.iloc[0]


@lru_cache(maxsize=8)
def _manifest_rows(manifest: str, mtime_ns: int, size: int) -> dict[str, int]:
    """``{path: row position}`` of the parsed manifest (paths are unique: :func:`_read_manifest` checks)."""
    return {p: i for i, p in enumerate(_read_manifest(manifest, mtime_ns, size)["path"])}


def verify_raw(relpath: str, *, raw_dir: Path | None = None, manifest: Path | None = None) -> Path:
    """Check a raw file against its manifest checksum and return its absolute path."""
    raw_dir = raw_dir or paths.RAW
    entry = manifest_entry(relpath, manifest)
    p = raw_dir / relpath
    shown = f"data/raw/{relpath}"  # its name in the project, wherever the raw folder lies
    if not p.exists():
        raise DataFileError(shown, "the raw file listed in the manifest", "no such file",
                            hint=f"restore it with `git checkout -- {shown}`")
    digest = _cached_sha256(str(p), p.stat().st_mtime_ns, p.stat().st_size)
    if digest != entry["sha256"]:
        raise DataFileError(
            shown,
            f"sha256 {entry['sha256']} (data/raw/MANIFEST.csv)",
            f"sha256 {digest}: the raw file was modified; restore it with `git checkout -- {shown}`",
        )
    return p


@lru_cache(maxsize=64)
def _cached_sha256(path: str, mtime_ns: int, size: int) -> str:
    return sha256_file(path)


def raw_checksums(manifest: Path | None = None) -> dict[str, str]:
    """``{path: sha256}`` of every raw file, as recorded in the manifest (for run manifests)."""
    m = read_manifest(manifest)
    return dict(zip(m["path"], m["sha256"], strict=True))


# --------------------------------------------------------------------------------------------
# reading CSV files
# --------------------------------------------------------------------------------------------


def _encoding(raw: bytes, file: Path | str) -> str:
    """The first of :data:`ENCODINGS` that decodes ``raw`` completely."""
    for enc in ENCODINGS:
        try:
            raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    raise DataFileError(file, "text encoded as UTF-8 or cp932 (Shift_JIS)", "bytes in neither encoding")


def read_csv_text(path: str | os.PathLike[str], **kwargs) -> pd.DataFrame:
    """Read a CSV (optionally gzip) as UTF-8 or cp932, whichever decodes; errors name the file."""
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, "a CSV file", "no such file")
    raw = p.read_bytes()
    if p.suffix == ".gz":
        raw = gzip.decompress(raw)
    enc = _encoding(raw, p)
    try:  # parsed from the bytes in the encoding that decodes them (faster than from a str)
        return pd.read_csv(io.BytesIO(raw), encoding=enc, **kwargs)
    except pd.errors.ParserError as e:  # malformed rows: report pandas' line number
        raise DataFileError(p, "a well-formed CSV table", str(e)) from None
    except pd.errors.EmptyDataError:
        raise DataFileError(p, "a CSV table with a header row", "an empty file") from None


def read_raw_csv(relpath: str, schema: Sequence[Column] | None = None, **kwargs) -> pd.DataFrame:
    """Read a checksummed raw file from ``data/raw/`` (verified first), optionally validated."""
    p = verify_raw(relpath)
    df = read_csv_text(p, **kwargs)
    return validate(df, schema, p) if schema else df


def read_user_csv(path: str | os.PathLike[str], schema: Sequence[Column], **kwargs) -> pd.DataFrame:
    """Read a table a researcher supplies (UTF-8 or cp932), validated against ``schema``."""
    p = paths.resolve(path)
    return validate(read_csv_text(p, **kwargs), schema, p)



# --------------------------------------------------------------------------------------------
# atomic writes: nothing already written is lost or half-written
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    On any error the temporary file is removed and ``target`` keeps its previous content.
    Refuses to write into ``data/raw/``.
    """
    target = Path(target)
    if target.resolve().is_relative_to(paths.RAW.resolve()):
        raise PermissionError(f"{target}: data/raw/ is immutable; write outputs to data/processed/ or reports/")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_csv(df: pd.DataFrame, target: str | os.PathLike[str], **kwargs) -> Path:
    """Write a table atomically, with a deterministic float format and no index by default."""
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    with atomic_path(target) as tmp:
        df.to_csv(tmp, **kwargs)
    return Path(target)


def write_text(text: str, target: str | os.PathLike[str]) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write several tables so that either all are replaced or none is.

    Each table is first written to a temporary file; only when every one has been written are
    they moved into place.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, df in tables.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            staged.append((Path(tmp), out_dir / f"{name}.csv"))
            df.to_csv(tmp, index=False, lineterminator="\n")
        for tmp, final in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return {name: out_dir / f"{name}.csv" for name in tables}
