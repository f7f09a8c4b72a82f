-- Embedded H2 only: its identity sequence writes its state to the file (a whole store of the database) every
-- time its cache of numbers runs out, 32 by default. One cache for the whole database, so ids stay in order;
-- a crash only skips the unused numbers. (PostgreSQL caches per connection, which would break id order.)
ALTER TABLE inbox_event ALTER COLUMN id SET CACHE 1000;
