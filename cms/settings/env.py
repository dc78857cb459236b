"""Typed readers for environment variables, so every setting documents its default once."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from error


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Comma-separated values; blanks dropped so `A,,B` and trailing commas are harmless."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_host_ports(name: str, default_port: int = 53) -> list[tuple[str, int]]:
    """Comma-separated `host` or `host:port` (IPv6 as `[::1]:53`), as (host, port) pairs."""
    pairs = []
    for item in env_list(name):
        host, port = item, default_port
        if item.startswith("["):
            host, _, rest = item[1:].partition("]")
            port = int(rest[1:]) if rest.startswith(":") else default_port
        elif item.count(":") == 1:
            host, raw_port = item.split(":")
            port = int(raw_port) if raw_port.isascii() and raw_port.isdigit() else -1
        if not (0 < port < 65536):
            raise ImproperlyConfigured(f"{name}: {item!r} is not host or host:port.")
        pairs.append((host, port))
    return pairs


def env_networks(name: str) -> bool | tuple:
    """true (everything), false (nothing), or a comma-separated list of IP networks."""
    raw = os.environ.get(name, "").strip()
    if raw.lower() in {"", "0", "false", "no", "off"}:
        return False
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    try:
        return tuple(ipaddress.ip_network(part.strip()) for part in raw.split(",") if part.strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be true, false or networks such as 10.0.0.0/8, not {raw!r}."
        ) from error


def env_required(name: str, why: str = "") -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production"
            + (f": {why}" if why else "")
            + "; see the configuration table in README.md."
        )
    return value
