"""The question bank: load ``data/questions/*.yaml`` and check every question.

Each file is one topic::

    topic: keberatan
    judul: Keberatan (Pasal 35–36)
    questions:
      - id: keb-01
        type: pilihan
        prompt: ...
        options: [...]
        answer: ...
        explanation: ...
        reference: UU 14/2008 Pasal 35 ayat (1)
        difficulty: 1

A question's ``topic`` defaults to the file's topic. What each type needs:

- ``pilihan``: ``options`` (list) and ``answer`` (one of the options);
- ``pilihan_ganda``: ``options`` and ``answer`` (a list of options, at least one);
- ``benar_salah``: ``answer`` true/false;
- ``angka``: ``answer`` (number), optional ``tolerance`` (default 0); a question about a
  KIP deadline carries ``law_ref`` (a key of :data:`kip_training.law.DEADLINES`) and a
  question about a sanction carries ``sanction_ref`` ("51.denda", "53.penjara"); the
  answer must equal the figure in ``law.py``;
- ``pasangan``: ``pairs`` (mapping item -> match) and optional ``distractors``;
- ``tenggat``: a template for generated deadline questions: ``kind`` (a deadline key),
  ``dari`` and ``sampai`` (range of receipt dates), optional ``format`` (``tanggal`` or
  ``pilihan``); ``reference`` defaults to the deadline's article.

:func:`validate_paths` returns every problem found (file, question id, field, message
in Indonesian); :func:`load_bank` raises :class:`QuestionBankError` listing them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kip_training import law
from kip_training.errors import QuestionBankError

TYPES = ("pilihan", "pilihan_ganda", "benar_salah", "angka", "pasangan", "tenggat")
TYPE_LABELS = {
    "pilihan": "pilihan tunggal",
    "pilihan_ganda": "pilihan ganda (lebih dari satu jawaban benar)",
    "benar_salah": "benar/salah",
    "angka": "isian angka",
    "pasangan": "menjodohkan",
    "tenggat": "hitung tenggat",
}
TENGGAT_FORMATS = ("tanggal", "pilihan")

_COMMON = {"id", "topic", "type", "prompt", "explanation", "reference", "difficulty"}
_BY_TYPE: dict[str, set[str]] = {
    "pilihan": {"options", "answer"},
    "pilihan_ganda": {"options", "answer"},
    "benar_salah": {"answer"},
    "angka": {"answer", "tolerance", "law_ref", "sanction_ref", "unit"},
    "pasangan": {"pairs", "distractors"},
    "tenggat": {"kind", "dari", "sampai", "format"},
}
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Articles whose angka answers must be checked against law.py.
_DEADLINE_ARTICLES = re.compile(r"Pasal\s+(22|36|37|38)\b")
_SANCTION_ARTICLES = re.compile(r"Pasal\s+(51|52|53)\b")
# KIP.md: only Pasal 51–53 may be answer keys; Pasal 9's ayat is not settled.
_UNCERTAIN_REFERENCES = (
    (re.compile(r"Pasal\s+(54|55)\b"), "Pasal 54–55 bertanda [belum pasti] di KIP.md"),
    (re.compile(r"Pasal\s+9\s+ayat"), "ayat Pasal 9 untuk aturan enam bulan [belum pasti]"),
)
_FORBIDDEN_WORDING = re.compile(r"paling\s+lambat\s+(6|enam)\s*(\(enam\)\s*)?bulan", re.I)
SANCTION_FIELDS = ("denda", "penjara")
#: ``law_ref`` keys besides those of law.DEADLINES: (working days, label, basis).
EXTRA_LAW_REFS: dict[str, tuple[int, str, str]] = {
    "tambahan_perpanjangan": (
        law.EXTENSION_DAYS,
        "Perpanjangan waktu pemberitahuan",
        law.DEADLINES["perpanjangan"].basis,
    ),
}


def law_ref_days(ref: str) -> tuple[int, str, str] | None:
    """(working days, label, basis) of a ``law_ref`` key, or None when unknown."""
    if ref in law.DEADLINES:
        d = law.DEADLINES[ref]
        return d.working_days, d.label, d.basis
    return EXTRA_LAW_REFS.get(ref)


@dataclass(frozen=True)
class Topic:
    """One topic of the bank (one YAML file)."""

    key: str
    title: str
    source: Path | None = None
    order: int = 999


@dataclass(frozen=True)
class Question:
    """One question of the bank, already checked."""

    id: str
    topic: str
    type: str
    prompt: str
    explanation: str
    reference: str
    difficulty: int
    options: tuple[str, ...] = ()
    answer: Any = None
    tolerance: float = 0.0
    pairs: tuple[tuple[str, str], ...] = ()
    distractors: tuple[str, ...] = ()
    law_ref: str | None = None
    sanction_ref: str | None = None
    unit: str | None = None
    kind: str | None = None
    date_range: tuple[dt.date, dt.date] | None = None
    answer_format: str = "tanggal"
    source: Path | None = None

    @property
    def is_generated(self) -> bool:
        """True for a ``tenggat`` template (its answer comes from the calendar)."""
        return self.type == "tenggat"

    @property
    def match_options(self) -> tuple[str, ...]:
        """For ``pasangan``: the distinct matches plus distractors, in file order."""
        seen: dict[str, None] = {}
        for _, right in self.pairs:
            seen.setdefault(right, None)
        for extra in self.distractors:
            seen.setdefault(extra, None)
        return tuple(seen)


@dataclass(frozen=True)
class BankIssue:
    """A problem in the bank: which file, question and field, and what is wrong."""

    file: str
    question_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.question_id:
            where.append(f"soal '{self.question_id}'")
        if self.field:
            where.append(f"kolom '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class QuestionBank:
    """All topics and questions, in file order."""

    topics: dict[str, Topic] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def __getitem__(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    def by_topic(self, topic: str) -> list[Question]:
        return [q for q in self.questions if q.topic == topic]

    def title(self, topic: str) -> str:
        """The human title of a topic (its key when unknown)."""
        return self.topics[topic].title if topic in self.topics else topic

    @property
    def hand_written(self) -> list[Question]:
        """Questions written by hand (every type except ``tenggat`` templates)."""
        return [q for q in self.questions if not q.is_generated]


def default_questions_dir() -> Path:
    """The question folder of the active configuration."""
    from kip_training.config import load_config

    return load_config().questions_dir


def expand_paths(paths: Iterable[Path | str] | None = None) -> list[Path]:
    """YAML files named or found in the folders named (default: the bank folder)."""
    if paths is None:
        paths = [default_questions_dir()]
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        else:
            files.append(path)
    return files


class _Checker:
    """Collects issues while building questions from one file."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.issues: list[BankIssue] = []

    def add(self, qid: str | None, fld: str | None, message: str) -> None:
        self.issues.append(BankIssue(str(self.file), qid, fld, message))


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        from kip_training.textfmt import parse_date

        try:
            return parse_date(value)
        except ValueError:
            return None
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def sanction_figure(ref: str) -> float | None:
    """The figure of a ``sanction_ref`` ("51.denda" in rupiah, "53.penjara" in years)."""
    article, _, what = ref.partition(".")
    sanction = law.SANCTIONS.get(article)
    if sanction is None or what not in SANCTION_FIELDS:
        return None
    if what == "denda":
        return float(sanction.max_fine_rp) if sanction.max_fine_rp is not None else None
    match = re.match(r"\s*(\d+)", sanction.max_prison)
    return float(match.group(1)) if match else None


