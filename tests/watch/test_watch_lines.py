"""LineAssembler: complete lines out, partial line held, over-long lines capped."""

from __future__ import annotations

from stacklens_desktop.watch.lines import LineAssembler, Piece


def test_complete_lines_pass_partial_waits() -> None:
    la = LineAssembler(100, max_line=1024)
    assert la.feed(b"a\nbb\ncc") == [Piece(b"a\nbb\n", 100, 105)]
    assert la.committed == 105 and la.position == 107 and la.pending_bytes == 2
    assert la.feed(b"c") == []
    assert la.feed(b"\nd\n") == [Piece(b"ccc\nd\n", 105, 111)]
    assert la.committed == la.position == 111


def test_overlong_line_is_cut_to_cap_with_true_extent() -> None:
    la = LineAssembler(0, max_line=8)
    assert la.feed(b"ok\n0123") == [Piece(b"ok\n", 0, 3)]
    assert la.feed(b"45678") == []  # now 10 bytes pending: over the cap, skipping
    assert la.pending_bytes == 8
    assert la.feed(b"9abcdef") == []
    assert la.committed == 3  # the long line is not delivered yet
    out = la.feed(b"gh\nnext\n")
    assert out == [Piece(b"01234567\n", 3, 22, truncated=True), Piece(b"next\n", 22, 27)]


def test_line_over_cap_completed_in_one_feed_is_cut() -> None:
    la = LineAssembler(0, max_line=8)
    la.feed(b"abcdef")
    assert la.feed(b"ghij\nz\n") == [
        Piece(b"abcdefgh\n", 0, 11, truncated=True),
        Piece(b"z\n", 11, 13),
    ]


def test_flush_hands_on_unterminated_tail() -> None:
    la = LineAssembler(0, max_line=64)
    la.feed(b"x\nlast")
    assert la.flush() == [Piece(b"last", 2, 6)]
    assert la.committed == 6 and la.flush() == []


def test_reset_forgets_pending() -> None:
    la = LineAssembler(0, max_line=64)
    la.feed(b"abc")
    la.reset(0)
    assert la.feed(b"new\n") == [Piece(b"new\n", 0, 4)]
