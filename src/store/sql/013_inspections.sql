-- Inspections (检查): the list of subjects (检查对象名录), 双随机 draws recorded whole so they
-- can be drawn again, on-site inspections and their findings, and the township's list of
-- minor matters where a first violation gets guidance instead of a penalty (首违不罚).
-- IF NOT EXISTS: a test that rebuilds an older file by lowering user_version keeps them.

CREATE TABLE IF NOT EXISTS subjects (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    area        TEXT REFERENCES areas(id),
    matters     TEXT NOT NULL DEFAULT '[]',
    risk        TEXT NOT NULL,
    void_reason TEXT NOT NULL DEFAULT ''
);

-- A draw is written once and never updated: a redraw is a new row naming the one it replaces.
CREATE TABLE IF NOT EXISTS draws (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    date        TEXT NOT NULL,
    drawn_at    TEXT NOT NULL,
    drawn_by    TEXT NOT NULL,
    filter      TEXT NOT NULL,
    count       INTEGER NOT NULL CHECK (count >= 1),
    seed        TEXT NOT NULL,
    subjects    TEXT NOT NULL,
    officers    TEXT NOT NULL,
    snapshot    TEXT NOT NULL,
    picks       TEXT NOT NULL,
    redraw_of   TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS draws_by_date ON draws(date);

CREATE TABLE IF NOT EXISTS inspections (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    subject     TEXT NOT NULL REFERENCES subjects(id),
    matter      TEXT REFERENCES matters(id),
    officers    TEXT NOT NULL,
    source      TEXT NOT NULL,
    draw        TEXT NOT NULL DEFAULT '',
    campaign    TEXT NOT NULL DEFAULT '',
    checked     TEXT NOT NULL DEFAULT '',
    conclusion  TEXT NOT NULL,
    problem     TEXT NOT NULL DEFAULT '',
    guidance    TEXT NOT NULL DEFAULT '',
    refer_to    TEXT NOT NULL DEFAULT '',
    notice      TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS inspections_by_subject ON inspections(subject, at);
CREATE INDEX IF NOT EXISTS inspections_by_draw ON inspections(draw) WHERE draw != '';

CREATE TABLE IF NOT EXISTS lenient_matters (
    matter      TEXT PRIMARY KEY REFERENCES matters(id),
    situation   TEXT NOT NULL,
    months      INTEGER NOT NULL CHECK (months >= 1),
    void_reason TEXT NOT NULL DEFAULT ''
);

-- 公示: when and where each decision that must be published was.
CREATE TABLE IF NOT EXISTS publications (
    kind         TEXT NOT NULL,
    decision     TEXT NOT NULL,
    published_on TEXT NOT NULL,
    place        TEXT NOT NULL,
    void_reason  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, decision)
);

-- 全过程记录: evidence files registered by hash (the files stay where they are).
CREATE TABLE IF NOT EXISTS evidence (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    path          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    by            TEXT NOT NULL,
    link_kind     TEXT NOT NULL,
    link          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    void_reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS evidence_by_link ON evidence(link_kind, link);

-- The year's 检查计划 (one line per matter) and its 专项 campaigns.
CREATE TABLE IF NOT EXISTS plan_items (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    matter      TEXT NOT NULL REFERENCES matters(id),
    method      TEXT NOT NULL,
    months      TEXT NOT NULL,
    per_month   INTEGER NOT NULL CHECK (per_month >= 1),
    squad       TEXT NOT NULL DEFAULT '',
    remark      TEXT NOT NULL DEFAULT '',
    void_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS campaigns (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    basis       TEXT NOT NULL DEFAULT '',
    start       TEXT NOT NULL,
    end         TEXT NOT NULL,
    matters     TEXT NOT NULL DEFAULT '[]',
    areas       TEXT NOT NULL DEFAULT '[]',
    void_reason TEXT NOT NULL DEFAULT ''
);
