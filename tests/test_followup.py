"""The follow-up register: proposed from the figures, written beside the deck, edited,
read back next semester, and shown at the opening of the next deck."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kip_training.calendar import WorkingCalendar
from kip_training.cli import main
from kip_training.config import load_config
from kip_training.deck.build import build_deck_from_paths
from kip_training.followup import readback, triggers, workbook
from kip_training.followup.model import BELUM, SEDANG, SELESAI, STATUSES
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import load_reports, personal
from kip_training.reports.model import GALAT, Period
from kip_training.roster import read_roster
from kip_training.sample import default_sample_dir
from tests.deck_pptx import open_deck, table_rows, tables_of, title_of

S1 = default_sample_dir() / "2025-S1"
S2 = default_sample_dir() / "2025-S2"
STATUS_COLUMN = 9  # "Status" in the written register
CODE_COLUMN = 2


def _edit_statuses(path: Path) -> dict[str, dict[str, int]]:
    """Mark rows Selesai / Sedang dikerjakan (typed in lower case) / untouched in turn;
    the expected counts per OPD code."""
    book = openpyxl.load_workbook(path)
    sheet = book["Tindak lanjut"]
    expected: dict[str, dict[str, int]] = {}
    for number, row in enumerate(range(2, sheet.max_row + 1)):
        code = sheet.cell(row=row, column=CODE_COLUMN).value
        if not code:
            continue
        status = (SELESAI, "sedang dikerjakan", None)[number % 3]
        if status:
            sheet.cell(row=row, column=STATUS_COLUMN, value=status)
        counted = {SELESAI: SELESAI, "sedang dikerjakan": SEDANG, None: BELUM}[status]
        expected.setdefault(code, dict.fromkeys(STATUSES, 0))[counted] += 1
    book.save(path)
    return expected


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    root = tmp_path_factory.mktemp("followup")
    first = build_deck_from_paths([S1], root / "s1" / "rapat.pptx")
    assert first.register == root / "s1" / "tindak_lanjut_2025-S1.xlsx"
    edited = root / "tindak_lanjut_2025-S1_diperbarui.xlsx"
    shutil.copy(first.register, edited)
    expected = _edit_statuses(edited)
    deck = root / "s2" / "rapat.pptx"
    code = main(
        ["deck", str(S2), "--previous", str(S1), "-o", str(deck), "--tindak-lanjut", str(edited)]
    )
    return SimpleNamespace(
        root=root, first=first, edited=edited, expected=expected, deck=deck, code=code
    )


@pytest.fixture(scope="module")
def s2_reports():
    config = load_config()
    return load_reports([S2], config=config, calendar=WorkingCalendar.from_config(config))


def _status_table(prs) -> tuple[int, str, dict[str, list[str]]]:
    for index, slide in enumerate(prs.slides):
        title = title_of(slide)
        if "tindak lanjut rapat lalu" in title.lower():
            rows = table_rows(tables_of(slide)[0])
            assert rows[0] == [
                "OPD",
                "Selesai",
                "Sedang dikerjakan",
                "Belum dikerjakan",
                "Lewat tenggat",
            ]
            return index, title, {r[0]: r[1:] for r in rows[1:]}
    raise AssertionError("no status slide")


def test_deck_opens_with_the_status_of_last_meetings_register(round_trip):
    assert round_trip.code == 0
    prs = open_deck(round_trip.deck)
    index, title, shown = _status_table(prs)
    # title, agenda and key messages come first; the status slide opens the discussion
    assert index <= 3
    names = read_roster().names
    expected = round_trip.expected
    total = sum(sum(c.values()) for c in expected.values())
    done = sum(c[SELESAI] for c in expected.values())
    assert f"{done} dari {total} selesai" in title
    listed = {name: counts for name, counts in shown.items() if not name.startswith("Lainnya")}
    assert listed
    compared = 0
    for code, counts in expected.items():
        if names[code] in listed:
            selesai, sedang, belum, _late = listed[names[code]]
            assert (int(selesai), int(sedang), int(belum)) == (
                counts[SELESAI],
                counts[SEDANG],
                counts[BELUM],
            )
            compared += 1
    assert compared == len(listed)  # every OPD row shown is one of the register's OPDs
    # the rows of the OPDs not listed are summed up in one "Lainnya" row
    assert sum(int(c[0]) + int(c[1]) + int(c[2]) for c in shown.values()) == total


def test_rows_not_done_past_their_due_date_are_overdue(round_trip):
    prs = open_deck(round_trip.deck)
    _, _, shown = _status_table(prs)
    meeting = triggers.meeting_date(Period(2025, 2), load_config(), WorkingCalendar())
    book = openpyxl.load_workbook(round_trip.edited)
    overdue = 0
    for row in book["Tindak lanjut"].iter_rows(min_row=2, values_only=True):
        if row[1] and (row[8] or "").lower() != "selesai" and row[7].date() < meeting:
            overdue += 1
    assert overdue > 0
    assert sum(int(c[3]) for c in shown.values()) == overdue
    titles = [title_of(s) for s in prs.slides]
    assert f"{overdue} tindak lanjut lewat tenggat dan belum selesai" in titles


def test_the_new_register_is_written_beside_the_deck(round_trip):
    path = round_trip.deck.parent / "tindak_lanjut_2025-S2.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tindak lanjut", "Petunjuk"]
    sheet = book["Tindak lanjut"]
    header = [c.value for c in sheet[1]]
    assert header == [title for title, _ in workbook.COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width >= 40
    rules = sheet.data_validations.dataValidation
    status_rule = next(r for r in rules if "I2" in str(r.sqref))
    assert status_rule.formula1 == '"Belum dikerjakan,Sedang dikerjakan,Selesai"'
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    rows = [r for r in rows if not str(r[3]).startswith("Lanjutan")]  # carried over: below
    assert rows and all(r[8] == BELUM for r in rows)
    assert all(isinstance(r[7], dt.datetime) for r in rows)
    assert all(r[6].startswith("PPID Pembantu ") for r in rows)
    levels = [("Tinggi", "Sedang", "Rendah").index(r[4]) for r in rows]
    assert levels[0] == 0  # the most severe OPD first
    guide = " ".join(str(c.value) for c in book["Petunjuk"]["A"] if c.value)
    assert "--tindak-lanjut tindak_lanjut_2025-S2.xlsx" in guide


def test_a_refusal_without_pasal_17_letter_gets_its_row(round_trip, s2_reports):
    reports = s2_reports
    refused = {
        i.kode_opd
        for i in reports.issues
        if i.severity == GALAT and i.message.startswith(triggers.NO_LETTER_MESSAGE)
    }
    assert refused  # the sample has one such rejected row
    facts = triggers.report_facts(reports)
    assert set(facts.index[facts["tolak_tanpa_pasal17"] > 0]) == refused
    book = openpyxl.load_workbook(round_trip.deck.parent / "tindak_lanjut_2025-S2.xlsx")
    rows = list(book["Tindak lanjut"].iter_rows(min_row=2, values_only=True))
    flagged = {r[1] for r in rows if "tanpa menyebut huruf Pasal 17" in r[3]}
    assert flagged == refused
    assert all(r[4] == "Tinggi" for r in rows if "Pasal 17" in r[3])


def test_the_register_slide_lists_problem_action_owner_and_due_date(round_trip):
    prs = open_deck(round_trip.deck)
    slide = next(s for s in prs.slides if title_of(s).startswith("Tindak lanjut:"))
    rows = table_rows(tables_of(slide)[0])
    assert rows[0] == ["OPD", "Masalah", "Tindakan", "Penanggung jawab", "Tenggat"]
    assert rows[1][0] and rows[1][3].startswith("PPID Pembantu")
    assert "tindak_lanjut_2025-S2.xlsx" in " ".join(
        s.text_frame.text for s in slide.shapes if s.has_text_frame
    )


def test_no_requester_data_in_the_register(round_trip, s2_reports):
    book = openpyxl.load_workbook(round_trip.deck.parent / "tindak_lanjut_2025-S2.xlsx")
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not personal.find_personal(value), value
    numbers = set(s2_reports.permohonan["no_registrasi"].dropna().astype(str))
    cells = {str(v) for row in book["Tindak lanjut"].iter_rows(values_only=True) for v in row if v}
    assert not numbers & cells


# ----------------------------------------------------------------- bad registers


def _register_copy(round_trip, name: str) -> Path:
    target = round_trip.root / name
    shutil.copy(round_trip.edited, target)
    return target


def _roster_names() -> dict[str, str]:
    return read_roster().names


def test_bad_status_and_unknown_code_are_reported_and_skipped(round_trip, capsys):
    path = _register_copy(round_trip, "rusak.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Tindak lanjut"]
    sheet.cell(row=3, column=STATUS_COLUMN, value="Beres")
    sheet.cell(row=5, column=CODE_COLUMN, value="DINAS-ANTAH")
    book.save(path)
    read = readback.read_register(path, _roster_names())
    assert read.rows_rejected == 2
    assert read.rows_accepted == read.rows_read - 2
    errors = [i for i in read.issues if i.severity == GALAT]
    assert [(i.sheet, i.row, i.column) for i in errors] == [
        ("Tindak lanjut", 3, "Status"),
        ("Tindak lanjut", 5, "Kode OPD"),
    ]
    assert "Status 'Beres' tidak dikenal" in errors[0].message
    assert "Selesai" in errors[0].message
    assert "'DINAS-ANTAH' tidak ada di daftar OPD" in errors[1].message

    deck = round_trip.root / "rusak" / "rapat.pptx"
    capsys.readouterr()
    code = main(["deck", str(S2), "-o", str(deck), "--tindak-lanjut", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert deck.is_file()  # the bad rows are skipped, the deck is still written
    assert "rusak.xlsx, lembar Tindak lanjut, baris 3, kolom Status" in out
    assert "ditolak" in out
    _, title, shown = _status_table(open_deck(deck))
    assert sum(int(c[0]) + int(c[1]) + int(c[2]) for c in shown.values()) == read.rows_accepted


def test_missing_status_column_is_reported(round_trip):
    path = _register_copy(round_trip, "tanpa_status.xlsx")
    book = openpyxl.load_workbook(path)
    book["Tindak lanjut"].delete_cols(STATUS_COLUMN)
    book.save(path)
    read = readback.read_register(path, _roster_names())
    assert read.items == []
    assert [(i.severity, i.row, i.column) for i in read.issues] == [(GALAT, 1, "Status")]
    assert "Kolom 'Status' tidak ditemukan" in read.issues[0].message


def test_header_found_below_a_title_row_and_status_case_insensitive(round_trip):
    path = _register_copy(round_trip, "judul.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Tindak lanjut"]
    sheet.insert_rows(1, 2)
    sheet.cell(row=1, column=1, value="Register tindak lanjut OPD")
    sheet.cell(row=3, column=STATUS_COLUMN, value="  STATUS ")
    sheet.cell(row=4, column=STATUS_COLUMN, value="SELESAI")
    book.save(path)
    read = readback.read_register(path, _roster_names())
    assert read.rows_rejected == 0
    assert read.items[0].row == 4 and read.items[0].status == SELESAI


def test_register_resaved_by_libreoffice_still_reads(round_trip):
    out = round_trip.root / "libreoffice"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{round_trip.root / 'lo_profile'}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(round_trip.edited),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    resaved = out / round_trip.edited.name
    original = readback.read_register(round_trip.edited, _roster_names())
    again = readback.read_register(resaved, _roster_names())
    assert again.rows_rejected == 0 and not [i for i in again.issues if i.severity == GALAT]
    assert [(i.kode_opd, i.status, i.tenggat) for i in again.items] == [
        (i.kode_opd, i.status, i.tenggat) for i in original.items
    ]
    assert again.period == Period(2025, 1)


# ----------------------------------------------------------------- triggers


def _summary(period: Period, rows: dict[str, dict]) -> SimpleNamespace:
    base = {
        "status_laporan": "tepat_waktu",
        "tanggal_laporan": pd.Timestamp(period.end + dt.timedelta(days=5)),
        "terlambat": 0,
        "persen_tepat_waktu": 1.0,
        "berkala_item": 9,
        "berkala_mutakhir": 9,
    }
    frame = pd.DataFrame(
        [
            {"kode": code, "nama": f"Dinas {code}", "singkatan": code, **base, **values}
            for code, values in rows.items()
        ]
    ).set_index("kode")
    return SimpleNamespace(period=period, per_opd=frame)


CASES = {
    "A": {"status_laporan": "tidak_melapor", "tanggal_laporan": pd.NaT},
    "B": {"status_laporan": "tidak_dapat_dipakai"},
    "C": {},  # refusal without a letter (facts)
    "D": {},  # objection answered late (facts)
    "E": {"terlambat": 6, "persen_tepat_waktu": 0.5},
    "F": {"berkala_item": 9, "berkala_mutakhir": 2},
    "G": {"status_laporan": "terlambat"},
    "H": {},  # no training
    "OK": {},
}


@pytest.fixture(scope="module")
def proposed():
    period = Period(2025, 2)
    current = _summary(period, CASES)
    previous = _summary(period.previous(), {c: {} for c in CASES} | {"E": CASES["E"]})
    facts = pd.DataFrame(0, index=list(CASES), columns=list(triggers.FACT_COLUMNS))
    facts.loc["C", "tolak_tanpa_pasal17"] = 2
    facts.loc["D", "keberatan_terlambat"] = 1
    training = TrainingSummary(
        participants=8,
        answers=80,
        quizzes=1,
        by_topic=pd.DataFrame(),
        by_opd=pd.DataFrame(
            {"kode_opd": [c for c in CASES if c != "H"], "peserta": 1, "rata_rata": 0.7}
        ),
        weakest_topics=[],
        question_difficulty=pd.DataFrame(),
    )
    comparison = SimpleNamespace(current=current, previous=previous)
    calendar = WorkingCalendar()
    config = load_config()
    meeting = dt.date(2026, 1, 22)
    register = triggers.build_register(
        comparison,
        meeting,
        config=config,
        calendar=calendar,
        training=training,
        facts=facts,
    )
    return SimpleNamespace(register=register, calendar=calendar, meeting=meeting, config=config)


@pytest.mark.parametrize(
    ("code", "kind", "level", "words"),
    [
        ("A", "tidak_melapor", "Tinggi", "tidak diterima"),
        ("B", "tidak_dapat_dipakai", "Tinggi", "tidak dapat dipakai"),
        (
            "C",
            "tolak_tanpa_pasal17",
            "Tinggi",
            "2 permohonan ditolak tanpa menyebut huruf Pasal 17",
        ),
        ("D", "keberatan_terlambat", "Tinggi", "1 keberatan ditanggapi Atasan PPID lewat 30 hari"),
        ("E", "pemberitahuan_terlambat", "Tinggi", "Berulang: juga terjadi pada Semester I 2025"),
        ("F", "berkala_usang", "Sedang", "Hanya 2 dari 9 informasi berkala"),
        ("G", "laporan_terlambat", "Rendah", "terlambat"),
        ("H", "tanpa_pelatihan", "Rendah", "pelatihan"),
    ],
)
def test_each_trigger_gives_its_row(proposed, code, kind, level, words):
    rows = [i for i in proposed.register.items if i.kode_opd == code]
    assert [(i.kind, i.tingkat) for i in rows] == [(kind, level)]
    assert words in rows[0].masalah
    assert rows[0].penanggung_jawab == f"PPID Pembantu {code}"
    assert rows[0].tindakan and rows[0].status == BELUM


def test_no_row_for_an_opd_without_problems(proposed):
    assert "OK" not in proposed.register.opd_codes()


def test_rows_ordered_by_severity_and_due_dates_from_the_calendar(proposed):
    levels = [i.tingkat for i in proposed.register.items]
    assert levels == sorted(levels, key=("Tinggi", "Sedang", "Rendah").index)
    missing = next(i for i in proposed.register.items if i.kode_opd == "A")
    assert missing.tenggat == proposed.calendar.add_working_days(
        proposed.meeting, triggers.URGENT_WORKING_DAYS
    )
    late = next(i for i in proposed.register.items if i.kode_opd == "G")
    assert late.tenggat == proposed.calendar.add_working_days(
        dt.date(2026, 6, 30), proposed.config.report_due_working_days
    )
    assert late.tenggat == proposed.register.next_report_due


def test_proposed_register_round_trips_through_the_workbook(proposed, tmp_path):
    path = workbook.write_register(proposed.register, tmp_path / "r.xlsx")
    names = {code: f"Dinas {code}" for code in CASES}
    read = readback.read_register(path, names)
    assert read.rows_read == len(proposed.register.items) and read.rows_rejected == 0
    assert [(i.kode_opd, i.masalah, i.tenggat) for i in read.items] == [
        (i.kode_opd, i.masalah, i.tenggat) for i in proposed.register.items
    ]
    assert not np.any([i.severity == GALAT for i in read.issues])


def test_an_existing_register_is_never_overwritten(round_trip, capsys):
    register = round_trip.deck.parent / "tindak_lanjut_2025-S2.xlsx"
    book = openpyxl.load_workbook(register)
    book["Tindak lanjut"].cell(row=2, column=STATUS_COLUMN, value=SELESAI)
    book.save(register)
    capsys.readouterr()
    assert main(["deck", str(S2), "-o", str(round_trip.deck.parent / "lagi.pptx")]) == 0
    assert "sudah ada dan tidak ditimpa" in capsys.readouterr().out
    kept = openpyxl.load_workbook(register)["Tindak lanjut"]
    assert kept.cell(row=2, column=STATUS_COLUMN).value == SELESAI


def test_unfinished_rows_of_last_meeting_are_carried_into_the_new_register(round_trip):
    book = openpyxl.load_workbook(round_trip.root / "s2" / "tindak_lanjut_2025-S2.xlsx")
    sheet = book["Tindak lanjut"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2) if row[1].value]
    carried = [r for r in rows if str(r[3]).startswith("Lanjutan rapat")]
    open_before = sum(counts[SEDANG] + counts[BELUM] for counts in round_trip.expected.values())
    assert len(carried) == open_before > 0
    assert {r[8] for r in carried} <= {SEDANG, BELUM}  # status kept, none "Selesai"
    assert all("2025" in str(r[3]) for r in carried)  # names the meeting's semester
