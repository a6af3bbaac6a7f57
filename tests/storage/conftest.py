"""A real SeaweedFS (master, volume, filer, S3 gateway on loopback) per test process, and libraries stored on it."""

from __future__ import annotations

import uuid

import pytest

from dam.config import Settings
from dam.library import Library
from dam.storage.s3 import S3Access, S3Location, S3Store
from dam.storage.seaweed import SeaweedFS

BUCKET = "library-tests"


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    """One running SeaweedFS for the session (about 3 s to start), stopped at the end."""
    server = SeaweedFS(tmp_path_factory.mktemp("seaweedfs")).start()
    yield server
    server.stop(grace=0.2)  # its data is thrown away with the temp folder: no need to let it drain


@pytest.fixture
def s3_env(seaweed, monkeypatch):
    """The test's environment points at SeaweedFS; returns a fresh s3://bucket/prefix of its own."""
    for name, value in seaweed.env().items():
        monkeypatch.setenv(name, value)
    return f"s3://{BUCKET}/{uuid.uuid4().hex[:12]}"


@pytest.fixture
def s3_store(s3_env, tmp_path) -> S3Store:
    store = S3Store(S3Location.parse(s3_env), S3Access.from_env(), tmp_path / "scratch")
    store.ensure_bucket()
    return store


@pytest.fixture
def s3_settings(s3_env, tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "library", storage=s3_env)


@pytest.fixture
def s3_library(s3_settings):
    """An open, empty library whose files go to SeaweedFS."""
    with Library.open(s3_settings) as library:
        yield library
