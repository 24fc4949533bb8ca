"""Slides on what the check found and what the OPDs said: data quality (each error with
its OPD and the check's own fix, findings grouped by kind, duplicate reports, refusals
without a Pasal 17 letter), the "Kendala dan Rekomendasi" sheet, and training per OPD.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from kip_training.deck.common import _rows, fmt_count, fmt_percent, join_names, short_name
from kip_training.deck.facts import Finding, IntakeFacts
from kip_training.deck.measures import ANNEX_NOTE, TABLE_ROWS
from kip_training.deck.model import Bullets, Chart, Column, Columns, Series, Slide, Table, Text
from kip_training.metrics import PeriodSummary
from kip_training.quiz.analytics import TrainingSummary
from kip_training.reports import schema


def _names(summary: PeriodSummary) -> dict[str, str]:
    return {code: short_name(row, code) for code, row in _rows(summary.per_opd)}


def _opd(finding: Finding, names: Mapping[str, str]) -> str:
    return names.get(finding.kode_opd or "", finding.kode_opd or finding.file)


def grouped_findings(facts: IntakeFacts, severity: str) -> list[tuple[str, int, Counter]]:
    """(kind, count, OPD codes with counts) of one severity's findings, most first."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for f in facts.findings:
        if f.severity == severity:
            groups[f.kind][f.kode_opd or f.file] += 1
    out = [(kind, sum(c.values()), c) for kind, c in groups.items()]
    return sorted(out, key=lambda item: (-item[1], item[0]))


def _first_part(message: str) -> str:
    """The check's message up to its detail on the rows left unused ("; berkas ini ...")."""
    head = message.split("; berkas ini")[0].rstrip(".")
    return head + "."


#: Error rows on the quality slide (it also carries the refusal and duplicate lines).
QUALITY_ROWS = 5


def quality_slide(summary: PeriodSummary, facts: IntakeFacts | None) -> Slide:
    """Each error with its OPD and what to fix; the unlawful-looking refusal by name."""
    if facts is None:
        return Slide(
            key="kualitas",
            layout="isi",
            title="Kualitas data: hasil pemeriksaan tidak tersedia",
            agenda="Kualitas data laporan",
            blocks=(Text(("Jalankan kip check pada berkas laporan untuk rinciannya.",)),),
            notes=(
                "Paparan ini dibuat tanpa hasil pemeriksaan berkas (kip check). Menurut "
                f"ringkasan angka: {fmt_count(summary.totals.get('masalah_galat', 0))} galat dan "
                f"{fmt_count(summary.totals.get('masalah_peringatan', 0))} peringatan."
            ),
        )
    names = _names(summary)
    errors = [f for f in facts.findings if f.severity == "galat"]
    refusals = facts.unlawful_refusals
    duplicates = facts.duplicates
    blocks: list = []
    for f in refusals:
        blocks.append(
            Text(
                (
                    f"Penolakan tanpa huruf Pasal 17: {_opd(f, names)}, lembar {f.sheet}, "
                    f"baris {f.row}. Penolakan hanya sah berdasarkan pengecualian Pasal 17; "
                    "baris ini tidak dihitung sampai diperbaiki.",
                ),
                emphasis=True,
            )
        )
    others = [f for f in errors if f not in refusals]
    rows = tuple(
        (
            _opd(f, names),
            f"{f.sheet or 'berkas'}, baris {f.row}" if f.row else f.sheet or "berkas",
            f.message,
        )
        for f in others[:QUALITY_ROWS]
    )
    if rows:
        blocks.append(
            Table(
                (Column("OPD", 1.6), Column("Letak", 1.6), Column("Yang perlu diperbaiki", 6.0)),
                rows,
            )
        )
    if len(others) > QUALITY_ROWS:
        blocks.append(Text((f"{len(others) - QUALITY_ROWS} galat lain: {ANNEX_NOTE}",)))
    for f in duplicates:
        blocks.append(Text((f"Laporan ganda — {_opd(f, names)}: {_first_part(f.message)}",)))
    if not blocks:
        blocks.append(Text(("Tidak ada galat: semua baris laporan dapat dihitung.",)))
    opds = sorted({_opd(f, names) for f in errors})
    return Slide(
        key="kualitas",
        layout="isi",
        title=(
            f"{fmt_count(len(errors))} galat data di {fmt_count(len(opds))} OPD; "
            f"{len(refusals)} penolakan tanpa dasar Pasal 17"
        ),
        agenda="Kualitas data laporan",
        blocks=tuple(blocks),
        notes=(
            f"Galat dari pemeriksaan laporan (kip check): {fmt_count(len(errors))} baris di "
            f"{join_names(opds, 8) or 'tidak ada OPD'}; baris bergalat tidak dihitung. "
            + (
                "Penolakan tanpa huruf Pasal 17: "
                + "; ".join(f"{_opd(f, names)} baris {f.row}" for f in refusals)
                + " — minta OPD menunjukkan uji konsekuensinya. "
                if refusals
                else ""
            )
            + (
                "Laporan ganda: " + join_names([_opd(f, names) for f in duplicates]) + ". "
                if duplicates
                else ""
            )
            + "Setiap baris memuat teks perbaikan dari pemeriksaan, untuk diteruskan ke OPD."
        ),
    )


