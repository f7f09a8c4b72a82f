-- Order checks look for the PENDING events of one key; with status in the key they no longer walk its
-- delivered history. The finished_at index served only the hourly purge and cost every insert and every
-- "done" a page write; the purge now walks DONE rows through inbox_event_pending.
DROP INDEX inbox_event_order;
DROP INDEX inbox_event_finished;
CREATE INDEX inbox_event_key_pending ON inbox_event (order_key, status, id);
