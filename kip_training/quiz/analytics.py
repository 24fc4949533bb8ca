"""Figures over the results store, shared by the trainer dashboard and the deck.

Pure functions: they read the database (never create it) and return plain
DataFrames and numbers. Scores are 0–1 means (``rata_rata``) unless the column says
``persen`` (0–100).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kip_training.quiz.bank import default_bank
from kip_training.quiz.store import COLUMNS, AnswerRecord, ResultStore, db_target, store_exists

FIELDS = [f.name for f in dataclasses.fields(AnswerRecord)]

TOPIC_COLUMNS = ["topic", "judul", "jawaban", "rata_rata"]
OPD_COLUMNS = ["kode_opd", "peserta", "rata_rata"]
DIFFICULTY_COLUMNS = ["question_id", "jawaban", "persen_benar", "jawaban_salah_terbanyak"]
PROGRESS_COLUMNS = ["peserta", "kode_opd", "jawaban", "benar", "rata_rata", "terakhir"]
DISTRIBUTION_BANDS = ("0–20%", "20–40%", "40–60%", "60–80%", "80–100%")


@dataclass(frozen=True)
class TrainingSummary:
    """What a training session produced, for the dashboard and the deck's slide."""

    participants: int
    answers: int
    quizzes: int
    by_topic: pd.DataFrame
    by_opd: pd.DataFrame
    weakest_topics: list[str]
    question_difficulty: pd.DataFrame

    @property
    def mean_score(self) -> float:
        """Mean score over all answers (0–1); 0 when there are none."""
        if self.by_topic.empty:
            return 0.0
        total = (self.by_topic["rata_rata"] * self.by_topic["jawaban"]).sum()
        return float(total / self.by_topic["jawaban"].sum())


def load_answers(db_path: Path | str | None = None) -> pd.DataFrame:
    """Every stored answer (columns of the store); empty when the file does not exist.

    ``db_path`` may also be a ``postgresql://`` address (None: ``$KIP_DB``).
    """
    path = db_target(db_path)
    if not store_exists(path):
        return pd.DataFrame(columns=list(COLUMNS))
    with ResultStore(path) as store:
        return answers_frame(store.answers())


def answers_frame(records: list[AnswerRecord]) -> pd.DataFrame:
    """Answers as a DataFrame with the store's columns, in the given order."""
    frame = pd.DataFrame([dataclasses.astuple(r) for r in records], columns=FIELDS)
    frame = frame[list(COLUMNS)]
    frame["correct"] = frame["correct"].astype(bool)
    frame["score"] = frame["score"].astype(float)
    return frame


def topic_titles() -> dict[str, str]:
    """Topic key -> title from the bank (empty when the bank cannot be read)."""
    try:
        bank = default_bank()
    except Exception:  # the figures still work with topic keys
        return {}
    return {key: topic.title for key, topic in bank.topics.items()}


def by_topic(answers: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per topic: title, answers and mean score, weakest first."""
    if answers.empty:
        return pd.DataFrame(columns=TOPIC_COLUMNS)
    titles = titles or {}
    table = answers.groupby("topic", as_index=False).agg(
        jawaban=("score", "size"), rata_rata=("score", "mean")
    )
    table["judul"] = table["topic"].map(lambda t: titles.get(t, t))
    table = table.sort_values(["rata_rata", "topic"], kind="stable").reset_index(drop=True)
    return table[TOPIC_COLUMNS]


def by_opd(answers: pd.DataFrame) -> pd.DataFrame:
    """Per OPD: participants and mean score, best first."""
    if answers.empty:
        return pd.DataFrame(columns=OPD_COLUMNS)
    table = answers.groupby("opd", as_index=False).agg(
        peserta=("participant", "nunique"), rata_rata=("score", "mean")
    )
    table = table.rename(columns={"opd": "kode_opd"})
    table = table.sort_values(["rata_rata", "kode_opd"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)[OPD_COLUMNS]


def question_difficulty(answers: pd.DataFrame) -> pd.DataFrame:
    """Per question: answers, percent fully right, and the most frequent wrong answer.

    Hardest question first. ``jawaban_salah_terbanyak`` is None when nobody got it wrong.
    """
    if answers.empty:
        return pd.DataFrame(columns=DIFFICULTY_COLUMNS)
    table = answers.groupby("question_id", as_index=False).agg(
        jawaban=("correct", "size"), persen_benar=("correct", "mean")
    )
    table["persen_benar"] = (table["persen_benar"] * 100).round(1)
    wrong = answers[~answers["correct"]]
    if wrong.empty:
        table["jawaban_salah_terbanyak"] = None
    else:
        counts = (
            wrong.groupby(["question_id", "answer"])
            .size()
            .reset_index(name="n")
            .sort_values(["question_id", "n", "answer"], ascending=[True, False, True])
            .drop_duplicates("question_id")
        )
        mode = dict(zip(counts["question_id"], counts["answer"], strict=True))
        table["jawaban_salah_terbanyak"] = table["question_id"].map(mode)
        table["jawaban_salah_terbanyak"] = table["jawaban_salah_terbanyak"].astype(object)
        table.loc[table["jawaban_salah_terbanyak"].isna(), "jawaban_salah_terbanyak"] = None
    table = table.sort_values(["persen_benar", "question_id"], kind="stable")
    return table.reset_index(drop=True)[DIFFICULTY_COLUMNS]


def participant_progress(answers: pd.DataFrame) -> pd.DataFrame:
    """Per participant (and OPD): answers given, fully right, mean score, last answer."""
    if answers.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    table = answers.groupby(["participant", "opd"], as_index=False).agg(
        jawaban=("score", "size"),
        benar=("correct", "sum"),
        rata_rata=("score", "mean"),
        terakhir=("answered_at", "max"),
    )
    table = table.rename(columns={"participant": "peserta", "opd": "kode_opd"})
    table["benar"] = table["benar"].astype(int)
    return table.sort_values(["peserta", "kode_opd"]).reset_index(drop=True)[PROGRESS_COLUMNS]


def score_distribution(answers: pd.DataFrame) -> pd.DataFrame:
    """How many participants have a mean score in each 20-point band."""
    progress = participant_progress(answers)
    counts = [0] * len(DISTRIBUTION_BANDS)
    for value in progress["rata_rata"]:
        counts[min(int(value * 100 // 20), len(DISTRIBUTION_BANDS) - 1)] += 1
    return pd.DataFrame({"rentang": list(DISTRIBUTION_BANDS), "peserta": counts})


def summarise(answers: pd.DataFrame, titles: Mapping[str, str] | None = None) -> TrainingSummary:
    """A :class:`TrainingSummary` of an answers frame (see :func:`load_answers`)."""
    topics = by_topic(answers, titles if titles is not None else topic_titles())
    return TrainingSummary(
        participants=int(answers[["participant", "opd"]].drop_duplicates().shape[0])
        if not answers.empty
        else 0,
        answers=int(len(answers)),
        quizzes=int(answers["quiz"].nunique()) if not answers.empty else 0,
        by_topic=topics,
        by_opd=by_opd(answers),
        weakest_topics=list(topics["judul"].head(3)),
        question_difficulty=question_difficulty(answers),
    )


def training_summary(db_path: Path | str | None = None) -> TrainingSummary:
    """The summary of the results database (``$KIP_DB`` or the user's file by default).

    A missing database gives an empty summary (zero participants, empty tables).
    """
    return summarise(load_answers(db_path))
