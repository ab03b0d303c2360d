"""Masking: each kind of variable becomes ``<*>`` and its value is kept, in order."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.mining.masking import mask


@pytest.mark.parametrize(
    ("message", "masked", "values"),
    [
        ("Product 999 has no price", "Product <*> has no price", ["999"]),
        ("offset -42 and 3.14", "offset <*> and <*>", ["-42", "3.14"]),
        ("block blk_-695229 done", "block blk_<*> done", ["-695229"]),
        ("iface eth0 up", "iface eth<*> up", ["0"]),
        ("flags 0x1F set", "flags <*> set", ["0x1F"]),
        ("token 9f4ef63 seen", "token <*> seen", ["9f4ef63"]),
        (
            "req b9000564-fe1a-409b-b8cc-1e88b294cd1d failed",
            "req <*> failed",
            ["b9000564-fe1a-409b-b8cc-1e88b294cd1d"],
        ),
        ("from 10.0.0.151:8080 ok", "from <*> ok", ["10.0.0.151:8080"]),
        ("peer fe80:0:0:0:202:b3ff:fe1e:8329 up", "peer <*> up", ["fe80:0:0:0:202:b3ff:fe1e:8329"]),
        ("proxy cache.example.com:3128 open", "proxy <*> open", ["cache.example.com:3128"]),
        ("read /var/log/pos/till.log now", "read <*> now", ["/var/log/pos/till.log"]),
        ("load C:\\pos\\till.dll now", "load <*> now", ["C:\\pos\\till.dll"]),
        ("GET https://shop.example/api?id=3 done", "GET <*> done", ["https://shop.example/api?id=3"]),
        ("mail bob.smith@example.com bounced", "mail <*> bounced", ["bob.smith@example.com"]),
        ('user "alice" and \'bob\' left', 'user "<*>" and \'<*>\' left', ["alice", "bob"]),
        ("at 2026-11-25T10:00:00.000Z start", "at <*> start", ["2026-11-25T10:00:00.000Z"]),
        ("at 10:00:01,123 start", "at <*> start", ["10:00:01,123"]),
        ("on Fri Jun 17 07:07:00 2005 x", "on <*> x", ["Fri Jun 17 07:07:00 2005"]),
        ("took 250ms for 10KB (1.2 MB)", "took <*> for <*> (<*>)", ["250ms", "10KB", "1.2 MB"]),
        ("name=com.shop.till pid=12 ok=true", "name=<*> pid=<*> ok=<*>",
         ["com.shop.till", "12", "true"]),
        # a key's value is a parameter whatever it looks like: a word, hex, nothing
        ("logname= uid=0 tty=NODEVssh user=root", "logname=<*> uid=<*> tty=<*> user=<*>",
         ["", "0", "NODEVssh", "root"]),
        ("id=deadbeef x", "id=<*> x", ["deadbeef"]),
        # a letters-only name glued to a parenthesised key=value is part of the value
        ("opened by LOGIN(uid=0)", "opened by <*>(uid=<*>)", ["LOGIN", "0"]),
        ("opened by (uid=0)", "opened by <*>(uid=<*>)", ["", "0"]),
        # a bracketed or braced list is one value, whatever its length
        ("ids [1, 2, 3] done", "ids <*> done", ["[1, 2, 3]"]),
        ("ids [7] done", "ids <*> done", ["[7]"]),
        ("flags={a, b} set", "flags=<*> set", ["{a, b}"]),
        # hash-like: generated pod suffixes, long base36 ids, user@database
        ("pod web-7d9f8b6c4-x2z9k restarted", "pod web-<*>-<*> restarted",
         ["7d9f8b6c4", "x2z9k"]),
        ("job 3kq8z1m0v7c2x9b4n6p5 done", "job <*> done", ["3kq8z1m0v7c2x9b4n6p5"]),
        ("conn postgres@shop failed", "conn <*> failed", ["postgres@shop"]),
        ('payload {"sku": 7}', 'payload {"sku": <*>}', ["7"]),
        ("depth..........0", "depth <*>", ["0"]),
        ("host db-1.shop.example down", "host <*> down", ["db-1.shop.example"]),
        ("in org.apache.Cart now", "in <*> now", ["org.apache.Cart"]),
        ("got android.intent.action.SCREEN_ON", "got android.intent.action.SCREEN_ON", []),
        ("size 850.0 B free", "size <*> free", ["850.0 B"]),
        ("total 40003,153367.0 ok", "total <*> ok", ["40003,153367.0"]),
    ],
)
def test_masks_each_kind(message: str, masked: str, values: list[str]) -> None:
    assert mask(message) == (masked, values)


def test_plain_words_are_untouched() -> None:
    assert mask("Connection reset by peer") == ("Connection reset by peer", [])


def test_a_literal_mask_in_the_message_is_not_taken_for_one() -> None:
    masked, values = mask("value <*> 5")
    assert masked.count("<*>") == len(values) == 1
