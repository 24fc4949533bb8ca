"""``kip app NOTEBOOK``: show one notebook without code, in Voilà, safely for a room.

A bare name is looked up in the bundled notebooks. What the notebook writes goes to
``keluaran/`` in the folder ``kip app`` was started from (``KIP_OUTPUT``, unless already set).

The server (:mod:`kip_training.app_server`) listens on 127.0.0.1 unless ``--ip`` says
otherwise, asks for a random token carried in the printed address (``--tanpa-token``
only for a closed room), answers only to the Host names in its allow-list (``--host``),
shuts down kernels idle for ``--menganggur`` minutes and runs at most ``--maks-kernel``
kernels. Notebooks see ``KIP_APP=1`` and, with ``--folder-laporan``, the one folder on
the server they may read reports from (``KIP_APP_REPORTS``).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

NAME = "app"
HELP = "tampilkan satu notebook tanpa kode (Voilà), dengan token untuk ruang pelatihan"
ORDER = 81

APP_ENV = "KIP_APP"
REPORTS_ENV = "KIP_APP_REPORTS"
CULL_INTERVAL_S = 60


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", metavar="NOTEBOOK", help="berkas .ipynb di notebooks/")
    parser.add_argument("--port", type=int, default=8866, help="port server (bawaan: 8866)")
    parser.add_argument(
        "--ip",
        default="127.0.0.1",
        help="alamat yang didengarkan (bawaan: 127.0.0.1, hanya komputer ini; "
        "0.0.0.0 untuk seluruh jaringan ruang pelatihan)",
    )
    parser.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="NAMA",
        help="nama atau alamat IP yang dipakai peserta untuk membuka server "
        "(boleh berulang; localhost selalu boleh)",
    )
    parser.add_argument(
        "--tanpa-token",
        action="store_true",
        help="tanpa token: hanya untuk ruang tertutup yang jaringannya tidak dipakai orang lain",
    )
    parser.add_argument(
        "--maks-kernel",
        type=int,
        default=30,
        metavar="N",
        help="paling banyak N halaman terbuka sekaligus (bawaan: 30; tiap halaman ±150 MB)",
    )
    parser.add_argument(
        "--menganggur",
        type=int,
        default=30,
        metavar="MENIT",
        help="hentikan halaman yang menganggur selama MENIT menit (bawaan: 30)",
    )
    parser.add_argument(
        "--folder-laporan",
        metavar="FOLDER",
        help="satu-satunya folder di server tempat notebook boleh membaca laporan "
        "(tanpa ini: hanya unggah berkas)",
    )
    parser.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def _fail(message: str) -> int:
    print(f"Galat: {message}", file=sys.stderr)
    return 2


def server_command(args: argparse.Namespace, path: Path) -> list[str]:
    """The command line of the Voilà server (the token travels in the environment)."""
    command = [
        sys.executable,
        "-m",
        "kip_training.app_server",
        str(path),
        f"--port={args.port}",
        f"--Voila.ip={args.ip}",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "kip_training.app_server.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={args.maks_kernel}",
        f"--MappingKernelManager.cull_idle_timeout={args.menganggur * 60}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        "--MappingKernelManager.cull_connected=True",
    ]
    if args.no_browser:
        command.append("--no-browser")
    return command


def run(args: argparse.Namespace) -> int:
    from kip_training.app_server import HOSTS_ENV, TOKEN_ENV
    from kip_training.paths import NOTEBOOKS_DIR

    path = Path(args.notebook)
    if not path.is_file() and (NOTEBOOKS_DIR / path.name).is_file():
        path = NOTEBOOKS_DIR / path.name
    if not path.is_file() or path.suffix != ".ipynb":
        available = ", ".join(p.name for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb")))
        return _fail(f"notebook '{args.notebook}' tidak ditemukan. Yang tersedia: {available}.")
    if args.maks_kernel < 1 or args.menganggur < 1:
        return _fail("--maks-kernel dan --menganggur harus paling sedikit 1.")
    if args.folder_laporan and not Path(args.folder_laporan).is_dir():
        return _fail(f"folder laporan {args.folder_laporan} tidak ditemukan.")

    os.environ.setdefault("KIP_OUTPUT", os.path.abspath("keluaran"))
    os.environ[APP_ENV] = "1"
    os.environ[HOSTS_ENV] = ",".join(args.host)
    if args.folder_laporan:
        os.environ[REPORTS_ENV] = os.path.abspath(args.folder_laporan)
    else:
        os.environ.pop(REPORTS_ENV, None)
    token = "" if args.tanpa_token else secrets.token_urlsafe(24)
    os.environ[TOKEN_ENV] = token

    shown = "localhost" if args.ip in ("127.0.0.1", "0.0.0.0", "") else args.ip
    hosts = [shown, *args.host]
    query = f"?token={token}" if token else ""
    print("Buka di peramban (bagikan alamat ini hanya kepada peserta):")
    for host in dict.fromkeys(hosts):
        print(f"  http://{host}:{args.port}/{query}")
    if not token:
        print("PERINGATAN: tanpa token; siapa pun di jaringan ini dapat membuka notebook.")
    sys.stdout.flush()
    command = server_command(args, path)
    os.execv(sys.executable, command)
    return 0  # pragma: no cover
