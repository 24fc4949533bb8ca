"""Exercise widgets for the training notebooks (ipywidgets, Indonesian labels).

Each widget is a small ``ipywidgets`` box whose child widgets are attributes (so
tests and browser tests can drive them) and carry stable CSS classes ``kip-...``.
The work itself (due dates, test sheets, report checks) lives in plain functions
next to each widget, so it can be used and tested without a notebook.
"""
