"""Quizzes on the KIP law: question bank, engine, widgets, results store, dashboard, exports.

Modules (import what you need; nothing heavy is imported here):

- :mod:`~kip_training.quiz.bank`: load and check ``data/questions/*.yaml``;
- :mod:`~kip_training.quiz.types`: one module per question type (its checks, widget,
  scoring and export pieces); adding a type means adding one module there;
- :mod:`~kip_training.quiz.engine`: build a seeded quiz, generate deadline questions,
  score answers (no widgets);
- :mod:`~kip_training.quiz.widgets`: :class:`QuizApp`, the ipywidgets quiz;
- :mod:`~kip_training.quiz.session`: training sessions (fixed question set, join code,
  attempts, options shuffled per participant);
- :mod:`~kip_training.quiz.store`: :class:`ResultStore`, answers, sessions and attempts in
  SQLite (:mod:`~kip_training.quiz.store_sqlite`) or PostgreSQL
  (:mod:`~kip_training.quiz.store_postgres`, for a ``postgresql://`` target);
- :mod:`~kip_training.quiz.results`: a session's results (counted attempt, per-question
  spread, mistakes, leaderboard), :mod:`~kip_training.quiz.result_charts` their charts;
- :mod:`~kip_training.quiz.certificate`: certificates of completion (PDF);
- :mod:`~kip_training.quiz.analytics`: :func:`training_summary` and other figures;
- :mod:`~kip_training.quiz.dashboard`: :class:`TrainerDashboard`, live;
- :mod:`~kip_training.quiz.export`: GIFT/CSV/JSON of the bank, CSV/XLSX of results and
  the session workbook;
- :mod:`~kip_training.quiz.sample`: sample results for demos;
- :mod:`~kip_training.quiz.roster`: the OPD list for the participant form.

In a notebook::

    from kip_training.quiz.widgets import QuizApp
    QuizApp(topics=["keberatan", "sengketa"], count=10)

    from kip_training.quiz.dashboard import TrainerDashboard
    TrainerDashboard()
"""
