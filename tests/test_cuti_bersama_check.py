"""The report check judges lateness by the configured reading of cuti bersama and names
the rows whose verdict would change under the other reading."""

import datetime as dt
import json

from fixtures.reports.build import request, write

from kip_training.cli import main

D = dt.date
# Received Mon 16 March 2026. Counting the cuti bersama around Nyepi and Idul Fitri as
# working days, the 10th working day is Tue 31 March; skipping them it is Tue 7 April.
ON_TIME_ONLY_IF_SKIPPED = D(2026, 4, 7)
IDENTITAS_2026_S1 = {"tahun": 2026, "semester": "I", "tanggal_laporan": D(2026, 7, 6)}


def _check(tmp_path, capsys, reading=None):
    report = write(
        tmp_path / "laporan",
        identitas=IDENTITAS_2026_S1,
        permohonan=[
            request(
                "001",
                tanggal_diterima=D(2026, 3, 16),
                tanggal_pemberitahuan=ON_TIME_ONLY_IF_SKIPPED,
            ),
            request("002", tanggal_diterima=D(2026, 3, 16), tanggal_pemberitahuan=D(2026, 3, 31)),
        ],
        keberatan=[],
        berkala=[],
    )
    args = ["check", str(report), "--json", "-", "--tanpa-cache"]
    if reading:
        config = tmp_path / "kip.toml"
        config.write_text(f'[kalender]\ncuti_bersama = "{reading}"\n', encoding="utf-8")
        args += ["--config", str(config)]
    main(args)
    data = json.loads(capsys.readouterr().out)
    return [issue for file in data["files"] for issue in file["issues"]]


def _late(issues):
    return [i for i in issues if "Dicatat sebagai terlambat" in i["message"]]


def _depends(issues):
    return [i for i in issues if "bergantung pada cara menghitung cuti bersama" in i["message"]]


def test_notice_on_time_only_if_cuti_bersama_is_skipped_is_late_by_default(tmp_path, capsys):
    issues = _check(tmp_path, capsys)
    [late] = _late(issues)
    assert late["row"] == 2 and "hari kerja" in late["message"]
    [finding] = _depends(issues)
    assert finding["severity"] == "temuan" and finding["row"] == 2
    assert "terlambat menurut cara yang dipakai" in finding["message"]
    assert "tepat waktu bila cuti bersama dilewati" in finding["message"]
    assert "(1 sel: baris 2)" in finding["message"]  # row 3 is on time either way


def test_with_cuti_bersama_as_days_off_the_same_notice_is_on_time(tmp_path, capsys):
    issues = _check(tmp_path, capsys, reading="libur")
    assert _late(issues) == []
    [finding] = _depends(issues)
    assert "tepat waktu menurut cara yang dipakai (cuti bersama dilewati" in finding["message"]
    assert "terlambat bila cuti bersama dihitung sebagai hari kerja" in finding["message"]
