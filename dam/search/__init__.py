"""Search: the word index, typo-tolerant word matching, and MiniLM text embeddings for semantic matches."""
