"""Talking to a local HTTP server with bytes exactly as given (bad lengths, broken request
lines): what ``requests`` will not send."""

from __future__ import annotations

import socket


def raw_status(host: str, port: int, data: bytes, half_close: bool = True) -> int:
    """Send ``data`` on a fresh connection (then close our side); the answer's status code."""
    with socket.create_connection((host, port), timeout=15) as conn:
        conn.sendall(data)
        if half_close:
            conn.shutdown(socket.SHUT_WR)
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])
