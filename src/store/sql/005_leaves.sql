-- Schema version 5: leave as periods (from–to, reason), so the roster check knows who is
-- away on which day; voided, never deleted, like every other record.
CREATE TABLE leaves (
    officer     TEXT NOT NULL REFERENCES officers(id),
    start       TEXT NOT NULL,
    end         TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (officer, start)
);
CREATE INDEX leaves_by_end ON leaves(end);
