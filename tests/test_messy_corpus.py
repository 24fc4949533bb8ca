"""Acceptance tests of issue 14: the messy reports OPD staff really send.

The corpus (tests/messy/corpus.py) holds one file per kind of mess, each with its true
values (tests/messy/truth.py). It is built once per session (LibreOffice included), run
through ``kip check --json --feedback`` and ``kip deck`` with a private KIP_CACHE, and
loaded with ``load_reports``. Each test checks one thing for one kind, so a failure
names the capability that is missing.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
import pytest
from messy.corpus import PERSONAL
from messy.run import deck_request_total, deck_rows, files_under, leaks, readable_bytes
from messy.truth import PERIOD, UNKNOWN

#: Kinds whose file is used and whose rows are all real (compared value by value).
ROW_KINDS = (
    "01-kop-surat",
    "02-judul-dua-baris",
    "03-judul-singkatan",
    "04-kolom-tambahan",
    "05-strip-nihil-gratis",
    "06-tanggal-teks",
    "07-tukar-hari-bulan",
    "08-biaya-teks",
    "09-sel-data-digabung",
    "10-jumlah-tanda-tangan",
    "11-rumus-tanpa-nilai",
    "12-baris-contoh",
    "13-baris-tersembunyi",
    "14-berkas-rekan:asli",
    "15-identitas-basi",
    "16-dua-berkas:tanggal",
    "16-dua-berkas:waktu-simpan",
    "18-data-pribadi",
    "19-csv-windows-1252",
    "20-libreoffice-ods",
    "20-libreoffice-xls",
    "21-nomor-urut",
    "22-judul-diulang",
    "23-format-salah-nama:xls-jadi-xlsx",
    "23-format-salah-nama:xlsx-jadi-xls",
    "24-ekspor-web-html",
    "25-identitas-formulir",
)
NOTE_KINDS = (
    "02-judul-dua-baris",
    "03-judul-singkatan",
    "04-kolom-tambahan",
    "05-strip-nihil-gratis",
    "06-tanggal-teks",
    "07-tukar-hari-bulan",
    "08-biaya-teks",
    "09-sel-data-digabung",
    "10-jumlah-tanda-tangan",
    "11-rumus-tanpa-nilai",
    "13-baris-tersembunyi",
    "14-berkas-rekan",
    "15-identitas-basi",
    "18-data-pribadi",
    "21-nomor-urut",
    "22-judul-diulang",
    "23-format-salah-nama:xls-jadi-xlsx",
    "23-format-salah-nama:xlsx-jadi-xls",
    "24-ekspor-web-html",
    "25-identitas-formulir",
)
UNUSABLE_KINDS = ("17-tidak-dapat-dipakai:rusak", "17-tidak-dapat-dipakai:tanpa-permohonan")
PAIR_KINDS = ("16-dua-berkas:tanggal", "16-dua-berkas:waktu-simpan")
OUTPUTS = ("json", "console-check", "console-deck", "feedback", "deck-pptx", "cache")
UNUSABLE_WORDS = ("tidak_dapat_dipakai", "tidak dapat dipakai")

pytest_plugins = ("messy.fixtures",)  # the session fixture `messy`


def used_truth(messy, kind):
    [truth] = [t for t in messy.truths if t.kind == kind and t.used and t.usable]
    return truth


def issues_text(entry: dict, limit: int = 15) -> str:
    lines = [
        f"  [{i['severity']}] {i.get('sheet')}:{i.get('row')} {i.get('column')}: {i['message']}"
        for i in entry["issues"][:limit]
    ]
    more = len(entry["issues"]) - limit
    return "\n".join(lines + ([f"  … and {more} more"] if more > 0 else [])) or "  (no issues)"


def _flat(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).lower()


def note_matches(issue: dict, words: tuple[str, ...]) -> bool:
    """Whether an issue's column, message and value hold every word ("a|b": either)."""
    text = " ".join(_flat(issue.get(k)) for k in ("column", "message", "value"))
    return all(any(_flat(w) in text for w in word.split("|")) for word in words)


