"""``kip app NOTEBOOK``: show one notebook without code, in Voilà, safely for a room.

A bare name is looked up in the bundled notebooks. What the notebook writes goes to
``keluaran/`` in the folder ``kip app`` was started from (``KIP_OUTPUT``, unless already set).

The server (:mod:`kip_training.app_server`) listens on 127.0.0.1 unless ``--ip`` says
otherwise, asks for a random token carried in the printed address (``--tanpa-token``
only for a closed room), answers only to the Host names in its allow-list (``--host``),
shuts down kernels idle for ``--menganggur`` minutes and runs at most ``--maks-kernel``
kernels. Notebooks see ``KIP_APP=1`` and, with ``--folder-laporan``, the one folder on
the server they may read reports from (``KIP_APP_REPORTS``).

For a training session (``kip sesi mulai``), ``--sesi KODE`` serves the quiz notebook to
the room for that session: the printed join address carries ``sesi=KODE`` (the notebook
reads it; ``KIP_SESI`` says the same for every page), a QR code of that address is
printed in the terminal and saved as a PNG for the projector, and ``KIP_DB`` names one
results store for the whole room (``keluaran/hasil_kuis.sqlite`` unless already set).
Listening on every address (``--ip 0.0.0.0``) adds this computer's network address to
the Host allow-list, so participants can open the address shown.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from kip_training.voila_look import voila_arguments, voila_environment

NAME = "app"
HELP = "tampilkan satu notebook tanpa kode (Voilà), dengan token untuk ruang pelatihan"
ORDER = 81

APP_ENV = "KIP_APP"
REPORTS_ENV = "KIP_APP_REPORTS"
SESSION_ENV = "KIP_SESI"
DB_ENV = "KIP_DB"
CULL_INTERVAL_S = 60
#: Addresses that mean "every interface" or this computer only.
ALL_INTERFACES = ("0.0.0.0", "::", "")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
        "(boleh berulang; localhost selalu boleh; 0.0.0.0 sama dengan --ip 0.0.0.0)",
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
        help="paling banyak N halaman terbuka sekaligus (bawaan: 30; halaman kuis ±80 MB, "
        "halaman dengan tabel dan grafik ±150 MB)",
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
    parser.add_argument(
        "--sesi",
        metavar="KODE",
        help="kode sesi pelatihan (kip sesi mulai): alamat bergabung dan kode QR untuk peserta",
    )
    parser.add_argument("--no-browser", action="store_true", help="jangan buka peramban")


def _fail(message: str) -> int:
    print(f"Galat: {message}", file=sys.stderr)
    return 2


def server_command(args: argparse.Namespace, path: Path) -> list[str]:
    """The command line of the Voilà server (the token travels in the environment), with
    the Indonesian template (:mod:`kip_training.voila_look`)."""
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
    return command + voila_arguments()


def lan_address() -> str | None:
    """This computer's address on the local network (no packet is sent), or None."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def join_urls(hosts: list[str], port: int, token: str, code: str | None) -> list[str]:
    """The addresses to open: token first, then the session code (``sesi=KODE``)."""
    params = [f"token={token}"] if token else []
    if code:
        params.append(f"sesi={code}")
    query = f"?{'&'.join(params)}" if params else ""
    return [f"http://{host}:{port}/{query}" for host in dict.fromkeys(hosts)]


def write_qr(url: str, folder: Path, code: str) -> Path:
    """Print a QR code of ``url`` in the terminal and save it as a PNG; returns the PNG."""
    import segno

    qr = segno.make(url, error="m")
    qr.terminal(compact=True)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"gabung_sesi_{code or 'kip'}.png"
    qr.save(str(path), scale=12, border=4)
    return path


def _open_session(code: str):
    """The session of ``code`` in the room's store, or an Indonesian reason (str)."""
    from kip_training.errors import KipError
    from kip_training.quiz.session import open_session
    from kip_training.quiz.store import ResultStore

    try:
        with ResultStore() as store:
            return open_session(store, code)
    except KipError as exc:
        return str(exc)


def run(args: argparse.Namespace) -> int:
    from kip_training.app_server import HOSTS_ENV, TOKEN_ENV
    from kip_training.paths import NOTEBOOKS_DIR

    path = Path(args.notebook)
    if not path.is_file() and (NOTEBOOKS_DIR / path.name).is_file():
        path = NOTEBOOKS_DIR / path.name
    if not path.is_file() and len(args.notebook) <= 3:  # "04": the notebook numbered 04
        numbered = sorted(NOTEBOOKS_DIR.glob(f"{args.notebook.zfill(2)}_*.ipynb"))
        path = numbered[0] if len(numbered) == 1 else path
    if not path.is_file() or path.suffix != ".ipynb":
        available = ", ".join(p.name for p in sorted(NOTEBOOKS_DIR.glob("*.ipynb")))
        return _fail(f"notebook '{args.notebook}' tidak ditemukan. Yang tersedia: {available}.")
    if args.maks_kernel < 1 or args.menganggur < 1:
        return _fail("--maks-kernel dan --menganggur harus paling sedikit 1.")
    if args.folder_laporan and not Path(args.folder_laporan).is_dir():
        return _fail(f"folder laporan {args.folder_laporan} tidak ditemukan.")

    if "0.0.0.0" in args.host:  # "--host 0.0.0.0": the whole room's network, as --ip says it
        args.host = [h for h in args.host if h != "0.0.0.0"]
        args.ip = "0.0.0.0"
    os.environ.setdefault("KIP_OUTPUT", os.path.abspath("keluaran"))
    output = Path(os.environ["KIP_OUTPUT"])
    if args.sesi:
        # One results store for the whole room, the same file for every kernel.
        os.environ.setdefault(DB_ENV, str(output / "hasil_kuis.sqlite"))
        session = _open_session(args.sesi)
        if isinstance(session, str):
            return _fail(session)
        os.environ[SESSION_ENV] = session.code
    else:
        session = None
        os.environ.pop(SESSION_ENV, None)
    hosts = list(args.host)
    lan = lan_address() if args.ip in ALL_INTERFACES else None
    if lan:
        hosts.append(lan)
    os.environ[APP_ENV] = "1"
    os.environ[HOSTS_ENV] = ",".join(hosts)
    if args.folder_laporan:
        os.environ[REPORTS_ENV] = os.path.abspath(args.folder_laporan)
    else:
        os.environ.pop(REPORTS_ENV, None)
    token = "" if args.tanpa_token else secrets.token_urlsafe(24)
    os.environ[TOKEN_ENV] = token

    shown = "localhost" if args.ip in (*ALL_INTERFACES, "127.0.0.1") else args.ip
    code = session.code if session else None
    urls = join_urls([shown, *hosts], args.port, token, code)
    if session is not None:
        print(f"Sesi {session.code}: {session.title} ({len(session)} soal)")
        print(f"Hasil seluruh ruang disimpan di: {os.environ[DB_ENV]}")
    print("Buka di peramban (bagikan alamat ini hanya kepada peserta):")
    for url in urls:
        print(f"  {url}")
    if not token:
        print("PERINGATAN: tanpa token; siapa pun di jaringan ini dapat membuka notebook.")
    room = [u for u in urls if "://localhost:" not in u and "://127.0.0.1:" not in u]
    if room:
        print("Kode QR alamat bergabung (pindai dengan kamera ponsel):")
        sys.stdout.flush()
        png = write_qr(room[-1] if lan else room[0], output, code or "")
        print(f"Kode QR untuk layar proyektor: {png}")
    elif args.ip in LOOPBACK:
        print(
            "Hanya komputer ini yang dapat membuka alamat itu; untuk peserta di jaringan "
            "ruang pelatihan pakai --ip 0.0.0.0."
        )
    sys.stdout.flush()
    os.environ.update(voila_environment())  # the Indonesian template, found on JUPYTER_PATH
    command = server_command(args, path)
    os.execv(sys.executable, command)
    return 0  # pragma: no cover
