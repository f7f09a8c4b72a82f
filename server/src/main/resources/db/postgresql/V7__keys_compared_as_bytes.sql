-- PostgreSQL only: keys are hex digests and ids, not words. Under the database's language collation every
-- comparison in their indexes goes through the C library's strcoll; with "C" it compares bytes. Every insert
-- walks the dedupe and order key indexes: about 6% of the database's work under load. Both collations are
-- deterministic, so two keys are equal under either exactly when their bytes are. The indexes are rebuilt, the
-- rows are not.
ALTER TABLE inbox_event
    ALTER COLUMN dedupe_key TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN order_key TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE inbox_pending ALTER COLUMN order_key TYPE VARCHAR(512) COLLATE "C";
