"""The POS simulator's HTTP API under hostile or broken clients, over real sockets: bad sizes
and bodies get a 4xx and the server keeps serving; a web page cannot place orders; a request
field cannot plant a line in the POS log; no bind beyond loopback without the flag."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pos_helpers import pos_command, subprocess_env

from pos_simulator.http_api import PosHttpServer
from pos_simulator.shop import Shop
from tests import raw_http

TIMEOUT = 10
GOOD = {"items": [{"productId": 1, "quantity": 1}]}


@pytest.fixture()
def server(shop: Shop) -> Iterator[PosHttpServer]:
    running = PosHttpServer(shop, port=0)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def raw_status(server: PosHttpServer, data: bytes) -> int:
    return raw_http.raw_status(server.host, server.port, data)


def _post(server: PosHttpServer, headers: dict[str, str], body: bytes) -> bytes:
    lines = ["POST /api/orders HTTP/1.1", "Content-Type: application/json"]
    if not any(k.lower() == "host" for k in headers):
        lines.append(f"Host: {server.host}:{server.port}")
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _still_serving(server: PosHttpServer) -> None:
    answer = requests.post(f"{server.url}/api/orders", json=GOOD, timeout=TIMEOUT)
    assert answer.status_code in (200, 201), answer.text


def _json(body: str) -> tuple[dict[str, str], bytes]:
    data = body.encode()
    return {"Content-Length": str(len(data))}, data


@pytest.mark.parametrize(("headers", "body", "status"), [
    ({"Content-Length": "-1"}, b"", 400),
    ({"Content-Length": "ten"}, b"", 400),
    ({"Content-Length": "NaN"}, b"", 400),
    ({"Content-Length": "0x10"}, b"", 400),
    ({"Content-Length": "123456789012345678901234567890"}, b"", 413),
    ({"Content-Length": str(8 * 1024 * 1024)}, b"", 413),
    ({"Transfer-Encoding": "chunked"}, b"4\r\n{}{}\r\n0\r\n\r\n", 411),
    ({"Content-Length": "400"}, b'{"items":', 400),  # the body ends early
    (*_json("[" * 5000 + "]" * 5000), 400),  # deeply nested
    (*_json('{"items":' + "[" * 40 + "]" * 40 + "}"), 400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":NaN}}'), 400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":Infinity}}'),
     400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":-Infinity}}'),
     400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":1e999}}'), 400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":"nan"}}'), 400),
    (*_json('{"items":[{"productId":1}],"payment":{"method":"cash","tendered":-5}}'), 400),
    (*_json('{"items":[{"productId":1e999}]}'), 400),
    (*_json('{"items":[{"productId":1}]'), 400),  # malformed
    ({"Host": "evil.example", "Content-Length": "2"}, b"{}", 403),
    ({"Origin": "https://evil.example", **_json(json.dumps(GOOD))[0]},
     json.dumps(GOOD).encode(), 403),
])
def test_bad_requests_get_a_4xx_and_the_server_lives(
        server: PosHttpServer, headers: dict[str, str], body: bytes, status: int) -> None:
    assert raw_status(server, _post(server, headers, body)) == status
    _still_serving(server)


def test_malformed_request_lines_get_400(server: PosHttpServer) -> None:
    assert raw_status(server, b"GET /api/products HTTP/1.1 extra\r\n\r\n") == 400
    assert raw_status(server, b"GET /api/products HTTP/x\r\n\r\n") == 400
    _still_serving(server)


def test_a_local_page_may_call_the_api(server: PosHttpServer) -> None:
    answer = requests.post(f"{server.url}/api/orders", json=GOOD, timeout=TIMEOUT,
                           headers={"Origin": f"http://localhost:{server.port}"})
    assert answer.status_code in (200, 201)


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\x85"])
def test_a_request_field_cannot_plant_a_log_line(server: PosHttpServer, log_path: Path,
                                                 brk: str) -> None:
    fake = "2026-11-25T10:00:00.000Z [ERROR] Payment gateway hacked"
    region = f"US-NY{brk}{fake}"
    for body in ({**GOOD, "region": region},
                 {**GOOD, "payment": {"method": "card", "cardNumber": f"4111{brk}{fake}"}},
                 {"items": [{"productId": f"1{brk}{fake}"}]}):
        answer = requests.post(f"{server.url}/api/orders", json=body, timeout=TIMEOUT)
        assert 400 <= answer.status_code < 500
    raw = requests.post(f"{server.url}/api/orders", timeout=TIMEOUT,
                        data=f"not json{brk}{fake}".encode())
    assert raw.status_code == 400
    text = log_path.read_text(encoding="utf-8")
    assert "Rejected malformed order request" in text
    for lines in (text.splitlines(), text.split("\n")):  # Python's idea of a line, and \n's
        assert not any(line.startswith(fake) for line in lines)


def test_non_loopback_bind_needs_the_flag(shop: Shop, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--allow-remote"):
        PosHttpServer(shop, port=0, host="0.0.0.0")
    done = subprocess.run(pos_command("--headless", "--http", "0", "--host", "0.0.0.0",
                                      "--log", str(tmp_path / "p.log")),
                          env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--allow-remote" in done.stderr
    assert "Traceback" not in done.stderr