def _check_options(c: _Checker, qid: str, raw: Mapping[str, Any]) -> tuple[str, ...] | None:
    options = raw.get("options")
    if not isinstance(options, list) or len(options) < 2:
        c.add(qid, "options", "harus berupa daftar paling sedikit 2 pilihan.")
        return None
    texts = []
    for i, option in enumerate(options, start=1):
        if isinstance(option, bool) or not isinstance(option, str | int | float):
            c.add(qid, "options", f"pilihan ke-{i} harus berupa teks.")
            return None
        text = str(option).strip()
        if not text:
            c.add(qid, "options", f"pilihan ke-{i} kosong.")
            return None
        texts.append(text)
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        c.add(qid, "options", f"pilihan ganda kembar: {', '.join(duplicates)}.")
        return None
    return tuple(texts)


def _build_question(c: _Checker, raw: Any, index: int, topic: str | None) -> dict[str, Any] | None:
    if not isinstance(raw, Mapping):
        c.add(None, None, f"soal ke-{index} bukan pemetaan (kunci: nilai).")
        return None
    qid_raw = raw.get("id")
    qid = str(qid_raw).strip() if qid_raw is not None else ""
    if not qid:
        c.add(f"#{index}", "id", "wajib diisi (kode unik dan tetap, misalnya keb-01).")
        return None
    if not _ID_PATTERN.match(qid):
        c.add(qid, "id", "hanya boleh huruf kecil, angka, '-' dan '_'.")
    qtype = raw.get("type")
    if qtype not in TYPES:
        c.add(qid, "type", f"'{qtype}' tidak dikenal. Jenis yang sah: {', '.join(TYPES)}.")
        return None
    allowed = _COMMON | _BY_TYPE[qtype]
    for key in raw:
        if key not in allowed:
            c.add(qid, str(key), f"kolom tidak dikenal untuk jenis '{qtype}'.")
    ok = True
    q: dict[str, Any] = {"id": qid, "type": qtype, "source": c.file}

    q_topic = raw.get("topic", topic)
    if not q_topic:
        c.add(qid, "topic", "wajib diisi (atau tulis 'topic' di awal berkas).")
        ok = False
    elif topic and q_topic != topic:
        c.add(qid, "topic", f"'{q_topic}' berbeda dengan topik berkas '{topic}'.")
        ok = False
    q["topic"] = q_topic

    for name in ("prompt", "explanation", "reference"):
        value = _text(raw.get(name))
        if value is None and not (qtype == "tenggat" and name != "prompt"):
            labels = {"prompt": "pertanyaan", "explanation": "penjelasan", "reference": "rujukan"}
            c.add(qid, name, f"{labels[name]} wajib diisi.")
            ok = False
        q[name] = value or ""
    for name in ("prompt", "explanation", "reference") + (("options",) if "options" in raw else ()):
        value = raw.get(name)
        text = " ".join(map(str, value)) if isinstance(value, list) else str(value or "")
        if _FORBIDDEN_WORDING.search(text):
            c.add(
                qid,
                name,
                "informasi berkala diumumkan 'paling singkat 6 bulan sekali' (Pasal 9), "
                "bukan 'paling lambat'.",
            )
            ok = False
    for pattern, why in _UNCERTAIN_REFERENCES:
        if pattern.search(q["reference"]):
            c.add(qid, "reference", f"tidak boleh menjadi kunci jawaban: {why}.")
            ok = False

    difficulty = raw.get("difficulty")
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        c.add(qid, "difficulty", f"harus 1, 2 atau 3 (ditemukan: {difficulty!r}).")
        ok = False
    q["difficulty"] = difficulty

    if qtype in ("pilihan", "pilihan_ganda"):
        options = _check_options(c, qid, raw)
        answer = raw.get("answer")
        if options is None:
            ok = False
        elif qtype == "pilihan":
            if isinstance(answer, list) or answer is None or str(answer).strip() not in options:
                c.add(qid, "answer", f"jawaban {answer!r} tidak ada di antara pilihan.")
                ok = False
            else:
                q["answer"] = str(answer).strip()
        else:
            answers = answer if isinstance(answer, list) else [answer]
            answers = [str(a).strip() for a in answers if a is not None]
            missing = [a for a in answers if a not in options]
            if not answers:
                c.add(qid, "answer", "wajib berisi paling sedikit satu pilihan yang benar.")
                ok = False
            elif missing:
                c.add(qid, "answer", f"jawaban tidak ada di antara pilihan: {', '.join(missing)}.")
                ok = False
            elif len(set(answers)) != len(answers):
                c.add(qid, "answer", "jawaban yang sama tertulis dua kali.")
                ok = False
            else:
                q["answer"] = tuple(a for a in options if a in answers)
        q["options"] = options or ()
    elif qtype == "benar_salah":
        answer = raw.get("answer")
        if not isinstance(answer, bool):
            c.add(qid, "answer", "harus true (benar) atau false (salah).")
            ok = False
        q["answer"] = answer
    elif qtype == "angka":
        ok = _check_angka(c, qid, raw, q) and ok
    elif qtype == "pasangan":
        pairs = raw.get("pairs")
        if not isinstance(pairs, Mapping) or len(pairs) < 3:
            c.add(
                qid,
                "pairs",
                "harus berupa pemetaan paling sedikit 3 pasangan (butir: padanan), "
                "syarat soal menjodohkan di Moodle.",
            )
            ok = False
        else:
            cleaned = [(str(k).strip(), str(v).strip()) for k, v in pairs.items()]
            if any(not k or not v or v == "None" for k, v in cleaned):
                c.add(qid, "pairs", "setiap butir dan padanannya wajib diisi.")
                ok = False
            q["pairs"] = tuple(cleaned)
        distractors = raw.get("distractors", [])
        if not isinstance(distractors, list):
            c.add(qid, "distractors", "harus berupa daftar.")
            ok = False
        else:
            q["distractors"] = tuple(str(d).strip() for d in distractors)
            rights = {v for _, v in q.get("pairs", ())}
            clash = [d for d in q["distractors"] if d in rights]
            if clash:
                c.add(qid, "distractors", f"pengecoh sama dengan padanan: {', '.join(clash)}.")
                ok = False
    else:  # tenggat
        ok = _check_tenggat(c, qid, raw, q) and ok
    return q if ok else None


