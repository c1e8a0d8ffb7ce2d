-- Who served a notice (送达人) and who witnessed it (见证人, for 留置送达), and the case
-- number (立案编号) a notice not complied with was escalated to: one case, one notice.
ALTER TABLE notices ADD COLUMN servers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notices ADD COLUMN witness TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN case_no TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX notices_case_no ON notices (case_no) WHERE case_no != '';
