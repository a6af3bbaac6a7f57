"""A local PostgreSQL for the tests and for trying the scaled set-up: Debian's server in a folder, on loopback.

    python -m dam.db.pglocal start [--dir data-postgres] [--port 5433]   # prints the DAM_CATALOG URL
    python -m dam.db.pglocal stop [--dir data-postgres]

The cluster is made with initdb on first start (UTF-8, C.UTF-8 collation, as the catalog needs), listens on
127.0.0.1 only and trusts local connections: a sandbox, not a production server (see docs/deploy.md). The
server refuses to run as root, so when started by root it runs as the `postgres` user.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

SUPERUSER = "dam"
# Durability off: a sandbox rebuilt at will starts and writes several times faster without it.
FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


def binaries() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalPostgres:
    """One cluster in `folder` (data/, the socket and the log), served on 127.0.0.1:`port`."""

    def __init__(self, folder: Path, port: int, *, fast: bool = False):
        self.folder, self.port, self.fast = Path(folder).resolve(), port, fast
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")

    def _run(self, *command: str) -> None:
        as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*as_owner, *command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode:
            raise RuntimeError(f"{Path(command[0]).name} failed: {done.stdout.strip()}")

    def start(self) -> str:
        """initdb when new, then start and wait until it accepts connections; returns the server URL."""
        data = self.folder / "data"
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        if not (data / "PG_VERSION").exists():
            self._run(str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
                      "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = ["-c", "listen_addresses=127.0.0.1", "-p", str(self.port), "-k", str(self.folder),
                   *(FAST if self.fast else ())]  # fmt: skip
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-w",
                  "-o", " ".join(options), "start")  # fmt: skip
        return self.url()

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str = "template0") -> str:
        """A new empty database (UTF-8, C.UTF-8) and its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dam.db.pglocal", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--dir", type=Path, default=Path("data-postgres"), help="cluster folder")
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--database", default="library", help="database to create on first start (default library)")
    args = parser.parse_args(argv)
    try:
        server = LocalPostgres(args.dir, args.port)
        if args.action == "stop":
            server.stop()
            return 0
        new = not (args.dir / "data" / "PG_VERSION").exists()
        server.start()
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    url = server.create_database(args.database) if new else server.url(args.database)
    print(f"PostgreSQL {server.bin.parent.name} on 127.0.0.1:{args.port}, cluster in {args.dir}.")
    print(f"Run replicas with: DAM_CATALOG={url}")
    print(f"Stop it with: python -m dam.db.pglocal stop --dir {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
