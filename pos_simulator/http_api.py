"""The seed's HTTP API on the standard library: ``GET /api/products``, ``POST /api/orders``.

One ``ThreadingHTTPServer`` in a daemon thread, bound to 127.0.0.1 unless told otherwise;
it places orders through the same :class:`Shop` (and so the same log) as the window.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pos_simulator.api_requests import BadRequest, order_from_json
from pos_simulator.config import DEFAULT_PORT
from pos_simulator.http_guard import check_origin, content_length, is_loopback, parse_json
from pos_simulator.logwriter import LogUnavailableError
from pos_simulator.shop import Shop

POLL_S = 0.05  # how fast shutdown() is noticed


class _Handler(BaseHTTPRequestHandler):
    server: _PosServer
    protocol_version = "HTTP/1.1"
    #: seconds a client may take to send a request (a stalled body does not hold a thread)
    timeout = 30
    #: a malformed request line is answered with a real status line
    default_request_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """Access logs are not the POS log; keep stderr quiet."""

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, separators=(",", ":")).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client went away
            self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._guarded(self._get)

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        self._guarded(self._post)

    def _guarded(self, serve: Callable[[], None]) -> None:
        """Every request gets an answer; no client can end the handler."""
        try:
            check_origin(self.headers, self.server.any_host)
            serve()
        except BadRequest as exc:
            self.close_connection = True  # the body may be unread
            self._bad_request(exc)
        except Exception as exc:  # a bug answers 500 and the server goes on
            self.close_connection = True
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                       {"code": "INTERNAL_ERROR", "message": type(exc).__name__})

    def _get(self) -> None:
        shop = self.server.shop
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/api/products":
            stock = shop.inventory.snapshot()
            body = [{**p.to_json(), "stock": stock.get(p.id, 0), "quantity": stock.get(p.id, 0)}
                    for p in shop.catalog.products]
            self._send(HTTPStatus.OK, body)
        elif path == "/api/health":
            self._send(HTTPStatus.OK, {"status": "ok", "logFile": str(shop.log.path)})
        else:
            self._not_found()

    def _post(self) -> None:
        if self.path.split("?", 1)[0].rstrip("/") != "/api/orders":
            self._not_found()
            return
        request = order_from_json(parse_json(self._body()))
        try:
            result = self.server.shop.place_order(request)
        except LogUnavailableError as exc:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"code": "LOG_UNAVAILABLE",
                                                          "message": str(exc)})
            return
        self._send(result.http_status, result.to_json())

    def _body(self) -> bytes:
        length = content_length(self.headers)
        data = self.rfile.read(length) if length else b""
        if len(data) < length:
            raise BadRequest("SHORT_BODY", "the body ended before its Content-Length")
        return data

    def _bad_request(self, exc: BadRequest) -> None:
        try:
            self.server.shop.log.write(
                "WARN",
                "Rejected malformed order request",
                {"code": exc.code, "error": str(exc)[:200], "client": self.client_address[0]},
            )
        except LogUnavailableError:
            pass  # the answer matters more than the log line
        self._send(exc.status, {"code": exc.code, "message": str(exc)})

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, {"code": "NOT_FOUND", "message": "no such route"})


class _PosServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], shop: Shop, any_host: bool) -> None:
        super().__init__(address, _Handler)
        self.shop = shop
        self.any_host = any_host  # bound beyond loopback on purpose

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up mid-answer is not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class PosHttpServer:
    """Start/stop wrapper; ``port`` is the bound port (useful with port 0). A ``host`` other
    than loopback is refused (ValueError) unless ``allow_remote``."""

    def __init__(self, shop: Shop, port: int = DEFAULT_PORT, host: str = "127.0.0.1",
                 allow_remote: bool = False) -> None:
        remote = not is_loopback(host)
        if remote and not allow_remote:
            raise ValueError(f"refusing to serve on {host}: the API is for this machine "
                             "(127.0.0.1); --allow-remote to override")
        self._server = _PosServer((host, port), shop, any_host=remote)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(POLL_S,), name="pos-http", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the port (safe whether or not it was started)."""
        if self._thread is not None:
            self._server.shutdown()  # waits for serve_forever, which only runs once started
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()


def start_api(shop: Shop, port: int, host: str = "127.0.0.1",
              allow_remote: bool = False) -> PosHttpServer:
    """Bind, serve in the background and log the start as the seed did (OSError if taken,
    ValueError for a non-loopback host without ``allow_remote``)."""
    server = PosHttpServer(shop, port=port, host=host, allow_remote=allow_remote)
    server.start()
    shop.log.write(
        "INFO",
        f"Demo POS Application started on port {server.port}",
        {"url": server.url, "logFile": str(shop.log.path)},
    )
    return server
