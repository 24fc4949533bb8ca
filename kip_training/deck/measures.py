"""One-glance slides: one sorted, colour-banded chart per measure for all OPDs.

On-time notices (with the threshold line and the request count beside each bar),
periodic information up to date, the readiness estimate, who contributes the late
notices (Pareto), the change per OPD against the previous semester, and objections per
OPD with the Atasan's answer times. Large rosters (over :data:`LARGE_ROSTER` OPDs) get
the N weakest OPDs plus the distribution per ``kelompok``; the full table goes to the
xlsx annex.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kip_training import law
from kip_training.config import Config
from kip_training.deck.common import (
    BERKALA_MIN_FRESH,
    INTERNAL_ESTIMATE,
    NO_DATA,
    _get,
    _missing,
    _num,
    _rows,
    fmt_count,
    fmt_percent,
    fmt_pp,
    join_names,
    pp_change,
    rounded_percent,
    short_name,
    usable,
)
from kip_training.deck.facts import IntakeFacts, answer_limit, answer_times
from kip_training.deck.model import (
    SCALE,
    Band,
    Chart,
    Column,
    Columns,
    Series,
    Slide,
    Table,
    Text,
)
from kip_training.metrics import Comparison, PeriodSummary
from kip_training.reports import schema
from kip_training.textfmt import format_number, format_percent

#: Above this many OPDs a slide shows the weakest N and the distribution per kelompok.
LARGE_ROSTER = 60
#: Bars per chart; more OPDs are split over charts side by side.
BARS_PER_CHART = 20
#: Rows of a table on a presented slide; the rest is in the appendix and the annex.
TABLE_ROWS = 8
ANNEX_NOTE = "Tabel lengkap per OPD ada di lampiran xlsx yang ditulis bersama paparan ini."


@dataclass(frozen=True)
class Measured:
    """One OPD on a measure chart: its value (None: no figure), label and kelompok."""

    code: str
    name: str
    value: float | None
    label: str = ""
    kelompok: str = ""
    status: str = ""


def _measured(summary: PeriodSummary, value_of, label_of=lambda row: "") -> list[Measured]:
    out = []
    for code, row in _rows(summary.per_opd):
        value = value_of(row) if usable(row) else None
        out.append(
            Measured(
                code,
                short_name(row, code),
                None if value is None or _missing(value) else float(value),
                label_of(row) if usable(row) else "",
                str(row.get("kelompok") or "lainnya"),
                str(row.get("status_laporan") or ""),
            )
        )
    return out


def _band_of(value: float, bands: Sequence[Band]) -> Band | None:
    for band in bands:
        if value >= band.lower and (band.upper is None or value < band.upper):
            return band
    return None


def _without_figure_text(items: Sequence[Measured], what: str) -> Text | None:
    """One line naming the OPDs without a figure and why (never shown as 0)."""
    groups: dict[str, list[str]] = {}
    for item in items:
        if item.value is None:
            reason = (
                schema.STATUS_LAPORAN.get(item.status, "").lower()
                if item.status not in ("tepat_waktu", "terlambat")
                else f"belum ada {what}"
            )
            groups.setdefault(reason, []).append(item.name)
    if not groups:
        return None
    parts = [f"{reason}: {join_names(names, 6)}" for reason, names in groups.items()]
    return Text(("Tanpa angka (bukan nol) — " + "; ".join(parts) + ".",))


def _chart(
    items: Sequence[Measured], title: str, series: str, fmt: str, axis_max, threshold, bands
) -> Chart:
    return Chart(
        "bar",
        title,
        tuple(i.name for i in items),
        (Series(series, tuple(float(i.value or 0.0) for i in items)),),
        number_format=fmt,
        axis_max=axis_max,
        threshold=threshold,
        threshold_label=(f"ambang {format_percent(threshold)}" if threshold is not None else ""),
        bands=tuple(bands),
        point_tones=tuple(
            (b.tone if (b := _band_of(float(i.value or 0.0), bands)) else None) for i in items
        ),
        point_labels=tuple(i.label for i in items),
    )


def _distribution(items: Sequence[Measured], bands: Sequence[Band], title: str) -> Chart:
    """OPDs per band in each kelompok (a stacked bar per kelompok)."""
    groups = sorted({i.kelompok for i in items})
    series = []
    for band in bands:
        counts = tuple(
            float(
                sum(
                    1
                    for i in items
                    if i.kelompok == g and i.value is not None and _band_of(i.value, bands) is band
                )
            )
            for g in groups
        )
        series.append(Series(band.label, counts))
    series.append(
        Series(
            "tanpa angka",
            tuple(
                float(sum(1 for i in items if i.kelompok == g and i.value is None)) for g in groups
            ),
        )
    )
    labels = tuple(g.replace("_", " ").capitalize() for g in groups)
    return Chart("bar_stacked", title, labels, tuple(series), bands=tuple(bands))


def measure_blocks(
    items: Sequence[Measured],
    *,
    title: str,
    series: str,
    number_format: str,
    bands: Sequence[Band],
    top_n: int,
    axis_max: float | None = None,
    threshold: float | None = None,
    what: str = "angka",
) -> tuple[list, str]:
    """The blocks of a measure slide and a sentence for its notes (best and worst)."""
    valued = sorted((i for i in items if i.value is not None), key=lambda i: (i.value, i.name))
    blocks: list = []
    if not valued:
        blocks.append(Text((f"Belum ada OPD dengan {what}.",)))
    elif len(items) > LARGE_ROSTER:
        worst = valued[:top_n]
        blocks.append(
            Columns(
                (
                    _chart(
                        worst,
                        f"{len(worst)} OPD terendah",
                        series,
                        number_format,
                        axis_max,
                        threshold,
                        bands,
                    ),
                    _distribution(items, bands, "Sebaran OPD per kelompok"),
                ),
                (0.5, 0.5),
            )
        )
        best = valued[::-1][:3]
        blocks.append(
            Text(
                (
                    "Tertinggi: "
                    + ", ".join(f"{i.name} ({_fmt(i.value, number_format)})" for i in best)
                    + f". {ANNEX_NOTE}",
                )
            )
        )
    else:
        n_charts = -(-len(valued) // BARS_PER_CHART)
        size = -(-len(valued) // n_charts)
        chunks = [valued[k : k + size] for k in range(0, len(valued), size)]
        charts = tuple(
            _chart(
                chunk,
                title if n_charts == 1 else f"{title} ({k + 1}/{n_charts})",
                series,
                number_format,
                axis_max,
                threshold,
                bands,
            )
            for k, chunk in enumerate(chunks)
        )
        blocks.append(charts[0] if len(charts) == 1 else Columns(charts))
    missing = _without_figure_text(items, what)
    if missing is not None:
        blocks.append(missing)
    notes = ""
    if valued:
        low = valued[: min(3, len(valued))]
        high = valued[::-1][: min(3, len(valued))]
        notes = (
            "Terendah: "
            + ", ".join(f"{i.name} {_fmt(i.value, number_format)}" for i in low)
            + ". Tertinggi: "
            + ", ".join(f"{i.name} {_fmt(i.value, number_format)}" for i in high)
            + "."
        )
    return blocks, notes


def _fmt(value: float | None, number_format: str) -> str:
    if value is None:
        return NO_DATA
    if "%" in number_format:
        return fmt_percent(value)
    return format_number(value, 1 if "0.0" in number_format or "0,0" in number_format else 0)


def threshold_of(config: Config | None) -> float:
    return config.ontime_threshold if config is not None else 0.8


def ontime_bands(threshold: float) -> tuple[Band, ...]:
    return (
        Band(0.0, threshold, "buruk", f"di bawah ambang {format_percent(threshold)}"),
        Band(threshold, None, "baik", f"sesuai ambang {format_percent(threshold)} atau lebih"),
    )


def below_threshold(summary: PeriodSummary, threshold: float) -> list[tuple[str, str, float]]:
    """(code, short name, rate) of the OPDs whose on-time rate is below the threshold."""
    out = []
    for code, row in _rows(summary.per_opd):
        rate = row.get("persen_tepat_waktu")
        if usable(row) and not _missing(rate) and float(rate) < threshold:
            out.append((code, short_name(row, code), float(rate)))
    return sorted(out, key=lambda item: (item[2], item[1]))


def ontime_slide(summary: PeriodSummary, config: Config | None, top_n: int) -> Slide:
    threshold = threshold_of(config)
    items = _measured(
        summary,
        lambda r: r.get("persen_tepat_waktu"),
        lambda r: f"n={fmt_count(_get(r, 'pemberitahuan'))}",
    )
    blocks, extremes = measure_blocks(
        items,
        title="Pemberitahuan tepat waktu per OPD",
        series="Tepat waktu",
        number_format="0.0%",
        bands=ontime_bands(threshold),
        top_n=top_n,
        axis_max=1.0,
        threshold=threshold,
        what="pemberitahuan",
    )
    below = below_threshold(summary, threshold)
    total = summary.totals.get("persen_tepat_waktu")
    notice = law.DEADLINES["pemberitahuan"]
    return Slide(
        key="ketepatan",
        layout="isi",
        title=(
            f"{len(below)} OPD di bawah ambang {format_percent(threshold)} pemberitahuan "
            f"tepat waktu; seluruh OPD {fmt_percent(total)}"
        ),
        agenda="Ketepatan waktu pemberitahuan per OPD",
        blocks=tuple(blocks),
        notes=(
            f"Batang merah: OPD di bawah ambang {format_percent(threshold)} (kip.toml); garis "
            f"tegak: ambang itu; n = jumlah pemberitahuan tertulis di balik persentase. "
            f"Di bawah ambang: {join_names([f'{n} {fmt_percent(r)}' for _, n, r in below], 8)}. "
            f"{extremes} Batasnya {notice.working_days} hari kerja ({notice.basis}), dapat "
            f"diperpanjang {law.EXTENSION_DAYS} hari kerja dengan alasan tertulis. Tanyakan "
            "kepada OPD merah: di mana permohonan tertahan?"
        ),
    )


def periodic_slide(summary: PeriodSummary, top_n: int) -> Slide:
    def share(row: Mapping[str, Any]) -> float | None:
        items = _num(_get(row, "berkala_item"))
        return _num(_get(row, "berkala_mutakhir")) / items if items else 0.0

    items = _measured(
        summary,
        share,
        lambda r: f"{fmt_count(_get(r, 'berkala_mutakhir'))}/{fmt_count(_get(r, 'berkala_item'))}",
    )
    bands = (
        Band(0.0, BERKALA_MIN_FRESH, "buruk", f"kurang dari {format_percent(BERKALA_MIN_FRESH)}"),
        Band(BERKALA_MIN_FRESH, None, "baik", f"{format_percent(BERKALA_MIN_FRESH)} atau lebih"),
    )
    blocks, extremes = measure_blocks(
        items,
        title="Informasi berkala mutakhir per OPD",
        series="Mutakhir",
        number_format="0%",
        bands=bands,
        top_n=top_n,
        axis_max=1.0,
        what="informasi berkala",
    )
    stale = [i for i in items if i.value is not None and i.value < BERKALA_MIN_FRESH]
    article = law.CATEGORIES["berkala"].article
    return Slide(
        key="berkala",
        layout="isi",
        title=(
            f"Informasi berkala: {len(stale)} OPD memutakhirkan kurang dari "
            f"{format_percent(BERKALA_MIN_FRESH)} itemnya"
        ),
        agenda="Informasi berkala per OPD",
        blocks=tuple(blocks),
        notes=(
            f"Bagian item informasi berkala ({article}) yang diumumkan dan diperbarui dalam "
            "enam bulan terakhir; label: mutakhir/jumlah item. Merah: kurang dari "
            f"{format_percent(BERKALA_MIN_FRESH)}: {join_names([i.name for i in stale], 8)}. "
            f"{extremes} Tanyakan: siapa yang memperbarui, dan di mana diumumkan?"
        ),
    )


def readiness_bands(summary: PeriodSummary, config: Config | None) -> tuple[Band, ...]:
    overrides = config.monev_overrides if config is not None else None
    try:
        regime = law.monev_regime(summary.period.year, overrides)
        bands = sorted(regime.bands, key=lambda b: b.minimum)
    except law.NoBandsError:
        return (Band(0.0, None, None, "indeks"),)
    out = []
    steps = len(SCALE) - 1
    for k, band in enumerate(bands):
        upper = bands[k + 1].minimum if k + 1 < len(bands) else None
        tone = SCALE[round(k * steps / (len(bands) - 1))] if len(bands) > 1 else None
        out.append(Band(float(band.minimum), upper, tone, band.kualifikasi))
    return tuple(out)


def readiness_slide(summary: PeriodSummary, config: Config | None, top_n: int) -> Slide:
    bands = readiness_bands(summary, config)
    items = _measured(summary, lambda r: r.get("indeks_kesiapan"))
    blocks, extremes = measure_blocks(
        items,
        title="Indeks kesiapan (0–100)",
        series="Indeks",
        number_format="0.0",
        bands=bands,
        top_n=top_n,
        axis_max=100.0,
        what="indeks",
    )
    lowest_two = bands[:2] if len(bands) > 1 else ()
    weak = [i for i in items if i.value is not None and _band_of(i.value, bands) in lowest_two]
    weights = config.readiness_weights if config is not None else {}
    weight_text = ", ".join(
        f"{k.replace('_', ' ')} {format_number(v)}%" for k, v in weights.items()
    )
    return Slide(
        key="kesiapan",
        layout="isi",
        title=(
            f"Perkiraan kesiapan monev: {len(weak)} OPD di dua pita terbawah; terendah "
            + (f"{low.name} {_fmt(low.value, '0.0')}" if (low := _lowest(items)) else NO_DATA)
        ),
        agenda="Indeks kesiapan internal",
        blocks=(Text((INTERNAL_ESTIMATE,), emphasis=True), *blocks),
        notes=(
            f"{INTERNAL_ESTIMATE}. Indeks 0–100 dari laporan PPID Pembantu"
            + (f" (bobot {weight_text})" if weight_text else "")
            + "; warna mengikuti batas kualifikasi Komisi Informasi hanya sebagai alat baca. "
            f"Perlu dibantu lebih dulu: {join_names([i.name for i in weak], 8) or 'tidak ada'}. "
            f"{extremes} Nilai resmi hanya dari monev Komisi Informasi."
        ),
    )


def _lowest(items: Sequence[Measured]) -> Measured | None:
    valued = [i for i in items if i.value is not None]
    return min(valued, key=lambda i: (i.value, i.name)) if valued else None


def pareto(summary: PeriodSummary) -> list[tuple[str, str, int]]:
    """(code, short name, late notices) of the OPDs with late notices, most first."""
    out = []
    for code, row in _rows(summary.per_opd):
        late = int(_num(_get(row, "terlambat"))) if usable(row) else 0
        if late > 0:
            out.append((code, short_name(row, code), late))
    return sorted(out, key=lambda item: (-item[2], item[1]))


def pareto_head(summary: PeriodSummary, share: float = 0.5, cap: int = 3):
    """The fewest OPDs (at most ``cap``) that together send at least ``share`` of the late
    notices, with the share they send; None when no notice was late."""
    items = pareto(summary)
    total = sum(n for _, _, n in items)
    if not total:
        return None
    running = 0
    for k, (_, _, n) in enumerate(items, start=1):
        running += n
        if running / total >= share or k == cap:
            return items[:k], running / total, total
    return items, 1.0, total


def pareto_slide(summary: PeriodSummary, top_n: int) -> Slide:
    items = pareto(summary)
    total = sum(n for _, _, n in items)
    head = pareto_head(summary)
    if not items:
        return Slide(
            key="pareto",
            layout="isi",
            title="Tidak ada pemberitahuan terlambat semester ini",
            agenda="Penyumbang pemberitahuan terlambat",
            blocks=(Text(("Semua pemberitahuan tertulis dalam batas waktu.",)),),
            notes="Tidak ada pemberitahuan tertulis yang melewati batas waktu di OPD mana pun.",
        )
    shown = items[:top_n]
    rest = items[top_n:]
    cats = [name for _, name, _ in shown]
    values = [float(n) for _, _, n in shown]
    if rest:
        cats.append(f"Lainnya ({len(rest)} OPD)")
        values.append(float(sum(n for _, _, n in rest)))
    cumulative, labels = 0.0, []
    for v in values:
        cumulative += v
        labels.append(f"kumulatif {format_percent(cumulative / total)}")
    assert head is not None
    leaders, lead_share, _ = head
    chart = Chart(
        "bar",
        "Pemberitahuan terlambat per OPD",
        tuple(cats),
        (Series("Terlambat", tuple(values)),),
        grouped_last=bool(rest),
        point_tones=tuple("buruk" if k < len(leaders) else None for k in range(len(cats))),
        point_labels=tuple(labels),
    )
    names = [name for _, name, _ in leaders]
    return Slide(
        key="pareto",
        layout="isi",
        title=(
            f"{len(leaders)} OPD menyumbang {format_percent(lead_share)} dari "
            f"{fmt_count(total)} pemberitahuan terlambat"
        ),
        agenda="Penyumbang pemberitahuan terlambat",
        blocks=(chart,),
        notes=(
            f"{join_names(names)} bersama-sama mengirim {format_percent(lead_share)} dari "
            f"{fmt_count(total)} pemberitahuan yang melewati batas waktu; "
            + "; ".join(f"{name} {fmt_count(n)}" for _, name, n in items[:6])
            + ". Perbaikan di OPD ini paling besar pengaruhnya pada angka seluruh kota. "
            "Tanyakan: apakah permohonan di OPD ini menumpuk pada satu bidang?"
        ),
    )


def change_rows(comparison: Comparison) -> list[tuple[str, str, float, float, float]]:
    """(code, short name, previous %, current %, change in points from the rounded
    figures) of the OPDs with an on-time rate in both semesters."""
    if comparison.previous is None:
        return []
    before = dict(_rows(comparison.previous.per_opd))
    out = []
    for code, row in _rows(comparison.current.per_opd):
        old = before.get(code)
        if old is None or not usable(row) or not usable(old):
            continue
        change = pp_change(row.get("persen_tepat_waktu"), old.get("persen_tepat_waktu"))
        if change is None:
            continue
        out.append(
            (
                code,
                short_name(row, code),
                rounded_percent(old.get("persen_tepat_waktu")),
                rounded_percent(row.get("persen_tepat_waktu")),
                change,
            )
        )
    return sorted(out, key=lambda item: (item[4], item[1]))


def change_slide(comparison: Comparison, top_n: int) -> Slide | None:
    rows = change_rows(comparison)
    if comparison.previous is None or not rows:
        return None
    worse = [r for r in rows if r[4] < 0]
    better = [r for r in rows if r[4] > 0]
    if len(rows) > 2 * top_n:
        picked = rows[:top_n] + rows[-top_n:]
        extra = f" {len(rows) - len(picked)} OPD lain di antaranya. {ANNEX_NOTE}"
    else:
        picked, extra = rows, ""
    chunks = [picked[k : k + BARS_PER_CHART] for k in range(0, len(picked), BARS_PER_CHART)]
    charts = tuple(
        Chart(
            "bar",
            "Perubahan tepat waktu (poin persentase)",
            tuple(r[1] for r in chunk),
            (Series("Perubahan", tuple(r[4] for r in chunk)),),
            number_format="+0,0;-0,0;0,0",
            point_tones=tuple(
                "buruk" if r[4] < 0 else ("baik" if r[4] > 0 else None) for r in chunk
            ),
            point_labels=tuple(
                f"{format_number(r[2], 1)}% → {format_number(r[3], 1)}%" for r in chunk
            ),
        )
        for chunk in chunks
    )
    before = comparison.previous.period.title
    worst = worse[:3]
    return Slide(
        key="perubahan",
        layout="isi",
        title=f"Dibanding {before}: {len(better)} OPD membaik, {len(worse)} OPD memburuk",
        agenda=f"Perubahan per OPD dibanding {before}",
        blocks=(
            charts[0] if len(charts) == 1 else Columns(charts),
            Text(
                (
                    "Perubahan dalam poin persentase, dihitung dari angka bulat yang ditampilkan."
                    + extra,
                )
            ),
        ),
        notes=(
            f"Perubahan persentase pemberitahuan tepat waktu per OPD dibanding {before}. "
            "Memburuk paling banyak: "
            + (
                "; ".join(
                    f"{r[1]} {format_number(r[2], 1)}% → {format_number(r[3], 1)}% ({fmt_pp(r[4])})"
                    for r in worst
                )
                or "tidak ada"
            )
            + ". Membaik paling banyak: "
            + ("; ".join(f"{r[1]} ({fmt_pp(r[4])})" for r in better[::-1][:3]) or "tidak ada")
            + ". Tanyakan kepada OPD yang memburuk: apa yang berubah?"
        ),
    )


def objections_slide(comparison: Comparison, facts: IntakeFacts | None) -> Slide:
    summary = comparison.current
    rows = dict(_rows(summary.per_opd))
    times = answer_times(facts, list(rows))
    limit = answer_limit()
    table = []
    for code, row in rows.items():
        n = int(_num(_get(row, "keberatan"))) if usable(row) else 0
        if not n:
            continue
        t = times.loc[code]
        longest = t["maks"]
        table.append(
            (
                int(t["lewat"]) + int(t["belum"]),
                n,
                short_name(row, code),
                fmt_count(n),
                fmt_count(_get(row, "sengketa")),
                NO_DATA if _missing(longest) else f"{fmt_count(longest)} HK",
                fmt_count(t["lewat"]),
                fmt_count(t["belum"]),
            )
        )
    table.sort(key=lambda r: (-r[0], -r[1], r[2]))
    totals = summary.totals
    late = int(times["lewat"].sum())
    open_ = int(times["belum"].sum())
    flagged = [r[2] for r in table if r[0]]
    blocks: list = []
    if table:
        shown = table[:TABLE_ROWS]
        blocks.append(
            Table(
                (
                    Column("OPD", 2.6),
                    Column("Keberatan", 1.2, "right"),
                    Column("Sengketa", 1.1, "right"),
                    Column("Jawaban terlama", 1.5, "right"),
                    Column(f"> {limit} HK", 1.0, "right"),
                    Column("Belum dijawab", 1.3, "right"),
                ),
                tuple(r[2:] for r in shown),
                tones=tuple(
                    (
                        None,
                        None,
                        None,
                        None,
                        "buruk" if r[6] != "0" else None,
                        "buruk" if r[7] != "0" else None,
                    )
                    for r in shown
                ),
            )
        )
        if len(table) > TABLE_ROWS:
            blocks.append(
                Text((f"{len(table) - TABLE_ROWS} OPD lain dengan keberatan: {ANNEX_NOTE}",))
            )
    else:
        blocks.append(Text(("Tidak ada keberatan pada semester ini.",)))
    answer = law.DEADLINES["tanggapan_keberatan"]
    dispute = law.DEADLINES["sengketa"]
    silent = law.DEADLINES["sengketa_tanpa_tanggapan"]
    return Slide(
        key="keberatan",
        layout="isi",
        title=(
            f"{fmt_count(totals.get('keberatan'))} keberatan, {fmt_count(totals.get('sengketa'))} "
            f"sengketa; {late} jawaban Atasan lewat {limit} hari kerja"
        ),
        agenda="Keberatan, sengketa dan jawaban Atasan PPID",
        blocks=tuple(blocks),
        notes=(
            f"Keberatan per OPD dan waktu jawab Atasan PPID terhadap batas {limit} hari kerja "
            f"({answer.basis}). Lewat batas: {late}; belum dijawab: {open_}"
            + (f" (OPD: {join_names(flagged, 8)})" if flagged else "")
            + f". Pemohon dapat mengajukan sengketa dalam {dispute.working_days} hari kerja "
            f"({dispute.basis}); bila Atasan PPID tidak menanggapi, praktiknya "
            f"{silent.working_days} hari kerja sesudah {answer.working_days} hari kerja itu "
            f"berakhir ({silent.basis}). Di Komisi Informasi, mediasi hanya untuk alasan "
            "keberatan Pasal 35 ayat (1) huruf b–g; penolakan berdasarkan Pasal 17 langsung "
            "diselesaikan lewat ajudikasi nonlitigasi (Pasal 40 ayat (2))."
        ),
    )
