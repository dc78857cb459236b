"""Which addresses the hub may fetch from: public ones only (SSRF guard).

A partner feed URL is typed by an editor or comes from an OPML file; without this guard
it could make the worker read the hub's own services (databases, cloud metadata at
169.254.169.254, an admin on localhost). Every hop of a redirect chain is checked, and the
request then goes to the very address that was checked, so a name cannot resolve to a
public address for the check and to a private one for the request.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

SCHEMES = {"http": 80, "https": 443}


class Refused(Exception):
    """A URL the hub will not fetch; the message says why, for the admin."""


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for an allowed URL, else Refused."""
    try:
        parts = urlsplit(url)
    except ValueError as error:  # "https://[host/": a bracket never closed
        raise Refused("the address cannot be read") from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise Refused(f"only http and https addresses are fetched, not '{scheme or url[:30]}'")
    host = parts.hostname
    if not host:
        raise Refused("the address has no host name")
    try:
        port = parts.port or SCHEMES[scheme]
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as error:
        raise Refused(f"'{host}' cannot be resolved: {error}") from error
    addresses = sorted({info[4][0] for info in infos}, key=lambda a: (":" in a, a))
    for address in addresses:
        if not allowed(address):
            raise Refused(f"'{host}' resolves to {address}, which is not a public address")
    return scheme, host, port, addresses[0]


def allowed(address: str) -> bool:
    """Public addresses; private ones too when NETWORK_ALLOW_PRIVATE_ADDRESSES is true,
    or only those in the networks it lists."""
    if is_public(address):
        return True
    permitted = settings.NETWORK_ALLOW_PRIVATE_ADDRESSES
    if permitted is True:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return bool(permitted) and any(ip in network for network in permitted)


def is_public(address: str) -> bool:
    """A global unicast address, also after unwrapping every IPv4 address it carries.

    `ipaddress` judges an IPv6 address as IPv6: `::127.0.0.1` or `64:ff9b::7f00:1` count as
    global there, yet reach 127.0.0.1 through a NAT64 gateway, a 6to4 relay or a stack
    that still honours IPv4-compatible addresses. Each such spelling is unwrapped and the
    IPv4 address judged too.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 4:
        return _public(ip)
    if any(ip in network for network in REFUSED_IPV6):
        return False
    return _public(ip) and all(_public(inner) for inner in embedded_ipv4(ip))


# Translation prefixes with no public use: NAT64 local-use (RFC 8215), IPv4-compatible
# addresses (deprecated by RFC 4291), and IPv4-translated ones (RFC 2765).
REFUSED_IPV6 = tuple(
    ipaddress.ip_network(network) for network in ("64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: mapped, 6to4, Teredo, NAT64."""
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in found if address is not None]


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast
