-- The events still to deliver and the dead ones get tables of their own; inbox_event keeps what was received and
-- is only inserted into and purged. Pending rows are few (the backlog), so their indexes are small and every
-- insert, lease and "done" touches a handful of pages; before, each "done" rewrote the event's row and two entries
-- of indexes that held the whole history, scattered by order key, on every commit.
-- An event is pending while it has an inbox_pending row, dead while it has an inbox_dead row, else delivered.
CREATE TABLE inbox_pending (
    id              BIGINT        NOT NULL PRIMARY KEY,
    order_key       VARCHAR(512)  NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL,
    lease_owner     VARCHAR(128),
    lease_until     BIGINT,
    last_error      VARCHAR(4000)
);
CREATE INDEX inbox_pending_key ON inbox_pending (order_key, id);

CREATE TABLE inbox_dead (
    id          BIGINT        NOT NULL PRIMARY KEY,
    attempts    INTEGER       NOT NULL,
    last_error  VARCHAR(4000),
    finished_at BIGINT        NOT NULL
);

INSERT INTO inbox_pending (id, order_key, attempts, next_attempt_at, lease_owner, lease_until, last_error)
    SELECT id, order_key, attempts, next_attempt_at, lease_owner, lease_until, last_error
    FROM inbox_event WHERE status = 'PENDING';
INSERT INTO inbox_dead (id, attempts, last_error, finished_at)
    SELECT id, attempts, last_error, COALESCE(finished_at, received_at) FROM inbox_event WHERE status = 'DEAD';

DROP INDEX inbox_event_pending;
DROP INDEX inbox_event_key_pending;
ALTER TABLE inbox_event DROP COLUMN status;
ALTER TABLE inbox_event DROP COLUMN attempts;
ALTER TABLE inbox_event DROP COLUMN next_attempt_at;
ALTER TABLE inbox_event DROP COLUMN lease_owner;
ALTER TABLE inbox_event DROP COLUMN lease_until;
ALTER TABLE inbox_event DROP COLUMN last_error;
ALTER TABLE inbox_event DROP COLUMN finished_at;
