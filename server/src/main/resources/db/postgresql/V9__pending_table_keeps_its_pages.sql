-- PostgreSQL only. The pending table is emptied and refilled all the time (each event is inserted when stored and
-- deleted when delivered), and vacuumed every second. By default each vacuum that finds empty pages at its end cuts
-- them off: it takes an ACCESS EXCLUSIVE lock, which the writer's next insert waits for, and the writer then grows
-- the file again, page by page, on the commit path. Kept, those pages are reused by the next inserts.
ALTER TABLE inbox_pending SET (vacuum_truncate = false);
