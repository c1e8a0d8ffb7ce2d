-- Schema version 7: what the printed papers need. A notice records who issued it (with their
-- certificate numbers on the issue date), what the party must do, and how and when it was
-- served; a transferred lead records the department it went to. Like version 6's columns,
-- they join a record's digest only once set.
ALTER TABLE notices ADD COLUMN officers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notices ADD COLUMN certs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notices ADD COLUMN requirement TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN served_on TEXT;
ALTER TABLE notices ADD COLUMN service_method TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN transfer_to TEXT NOT NULL DEFAULT '';
CREATE INDEX notices_unserved ON notices(issued_on) WHERE served_on IS NULL;
