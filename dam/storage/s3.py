"""A BlobStore on any S3-compatible object store (SeaweedFS, MinIO, Ceph, AWS S3), through boto3.

Objects live at `<prefix>/<key>` in one bucket. S3 makes an object visible only when its upload completes (a single
PUT, or CompleteMultipartUpload for a large file), so the store keeps the interface's promise that a key holds all
its bytes or does not exist: a failed multipart upload is aborted by boto3's transfer manager, and one cut short
by a killed process stays an unfinished upload (no object) until `check --repair` aborts it.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from dam.storage.base import StorageError
from dam.storage.local import clear_folder

MIB = 1024 * 1024
# Files above this go up in parts of PART_BYTES, two at a time: memory stays at a few parts whatever the file's size.
MULTIPART_THRESHOLD = 16 * MIB
PART_BYTES = 8 * MIB
CONCURRENCY = 2
SCHEME = "s3://"
# Every ingest job carries its own pickled copy of the store: a client per copy would cost a botocore session
# (loading the S3 service model, ~100 ms of CPU) per file, so the clients are shared within a process.
_CLIENTS: dict["S3Access", Any] = {}
_CLIENTS_LOCK = threading.Lock()


@dataclass(frozen=True)
class S3Location:
    """A bucket and a key prefix, written `s3://bucket/prefix`."""

    bucket: str
    prefix: str = ""

    @classmethod
    def parse(cls, text: str) -> "S3Location":
        """Read `s3://bucket/prefix`; ValueError with the reason for anything else."""
        if not text.startswith(SCHEME):
            raise ValueError(f"{text!r} is not an s3://bucket/prefix location")
        bucket, _, prefix = text[len(SCHEME) :].partition("/")
        prefix = prefix.strip("/")
        if not (3 <= len(bucket) <= 63) or not all(c.islower() or c.isdigit() or c in ".-" for c in bucket):
            raise ValueError(f"{bucket!r} is not a bucket name (3 to 63 lower-case letters, digits, dots, dashes)")
        if prefix and any(part in ("", ".", "..") for part in prefix.split("/")):
            raise ValueError(f"{prefix!r} is not a usable key prefix")
        return cls(bucket, prefix)

    def __str__(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.prefix}" if self.prefix else f"{SCHEME}{self.bucket}"


@dataclass(frozen=True)
class S3Access:
    """How to reach the store: endpoint, region, addressing and keys (from the environment; never recorded)."""

    endpoint: str | None
    region: str
    access_key: str
    secret_key: str = field(repr=False)  # never in a log line or a traceback
    session_token: str | None = field(default=None, repr=False)
    addressing: str = "path"  # SeaweedFS, MinIO and Ceph answer path-style requests out of the box

    @classmethod
    def from_env(cls, endpoint: str | None = None, env: dict[str, str] | None = None) -> "S3Access":
        """The standard AWS_* variables; a recorded endpoint is used when AWS_ENDPOINT_URL is not set."""
        env = os.environ if env is None else env
        key, secret = env.get("AWS_ACCESS_KEY_ID", ""), env.get("AWS_SECRET_ACCESS_KEY", "")
        if not key or not secret:
            # Explicit keys only: boto3's fallback chain would go looking for an instance role on the network.
            raise ValueError("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the object store's keys")
        return cls(
            endpoint=env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL") or endpoint or None,
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            access_key=key, secret_key=secret, session_token=env.get("AWS_SESSION_TOKEN") or None,
            addressing=env.get("DAM_S3_ADDRESSING", "path"),
        )  # fmt: skip


class S3Store:
    """Objects in a bucket under a prefix. Picklable (ingest workers get a copy); each process makes its own client."""

    def __init__(self, location: S3Location, access: S3Access, scratch: Path | str):
        self.location, self.access = location, access
        self.tmp_dir = Path(scratch)  # local temp files: upload spools, copies for decoders
        self._client: Any = None

    def __getstate__(self) -> dict:
        return {"location": self.location, "access": self.access, "tmp_dir": self.tmp_dir}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _client=None)

    @property
    def client(self):
        """A boto3 S3 client (thread-safe once made; one per process and access, however often this is unpickled)."""
        if self._client is None:
            with _CLIENTS_LOCK:
                if self.access not in _CLIENTS:
                    _CLIENTS[self.access] = _make_client(self.access)
            self._client = _CLIENTS[self.access]
        return self._client

    def _key(self, key: str) -> str:
        if key.startswith("/") or ".." in key.split("/"):
            raise ValueError(f"bad storage key: {key!r}")
        return f"{self.location.prefix}/{key}" if self.location.prefix else key

    @contextmanager
    def _errors(self, action: str, key: str = "") -> Iterator[None]:
        """botocore's errors as FileNotFoundError (no such key) or StorageError, worded for a person."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                raise FileNotFoundError(f"{self.describe()}/{key} is not in the object store") from None
            message = exc.response.get("Error", {}).get("Message") or code
            raise StorageError(f"object store refused to {action} {key or self.describe()}: {message}") from None
        except BotoCoreError as exc:
            raise StorageError(f"object store could not {action} {key or self.describe()}: {exc}") from None

    def put_file(self, key: str, source: Path) -> None:
        if self.exists(key):
            return
        with self._errors("store", key):
            self.client.upload_file(str(source), self.location.bucket, self._key(key), Config=_transfer())

    def put_bytes(self, key: str, data: bytes) -> None:
        with self._errors("store", key):
            if len(data) > MULTIPART_THRESHOLD:
                self.client.upload_fileobj(io.BytesIO(data), self.location.bucket, self._key(key), Config=_transfer())
            else:
                self.client.put_object(Bucket=self.location.bucket, Key=self._key(key), Body=data)

    def put_stream(self, key: str, stream: BinaryIO) -> None:
        """Upload from a readable stream in parts; an error from the stream aborts the upload (no object)."""
        with self._errors("store", key):
            self.client.upload_fileobj(stream, self.location.bucket, self._key(key), Config=_transfer())

    def open(self, key: str) -> BinaryIO:
        with self._errors("read", key):
            return self.client.get_object(Bucket=self.location.bucket, Key=self._key(key))["Body"]

    def open_range(self, key: str, start: int, stop: int) -> BinaryIO:
        if stop <= start:
            return io.BytesIO(b"")
        with self._errors("read", key):
            return self.client.get_object(
                Bucket=self.location.bucket, Key=self._key(key), Range=f"bytes={start}-{stop - 1}"
            )["Body"]

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.tmp_dir, prefix="copy-")
        os.close(fd)
        try:
            with self._errors("read", key):
                self.client.download_file(self.location.bucket, self._key(key), name, Config=_transfer())
            yield Path(name)
        finally:
            Path(name).unlink(missing_ok=True)

    def _head(self, key: str) -> dict:
        with self._errors("look up", key):
            return self.client.head_object(Bucket=self.location.bucket, Key=self._key(key))

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except FileNotFoundError:
            return False
        return True

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def delete(self, key: str) -> None:
        with self._errors("delete", key):
            self.client.delete_object(Bucket=self.location.bucket, Key=self._key(key))

    def keys(self, prefix: str = "") -> Iterator[str]:
        skip = len(self._key(""))  # "<prefix>/", hidden from callers
        with self._errors("list", prefix):
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.location.bucket, Prefix=self._key(prefix)
            )
            for page in pages:
                for item in page.get("Contents", ()):
                    yield item["Key"][skip:]

    def local_path(self, key: str) -> Path | None:
        return None

    def clear_tmp(self) -> int:
        return clear_folder(self.tmp_dir)

    def describe(self) -> str:
        return str(self.location)

    def unfinished_uploads(self, older_than: timedelta = timedelta(0)) -> list[dict]:
        """Multipart uploads begun under the prefix and never completed or aborted (a killed process's)."""
        cutoff = datetime.now(timezone.utc) - older_than
        skip = len(self._key(""))  # "<prefix>/", hidden from callers
        found = []
        with self._errors("list uploads"):
            pages = self.client.get_paginator("list_multipart_uploads").paginate(
                Bucket=self.location.bucket, Prefix=self._key("")
            )
            for page in pages:
                for upload in page.get("Uploads", ()):
                    if upload["Initiated"] <= cutoff:
                        found.append({"key": upload["Key"][skip:], "upload_id": upload["UploadId"]})
        return found

    def abort_upload(self, upload: dict) -> None:
        """Throw away an unfinished upload's parts."""
        with self._errors("abort upload", upload["key"]):
            self.client.abort_multipart_upload(
                Bucket=self.location.bucket, Key=self._key(upload["key"]), UploadId=upload["upload_id"]
            )

    def ensure_bucket(self) -> None:
        """Create the bucket when it does not exist yet (a fresh SeaweedFS or MinIO has none)."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_bucket(Bucket=self.location.bucket)
            return
        except ClientError:
            pass
        with self._errors("create bucket"):
            self.client.create_bucket(Bucket=self.location.bucket)


def _transfer():
    from boto3.s3.transfer import TransferConfig

    return TransferConfig(
        multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=PART_BYTES, max_concurrency=CONCURRENCY,
        max_io_queue=CONCURRENCY * 2, use_threads=True,
    )  # fmt: skip


def _make_client(access: S3Access):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=access.access_key, aws_secret_access_key=access.secret_key,
        aws_session_token=access.session_token, region_name=access.region,
    )  # fmt: skip
    config = Config(
        s3={"addressing_style": access.addressing}, retries={"max_attempts": 4, "mode": "standard"},
        connect_timeout=5, read_timeout=60, max_pool_connections=16,
    )  # fmt: skip
    return session.client("s3", endpoint_url=access.endpoint, config=config)
