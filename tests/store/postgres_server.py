"""A throw-away PostgreSQL + PostGIS server for the store tests: its own cluster in a temp dir, loopback only.

Started once per test session with the Debian server binaries; each test gets a fresh database copied from a
template that has PostGIS. A missing server or extension fails the tests with what to install (never skips).
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import psycopg

INSTALL = "apt-get install -y postgresql postgresql-15-postgis-3 (the README's test command does it)"
SUPERUSER = "postgres"
TEMPLATE = "gisapp_template"  # a database with PostGIS, copied for each test
SETTINGS = {  # a test cluster: small, loopback only, no durability work (a crash loses nothing we need)
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "32MB",
    "max_connections": "60",
}


class ServerMissing(RuntimeError):
    """No usable PostgreSQL server or PostGIS on this machine; the message says what to install."""


def server_bindir() -> Path:
    """The folder of initdb/pg_ctl/postgres: `pg_config --bindir` if it has them, else the newest Debian one."""
    candidates = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if found:
            candidates.append(Path(found))

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", Path(path).parent.parent.name))

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version, reverse=True)
    candidates += [Path(initdb).parent for initdb in debian]
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise ServerMissing(f"PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; {INSTALL}")


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalServer:
    """A running cluster: where it lives, how to reach it, and how to hand out fresh databases."""

    root: Path
    bindir: Path
    port: int
    password: str
    _serial = count(1)

    def url(self, dbname: str, user: str = SUPERUSER, password: str | None = None) -> str:
        password = self.password if password is None else password
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10)

    def fresh_database(self, with_postgis: bool = True, owner: str = SUPERUSER) -> str:
        """A new empty database (with PostGIS from the template, or bare); returns its name."""
        name = f"gisapp_test_{os.getpid()}_{next(self._serial)}"
        template = f"{TEMPLATE} STRATEGY file_copy" if with_postgis else "template0"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" OWNER "{owner}" TEMPLATE {template}')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def start_server() -> LocalServer:
    """initdb a cluster in a new temp dir and start it; as root, the cluster runs as the `postgres` user."""
    bindir = server_bindir()
    owner = None
    root = Path(tempfile.mkdtemp(prefix="gisapp-pg-"))
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            message = f"running as root needs the `postgres` system user to own the test cluster; {INSTALL}"
            raise ServerMissing(message) from None
        owner = "postgres"
        os.chown(root, account.pw_uid, account.pw_gid)
    password = secrets.token_urlsafe(16)
    pwfile = root / "pwfile"
    pwfile.write_text(password + "\n")
    if owner:
        os.chown(pwfile, account.pw_uid, account.pw_gid)
    data, log = root / "data", root / "server.log"

    def run(*command: str) -> None:
        done = subprocess.run(_as_owner(list(command), owner), cwd=root, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            logged = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
            raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}\n{logged}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--pwfile", str(pwfile), "--auth", "scram-sha-256",
        "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync")  # fmt: skip
    port = free_port()
    options = " ".join([f"-p {port}", f"-k {root}", *(f"-c {key}={value}" for key, value in SETTINGS.items())])
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start")
    server = LocalServer(root, bindir, port, password)
    try:
        _make_template(server)
    except BaseException:
        stop_server(server)
        raise
    return server


def _make_template(server: LocalServer) -> None:
    with server.admin() as connection:
        available = connection.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
        if available is None:
            raise ServerMissing(f"the PostGIS extension is not installed for the server in {server.bindir}; {INSTALL}")
        connection.execute(f"CREATE DATABASE {TEMPLATE}")
    with server.admin(TEMPLATE) as connection:
        connection.execute("CREATE EXTENSION postgis")


def stop_server(server: LocalServer) -> None:
    owner = "postgres" if os.geteuid() == 0 else None
    command = [str(server.bindir / "pg_ctl"), "-D", str(server.root / "data"), "-m", "immediate", "-w", "stop"]
    subprocess.run(_as_owner(command, owner), cwd=server.root, capture_output=True, check=False)
    shutil.rmtree(server.root, ignore_errors=True)
