-- What every report reads apart from the period's records, found through indexes that hold
-- only those rows, so a report does not read a whole table of a large ledger. Partial, so
-- the rows every other write adds cost nothing more.
-- The period's corrections (更正), among millions of audit rows.
CREATE INDEX IF NOT EXISTS audit_corrections ON audit(at) WHERE action = '更正';
-- The leads called back (回访), for the satisfaction rate.
CREATE INDEX IF NOT EXISTS complaints_called_back ON complaints(id) WHERE callbacks != '[]';
-- The leads closed lately, for the call-backs due (today's list looks back 90 days).
CREATE INDEX IF NOT EXISTS complaints_closed ON complaints(closed_at) WHERE state = '已结案';
