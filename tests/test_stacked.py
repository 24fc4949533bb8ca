"""Reports parsed together (one sheet kind of many files at once) give what each gives alone."""

import dataclasses

import numpy as np
import pandas as pd
from fixtures.reports.build import objection, request, write

from kip_training.reports.load import RawReport, parse_reports, read_report

ROSTER = {"DINKES": "Dinas Kesehatan", "DISDIK": "Dinas Pendidikan dan Kebudayaan"}


def _variant(base: RawReport, label: str, **sheets) -> RawReport:
    """A copy of ``base`` named ``label`` with some sheets replaced (None drops a sheet)."""
    copy = dict(base.sheets)
    for name, cells in sheets.items():
        title = name.replace("_", " ")
        if cells is None:
            copy.pop(title)
        else:
            copy[title] = cells
    return dataclasses.replace(base, label=label, sheets=copy)


def _messy_reports(tmp_path) -> list[RawReport]:
    base = read_report(
        write(
            tmp_path,
            permohonan=[
                request("001"),
                request("002", tanggal_diterima="besok"),
                request("003", biaya="Rp 5.000"),
                request("003", keputusan="ditolak", pasal_17=None),
            ],
            keberatan=[objection(request_number="009"), objection("K02", request_number="001")],
        )
    )
    requests = base.sheets["Permohonan"]
    reversed_columns = requests[:, ::-1]
    lower = np.vstack(
        [
            np.array([["Laporan permohonan"] + [None] * (requests.shape[1] - 1)], dtype=object),
            np.full((1, requests.shape[1]), None, dtype=object),
            requests,
        ]
    )
    without_decision = np.delete(requests, list(requests[0]).index("Keputusan"), axis=1)
    junk_header = requests.copy()
    junk_header[0] = [f"kolom {n}" for n in range(requests.shape[1])]
    extra = np.column_stack(
        [
            requests,
            np.array(["Nama Pemohon"] + ["Budi"] * (len(requests) - 1), dtype=object),
            np.array(["Catatan lain"] + ["x"] * (len(requests) - 1), dtype=object),
        ]
    )
    identity = base.sheets["Identitas"].copy()
    identity[identity[:, 0] == "Kode OPD", 1] = "DISDIK"
    return [
        base,
        _variant(base, "terbalik.xlsx", Permohonan=reversed_columns),
        _variant(base, "judul_turun.xlsx", Permohonan=lower),
        _variant(base, "tanpa_keputusan.xlsx", Permohonan=without_decision),
        _variant(base, "judul_rusak.xlsx", Permohonan=junk_header),
        _variant(base, "tanpa_keberatan.xlsx", Keberatan=None),
        _variant(base, "kolom_lain.xlsx", Permohonan=extra, Identitas=identity),
        RawReport("rusak.xlsx", {}, ["Berkas rusak.xlsx tidak dapat dibaca: berkas rusak."]),
    ]


def test_reports_parsed_together_give_what_each_gives_alone(tmp_path):
    reports = _messy_reports(tmp_path)
    alone = [parse_reports([report], ROSTER) for report in reports]
    together, frames = parse_reports(reports, ROSTER)
    for ([single], _), combined in zip(alone, together, strict=True):
        assert combined.issues == single.issues
        assert combined.sheets == single.sheets
        assert (combined.used, combined.readable) == (single.used, single.readable)
    assert any(i.message.startswith("Kolom wajib 'Keputusan'") for i in together[3].issues)
    assert any("Baris judul kolom" in i.message for i in together[4].issues)
    assert any("data pribadi" in i.message for i in together[6].issues)
    for key, frame in frames.items():
        parts = [f[key] for _, f in alone if f[key] is not None]
        expected = pd.concat(parts, ignore_index=True)
        pd.testing.assert_frame_equal(frame, expected, check_dtype=key != "identitas")


def test_results_do_not_depend_on_how_files_are_chunked(tmp_path):
    reports = _messy_reports(tmp_path)
    whole = parse_reports(reports, ROSTER)
    chunks = [parse_reports(reports[i : i + 3], ROSTER) for i in range(0, len(reports), 3)]
    assert [r.issues for r in whole[0]] == [r.issues for c in chunks for r in c[0]]
    permohonan = pd.concat([c[1]["permohonan"] for c in chunks if c[1]["permohonan"] is not None])
    pd.testing.assert_frame_equal(whole[1]["permohonan"], permohonan.reset_index(drop=True))
