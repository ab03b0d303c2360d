"""The settings dialog's Team page actions, as plain functions (no Qt; run off the GUI
thread by :mod:`.team_tester`): Test connection, Save (what ``stacklens team connect``
does: test, then the password to the keyring and the address to ``team.json``) and
Disconnect (back to single-user mode). Each answers with a :class:`TeamAnswer`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.store.team.engine import TeamAddressError, parse_address
from stacklens_desktop.team import settings
from stacklens_desktop.team.credentials import forget_password, set_password
from stacklens_desktop.ui.team_link import TeamLink, TeamUnavailableError, open_team

#: The window opens the team store when it starts (the running one keeps what it has open).
RESTART = "Restart StackLens to use it."


@dataclass(frozen=True, slots=True)
class TeamAnswer:
    ok: bool
    message: str  # whole sentences


def address_problem(address: str) -> str | None:
    """Why the address cannot be used (a password in it, not PostgreSQL ...), or None."""
    if not address.strip():
        return "Enter the team store's address: postgresql://user@host:5432/database."
    try:
        parse_address(address)
    except TeamAddressError as exc:
        text = str(exc)
        return text[:1].upper() + text[1:] + "."
    return None


def _described(link: TeamLink) -> str:
    tls = "over TLS" if link.tls else "without TLS"
    return (f"{link.address} answers: signed in as {link.user} ({link.role} login), "
            f"PostgreSQL {link.server}, {tls}.")


def _opened(address: str, password: str | None) -> TeamLink | TeamAnswer:
    problem = address_problem(address)
    if problem is not None:
        return TeamAnswer(False, problem)
    try:
        return open_team(address, password or None)
    except TeamUnavailableError as exc:
        return TeamAnswer(False, str(exc))


def check_team(address: str, password: str | None) -> TeamAnswer:
    """Connect with the typed password (or the keyring's) and say what answered."""
    link = _opened(address, password)
    if isinstance(link, TeamAnswer):
        return link
    link.close()
    return TeamAnswer(True, _described(link))


def connect_team(data_dir: Path, address: str, password: str | None) -> TeamAnswer:
    """Test, then keep the password in the keyring and the address in the profile."""
    link = _opened(address, password)
    if isinstance(link, TeamAnswer):
        return link
    link.close()
    try:
        if link.password is not None:
            set_password(parse_address(address), link.password)
    except Exception as exc:  # noqa: BLE001 - keyring backends raise their own errors
        return TeamAnswer(False, f"Not saved: the system keyring refused the password ({exc}).")
    settings.save_address(data_dir, link.address)
    return TeamAnswer(True, f"Saved. {_described(link)} {RESTART}")


def disconnect_team(data_dir: Path) -> TeamAnswer:
    """Back to single-user mode: the address leaves the profile, the password the keyring."""
    address = settings.saved_address(data_dir)
    settings.forget(data_dir)
    if address is not None:
        try:
            forget_password(parse_address(address))
        except TeamAddressError:
            pass  # a damaged address had no password filed under it
    return TeamAnswer(True, "Disconnected: this profile uses its own database again (single-"
                            f"user mode); its password left the system keyring. {RESTART}")
