-- Schema version 6: who handles a lead and what each step found (承办 and step details).
-- They join the complaint's digest only once set, so records written before stay whole.
ALTER TABLE complaints ADD COLUMN squad TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN handlers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN verified_by TEXT NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN finding TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN handled_at TEXT;
ALTER TABLE complaints ADD COLUMN feedback_method TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN extensions TEXT NOT NULL DEFAULT '[]';