def _check_angka(c: _Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
    ok = True
    answer = _number(raw.get("answer"))
    if answer is None:
        c.add(qid, "answer", f"harus berupa angka (ditemukan: {raw.get('answer')!r}).")
        return False
    tolerance = _number(raw.get("tolerance", 0))
    if tolerance is None or tolerance < 0:
        c.add(qid, "tolerance", "harus berupa angka 0 atau lebih.")
        ok = False
    q["answer"], q["tolerance"] = answer, tolerance or 0.0
    q["unit"] = _text(raw.get("unit"))
    law_ref, sanction_ref = raw.get("law_ref"), raw.get("sanction_ref")
    reference = q.get("reference", "")
    if law_ref is not None:
        found = law_ref_days(str(law_ref))
        if found is None:
            known = ", ".join([*law.DEADLINES, *EXTRA_LAW_REFS])
            c.add(qid, "law_ref", f"'{law_ref}' tidak dikenal. Pilihan: {known}.")
            ok = False
        elif answer != found[0]:
            c.add(
                qid,
                "answer",
                f"{answer:g} tidak sesuai dengan law.py: {found[1]} = "
                f"{found[0]} hari kerja ({found[2]}).",
            )
            ok = False
        q["law_ref"] = str(law_ref)
    elif _DEADLINE_ARTICLES.search(reference):
        c.add(qid, "law_ref", "soal angka tentang tenggat wajib memakai law_ref (kunci tenggat).")
        ok = False
    if sanction_ref is not None:
        figure = sanction_figure(str(sanction_ref))
        if figure is None:
            c.add(
                qid,
                "sanction_ref",
                f"'{sanction_ref}' tidak dikenal. Tulis seperti 51.denda atau 53.penjara "
                f"(pasal: {', '.join(law.SANCTIONS)}).",
            )
            ok = False
        elif answer != figure:
            c.add(qid, "answer", f"{answer:g} tidak sesuai dengan law.py ({figure:g}).")
            ok = False
        q["sanction_ref"] = str(sanction_ref)
    elif _SANCTION_ARTICLES.search(reference):
        c.add(qid, "sanction_ref", "soal angka tentang sanksi wajib memakai sanction_ref.")
        ok = False
    return ok


def _check_tenggat(c: _Checker, qid: str, raw: Mapping[str, Any], q: dict[str, Any]) -> bool:
    from kip_training.calendar import FIRST_YEAR, LAST_YEAR

    ok = True
    kind = raw.get("kind")
    if kind not in law.DEADLINES:
        c.add(qid, "kind", f"'{kind}' tidak dikenal. Pilihan: {', '.join(law.DEADLINES)}.")
        return False
    q["kind"] = kind
    if "{diterima}" not in q["prompt"]:
        c.add(qid, "prompt", "soal tenggat wajib memuat {diterima} (tanggal diterima).")
        ok = False
    q["reference"] = q["reference"] or law.DEADLINES[kind].basis
    start, end = _date(raw.get("dari")), _date(raw.get("sampai"))
    for name, value in (("dari", start), ("sampai", end)):
        if value is None:
            c.add(qid, name, f"harus berupa tanggal (ditemukan: {raw.get(name)!r}).")
            ok = False
        elif not FIRST_YEAR <= value.year <= LAST_YEAR - 1:
            c.add(qid, name, f"di luar rentang kalender ({FIRST_YEAR}–{LAST_YEAR - 1}).")
            ok = False
    if ok and start > end:
        c.add(qid, "sampai", "tanggal akhir sebelum tanggal awal.")
        ok = False
    q["date_range"] = (start, end) if ok else None
    fmt = raw.get("format", "tanggal")
    if fmt not in TENGGAT_FORMATS:
        c.add(qid, "format", f"'{fmt}' tidak dikenal. Pilihan: {', '.join(TENGGAT_FORMATS)}.")
        ok = False
    q["answer_format"] = fmt
    return ok


def _read_file(path: Path, c: _Checker) -> tuple[Topic | None, list[dict[str, Any]], list[str]]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        c.add(None, None, "berkas tidak ditemukan.")
        return None, [], []
    except (UnicodeDecodeError, IsADirectoryError, PermissionError):
        c.add(None, None, "berkas tidak dapat dibaca sebagai teks UTF-8.")
        return None, [], []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (baris {mark.line + 1})" if mark is not None else ""
        c.add(None, None, f"bukan YAML yang sah{line}: {getattr(exc, 'problem', exc)}.")
        return None, [], []
    if not isinstance(data, Mapping):
        c.add(None, None, "isi berkas harus berupa pemetaan dengan 'topic', 'judul', 'questions'.")
        return None, [], []
    for key in data:
        if key not in ("topic", "judul", "urutan", "questions"):
            c.add(None, str(key), "kolom tidak dikenal di awal berkas.")
    key = data.get("topic")
    title = _text(data.get("judul"))
    if not isinstance(key, str) or not _ID_PATTERN.match(key):
        c.add(None, "topic", "kode topik wajib diisi (huruf kecil, angka, '_').")
        key = None
    if title is None:
        c.add(None, "judul", "judul topik wajib diisi (untuk ditampilkan).")
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        c.add(None, "questions", "harus berupa daftar soal yang tidak kosong.")
        questions = []
    order = data.get("urutan", 999)
    if isinstance(order, bool) or not isinstance(order, int):
        c.add(None, "urutan", "harus berupa bilangan bulat (urutan tampil topik).")
        order = 999
    topic = Topic(key, title or key, path, order) if key else None
    built = [_build_question(c, raw, i, key) for i, raw in enumerate(questions, start=1)]
    ids = [
        str(raw["id"]).strip()
        for raw in questions
        if isinstance(raw, Mapping) and raw.get("id") is not None and str(raw["id"]).strip()
    ]
    return topic, [q for q in built if q is not None], ids


def validate_paths(
    paths: Iterable[Path | str] | None = None,
) -> tuple[QuestionBank, list[BankIssue]]:
    """Read and check the bank; returns the valid questions and every issue found."""
    files = expand_paths(paths)
    issues: list[BankIssue] = []
    topics: dict[str, Topic] = {}
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    if not files:
        issues.append(BankIssue("(bank soal)", None, None, "tidak ada berkas *.yaml."))
    for path in files:
        checker = _Checker(path)
        topic, built, ids = _read_file(path, checker)
        if topic is not None:
            if topic.key in topics:
                checker.add(
                    None,
                    "topic",
                    f"topik '{topic.key}' juga dipakai di {topics[topic.key].source}.",
                )
            else:
                topics[topic.key] = topic
        duplicates: set[str] = set()
        for qid in ids:
            if qid in seen:
                checker.add(qid, "id", f"id kembar: sudah dipakai di {seen[qid]}.")
                duplicates.add(qid)
            else:
                seen[qid] = path
        taken: set[str] = set()
        for q in built:
            if q["id"] in taken or (q["id"] in duplicates and seen[q["id"]] != path):
                continue
            taken.add(q["id"])
            questions.append(Question(**q))
        issues.extend(checker.issues)
    ordered = dict(sorted(topics.items(), key=lambda kv: (kv[1].order, kv[0])))
    rank = {key: i for i, key in enumerate(ordered)}
    questions.sort(key=lambda q: rank.get(q.topic, len(rank)))
    return QuestionBank(ordered, questions), issues


def load_bank(paths: Iterable[Path | str] | None = None) -> QuestionBank:
    """The checked bank; raises :class:`QuestionBankError` listing every problem."""
    bank, issues = validate_paths(paths)
    if issues:
        lines = "\n".join(f"- {issue}" for issue in issues)
        raise QuestionBankError(f"Bank soal memuat {len(issues)} kesalahan:\n{lines}")
    return bank


_cache: dict[tuple, QuestionBank] = {}


def default_bank() -> QuestionBank:
    """The bank of the active configuration, loaded once per process."""
    files = tuple(expand_paths())
    key = tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in files)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_bank(files)
    return _cache[key]


def summary_counts(questions: Sequence[Question]) -> dict[str, dict[str, int]]:
    """Counts by topic and by type: ``{"topic": {...}, "type": {...}}``."""
    by_topic: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for q in questions:
        by_topic[q.topic] = by_topic.get(q.topic, 0) + 1
        by_type[q.type] = by_type.get(q.type, 0) + 1
    return {"topic": by_topic, "type": by_type}
