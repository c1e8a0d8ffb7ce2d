-- Two indexes for `today` with thousands of open leads among hundreds of thousands.
-- Today's 公示 list asks for the notices issued lately or whose case (立案) was decided lately;
-- without an index on the decision's date that OR read every notice (50,000 at scale 10).
-- Partial: only notices with a case number, the few that have such a date to publish.
CREATE INDEX IF NOT EXISTS notices_cases_by_reinspected ON notices(reinspected_on)
    WHERE case_no != '';
-- The open leads in the order the desk lists them (nearest deadline, then number): read in
-- the index's order instead of sorted apart after reading every one.
DROP INDEX IF EXISTS complaints_open_by_due;
CREATE INDEX complaints_open_by_due ON complaints(next_due, id)
    WHERE state IN ('已受理', '核查中', '处置中', '已反馈');
