"""JupyterHub for a kip-training session: one server per participant, one shared store.

Used as it is (``jupyterhub -f deploy/jupyterhub_config.py``) or dropped into The Littlest
JupyterHub's ``/opt/tljh/config/jupyterhub_config.d/`` (``deploy/tljh/pasang.sh``). The
Kubernetes version of the same settings is ``deploy/helm/values.yaml``. The hub needs
only JupyterHub (and jupyterhub-idle-culler); kip-training lives in the users'
environment.

Settings come from the environment of the hub process (for TLJH: the file
``/etc/kip-training/hub.env`` that ``pasang.sh`` writes):

``KIP_HUB_DB`` (required)
    The shared results store every user's server gets as ``KIP_DB``:
    ``postgresql://user:password@host:5432/db`` (or, on one server, a SQLite file that all
    users may write).
``KIP_HUB_SANDI`` / ``KIP_HUB_SANDI_PELATIH``
    The room password participants log in with (at least 8 characters) and the trainers'
    password (at least 32). When ``KIP_HUB_SANDI`` is unset the authenticator configured
    elsewhere (TLJH's, PAM) is kept.
``KIP_HUB_PELATIH``
    Trainer user names, comma-separated (default ``pelatih``): JupyterHub admins whose
    server opens on the dashboard (notebook 06); everybody else opens on the quiz
    (notebook 04), both in Voilà.
``KIP_HUB_PYTHON``
    The Python of the users' environment (default: the hub's own).
``KIP_HUB_BATAS_MEMORI`` / ``KIP_HUB_BATAS_CPU``
    Limits per user server (default ``1G``, unless set before, e.g. by TLJH's
    ``limits.memory``; CPU: none), applied by spawners that can (systemd, Kubernetes).
    A participant needs about 200 MB (``make bench-hub``); the trainer's dashboard more.
``KIP_HUB_MENGANGGUR``
    Seconds without activity after which jupyterhub-idle-culler stops a server (default
    3600). Not added when a culler service is already configured (TLJH has its own).
``KIP_HUB_TEMPLAT``
    Folder with the hub's pages in Indonesian (login, "server starting"); default
    ``templates/`` next to this file.
"""

import os
import sys

c = get_config()  # noqa: F821

#: Must match kip_training.hub (the hub does not import kip-training).
FOLDER = "pelatihan_kip"
PARTICIPANT_URL = f"/voila/render/{FOLDER}/04_kuis_kewajiban_keterbukaan.ipynb"
TRAINER_URL = f"/voila/render/{FOLDER}/06_dasbor_pelatih.ipynb"

results_db = os.environ.get("KIP_HUB_DB", "").strip()
if not results_db:
    raise SystemExit(
        "KIP_HUB_DB belum diatur: isi dengan alamat basis data hasil kuis bersama, "
        "misalnya postgresql://kip:sandi@127.0.0.1:5432/kip (lihat deploy/PANDUAN.md)."
    )
trainers = {
    name.strip().lower()
    for name in os.environ.get("KIP_HUB_PELATIH", "pelatih").split(",")
    if name.strip()
}
user_python = os.environ.get("KIP_HUB_PYTHON") or sys.executable
idle_seconds = int(os.environ.get("KIP_HUB_MENGANGGUR", "3600"))
templates = os.environ.get("KIP_HUB_TEMPLAT") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "templates"
)

# --- the hub's own pages in Indonesian
if os.path.isdir(templates):
    c.JupyterHub.template_paths = [templates]

# --- who may log in: any participant name with the room password; trainers are admins
room_password = os.environ.get("KIP_HUB_SANDI")
if room_password:
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = room_password
    c.SharedPasswordAuthenticator.admin_password = os.environ.get("KIP_HUB_SANDI_PELATIH")
c.Authenticator.allow_all = True
c.Authenticator.admin_users = trainers

# --- each user's server: the toolkit's notebooks in ~/pelatihan_kip, the shared store
c.Spawner.cmd = [user_python, "-m", "kip_training.hub", "jupyterhub-singleuser"]
c.Spawner.environment = {"KIP_DB": results_db}
c.Spawner.default_url = PARTICIPANT_URL
if os.environ.get("KIP_HUB_BATAS_MEMORI") or "mem_limit" not in c.Spawner:
    c.Spawner.mem_limit = os.environ.get("KIP_HUB_BATAS_MEMORI", "1G")
if os.environ.get("KIP_HUB_BATAS_CPU"):
    c.Spawner.cpu_limit = float(os.environ["KIP_HUB_BATAS_CPU"])
# Voilà runs the whole notebook before the first page shows; a room starting at once
# on a small server needs more than the default 60 s.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120


def open_on_role(spawner):
    """Trainers land on the dashboard, participants on the quiz."""
    trainer = spawner.user.admin or spawner.user.name.lower() in trainers
    spawner.default_url = TRAINER_URL if trainer else PARTICIPANT_URL


c.Spawner.pre_spawn_hook = open_on_role

# --- stop idle servers (their kernels hold ~100 MB each)
configured = c.JupyterHub.services if isinstance(c.JupyterHub.services, list) else []
if not any("cull" in str(service.get("name", "")) for service in configured):
    c.JupyterHub.services = [
        *configured,
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={idle_seconds}",
                "--cull-every=60",
            ],
        },
    ]
    roles = c.JupyterHub.load_roles if isinstance(c.JupyterHub.load_roles, list) else []
    c.JupyterHub.load_roles = [
        *roles,
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        },
    ]
