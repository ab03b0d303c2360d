"""The sandbox as a loopback server under hostile or broken clients, over real sockets: a web
page cannot drive it, admin routes need its token, bad sizes and bodies get a 4xx, and it
keeps serving after every one of them."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from stacklens_desktop.jira_sandbox import JiraSandbox
from tests import raw_http


@pytest.fixture
def sandbox() -> Iterator[JiraSandbox]:
    with JiraSandbox() as running:
        yield running


def _basic(box: JiraSandbox) -> str:
    pair = f"{box.user.email}:{box.user.token}".encode()
    return "Basic " + base64.b64encode(pair).decode()


def raw_status(box: JiraSandbox, data: bytes, half_close: bool = False) -> int:
    parts = urlsplit(box.url)
    return raw_http.raw_status(str(parts.hostname), int(parts.port or 0), data, half_close)


def _request(box: JiraSandbox, headers: dict[str, str], body: bytes = b"",
             method: str = "POST", path: str = "/rest/api/3/issue") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {urlsplit(box.url).netloc}",
             f"Authorization: {_basic(box)}", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _still_serving(box: JiraSandbox) -> None:
    me = requests.get(f"{box.url}/rest/api/3/myself", headers={"Authorization": _basic(box)},
                      timeout=10)
    assert me.status_code == 200


@pytest.mark.parametrize(("headers", "body", "status"), [
    ({"Content-Length": "-5"}, b"", 400),
    ({"Content-Length": "abc"}, b"", 400),
    ({"Content-Length": "NaN"}, b"", 400),
    ({"Content-Length": "1e3"}, b"", 400),
    ({"Content-Length": "99999999999999"}, b"", 413),
    ({"Content-Length": str(2 * 1024 * 1024)}, b"", 413),
    ({"Transfer-Encoding": "chunked"}, b"5\r\nhello\r\n0\r\n\r\n", 411),
    ({"Content-Length": "5000"}, b'{"fields":', 400),  # body ends early
    ({"Content-Length": "20000"}, b"[" * 10000 + b"]" * 10000, 400),  # deeply nested
    ({"Content-Length": "34"}, b'{"fields":{"summary":"x","n":NaN}}', 400),
    ({"Content-Length": "39"}, b'{"fields":{"summary":"x","n":Infinity}}', 400),
    ({"Content-Length": "9"}, b'{"fields"', 400),  # malformed JSON
    ({"Host": "evil.example"}, b"", 403),  # DNS rebinding: a name that is not this machine
])
def test_bad_requests_get_a_4xx_and_the_server_lives(
        sandbox: JiraSandbox, headers: dict[str, str], body: bytes, status: int) -> None:
    data = _request(sandbox, headers, body)
    if "Host" in headers:  # replace, not add
        data = data.replace(f"Host: {urlsplit(sandbox.url).netloc}\r\n".encode(), b"", 1)
    assert raw_status(sandbox, data, half_close=True) == status
    _still_serving(sandbox)


def test_malformed_request_line_is_400(sandbox: JiraSandbox) -> None:
    assert raw_status(sandbox, b"GET /x HTTP/1.1 extra\r\n\r\n") == 400
    assert raw_status(sandbox, b"GET /x HTTP/one\r\n\r\n") == 400
    _still_serving(sandbox)


def test_a_web_page_cannot_reset_the_sandbox(sandbox: JiraSandbox) -> None:
    created = requests.post(f"{sandbox.url}/rest/api/3/issue", timeout=10,
                            headers={"Authorization": _basic(sandbox)},
                            json={"fields": {"project": {"key": "DEMO"}, "summary": "keep",
                                             "issuetype": {"name": "Bug"}}})
    assert created.status_code == 201
    reset = f"{sandbox.url}/_sandbox/reset"
    token = {"X-Sandbox-Token": sandbox.user.token}
    assert requests.post(reset, timeout=10).status_code == 401, "no token"
    from_page = requests.post(reset, timeout=10,
                              headers={**token, "Origin": "https://evil.example"})
    assert from_page.status_code == 403
    assert sandbox.state.issues, "nothing was reset"
    local_page = requests.post(reset, timeout=10,
                               headers={**token, "Origin": "http://127.0.0.1:8000"})
    assert local_page.status_code == 204
    assert sandbox.state.issues == {}


def test_each_sandbox_has_its_own_random_token() -> None:
    with JiraSandbox() as one, JiraSandbox() as two:
        assert one.user.token != two.user.token and len(one.user.token) >= 20


def test_a_non_loopback_bind_is_refused_without_the_flag() -> None:
    with pytest.raises(ValueError, match="refusing to listen on 0.0.0.0"):
        JiraSandbox(host="0.0.0.0")
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "jira", "sandbox",
                           "--host", "0.0.0.0", "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--allow-remote" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_takes_the_token_from_stdin_not_the_command_line() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "stacklens_desktop", "jira", "sandbox",
                             "--port", "0", "--token-stdin"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("st0dinT0ken-42\n")
        proc.stdin.flush()
        url = proc.stdout.readline().rsplit(" on ", 1)[-1].strip()
        shown = proc.stdout.readline()
        assert "st0dinT0ken-42" not in shown
        me = requests.get(f"{url}/rest/api/3/myself", timeout=10,
                          auth=("demo@example.com", "st0dinT0ken-42"))
        assert me.status_code == 200
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # waits and closes the pipes (wait() leaves them open)
    assert "--token" not in subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "jira", "sandbox", "--help"],
        capture_output=True, text=True, timeout=60).stdout.replace("--token-stdin", "")
