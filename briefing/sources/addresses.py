"""Which network addresses a fetch may reach: public ones only, unless the user allows private ones.

A feed is untrusted input: an item link to ``http://169.254.169.254/`` (cloud metadata),
``http://localhost:8080/admin`` or a host on the office network must not be fetched on the user's
behalf (server-side request forgery). The host is resolved once, every address it resolves to is
checked with ``ipaddress``, and the caller connects to a checked address, so a name that resolves
differently a moment later (DNS rebinding) gains nothing. Redirects go through the same check.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from briefing.errors import BriefingError

__all__ = ["AddressRefused", "Resolved", "check_address", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(BriefingError):
    """The host is private, loopback, link-local or otherwise not public (or does not resolve)."""


@dataclass(frozen=True, slots=True)
class Resolved:
    host: str
    addresses: tuple[str, ...]
    """Every address the host resolved to, each checked; connect to the first."""


def check_address(address: str, *, allow_private: bool) -> None:
    """Raise ``AddressRefused`` unless ``address`` is a public unicast address (or private is allowed).

    Loopback, link-local, private (RFC 1918, unique-local), shared (100.64/10), multicast, reserved
    and unspecified addresses are refused; an IPv4-mapped IPv6 address is judged as its IPv4 form.
    """
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        raise AddressRefused(f"{address} is not a unicast address")
    if allow_private:
        return
    if ip.is_loopback or ip.is_link_local or ip.is_private or not ip.is_global:
        raise AddressRefused(
            f"{address} is a private, loopback or link-local address (pass --allow-private-urls to allow it)"
        )


def resolve(host: str, port: int, *, allow_private: bool) -> Resolved:
    """Resolve ``host`` and check every address; ``AddressRefused`` if any one is not allowed.

    Refusing when *any* address is private (not only the first) stops a name that lists a public
    and a private address from reaching the private one on a retry.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"cannot resolve {host}: {exc}") from exc
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise AddressRefused(f"{host} resolves to no address")
    for address in addresses:
        try:
            check_address(address, allow_private=allow_private)
        except AddressRefused as exc:
            if address == host:
                raise
            raise AddressRefused(f"{host} resolves to {exc}") from None
    return Resolved(host, addresses)
