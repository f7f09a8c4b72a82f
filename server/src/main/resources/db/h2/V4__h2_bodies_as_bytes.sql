-- Embedded H2 only: H2 writes a character string one varint per character every time the page that holds it
-- is written, and a page is written again at every commit that touches it; bytes are copied whole. The body
-- and the query are kept as their UTF-8 bytes (H2 converts existing rows the same way).
ALTER TABLE inbox_event ALTER COLUMN body SET DATA TYPE VARBINARY(4194304);
ALTER TABLE inbox_event ALTER COLUMN query SET DATA TYPE VARBINARY(16384);
