"""Blocks network access in every Python process the tests start (notebook kernels too).

The test suite puts this folder on PYTHONPATH, so Python imports this module at
start-up. Connections to this machine (loopback, Unix sockets) still work, which
is all a Jupyter kernel needs; anything else raises ``OSError`` at once, so a
notebook or helper that tries to download fails the tests instead of hanging.
"""

from __future__ import annotations

import ipaddress
import os
import socket

MESSAGE = "network blocked by the course tests (the course must run offline)"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "", None}


def _is_local(host: object) -> bool:
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def block_network() -> None:
    """Make every non-loopback connection and DNS lookup in this process fail."""
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise OSError(f"{MESSAGE}: tried to connect to {address}")
        return original_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise OSError(f"{MESSAGE}: tried to connect to {address}")
        return original_connect_ex(self, address)

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        if not _is_local(host):
            raise socket.gaierror(f"{MESSAGE}: tried to look up {host!r}")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex
    socket.getaddrinfo = guarded_getaddrinfo


if os.environ.get("COURSE_BLOCK_NETWORK") == "1":
    block_network()
