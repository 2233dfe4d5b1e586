"""Raw-data integrity and clear errors on bad input; nothing is half-written."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from footprint import accounts
from footprint.core import paths
import footprint.core as data
from footprint.core import Column
from footprint.core.errors import DataFileError, ParameterError

SCHEMA = [Column("name", "str"), Column("area_ha", "float", min=0), Column("year", "int", min=2000, max=2030)]


def test_manifest_lists_every_raw_file_with_provenance():
    m = data.read_manifest()
    on_disk = {
        p.relative_to(paths.RAW).as_posix()
        for p in paths.RAW.rglob("*")
        if p.is_file() and p.name not in {"MANIFEST.csv", "README.md"}
    }
    assert set(m["path"]) == on_disk
    for col in ("source", "edition", "licence", "attribution", "obtained", "status"):
        assert (m[col].str.len() > 0).all(), col
    assert set(m["status"]) <= set(data.STATUSES)
    for rel, digest in zip(m["path"], m["sha256"], strict=True):
        assert data.sha256_file(paths.RAW / rel) == digest, rel


def test_raw_readme_names_every_licence():
    readme = (paths.RAW / "README.md").read_text(encoding="utf-8")
    for rel in data.read_manifest()["path"]:
        assert rel in readme, f"{rel} is not described in data/raw/README.md"


def test_checksum_mismatch_is_refused_with_the_file_named(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    target = raw / accounts.NFA_FILE
    target.write_bytes(target.read_bytes()[:-10])  # a truncated download
    with pytest.raises(DataFileError) as e:
        data.verify_raw(accounts.NFA_FILE, raw_dir=raw, manifest=raw / "MANIFEST.csv")
    msg = str(e.value)
    assert accounts.NFA_FILE.split("/")[-1] in msg and "sha256" in msg and "modified" in msg


def test_file_missing_from_manifest_suggests_entries():
    with pytest.raises(DataFileError, match="close matches"):
        data.manifest_entry("gfn_nfa/nfa2025_api_all_countries_2000_2024.csv")


def test_missing_column_names_file_and_columns(tmp_path):
    f = tmp_path / "areas.csv"
    f.write_text("name,year\nOsaka,2020\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        data.read_user_csv(f, SCHEMA)
    assert "areas.csv" in str(e.value) and "missing ['area_ha']" in str(e.value)


def test_bad_value_names_the_row(tmp_path):
    f = tmp_path / "areas.csv"
    f.write_text("name,area_ha,year\nA,1.0,2020\nB,-3,2020\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        data.read_user_csv(f, SCHEMA)
    assert e.value.row == 3 and "expected area_ha >= 0, found -3" in str(e.value)
    f.write_text("name,area_ha,year\nA,abc,2020\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 2: expected a number in column 'area_ha', found 'abc'"):
        data.read_user_csv(f, SCHEMA)


def test_cp932_csv_is_read(tmp_path):
    f = tmp_path / "sjis.csv"
    f.write_bytes("name,area_ha,year\n大阪市,22534,2020\n森林町,1.5e4,2021\n".encode("cp932"))
    df = data.read_user_csv(f, SCHEMA)
    assert df["name"].tolist() == ["大阪市", "森林町"]
    assert df["area_ha"].tolist() == [22534.0, 15000.0]


def test_undecodable_bytes_are_a_clear_error(tmp_path):
    f = tmp_path / "latin.csv"
    f.write_bytes(b"name,area_ha,year\n\x81\xff\xfe,1,2020\n")
    with pytest.raises(DataFileError, match="UTF-8 or cp932"):
        data.read_user_csv(f, SCHEMA)


def test_unknown_country_error_in_the_accounts(nfa):
    with pytest.raises(ParameterError, match="did you mean"):
        accounts.summary(nfa, ["Osakaland"], [2022])


def test_atomic_write_keeps_old_content_on_failure(tmp_path):
    target = tmp_path / "table.csv"
    data.write_csv(pd.DataFrame({"a": [1]}), target)
    before = target.read_bytes()

    class Boom(pd.DataFrame):
        def to_csv(self, *a, **k):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        data.write_csv(Boom({"a": [2]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]  # no temporary file left


def test_write_tables_is_all_or_nothing(tmp_path):
    data.write_tables({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"x": [1]})}, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    class Boom(pd.DataFrame):
        def to_csv(self, *a, **k):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        data.write_tables({"a": pd.DataFrame({"x": [2]}), "b": Boom({"x": [2]})}, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_raw_folder_is_never_written():
    with pytest.raises(PermissionError, match="immutable"):
        data.write_text("x", paths.RAW / "new.csv")


def test_weakest_status():
    assert data.weakest_status(["published", "estimated", "derived"]) == "estimated"
    assert data.weakest_status(["published", None, "illustrative"]) == "illustrative"
    assert data.weakest_status([]) == "published"
    with pytest.raises(ValueError, match="unknown status"):
        data.weakest_status(["published", "publshed"])
