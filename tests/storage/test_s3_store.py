"""The S3 store against a real SeaweedFS: the BlobStore contract, multipart in bounded memory, aborted uploads."""

from __future__ import annotations

import hashlib
import os
import pickle
import tracemalloc

import pytest

from dam.errors import Rejected
from dam.storage.location import open_store
from dam.storage.s3 import MULTIPART_THRESHOLD

MIB = 1024 * 1024


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    with stream:
        while chunk := stream.read(MIB):
            digest.update(chunk)
    return digest.hexdigest()


def test_objects_are_written_listed_read_in_ranges_and_deleted(s3_store):
    s3_store.put_bytes("blobs/ab/cd/one", b"0123456789")
    s3_store.put_bytes("thumbs/ab/cd/one-400.webp", b"thumb")
    assert s3_store.exists("blobs/ab/cd/one") and not s3_store.exists("blobs/ab/cd/two")
    assert s3_store.size("blobs/ab/cd/one") == 10
    assert list(s3_store.keys("blobs/")) == ["blobs/ab/cd/one"]  # the prefix is hidden, the other folder left out
    with s3_store.open("blobs/ab/cd/one") as f:
        assert f.read() == b"0123456789"
    with s3_store.open_range("blobs/ab/cd/one", 3, 7) as f:
        assert f.read() == b"3456"
    with s3_store.local_copy("blobs/ab/cd/one") as path:
        assert path.read_bytes() == b"0123456789"
    assert not path.exists()
    with pytest.raises(FileNotFoundError):
        s3_store.open("blobs/ab/cd/two")
    with pytest.raises(FileNotFoundError):
        s3_store.size("blobs/ab/cd/two")
    copy = pickle.loads(pickle.dumps(s3_store))  # what an ingest worker process receives
    assert copy.size("blobs/ab/cd/one") == 10
    s3_store.delete("blobs/ab/cd/one")
    s3_store.delete("blobs/ab/cd/one")  # deleting what is gone is fine
    assert list(s3_store.keys("blobs/")) == []


def test_a_large_file_goes_up_in_parts_without_being_held_in_memory(s3_store, tmp_path):
    big = tmp_path / "big.bin"
    with open(big, "wb") as out:
        for _ in range(40):
            out.write(os.urandom(MIB))
    tracemalloc.start()
    try:
        s3_store.put_file("blobs/big", big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 24 * MIB, f"uploading 40 MB peaked at {peak / MIB:.1f} MB of Python memory"
    head = s3_store.client.head_object(Bucket=s3_store.location.bucket, Key=s3_store._key("blobs/big"))
    assert head["ContentLength"] == 40 * MIB and "-" in head["ETag"]  # a multipart object's ETag ends in -<parts>
    assert _sha256(s3_store.open("blobs/big")) == _sha256(open(big, "rb"))
    s3_store.put_file("blobs/big", tmp_path / "not-read")  # already there: nothing is uploaded (or read)


class _FailingReader:
    """A stream that breaks after `good` bytes, like a client connection dropped mid-upload."""

    def __init__(self, good: int):
        self.left = good

    def read(self, n: int = -1) -> bytes:
        if self.left <= 0:
            raise ConnectionResetError("the uploader went away")
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"x" * n


def test_an_upload_that_fails_midway_leaves_no_object_and_no_parts(s3_store):
    with pytest.raises(ConnectionResetError):
        s3_store.put_stream("blobs/half", _FailingReader(MULTIPART_THRESHOLD + 4 * MIB))
    assert not s3_store.exists("blobs/half")
    assert s3_store.unfinished_uploads() == []  # the parts already sent were aborted, not left behind


def test_unusable_settings_are_refused_with_the_reason(s3_env, tmp_path, monkeypatch):
    def opened(wanted: str):
        return open_store(tmp_path / "lib", wanted, is_new=lambda: True, read_only=True)

    with pytest.raises(Rejected, match="not a bucket name"):
        opened("s3://Bad_Bucket/x")
    with pytest.raises(Rejected, match="not an s3://"):
        opened("/mnt/elsewhere")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(Rejected, match="AWS_SECRET_ACCESS_KEY"):
        opened(s3_env)
    with pytest.raises(Rejected, match="migrate --to"):  # a library with files on disk is never pointed elsewhere
        open_store(tmp_path / "lib", s3_env, is_new=lambda: False, read_only=True)
