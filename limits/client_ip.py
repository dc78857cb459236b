"""The reader's address, for lockouts and rate limits: one rule for every use.

`X-Forwarded-For` is believed only as far as proxies you name vouch for it: when the
direct peer (REMOTE_ADDR) is one of TRUSTED_PROXIES (addresses or networks), the header is
read from the right, skipping the entries that are trusted proxies too; the first entry
that is not is the client. Anything a client writes itself stands further left and is
never reached. A peer that is not a trusted proxy is the client, whatever it sends.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _parse(remote)
    if peer is None or not is_trusted_proxy(peer):
        return remote
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    client = remote
    for hop in reversed([hop for hop in hops if hop]):
        address = _parse(hop)
        if address is None:  # garbage: believe only what the last trusted hop saw
            return client
        client = str(address)
        if not is_trusted_proxy(address):
            return client
    return client


def forwarded_from_untrusted_peer(request: HttpRequest) -> bool:
    """True when a request carries X-Forwarded-For from a peer not named as a proxy: the
    header is ignored, and if a proxy is really there, every client shares its address."""
    if not request.META.get("HTTP_X_FORWARDED_FOR"):
        return False
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and not is_trusted_proxy(peer)


def is_trusted_proxy(address: Address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def _parse(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
