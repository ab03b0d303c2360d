"""The HTTP API over real sockets on 127.0.0.1, as the seed's curl demo calls it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pos_helpers import TIMESTAMP, log_lines, pos_command, running, subprocess_env

from pos_simulator.http_api import PosHttpServer
from pos_simulator.shop import Shop

TIMEOUT = 10


@pytest.fixture()
def api(shop: Shop) -> Iterator[str]:
    server = PosHttpServer(shop, port=0)
    server.start()
    try:
        yield f"{server.url}/api"
    finally:
        server.stop()


def test_server_binds_loopback_by_default(shop: Shop) -> None:
    server = PosHttpServer(shop, port=0)
    try:
        assert server.host == "127.0.0.1" and server.port > 0
    finally:
        server.stop()


def test_products(api: str) -> None:
    response = requests.get(f"{api}/products", timeout=TIMEOUT)
    assert response.status_code == 200
    products = {p["id"]: p for p in response.json()}
    assert len(products) >= 13
    assert products[999]["name"] == "Premium Item" and products[999]["price"] is None
    assert products[1]["price"] == 2.5 and products[1]["quantity"] == products[1]["stock"]


def test_seed_curl_demo_missing_price(api: str, log_path: Path) -> None:
    body = {"items": [{"productId": 1, "quantity": 1}, {"productId": 999, "quantity": 2}]}
    response = requests.post(f"{api}/orders", json=body, timeout=TIMEOUT)
    assert response.status_code == 400
    answer = response.json()
    assert answer["code"] == "MISSING_PRICE" and answer["productId"] == 999
    assert "Premium Item" in answer["message"]
    error = [ln for ln in log_lines(log_path) if "[ERROR] Product has no price: " in ln]
    assert len(error) == 1 and error[0].startswith(TIMESTAMP)
    payload = json.loads(error[0].split(": ", 1)[1])
    assert payload["orderId"] == answer["orderId"] and payload["code"] == "MISSING_PRICE"


def test_good_cart_is_created(api: str, log_path: Path) -> None:
    body = {"items": [{"productId": 1, "quantity": 2}, {"productId": 4, "quantity": 1}]}
    response = requests.post(f"{api}/orders", json=body, timeout=TIMEOUT)
    assert response.status_code == 201
    order = response.json()
    assert order["status"] == "completed" and order["total"] == 6.8  # 6.25 + 0.55 tax
    assert [i["productId"] for i in order["items"]] == [1, 4]
    assert order["receiptNo"].startswith("POS-03-")
    products = {p["id"]: p for p in requests.get(f"{api}/products", timeout=TIMEOUT).json()}
    assert products[1]["stock"] == 98
    assert any("[INFO] Order placed: " in ln and order["orderId"] in ln
               for ln in log_lines(log_path))


def test_card_payment_is_masked_in_answer_and_log(api: str, log_path: Path) -> None:
    body = {"items": [{"productId": 2, "quantity": 1}],
            "payment": {"method": "card", "cardNumber": "4012 8888 8888 1881"}}
    response = requests.post(f"{api}/orders", json=body, timeout=TIMEOUT)
    assert response.status_code == 201
    assert response.json()["payment"]["card"] == "************1881"
    assert "4012888888881881" not in log_path.read_text()


def test_unknown_product_is_404_json(api: str) -> None:
    response = requests.post(f"{api}/orders", json={"items": [{"productId": 31337}]},
                             timeout=TIMEOUT)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "PRODUCT_NOT_FOUND"


def test_malformed_json_is_400(api: str, log_path: Path) -> None:
    response = requests.post(f"{api}/orders", data=b'{"items": [', timeout=TIMEOUT,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_JSON"
    assert any("[WARN] Rejected malformed order request: " in ln for ln in log_lines(log_path))


@pytest.mark.parametrize(
    "body",
    [{"items": "nope"}, [1, 2], {"items": [{"productId": "one"}]}, {"items": [3]},
     {"items": [{"productId": 1}], "payment": {"method": "bitcoin"}}],
)
def test_invalid_orders_are_400(api: str, body: object) -> None:
    response = requests.post(f"{api}/orders", json=body, timeout=TIMEOUT)
    assert response.status_code == 400
    assert response.json()["code"] in {"INVALID_ORDER", "INVALID_PAYMENT"}


def test_unknown_route_is_404_json(api: str) -> None:
    assert requests.get(f"{api}/nothing", timeout=TIMEOUT).status_code == 404
    assert requests.post(f"{api}/products", json={}, timeout=TIMEOUT).json()["code"] == "NOT_FOUND"


def test_injected_faults_map_to_status_codes(api: str, shop: Shop) -> None:
    from pos_simulator.faults import Fault

    shop.switches.set(Fault.GATEWAY_TIMEOUT, True)
    body = {"items": [{"productId": 1}], "payment": {"method": "card",
                                                     "cardNumber": "4111111111111111"}}
    response = requests.post(f"{api}/orders", json=body, timeout=TIMEOUT)
    assert response.status_code == 504
    assert response.json()["code"] == "PAYMENT_GATEWAY_TIMEOUT"


def test_concurrent_orders_keep_stock_consistent(api: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def buy(_: int) -> int:
        body = {"items": [{"productId": 4, "quantity": 1}]}
        return requests.post(f"{api}/orders", json=body, timeout=TIMEOUT).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(buy, range(40)))
    assert codes == [201] * 40
    products = {p["id"]: p for p in requests.get(f"{api}/products", timeout=TIMEOUT).json()}
    assert products[4]["stock"] == 120 - 40


def test_cli_headless_http_serves_the_api(tmp_path: Path) -> None:
    log = tmp_path / "api.log"
    with running(pos_command("--headless", "--http", "0", "--log", str(log)),
                 subprocess_env()) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # "pos-simulator: serving http://127.0.0.1:PORT/api ..."
        url = line.split("serving ", 1)[1].split()[0]
        body = {"items": [{"productId": 1, "quantity": 1}, {"productId": 999, "quantity": 2}]}
        response = requests.post(f"{url}/orders", json=body, timeout=TIMEOUT)
        assert response.status_code == 400 and response.json()["code"] == "MISSING_PRICE"
        assert "[ERROR] Product has no price: " in log.read_text()
        assert "Demo POS Application started on port" in log.read_text()


def test_cli_http_port_from_environment(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a free port, released before the simulator binds it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with running(pos_command("--headless", "--http", "--log", str(tmp_path / "p.log")),
                 subprocess_env(DEMO_POS_PORT=str(port))) as proc:
        assert proc.stdout is not None
        assert f"http://127.0.0.1:{port}/api" in proc.stdout.readline()
        assert requests.get(f"http://127.0.0.1:{port}/api/products", timeout=TIMEOUT).ok
