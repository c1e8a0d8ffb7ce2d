-- The county's database: every township's handoff bundles, merged. A bundle (with its manifest
-- and chain anchor) is the audited unit; rows carry no audit of their own.
CREATE TABLE townships (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE bundles (
    code         TEXT NOT NULL REFERENCES townships(code),
    month        TEXT NOT NULL,
    team         TEXT NOT NULL,
    chain_rows   INTEGER NOT NULL,
    chain_head   TEXT NOT NULL,
    -- Earlier handoffs' chain positions as this bundle's township chain holds them: JSON.
    prior        TEXT NOT NULL,
    manifest_sha TEXT NOT NULL,
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (code, month)
) WITHOUT ROWID;

-- What each township's bulletin (通报) says of its month, as numbers.
CREATE TABLE figures (
    code      TEXT NOT NULL,
    month     TEXT NOT NULL,
    received  INTEGER NOT NULL,
    measured  INTEGER NOT NULL,
    on_time   INTEGER NOT NULL,
    target    REAL NOT NULL,
    issued    INTEGER NOT NULL,
    closed    INTEGER NOT NULL,
    required  INTEGER NOT NULL,
    covered   INTEGER NOT NULL,
    certs     INTEGER NOT NULL,
    -- Late leads whose timeout appeal was approved (超时申诉获批): left out of the rate after
    -- appeals, still late in 按时办理率.
    appealed  INTEGER NOT NULL DEFAULT 0,
    -- 回访 reaching the reporter, of them 满意 or 基本满意, leads taken up again (重新办理),
    -- finished files self-reviewed (案卷自查) and passing: NULL for bundles from before them.
    answered  INTEGER,
    satisfied INTEGER,
    reopened  INTEGER,
    reviewed  INTEGER,
    passed    INTEGER,
    PRIMARY KEY (code, month)
) WITHOUT ROWID;
