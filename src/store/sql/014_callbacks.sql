-- 回访: a closed lead's call-backs (JSON, like its stops), and the lead a follow-up (重新办理)
-- takes up again.
ALTER TABLE complaints ADD COLUMN callbacks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN follow_of TEXT NOT NULL DEFAULT '';
CREATE INDEX complaints_follow_of ON complaints (follow_of) WHERE follow_of != '';
