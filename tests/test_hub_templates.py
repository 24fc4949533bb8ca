"""The hub pages a trainee sees are Indonesian and keep what JupyterHub's scripts use."""

import re
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "templates"
HUB_TEMPLATES = Path(sys.prefix) / "share" / "jupyterhub" / "templates"


def test_the_waiting_page_keeps_every_element_the_hub_script_drives():
    ours = (DEPLOY / "spawn_pending.html").read_text(encoding="utf-8")
    theirs = (HUB_TEMPLATES / "spawn_pending.html").read_text(encoding="utf-8")
    script = theirs.split("{% block script %}", 1)[1]
    driven = set(re.findall(r"\$\(['\"]#([\w-]+)['\"]\)", script))
    driven -= {"refresh", "stop-server-btn"}
    driven -= {"stop-server-status"}  # the stop button is left out on purpose
    assert driven, "JupyterHub's page script changed: check the override"
    main = ours.split("{% block main %}", 1)[1]
    assert all(f'id="{name}"' in main for name in driven), driven
    for english in ("Event log", "Stop Server", "Complete", "Your server is starting"):
        assert english not in main
