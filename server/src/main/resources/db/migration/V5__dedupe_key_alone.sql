-- Every dedupe key is a SHA-256 over the app, the command and the event's identifying fields (EventKeys), so
-- the key alone identifies an event. A one-column unique index is about half the size of the three-column one
-- and is compared on one value, which every insert pays.
ALTER TABLE inbox_event DROP CONSTRAINT inbox_event_once;
ALTER TABLE inbox_event ADD CONSTRAINT inbox_event_once UNIQUE (dedupe_key);
