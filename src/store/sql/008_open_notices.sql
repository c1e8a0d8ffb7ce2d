-- The open notices, whole, in re-inspection order: the day's list reads them from this index
-- alone. Open notices are scattered through the years (an extended one stays open long), so
-- reading them from the table cost one page each: 1,127 page reads of `today` at 250,000
-- notices, 84 from the index. It holds open notices only, so it stays as small as the work.
DROP INDEX notices_open_by_due;
CREATE INDEX notices_open_by_due ON notices(reinspect_due, id, party, address, area, matter,
    problem, legal_basis, issued_on, deadline, state, reinspected_on, reinspect_result,
    complaint, extension_reason, void_reason, late, due_missing_years, officers, certs,
    requirement, served_on, service_method)
    WHERE state IN ('待整改', '待复查', '已延期');