def findings_slide(summary: PeriodSummary, facts: IntakeFacts | None) -> Slide | None:
    """Findings and warnings grouped by kind, with the OPDs that have most of them."""
    if facts is None:
        return None
    names = _names(summary)
    rows, total = [], 0
    for severity in ("temuan", "peringatan"):
        for kind, count, opds in grouped_findings(facts, severity):
            total += count
            example = next(
                f.message for f in facts.findings if f.severity == severity and f.kind == kind
            )
            top = ", ".join(f"{names.get(c, c)} {n}" for c, n in opds.most_common(3))
            more = f" +{len(opds) - 3} OPD" if len(opds) > 3 else ""
            rows.append(
                (schema.Severity(severity).label, kind, fmt_count(count), top + more, example)
            )
    if not rows:
        return None
    return Slide(
        key="temuan",
        layout="isi",
        title=f"{fmt_count(total)} temuan dan peringatan, dikelompokkan menurut jenisnya",
        agenda="Temuan pemeriksaan per jenis",
        blocks=(
            Table(
                (
                    Column("Tingkat", 1.1),
                    Column("Jenis", 2.2),
                    Column("Jumlah", 0.9, "right"),
                    Column("OPD terbanyak", 2.4),
                ),
                tuple(r[:4] for r in rows[:TABLE_ROWS]),
            ),
        ),
        notes=(
            "Temuan dan peringatan pemeriksaan per jenis. Contoh teks pemeriksaan: "
            + " | ".join(f"{r[1]}: {r[4]}" for r in rows[:3])
            + ". Daftar lengkap per baris ada di lampiran xlsx."
        ),
    )


def kendala_summary(
    facts: IntakeFacts | None, names: Mapping[str, str]
) -> list[tuple[str, str, list[str]]]:
    """(kind label, text, OPD names) of the Kendala sheet, most frequent first per kind."""
    if facts is None or facts.kendala.empty:
        return []
    frame = facts.kendala
    out = []
    for (jenis, uraian), group in frame.groupby(["jenis", "uraian"], dropna=False, sort=False):
        label = schema.JENIS_KENDALA.get(str(jenis), str(jenis).replace("_", " ").capitalize())
        opds = sorted({names.get(str(c), str(c)) for c in group["kode_opd"]})
        out.append((label, str(uraian), opds))
    order = {label: k for k, label in enumerate(schema.JENIS_KENDALA.values())}
    return sorted(out, key=lambda item: (order.get(item[0], 99), -len(item[2]), item[1]))


