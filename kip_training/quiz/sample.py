"""Realistic sample quiz results for demos: ~30 fictional participants from many OPDs.

Names are "Peserta 01", "Peserta 02", ... (no real people). Each participant takes a
20-question quiz drawn from the bundled bank with their own seed; whether they answer
right depends on a personal ability, the question's difficulty and a few topics that
are harder for everyone, so the dashboard and the deck have a story to show. The same
seed writes the same answers, with the same ids: running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kip_training.quiz.bank import QuestionBank, default_bank
from kip_training.quiz.engine import (
    build_quiz,
    response_for_correct,
    response_for_wrong,
    score_answer,
)
from kip_training.quiz.roster import load_roster
from kip_training.quiz.store import AnswerRecord, ResultStore

PARTICIPANTS = 30
QUESTIONS_EACH = 20
SAMPLE_QUIZ = "Pelatihan KIP – sesi contoh"
SESSION_START = dt.datetime(2026, 1, 22, 9, 0, tzinfo=dt.UTC)
FALLBACK_OPDS = ("DISKOMINFO", "DINKES", "DISDIK", "DPUPR", "DINSOS", "BAPPEDA", "KEC-KOTA")
#: Topics that are harder for everyone (extra chance of a wrong answer).
HARD_TOPICS = {"pengecualian_uji_konsekuensi": 0.2, "sengketa": 0.15, "sanksi": 0.1}


def fill_sample_results(
    db_path: Path | str | None,
    seed: int = 0,
    bank: QuestionBank | None = None,
    participants: int = PARTICIPANTS,
    calendar=None,
) -> int:
    """Write sample results for ``participants`` fictional people; returns answers added."""
    bank = bank or default_bank()
    rng = random.Random(seed)
    opds = [o.kode for o in load_roster()] or list(FALLBACK_OPDS)
    records: list[AnswerRecord] = []
    for number in range(1, participants + 1):
        name = f"Peserta {number:02d}"
        opd = opds[rng.randrange(len(opds))]
        ability = min(0.97, max(0.35, rng.gauss(0.72, 0.12)))
        quiz = build_quiz(
            bank,
            count=QUESTIONS_EACH,
            seed=seed * 1000 + number,
            calendar=calendar,
            name=SAMPLE_QUIZ,
        )
        # A few participants are still in the middle of the quiz.
        answered = QUESTIONS_EACH if number % 9 else rng.randint(6, QUESTIONS_EACH - 4)
        moment = SESSION_START + dt.timedelta(minutes=rng.randint(0, 20))
        for item in quiz.items[:answered]:
            q = item.question
            chance = ability - 0.1 * (q.difficulty - 2) - HARD_TOPICS.get(q.topic, 0.0)
            if rng.random() < chance:
                response = response_for_correct(item)
            else:
                response = response_for_wrong(item, rng)
            result = score_answer(item, response)
            moment += dt.timedelta(seconds=rng.randint(20, 90))
            records.append(
                AnswerRecord(
                    participant=name,
                    opd=opd,
                    quiz=SAMPLE_QUIZ,
                    question_id=q.id,
                    topic=q.topic,
                    answer=result.given,
                    correct=result.correct,
                    score=result.score,
                    answered_at=moment.isoformat(timespec="seconds"),
                    uid=f"contoh-{seed}-{number:02d}-{q.id}",
                )
            )
    with ResultStore(db_path) as store:
        return store.record_many(records)
