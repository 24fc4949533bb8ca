"""PostgreSQL addresses as the results store meets them, without loading the driver.

:mod:`~kip_training.quiz.store` asks :func:`is_url` for every target and shows targets
with :func:`redact`; the driver (psycopg, in :mod:`~kip_training.quiz.store_postgres`)
is loaded only for a PostgreSQL target, so a quiz kernel on SQLite never pays for it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: object) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) address."""
    return isinstance(target, str) and target.strip().lower().startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (in the user part and the query)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = "&".join(
            f"{key}={'***' if key.lower() == 'password' else quote(value, safe='')}"
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return url.split("://", 1)[0] + "://***"
