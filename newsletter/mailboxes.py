"""What an e-mail address means for limits and delivery: its mailbox, its domain, and
whether that domain has a public mail host.

`Victim+1@example.org` and `victim+2@EXAMPLE.org` reach one inbox: per-address limits
count the mailbox (case and sub-address dropped), and a ceiling per domain bounds a burst
spread over many mailboxes. Addresses no confirmation could reach are refused with a
400 before anything is counted or sent: address literals (`name@[127.0.0.1]`), domains
that cannot exist on the public Internet (one label, reserved names, IP addresses), and,
when NEWSLETTER_CHECK_MAIL_HOST is on, domains whose DNS names no mail host at a public
address (no MX and no address, a null MX, or only private addresses). A DNS that does not
answer in time refuses nothing: the mail relay has the last word then.
"""

import ipaddress

from django.conf import settings

import dns.exception
import dns.resolver

from network.guard import is_public

# RFC 2606 and 6761, and names that only ever live inside a network.
RESERVED_SUFFIXES = (".test", ".example", ".invalid", ".localhost", ".local", ".internal",
                     ".lan", ".home.arpa", ".onion")  # fmt: skip


class NoMailHost(ValueError):
    """The address cannot receive mail from us; the message says why, for the reader."""


def mailbox_of(email: str) -> str:
    """The inbox an (already lower-cased) address reaches: `name+tag@host` is `name@host`."""
    local, _, domain = email.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def domain_of(email: str) -> str:
    return email.rpartition("@")[2]


def check_deliverable(email: str) -> None:
    """NoMailHost unless the address's domain may have a public mail host."""
    domain = domain_of(email)
    if domain.startswith("[") or _is_ip(domain):
        raise NoMailHost("must name a mail domain, not an address.")
    if "." not in domain.strip(".") or f".{domain}".endswith(RESERVED_SUFFIXES):
        raise NoMailHost(f"{domain} is not a domain on the Internet.")
    if settings.NEWSLETTER_CHECK_MAIL_HOST:
        _check_dns(domain)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _resolver() -> dns.resolver.Resolver:
    resolver = dns.resolver.Resolver(configure=not settings.NEWSLETTER_DNS_SERVERS)
    if settings.NEWSLETTER_DNS_SERVERS:
        resolver.nameservers = [host for host, _ in settings.NEWSLETTER_DNS_SERVERS]
        resolver.port = settings.NEWSLETTER_DNS_SERVERS[0][1]
    resolver.lifetime = settings.NEWSLETTER_DNS_TIMEOUT_SECONDS
    return resolver


def _check_dns(domain: str) -> None:
    resolver = _resolver()
    try:
        hosts = _mail_hosts(resolver, domain)
        addresses = [a for host in hosts for a in _addresses(resolver, host)]
    except dns.resolver.NXDOMAIN as error:
        raise NoMailHost(f"{domain} does not exist.") from error
    except dns.exception.DNSException:
        return  # no answer in time: refuse nothing, the relay decides
    if not any(is_public(address) for address in addresses):
        raise NoMailHost(f"{domain} has no mail server we could deliver to.")


def _mail_hosts(resolver: dns.resolver.Resolver, domain: str) -> list[str]:
    """The MX hosts, or the domain itself when it has none (RFC 5321's implicit MX); none
    for a null MX (RFC 7505: "this domain accepts no mail")."""
    try:
        answer = resolver.resolve(domain, "MX")
    except dns.resolver.NoAnswer:
        return [domain]
    hosts = [str(record.exchange).rstrip(".") for record in answer]
    return [host for host in hosts if host]


def _addresses(resolver: dns.resolver.Resolver, host: str) -> list[str]:
    found = []
    for kind in ("A", "AAAA"):
        try:
            found += [record.address for record in resolver.resolve(host, kind)]
        except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
            continue
    return found
