-- Schema version 1: the ledgers, the calendar, settings, duty log and the audit trail.
-- Dates are TEXT 'YYYY-MM-DD', times 'YYYY-MM-DD HH:MM'; lists are JSON arrays of keys.
-- Nothing is deleted: records carry a void_reason (or the state 已作废) instead.

CREATE TABLE officers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    squad       TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL,
    cert_no     TEXT,
    cert_expiry TEXT,
    phone       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    void_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE areas (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    interval_days INTEGER NOT NULL CHECK (interval_days >= 1),
    village       TEXT NOT NULL DEFAULT '',
    void_reason   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE matters (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    field       TEXT NOT NULL DEFAULT '',
    legal_basis TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE roster (
    date        TEXT NOT NULL,
    team        TEXT NOT NULL,
    officers    TEXT NOT NULL,
    areas       TEXT NOT NULL,
    shift       TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (date, team)
);

CREATE TABLE patrols (
    id            TEXT PRIMARY KEY,
    date          TEXT NOT NULL,
    start_time    TEXT NOT NULL,
    end_time      TEXT NOT NULL,
    team          TEXT NOT NULL,
    officers      TEXT NOT NULL,
    areas         TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    found_problem INTEGER NOT NULL,
    void_reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patrols_by_date ON patrols(date);

-- One row per area a patrol visited: "last patrol of each area" is an index look-up.
CREATE TABLE patrol_areas (
    patrol_id TEXT NOT NULL REFERENCES patrols(id),
    area_id   TEXT NOT NULL REFERENCES areas(id),
    date      TEXT NOT NULL,
    PRIMARY KEY (patrol_id, area_id)
);
CREATE INDEX patrol_areas_by_area ON patrol_areas(area_id, date);

CREATE TABLE complaints (
    id           TEXT PRIMARY KEY,
    received_at  TEXT NOT NULL,
    channel      TEXT NOT NULL,
    reporter     TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    area         TEXT REFERENCES areas(id),
    matter       TEXT REFERENCES matters(id),
    description  TEXT NOT NULL DEFAULT '',
    complexity   TEXT NOT NULL,
    state        TEXT NOT NULL,
    verified_at  TEXT,
    result       TEXT NOT NULL DEFAULT '',
    fed_back_at  TEXT,
    closed_at    TEXT,
    void_reason  TEXT NOT NULL DEFAULT '',
    -- Derived from the calendar and settings; recomputed when either changes.
    verify_due   TEXT NOT NULL,
    feedback_due TEXT NOT NULL,
    next_due     TEXT,
    due_missing_years TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaints_by_received ON complaints(received_at);
CREATE INDEX complaints_open_by_due ON complaints(next_due)
    WHERE state IN ('已受理', '核查中', '处置中', '已反馈');

CREATE TABLE notices (
    id               TEXT PRIMARY KEY,
    party            TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    area             TEXT REFERENCES areas(id),
    matter           TEXT REFERENCES matters(id),
    problem          TEXT NOT NULL DEFAULT '',
    legal_basis      TEXT NOT NULL DEFAULT '',
    issued_on        TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    state            TEXT NOT NULL,
    reinspected_on   TEXT,
    reinspect_result TEXT NOT NULL DEFAULT '',
    complaint        TEXT REFERENCES complaints(id),
    extension_reason TEXT NOT NULL DEFAULT '',
    void_reason      TEXT NOT NULL DEFAULT '',
    late             INTEGER NOT NULL DEFAULT 0,
    reinspect_due    TEXT NOT NULL,
    due_missing_years TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notices_by_issued ON notices(issued_on);
CREATE INDEX notices_open_by_due ON notices(reinspect_due)
    WHERE state IN ('待整改', '待复查', '已延期');

CREATE TABLE reinspections (
    id          INTEGER PRIMARY KEY,
    notice_id   TEXT NOT NULL REFERENCES notices(id),
    date        TEXT NOT NULL,
    result      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    officers    TEXT NOT NULL,
    late        INTEGER NOT NULL
);
CREATE INDEX reinspections_by_notice ON reinspections(notice_id, date);

CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('休', '班')),
    name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE duty_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    officer TEXT NOT NULL REFERENCES officers(id),
    kind    TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX duty_log_by_time ON duty_log(at);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    before   TEXT,
    after    TEXT
);
CREATE INDEX audit_by_record ON audit(kind, key);
