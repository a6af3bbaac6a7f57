"""Find similar and duplicates: visual embedders, the in-memory vector index, and near-duplicate grouping."""
