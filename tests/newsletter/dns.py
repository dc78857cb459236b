"""A real DNS server for tests (dnslib, UDP on a free loopback port), answering from a
zone given as text: what mail hosts the newsletter's check finds."""

import socket

from dnslib import RR
from dnslib.dns import RCODE
from dnslib.server import BaseResolver, DNSLogger, DNSServer


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ZoneResolver(BaseResolver):
    """Answers the records of `zone` (lines as in a zone file); NXDOMAIN for names it does
    not hold, an empty answer for a type a name lacks."""

    def __init__(self, zone: str):
        self.records = RR.fromZone(zone)
        self.names = {str(record.rname).lower() for record in self.records}

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).lower()
        for record in self.records:
            if str(record.rname).lower() == name and record.rtype == request.q.qtype:
                reply.add_answer(record)
        if name not in self.names:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


class LocalDNS:
    def __init__(self, zone: str):
        self.port = free_udp_port()
        quiet = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data")
        self.server = DNSServer(
            ZoneResolver(zone), address="127.0.0.1", port=self.port, logger=quiet
        )

    def __enter__(self) -> "LocalDNS":
        self.server.start_thread()
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()
