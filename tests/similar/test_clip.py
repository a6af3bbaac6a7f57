"""The CLIP path with a tiny randomly initialised CLIP model built here: loading, indexing and text search are real."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dam.repos import embeddings
from dam.services import similar
from tests.factories import make_user


@pytest.fixture(scope="session")
def tiny_clip(tmp_path_factory) -> str:
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-clip")
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for n, letter in enumerate("abcdefghijklmnopqrstuvwxyz"):
        vocab[letter], vocab[letter + "</w>"] = 2 + 2 * n, 3 + 2 * n
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizerFast(vocab_file=str(folder / "vocab.json"), merges_file=str(folder / "merges.txt"))
    tiny = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2)
    config = CLIPConfig(text_config=dict(vocab_size=len(vocab), max_position_embeddings=77, bos_token_id=0,
                                         eos_token_id=1, pad_token_id=1, **tiny),
                        vision_config=dict(image_size=32, patch_size=8, **tiny), projection_dim=24)  # fmt: skip
    CLIPModel(config).save_pretrained(folder)
    images = CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(folder)
    return str(folder)


def test_clip_vectors_at_ingest_and_text_search(library, ingest, photos, tiny_clip, monkeypatch):
    monkeypatch.setenv("DAM_CLIP_MODEL", tiny_clip)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cat = ingest(photos["chelsea"], "Acme", "cat.jpg")
    rocket = ingest(photos["rocket"], "Acme", "rocket.jpg")
    ids, matrix = embeddings.load(library.catalog.cursor(), "clip")
    assert ids.tolist() == [cat, rocket]
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1, atol=1e-3) and not matrix[:, 24:].any()
    boss = make_user(library, "boss", admin=True)
    brand = library.catalog.cursor().execute("SELECT brand_id FROM assets WHERE id = ?", [cat]).fetchone()[0]
    found = similar.similar_to_text(library, boss, brand, "a cat", k=2)
    assert {m.asset_id for m in found} == {cat, rocket}
    assert [m.asset_id for m in similar.similar_to(library, boss, cat, embedder="clip", min_score=-1)] == [rocket]


def test_without_a_model_text_search_says_what_it_needs(library, monkeypatch):
    from dam.errors import Rejected

    monkeypatch.delenv("DAM_CLIP_MODEL", raising=False)
    with pytest.raises(Rejected, match="DAM_CLIP_MODEL"):
        similar.similar_to_text(library, make_user(library, "boss", admin=True), 1, "a cat")
