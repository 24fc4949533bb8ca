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

A question's ``topic`` defaults to the file's topic. What each ``type`` needs is
described and checked by its module in :mod:`kip_training.quiz.types` (``pilihan``,
``pilihan_ganda``, ``benar_salah``, ``angka``, ``pasangan``, ``tenggat``).

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

import yaml

from kip_training.config import load_config
from kip_training.errors import QuestionBankError
from kip_training.quiz import types
from kip_training.quiz.types.base import QuestionType, text_field
from kip_training.safe_yaml import NoAliasLoader

_COMMON = {"id", "topic", "type", "prompt", "explanation", "reference", "difficulty"}
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# KIP.md: only Pasal 51–53 may be answer keys; Pasal 9's ayat is not settled.
_UNCERTAIN_REFERENCES = (
    (re.compile(r"Pasal\s+(54|55)\b"), "Pasal 54–55 bertanda [belum pasti] di KIP.md"),
    (re.compile(r"Pasal\s+9\s+ayat"), "ayat Pasal 9 untuk aturan enam bulan [belum pasti]"),
)
_FORBIDDEN_WORDING = re.compile(r"paling\s+lambat\s+(6|enam)\s*(\(enam\)\s*)?bulan", re.I)


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
    def qtype(self) -> QuestionType:
        """The handler of this question's type (see :mod:`kip_training.quiz.types`)."""
        return types.of(self.type)

    @property
    def is_generated(self) -> bool:
        """True for a template (``tenggat``) whose answer is generated per quiz."""
        return self.qtype.generated

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
        """Questions written by hand (every type except generated templates)."""
        return [q for q in self.questions if not q.is_generated]


def default_questions_dir() -> Path:
    """The question folder of the active configuration."""
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
    type_name = raw.get("type")
    qtype = types.get(type_name)
    if qtype is None:
        known = ", ".join(types.names())
        c.add(qid, "type", f"'{type_name}' tidak dikenal. Jenis yang sah: {known}.")
        return None
    allowed = _COMMON | qtype.fields
    for key in raw:
        if key not in allowed:
            c.add(qid, str(key), f"kolom tidak dikenal untuk jenis '{type_name}'.")
    ok = True
    q: dict[str, Any] = {"id": qid, "type": type_name, "source": c.file}

    q_topic = raw.get("topic", topic)
    if not q_topic:
        c.add(qid, "topic", "wajib diisi (atau tulis 'topic' di awal berkas).")
        ok = False
    elif topic and q_topic != topic:
        c.add(qid, "topic", f"'{q_topic}' berbeda dengan topik berkas '{topic}'.")
        ok = False
    q["topic"] = q_topic

    for name in ("prompt", "explanation", "reference"):
        value = text_field(raw.get(name))
        if value is None and name not in qtype.optional_texts:
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

    return q if qtype.validate(c, qid, raw, q) and ok else None


def _read_file(path: Path, c: _Checker) -> tuple[Topic | None, list[dict[str, Any]], list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        c.add(None, None, "berkas tidak ditemukan.")
        return None, [], []
    except (UnicodeDecodeError, IsADirectoryError, PermissionError):
        c.add(None, None, "berkas tidak dapat dibaca sebagai teks UTF-8.")
        return None, [], []
    try:
        data = yaml.load(text, Loader=NoAliasLoader)  # noqa: S506 (a SafeLoader)
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
    title = text_field(data.get("judul"))
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
