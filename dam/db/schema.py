"""The catalog schema as an ordered list of migrations; the library's version is how many have run."""

from __future__ import annotations

# Each migration is a list of statements run in one transaction. Append only: never edit a shipped migration.
# Vocabularies (status, source, kind, role) live in dam/vocab.py; the database stores their plain string values.
MIGRATIONS: list[list[str]] = [
    # 1: the core catalog.
    [
        "CREATE SEQUENCE brand_ids START 1",
        """CREATE TABLE brands (
            id INTEGER PRIMARY KEY DEFAULT nextval('brand_ids'),
            name VARCHAR NOT NULL UNIQUE,
            palette VARCHAR[] NOT NULL DEFAULT [],
            fonts VARCHAR[] NOT NULL DEFAULT [],
            notes VARCHAR NOT NULL DEFAULT '',
            created_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP
        )""",
        "CREATE SEQUENCE user_ids START 1",
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY DEFAULT nextval('user_ids'),
            handle VARCHAR NOT NULL UNIQUE,
            display_name VARCHAR NOT NULL,
            email VARCHAR NOT NULL DEFAULT '',
            is_admin BOOLEAN NOT NULL DEFAULT false,
            password_hash VARCHAR,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TIMESTAMP,
            created_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP
        )""",
        """CREATE TABLE memberships (
            user_id INTEGER NOT NULL,
            brand_id INTEGER NOT NULL,
            role VARCHAR NOT NULL,
            PRIMARY KEY (user_id, brand_id)
        )""",
        "CREATE SEQUENCE asset_ids START 1",
        """CREATE TABLE assets (
            id BIGINT PRIMARY KEY DEFAULT nextval('asset_ids'),
            brand_id INTEGER NOT NULL,
            name VARCHAR NOT NULL,
            original_name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            mime VARCHAR NOT NULL,
            byte_size BIGINT NOT NULL,
            sha256 VARCHAR NOT NULL,
            width INTEGER,
            height INTEGER,
            duration DOUBLE,
            fps DOUBLE,
            page_count INTEGER,
            source VARCHAR NOT NULL DEFAULT 'uploaded',
            status VARCHAR NOT NULL DEFAULT 'draft',
            status_before_archive VARCHAR,
            rating TINYINT,
            creator_id INTEGER,
            created_at TIMESTAMP NOT NULL,
            updated_at TIMESTAMP NOT NULL,
            prompt VARCHAR,
            negative_prompt VARCHAR,
            model VARCHAR,
            seed BIGINT,
            gen_params VARCHAR,
            parent_id BIGINT,
            taken_at TIMESTAMP,
            camera VARCHAR,
            description VARCHAR NOT NULL DEFAULT '',
            palette VARCHAR[] NOT NULL DEFAULT [],
            blob_key VARCHAR NOT NULL,
            thumb_small_key VARCHAR,
            thumb_large_key VARCHAR,
            submitted_by INTEGER,
            submitted_at TIMESTAMP,
            deleted_at TIMESTAMP,
            deleted_by INTEGER
        )""",
        "CREATE INDEX assets_brand_sha ON assets (brand_id, sha256)",
        "CREATE SEQUENCE tag_ids START 1",
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY DEFAULT nextval('tag_ids'),
            name VARCHAR NOT NULL UNIQUE
        )""",
        """CREATE TABLE asset_tags (
            asset_id BIGINT NOT NULL,
            tag_id INTEGER NOT NULL,
            PRIMARY KEY (asset_id, tag_id)
        )""",
        "CREATE SEQUENCE campaign_ids START 1",
        """CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY DEFAULT nextval('campaign_ids'),
            brand_id INTEGER NOT NULL,
            name VARCHAR NOT NULL,
            description VARCHAR NOT NULL DEFAULT '',
            starts_on DATE,
            ends_on DATE,
            archived_at TIMESTAMP,
            created_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP,
            UNIQUE (brand_id, name)
        )""",
        """CREATE TABLE asset_campaigns (
            asset_id BIGINT NOT NULL,
            campaign_id INTEGER NOT NULL,
            PRIMARY KEY (asset_id, campaign_id)
        )""",
        "CREATE SEQUENCE collection_ids START 1",
        # Sibling names are unique per (brand, parent); enforced by the collections repository because a
        # NULL parent (a root collection) cannot take part in a UNIQUE constraint.
        """CREATE TABLE collections (
            id INTEGER PRIMARY KEY DEFAULT nextval('collection_ids'),
            brand_id INTEGER NOT NULL,
            parent_id INTEGER,
            name VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP
        )""",
        """CREATE TABLE collection_assets (
            collection_id INTEGER NOT NULL,
            asset_id BIGINT NOT NULL,
            added_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP,
            PRIMARY KEY (collection_id, asset_id)
        )""",
        """CREATE TABLE brand_pins (
            brand_id INTEGER NOT NULL,
            asset_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            pinned_by INTEGER,
            pinned_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP,
            PRIMARY KEY (brand_id, asset_id)
        )""",
        # Generation lineage: a generated asset may be made from several inputs (parent_id is the first).
        """CREATE TABLE asset_inputs (
            asset_id BIGINT NOT NULL,
            input_asset_id BIGINT NOT NULL,
            PRIMARY KEY (asset_id, input_asset_id)
        )""",
        "CREATE SEQUENCE event_ids START 1",
        # Append-only: who did what, when, with the values before and after (JSON text).
        """CREATE TABLE events (
            id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
            occurred_at TIMESTAMP NOT NULL,
            actor_id INTEGER,
            action VARCHAR NOT NULL,
            entity VARCHAR NOT NULL,
            entity_id BIGINT,
            brand_id INTEGER,
            before VARCHAR,
            after VARCHAR
        )""",
        "CREATE SEQUENCE saved_search_ids START 1",
        """CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY DEFAULT nextval('saved_search_ids'),
            brand_id INTEGER NOT NULL,
            owner_id INTEGER,
            name VARCHAR NOT NULL,
            query VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP,
            UNIQUE (brand_id, name)
        )""",
        # Text embeddings (all-MiniLM-L6-v2, 384 dims) of name, tags, prompt and description, for semantic search.
        """CREATE TABLE text_embeddings (
            asset_id BIGINT PRIMARY KEY,
            vector FLOAT[384] NOT NULL
        )""",
    ],
    # 2: sign-in sessions can be revoked (sign-out everywhere) by bumping a per-user version.
    [
        "ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0",
    ],
    # 3: in-app notifications (review decisions now; mentions and replies with threads).
    [
        "CREATE SEQUENCE notification_ids START 1",
        """CREATE TABLE notifications (
            id BIGINT PRIMARY KEY DEFAULT nextval('notification_ids'),
            user_id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            asset_id BIGINT,
            actor_id INTEGER,
            body VARCHAR NOT NULL DEFAULT '',
            created_at TIMESTAMP NOT NULL,
            read_at TIMESTAMP
        )""",
        "CREATE INDEX notifications_user ON notifications (user_id, read_at)",
    ],
    # 4: threads on assets: comments (replies through parent_id), reactions, attachments, resolution, and each
    # person's notification preferences. Comments carry no brand_id: an asset can move between brands, and
    # its thread must follow it, so the asset's own brand is the only one that counts.
    [
        "CREATE SEQUENCE comment_ids START 1",
        """CREATE TABLE comments (
            id BIGINT PRIMARY KEY DEFAULT nextval('comment_ids'),
            asset_id BIGINT NOT NULL,
            author_id INTEGER NOT NULL,
            parent_id BIGINT,
            body VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            edited_at TIMESTAMP,
            deleted_at TIMESTAMP,
            deleted_by INTEGER
        )""",
        "CREATE INDEX comments_asset ON comments (asset_id)",
        """CREATE TABLE comment_reactions (
            comment_id BIGINT NOT NULL,
            user_id INTEGER NOT NULL,
            emoji VARCHAR NOT NULL,
            reacted_at TIMESTAMP NOT NULL,
            PRIMARY KEY (comment_id, user_id, emoji)
        )""",
        "CREATE SEQUENCE comment_attachment_ids START 1",
        # Files live under their own `attachments/` keys, apart from assets' originals, so that purging an
        # asset or repairing the store never removes a file a comment still shows.
        """CREATE TABLE comment_attachments (
            id BIGINT PRIMARY KEY DEFAULT nextval('comment_attachment_ids'),
            comment_id BIGINT NOT NULL,
            name VARCHAR NOT NULL,
            mime VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            byte_size BIGINT NOT NULL,
            sha256 VARCHAR NOT NULL,
            blob_key VARCHAR NOT NULL,
            thumb_key VARCHAR,
            width INTEGER,
            height INTEGER,
            page_count INTEGER
        )""",
        # One row per asset whose thread was ever resolved; resolved_at is NULL again once it reopens.
        """CREATE TABLE asset_threads (
            asset_id BIGINT PRIMARY KEY,
            resolved_at TIMESTAMP,
            resolved_by INTEGER
        )""",
        # Only the kinds someone switched off or on again; a missing row means the kind is on.
        """CREATE TABLE notification_prefs (
            user_id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            enabled BOOLEAN NOT NULL,
            PRIMARY KEY (user_id, kind)
        )""",
    ],
    # 5: visual embeddings for Find similar and duplicates (dam/similar): the built-in descriptor of every
    # asset's picture, and CLIP image vectors when a model is configured (DAM_CLIP_MODEL). Fixed-size arrays, so
    # they load as one flat buffer and export to Parquet as they are.
    [
        "CREATE TABLE visual_embeddings (asset_id BIGINT PRIMARY KEY, vector FLOAT[128] NOT NULL)",
        "CREATE TABLE clip_embeddings (asset_id BIGINT PRIMARY KEY, vector FLOAT[512] NOT NULL)",
    ],
    # 6: brand kits and generations. Logos are designated on a brand's kit apart from the pinned anchors that
    # guide generations. The generation queue keeps what was asked (inputs, anchors, prompt and settings, where
    # results go), its status and the server's message, and the assets that came back. asset_inputs becomes
    # the one record of lineage: every parent_id an older library holds is copied into it.
    [
        """CREATE TABLE brand_logos (
            brand_id INTEGER NOT NULL,
            asset_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            added_by INTEGER,
            added_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP,
            PRIMARY KEY (brand_id, asset_id)
        )""",
        "CREATE SEQUENCE generation_request_ids START 1",
        """CREATE TABLE generation_requests (
            id BIGINT PRIMARY KEY DEFAULT nextval('generation_request_ids'),
            brand_id INTEGER NOT NULL,
            requested_by INTEGER,
            requested_at TIMESTAMP NOT NULL,
            input_ids BIGINT[] NOT NULL DEFAULT [],
            anchor_ids BIGINT[] NOT NULL DEFAULT [],
            prompt VARCHAR NOT NULL,
            negative_prompt VARCHAR,
            model VARCHAR,
            seed BIGINT,
            gen_params VARCHAR,
            campaign_id INTEGER,
            collection_id INTEGER,
            status VARCHAR NOT NULL DEFAULT 'queued',
            message VARCHAR,
            backend VARCHAR,
            started_at TIMESTAMP,
            finished_at TIMESTAMP,
            result_ids BIGINT[] NOT NULL DEFAULT []
        )""",
        "INSERT INTO asset_inputs (asset_id, input_asset_id) SELECT id, parent_id FROM assets"
        " WHERE parent_id IS NOT NULL ON CONFLICT DO NOTHING",
    ],
    # 7: which version of each visual embedder computed the stored vectors (dam/similar/embedders.py): vectors of
    # another version are not comparable, so Find similar refuses until `python -m dam reindex` recomputes them.
    # A library that has vectors but no row here was embedded by descriptor version 1.
    ["CREATE TABLE embedding_versions (embedder VARCHAR PRIMARY KEY, version VARCHAR NOT NULL)"],
]

SCHEMA_VERSION = len(MIGRATIONS)
