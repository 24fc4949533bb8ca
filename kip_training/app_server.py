"""The Voilà server behind ``kip app``: a Host allow-list and a cap on running kernels.

``kip app`` starts this module instead of plain ``python -m voila``; everything else
(the token, idle-kernel culling) is ordinary Voilà and jupyter_server configuration on
the command line it builds. Two additions live here because Voilà has no setting for
them:

- **Host allow-list.** jupyter_server refuses a request whose ``Host`` header is not a
  local name (against DNS rebinding), but it also refuses every non-loopback IP address,
  which a training room needs. Here the check accepts exactly the names and addresses
  in ``$KIP_APP_HOSTS`` (comma-separated) and refuses every other ``Host`` with 403.
- **Token from the environment** (``$KIP_APP_TOKEN``), so that ``ps`` does not show it.
- **Kernel cap.** Every page load starts a kernel (the quiz notebook about 80 MB RSS,
  notebooks with pandas and matplotlib about 145 MB); once
  ``CappedKernelManager.max_kernels`` run, a new page gets "503: server penuh" instead
  of exhausting the server's memory.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

#: Comma-separated host names and addresses the server answers to.
HOSTS_ENV = "KIP_APP_HOSTS"
#: The token (set by ``kip app``; kept off the command line, where ``ps`` shows it).
TOKEN_ENV = "KIP_APP_TOKEN"
SETTING = "kip_allowed_hosts"
_HOST_PORT = re.compile(r"^(.*?)(:\d+)?$")


class CappedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager with a ceiling on how many kernels run at once."""

    max_kernels = Integer(
        30, config=True, help="Most kernels running at once; a further page load gets 503."
    )

    async def start_kernel(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        if kwargs.get("kernel_id") is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(
                503,
                reason=(
                    f"Server penuh: sudah {self.max_kernels} halaman terbuka. Tutup halaman "
                    "yang tidak dipakai atau coba lagi sebentar lagi."
                ),
            )
        return await super().start_kernel(*args, **kwargs)


def host_of(header: str) -> str:
    """The host name or address of a ``Host`` header (port and IPv6 brackets removed)."""
    host = _HOST_PORT.match(header).group(1)  # type: ignore[union-attr]
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host.lower()


_jupyter_check_host = JupyterHandler.check_host


def _check_host(handler: JupyterHandler) -> bool:
    allowed = handler.settings.get(SETTING)
    if allowed is None:
        return _jupyter_check_host(handler)
    host = host_of(handler.request.host)
    if host in allowed:
        return True
    handler.log.warning("kip app: permintaan dengan Host %r ditolak.", handler.request.host)
    return False


def allowed_hosts(environ: dict[str, str] | None = None) -> list[str]:
    """The allow-list: loopback names always, plus ``$KIP_APP_HOSTS``."""
    environ = os.environ if environ is None else environ
    extra = [h.strip().lower() for h in environ.get(HOSTS_ENV, "").split(",") if h.strip()]
    return ["localhost", "127.0.0.1", "::1", *extra]


def main(argv: Sequence[str] | None = None) -> None:
    """Run Voilà with the Host allow-list in force (arguments as for ``voila``)."""
    from traitlets.config import Config
    from voila.app import Voila

    JupyterHandler.check_host = _check_host
    config = Config()
    config.Voila.tornado_settings = {"allow_remote_access": False, SETTING: allowed_hosts()}
    token = os.environ.pop(TOKEN_ENV, None)  # kernels need not see it
    if token is None:
        config.Voila.auto_token = True
    else:
        config.Voila.token = token  # "" only when `kip app --tanpa-token` asked for none
    Voila.launch_instance(argv=list(sys.argv[1:] if argv is None else argv), config=config)


if __name__ == "__main__":  # pragma: no cover
    main()