def rows_of(messy, truth) -> pd.DataFrame:
    """The accepted request rows of one file in the loaded ReportSet, by Excel row."""
    messy.need("load")
    frame = messy.reports.permohonan
    mine = frame[frame["file"].map(lambda f: str(f).endswith("/" + truth.file))]
    return mine.set_index("baris")


def _day(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _mismatches(messy, truth, read) -> list[str]:
    """Rows whose value (``read(true_request, row)`` -> (true, read) pairs) differs."""
    rows = rows_of(messy, truth)
    wrong = []
    for req in truth.requests:
        if req.baris not in rows.index:
            wrong.append(f"row {req.baris}: not accepted")
            continue
        for name, true, got in read(req, rows.loc[req.baris]):
            if true != UNKNOWN and true != got:
                wrong.append(f"row {req.baris} {name}: true {true!r}, read {got!r}")
    return wrong


def test_the_corpus_has_one_file_per_kind_of_mess(messy):
    kinds = {t.kind.split(":")[0][:2] for t in messy.truths}
    assert kinds == {f"{n:02d}" for n in range(1, 26)}
    assert {p.suffix for p in messy.folder.iterdir()} == {".xlsx", ".ods", ".xls", ".csv"}


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_the_file_is_credited_to_its_true_opd_and_period(messy, kind):
    truth = used_truth(messy, kind)
    entry = messy.file(truth)
    got = (entry["kode_opd"], entry["period"], entry["used"])
    assert got == (truth.kode_opd, PERIOD, True), (
        f"{truth.label()} read as OPD/period/used {got}, true {(truth.kode_opd, PERIOD, True)}"
        f"\n{issues_text(entry)}"
    )


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_rows_accepted_equal_the_true_rows(messy, kind):
    truth = used_truth(messy, kind)
    entry = messy.file(truth)
    sheet = entry["sheets"].get("permohonan", {})
    assert sheet.get("rows_accepted") == truth.rows, (
        f"{truth.label()}: Permohonan rows accepted {sheet.get('rows_accepted')}, true "
        f"{truth.rows} (read {sheet.get('rows_read')}, rejected {sheet.get('rows_rejected')})"
        f"\n{issues_text(entry)}"
    )


def test_example_rows_are_skipped_and_real_contoh_rows_are_data(messy):
    truth = used_truth(messy, "12-baris-contoh")
    sheets = messy.file(truth)["sheets"]
    got = (sheets["berkala"]["rows_accepted"], sheets["kendala"]["rows_accepted"])
    assert got == (truth.berkala_rows, truth.kendala_rows), (
        f"{truth.label()}: Informasi Berkala / Kendala rows accepted {got}, true "
        f"{(truth.berkala_rows, truth.kendala_rows)} (a real row beginning 'Contoh…' is data)"
    )


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_dates_are_read_as_true(messy, kind):
    truth = used_truth(messy, kind)
    wrong = _mismatches(
        messy,
        truth,
        lambda req, row: [
            ("Tanggal Diterima", req.diterima, _day(row["tanggal_diterima"])),
            ("Tanggal Pemberitahuan", req.pemberitahuan, _day(row["tanggal_pemberitahuan"])),
        ],
    )
    assert not wrong, f"{truth.label()}: dates misread:\n  " + "\n  ".join(wrong)


def test_old_month_abbreviations_are_read_as_true(messy):
    truth = used_truth(messy, "06-tanggal-teks")
    messy.need("load")
    frame = messy.reports.berkala
    rows = frame[frame["file"].map(lambda f: str(f).endswith("/" + truth.file))]
    got = {b: _day(d) for b, d in zip(rows["baris"], rows["tanggal_mutakhir"], strict=True)}
    wrong = {b: (d, got.get(b)) for b, d in truth.berkala_dates.items() if got.get(b) != d}
    assert not wrong, f"{truth.label()}: Informasi Berkala dates (true, read) {wrong}"


def _fee(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_fees_are_read_as_true(messy, kind):
    truth = used_truth(messy, kind)
    wrong = _mismatches(messy, truth, lambda req, row: [("Biaya", req.biaya, _fee(row["biaya"]))])
    assert not wrong, f"{truth.label()}: fees misread:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_decisions_are_read_as_true(messy, kind):
    truth = used_truth(messy, kind)
    wrong = _mismatches(
        messy, truth, lambda req, row: [("Keputusan", req.keputusan, row["keputusan"])]
    )
    assert not wrong, f"{truth.label()}: decisions misread:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("kind", NOTE_KINDS)
def test_every_mapping_and_repair_is_reported(messy, kind):
    [truth] = [t for t in messy.truths if t.kind == kind]
    entry = messy.file(truth)
    missing = [w for w in truth.notes if not any(note_matches(i, w) for i in entry["issues"])]
    assert not missing, (
        f"{truth.label()}: no message mentioning {missing}; the file's messages:\n"
        f"{issues_text(entry)}"
    )


def test_rows_read_equal_accepted_plus_rejected_everywhere(messy):
    messy.need("check")
    broken = [
        (f["file"], name, c)
        for f in messy.check_json["files"]
        for name, c in f["sheets"].items()
        if c["rows_read"] != c["rows_accepted"] + c["rows_rejected"]
    ]
    assert not broken


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_personal_data_in_any_output(messy, output):
    if output.startswith("console"):
        messy.need(output.split("-")[1])
        sources = {output: (messy.check_console if "check" in output else messy.deck_console)}
        sources = {k: v.encode() for k, v in sources.items()}
    else:
        messy.need("deck" if output == "deck-pptx" else "check")
        folder = {
            "json": messy.root / "cek.json",
            "feedback": messy.feedback_dir,
            "deck-pptx": messy.deck_path.parent,
            "cache": messy.cache_dir,
        }[output]
        paths = [folder] if folder.is_file() else files_under(folder)
        assert paths, f"no {output} file was written, nothing to check"
        sources = {str(p.relative_to(messy.root)): readable_bytes(p.read_bytes()) for p in paths}
    found = {name: leaks(data, PERSONAL) for name, data in sources.items()}
    found = {name: values for name, values in found.items() if values}
    assert not found, f"[18-data-pribadi] personal data in {output}: {found}"


def true_total(messy) -> int:
    return sum(t.rows for t in messy.truths if t.used and t.usable)


def test_the_deck_request_total_equals_the_truth(messy):
    messy.need("deck")
    assert deck_request_total(messy.deck_path) == true_total(messy)


def test_the_summary_request_total_equals_the_truth(messy):
    messy.need("load")
    assert messy.summary.totals["permohonan"] == true_total(messy)


@pytest.mark.parametrize("kind", ROW_KINDS)
def test_the_deck_counts_each_opd_true_requests(messy, kind):
    truth = used_truth(messy, kind)
    messy.need("load")
    got = int(messy.summary.per_opd.loc[truth.kode_opd, "permohonan"])
    assert got == truth.rows, (
        f"{truth.label()}: deck figures count {got} requests, true {truth.rows}"
    )


def _mentions_unusable(node, code: str) -> bool:
    """Whether some JSON object names ``code`` together with the unusable status."""
    if isinstance(node, dict):
        values = [_flat(v) for v in node.values() if isinstance(v, str)]
        if code.lower() in values and any(w in v for v in values for w in UNUSABLE_WORDS):
            return True
        return any(_mentions_unusable(v, code) for v in node.values())
    if isinstance(node, list):
        return any(_mentions_unusable(v, code) for v in node)
    return False


@pytest.mark.parametrize("kind", UNUSABLE_KINDS)
def test_unusable_opd_is_tidak_dapat_dipakai_in_the_json(messy, kind):
    [truth] = [t for t in messy.truths if t.kind == kind]
    messy.need("check")
    missing = [m["kode"] for m in messy.check_json["totals"]["missing_opd"]]
    assert truth.kode_opd not in missing, f"{truth.label()} listed as belum melapor in the JSON"
    assert _mentions_unusable(messy.check_json, truth.kode_opd), (
        f"{truth.label()}: the JSON names no 'tidak_dapat_dipakai' status for {truth.kode_opd}"
    )


@pytest.mark.parametrize("kind", UNUSABLE_KINDS)
def test_unusable_opd_is_tidak_dapat_dipakai_in_the_figures(messy, kind):
    [truth] = [t for t in messy.truths if t.kind == kind]
    messy.need("load")
    status = messy.summary.per_opd.loc[truth.kode_opd, "status_laporan"]
    assert status == "tidak_dapat_dipakai", f"{truth.label()}: status_laporan {status!r}"


@pytest.mark.parametrize("kind", UNUSABLE_KINDS)
def test_unusable_opd_is_tidak_dapat_dipakai_in_the_deck(messy, kind):
    [truth] = [t for t in messy.truths if t.kind == kind]
    messy.need("deck")
    messy.need("load")
    opd = messy.summary.per_opd.loc[truth.kode_opd]
    names = [_flat(n) for n in (truth.kode_opd, opd["nama"], opd["singkatan"])]
    # a line may list several statuses ("tidak melapor: …; tidak dapat dipakai: …"):
    # judge each part on its own
    rows = [_flat(part) for r in deck_rows(messy.deck_path) for part in r.split(";")]
    about = [r for r in rows if any(re.search(rf"\b{re.escape(n)}\b", r) for n in names)]
    assert any("tidak dapat dipakai" in r for r in about), (
        f"{truth.label()}: no deck line shows it as 'tidak dapat dipakai'; lines naming it: "
        f"{about[:8]}"
    )
    wrong = [r for r in about if "tidak melapor" in r or "belum melapor" in r]
    assert not wrong, f"{truth.label()}: the deck shows it as not reported: {wrong[:5]}"


def test_a_colleagues_file_is_an_error_naming_both_opds(messy):
    truth = [t for t in messy.truths if t.kind == "14-berkas-rekan"][0]
    entry = messy.file(truth)
    errors = [i for i in entry["issues"] if i["severity"] == "galat"]
    named = [i for i in errors if note_matches(i, ("dishub", "dlh|lingkungan hidup"))]
    assert named and not entry["used"], (
        f"{truth.label()}: used={entry['used']}, no error naming DISHUB and DLH:\n"
        f"{issues_text(entry)}"
    )


def test_a_colleagues_file_displaces_nobody(messy):
    genuine = used_truth(messy, "14-berkas-rekan:asli")
    colleague = [t for t in messy.truths if t.kind == "14-berkas-rekan"][0]
    messy.need("load")
    frame = messy.reports.permohonan
    files = set(frame.loc[frame["kode_opd"] == genuine.kode_opd, "file"].map(str))
    assert {f.rsplit("/", 1)[-1] for f in files} == {genuine.file}, (
        f"{colleague.label()}: DISHUB's requests come from {files}"
    )


def test_a_stale_identitas_gives_one_message_not_one_per_date(messy):
    truth = used_truth(messy, "15-identitas-basi")
    entry = messy.file(truth)
    per_date = [i for i in entry["issues"] if _flat(i.get("column")).startswith("tanggal")]
    assert len(per_date) <= 1, f"{truth.label()}: {len(per_date)} date messages\n" + issues_text(
        entry
    )


@pytest.mark.parametrize("kind", PAIR_KINDS)
def test_of_two_files_the_later_report_wins_not_the_bigger(messy, kind):
    pair = [t for t in messy.truths if t.kind == kind]
    used = {t.file: messy.file(t)["used"] for t in pair}
    assert used == {t.file: t.used for t in pair}, f"[{kind}] files used {used}"


def test_a_totals_row_and_signature_block_are_not_errors(messy):
    truth = used_truth(messy, "10-jumlah-tanda-tangan")
    entry = messy.file(truth)
    errors = [i for i in entry["issues"] if i["severity"] == "galat"]
    assert not errors, f"{truth.label()}: {len(errors)} errors\n{issues_text(entry)}"


def test_placeholders_cost_no_row_and_no_error(messy):
    truth = used_truth(messy, "05-strip-nihil-gratis")
    entry = messy.file(truth)
    errors = [i for i in entry["issues"] if i["severity"] == "galat"]
    assert not errors, f"{truth.label()}: {len(errors)} errors\n{issues_text(entry)}"
