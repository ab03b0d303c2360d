"""A throw-away PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl in a temp dir.

Debian's ``postgresql`` package puts the server binaries in ``/usr/lib/postgresql/<v>/bin``
(not on PATH). The cluster listens on a unix socket in its own folder (the superuser logs in
there without a password) and on 127.0.0.1 at a free port (roles log in with a password, or
over TLS when :meth:`PgCluster.enable_tls` was called before the start). As root, the server
runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_bindir() -> Path | None:
    """The newest installed server's binaries, or None when PostgreSQL is not installed."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True,
                            key=lambda p: int(Path(p).parent.name)):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


HBA = """\
local all all trust
{host_kind} all all 127.0.0.1/32 scram-sha-256
"""


class PgCluster:
    """One server in a fresh temp dir; :meth:`destroy` stops it and removes everything."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="stacklens-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        self.tls = False
        os.chmod(self.root, 0o755)
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--locale=C")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.root}'\nfsync = on\n"
                       "max_connections = 200\nshared_buffers = 128MB\n")
        self._write_hba()

    # -- commands ----------------------------------------------------------------------
    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       cwd=self.root)

    def _write_hba(self) -> None:
        kind = "hostssl" if self.tls else "host"
        (self.data / "pg_hba.conf").write_text(HBA.format(host_kind=kind), encoding="utf-8")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.root, ignore_errors=True)

    # -- TLS -----------------------------------------------------------------------------
    def enable_tls(self, cert: Path, key: Path) -> None:
        """Serve TLS with this certificate (call while stopped, then :meth:`start`); TCP
        logins must then use TLS (``hostssl``)."""
        for source, name in ((cert, "server.crt"), (key, "server.key")):
            target = self.data / name
            shutil.copyfile(source, target)
            os.chmod(target, 0o600)
            if self._as_postgres:
                shutil.chown(target, "postgres", "postgres")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        self.tls = True
        self._write_hba()

    # -- addresses -----------------------------------------------------------------------
    def admin_url(self, database: str = "postgres") -> str:
        """The superuser over the unix socket (SQLAlchemy URL, psycopg 3)."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}&port={self.port}"

    def admin_dsn(self, database: str = "postgres") -> str:
        """The same as a libpq connection string (psycopg.connect)."""
        return f"host={self.root} port={self.port} user=postgres dbname={database}"

    def tcp_url(self, user: str, database: str, host: str = "127.0.0.1") -> str:
        """A role over TCP, without its password (that comes from the keyring)."""
        return f"postgresql://{user}@{host}:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