def kendala_slide(summary: PeriodSummary, facts: IntakeFacts | None) -> Slide | None:
    names = _names(summary)
    items = kendala_summary(facts, names)
    if not items:
        return None
    by_kind: dict[str, list] = defaultdict(list)
    for label, text, opds in items:
        by_kind[label].append((text, opds))
    bullets: list[tuple[int, str]] = []
    for label, entries in by_kind.items():
        bullets.append((0, label))
        for text, opds in entries[:2]:
            bullets.append((1, f"{text} ({len(opds)} OPD)"))
    top = items[0]
    most = max(items, key=lambda item: len(item[2]))
    n_opd = facts.kendala["kode_opd"].nunique() if facts is not None else 0
    half = (len(bullets) + 1) // 2
    split = next((k for k in range(half, len(bullets)) if bullets[k][0] == 0), len(bullets))
    return Slide(
        key="suara_opd",
        layout="isi",
        title=f'Suara OPD: "{most[1].rstrip(".")}" disebut {len(most[2])} OPD',
        agenda="Kendala dan rekomendasi dari OPD",
        blocks=(
            Columns((Bullets(tuple(bullets[:split])), Bullets(tuple(bullets[split:]))))
            if split < len(bullets)
            else Bullets(tuple(bullets)),
        ),
        notes=(
            f"Ringkasan lembar Kendala dan Rekomendasi dari {n_opd} OPD, per jenis, yang paling "
            "sering disebut lebih dulu. "
            + " ".join(
                f'{label}: "{text}" — {join_names(opds, 6)}.' for label, text, opds in items[:5]
            )
            + f" (Pertama: {top[0]}.) Tanyakan: kendala mana yang dapat diselesaikan PPID Utama?"
        ),
    )


def training_slide(
    training: TrainingSummary, summary: PeriodSummary, problem_codes: Sequence[str], top_n: int
) -> Slide:
    names = _names(summary)
    by_opd = training.by_opd
    taken = {str(c) for c in by_opd["kode_opd"]} if len(by_opd) else set()
    scores = [
        (names.get(str(c), str(c)), float(s), int(p))
        for c, s, p in zip(
            by_opd.get("kode_opd", []),
            by_opd.get("rata_rata", []),
            by_opd.get("peserta", []),
            strict=False,
        )
    ]
    scores.sort(key=lambda item: (item[1], item[0]))
    shown = scores[:BARS] if len(scores) > BARS else scores
    absent = [names.get(c, c) for c in problem_codes if c not in taken]
    blocks: list = []
    if shown:
        blocks.append(
            Chart(
                "bar",
                "Rata-rata jawaban benar per OPD"
                + (f" ({len(shown)} terendah)" if len(shown) < len(scores) else ""),
                tuple(n for n, _, _ in shown),
                (Series("Rata-rata benar", tuple(s for _, s, _ in shown)),),
                number_format="0%",
                axis_max=1.0,
                point_labels=tuple(f"{p} peserta" for _, _, p in shown),
            )
        )
    else:
        blocks.append(Text(("Belum ada jawaban kuis.",)))
    side = [
        (0, f"{fmt_count(training.participants)} peserta dari {fmt_count(len(taken))} OPD"),
        (0, f"Rata-rata jawaban benar: {fmt_percent(training.mean_score)}"),
        (0, f"OPD bermasalah yang belum ikut: {len(absent)}"),
        *((1, n) for n in absent[:6]),
    ]
    if len(absent) > 6:
        side.append((1, f"dan {len(absent) - 6} OPD lainnya"))
    return Slide(
        key="pelatihan",
        layout="isi",
        title=(
            f"Pelatihan: {fmt_count(len(taken))} OPD ikut; {len(absent)} OPD dengan masalah "
            "layanan belum ikut"
        ),
        agenda="Hasil pelatihan",
        blocks=(Columns((blocks[0], Bullets(tuple(side))), (0.6, 0.4)),),
        notes=(
            "Peserta kuis per OPD dan rata-rata jawaban benarnya. Terendah: "
            + ("; ".join(f"{n} {fmt_percent(s)}" for n, s, _ in scores[:3]) or "tidak ada")
            + ". OPD yang perlu tindak lanjut tetapi belum ikut pelatihan: "
            + (join_names(absent, 10) or "tidak ada")
            + ". Topik terlemah: "
            + (", ".join(str(t) for t in training.weakest_topics) or "tidak ada")
            + "."
        ),
    )


BARS = 20
