//! The audited tables (ledgers): which columns of each a person or a step recorded, how its
//! key is written in audit rows, and what each column is called in Chinese.

use rusqlite::Connection;

use crate::error::Result;

/// One audited table: the columns a person or a step recorded. Derived columns (deadlines,
/// next due, visits) are left out: `verify` recomputes them instead.
pub struct Ledger {
    /// The kind as audit rows name it (also the table, except where `from` says otherwise).
    pub kind: &'static str,
    pub noun: &'static str,
    /// The key as audit rows write it, as an SQL expression over the table.
    pub(super) key: &'static str,
    /// The WHERE clause that finds one key bound to ?1 through the primary key.
    pub(super) find: &'static str,
    pub(super) cols: &'static str,
    /// Columns that never appear in the audit in clear: only the whole digest covers them.
    pub(super) personal: &'static [&'static str],
    /// Columns added by later versions, each with the schema version that added it (a
    /// migration before them reads fewer). Columns are only ever added at the end.
    /// `optional` names those that format-1 digests left out while NULL.
    pub(super) later: &'static [(i64, &'static str)],
    pub(super) optional: &'static [&'static str],
}

pub const LEDGERS: &[Ledger] = &[
    Ledger {
        kind: "officers",
        noun: "人员",
        key: "id",
        find: "id = ?1",
        cols: "id, name, squad, role, cert_no, cert_expiry, phone, status, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "areas",
        noun: "区域",
        key: "id",
        find: "id = ?1",
        cols: "id, name, kind, interval_days, village, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "matters",
        noun: "执法事项",
        key: "id",
        find: "id = ?1",
        cols: "id, name, field, legal_basis, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "roster",
        noun: "排班",
        key: "date || ' ' || team",
        find: "date = substr(?1, 1, 10) AND team = substr(?1, 12)",
        cols: "date, team, officers, areas, shift, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "patrols",
        noun: "巡查记录",
        key: "id",
        find: "id = ?1",
        cols: "id, date, start_time, end_time, team, officers, areas, notes, found_problem,
               void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "complaints",
        noun: "投诉",
        key: "id",
        find: "id = ?1",
        cols: "id, received_at, channel, reporter, phone, area, matter, description, complexity,
               state, verified_at, result, fed_back_at, closed_at, void_reason",
        later: &[
            (
                6,
                ", NULLIF(squad, '') AS squad, NULLIF(handlers, '[]') AS handlers,
                 NULLIF(verified_by, '[]') AS verified_by, NULLIF(finding, '') AS finding,
                 handled_at, NULLIF(feedback_method, '') AS feedback_method,
                 NULLIF(extensions, '[]') AS extensions",
            ),
            (7, ", NULLIF(transfer_to, '') AS transfer_to"),
            // The salt of the personal columns' digests (see `digest`).
            (10, ", salt"),
            (
                11,
                ", NULLIF(stops, '[]') AS stops, NULLIF(appeal, '') AS appeal",
            ),
            (
                14,
                ", NULLIF(callbacks, '[]') AS callbacks, NULLIF(follow_of, '') AS follow_of",
            ),
        ],
        personal: &["reporter", "phone"],
        optional: &[
            "squad",
            "handlers",
            "verified_by",
            "finding",
            "handled_at",
            "feedback_method",
            "extensions",
            "transfer_to",
        ],
    },
    Ledger {
        kind: "notices",
        noun: "整改通知",
        key: "id",
        find: "id = ?1",
        // The re-inspection log belongs to its notice: one step writes both.
        cols: "id, party, address, area, matter, problem, legal_basis, issued_on, deadline, state,
               reinspected_on, reinspect_result, complaint, extension_reason, void_reason, late,
               (SELECT json_group_array(json_array(r.date, r.result, r.outcome, r.officers, r.late)
                       ORDER BY r.id)
                FROM reinspections r WHERE r.notice_id = notices.id) AS reinspections",
        personal: &[],
        later: &[
            (
                7,
                ", NULLIF(officers, '[]') AS officers, NULLIF(certs, '[]') AS certs,
             NULLIF(requirement, '') AS requirement, served_on,
             NULLIF(service_method, '') AS service_method",
            ),
            (
                12,
                ", NULLIF(servers, '[]') AS servers, NULLIF(witness, '') AS witness,
                 NULLIF(case_no, '') AS case_no",
            ),
        ],
        optional: &[
            "officers",
            "certs",
            "requirement",
            "served_on",
            "service_method",
        ],
    },
    Ledger {
        kind: "holidays",
        noun: "节假日",
        key: "date",
        find: "date = ?1",
        cols: "date, kind, name",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "settings",
        noun: "设置",
        key: "key",
        find: "key = ?1",
        cols: "key, value",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "leaves",
        noun: "请假",
        key: "officer || ' ' || start",
        find: "officer = substr(?1, 1, instr(?1, ' ') - 1) AND start = substr(?1, instr(?1, ' ') + 1)",
        cols: "officer, start, end, reason, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "duty_log",
        noun: "值班记录",
        key: "CAST(id AS TEXT)",
        find: "id = CAST(?1 AS INTEGER)",
        cols: "id, at, officer, kind, note",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "subjects",
        noun: "检查对象",
        key: "id",
        find: "id = ?1",
        cols: "id, name, kind, code, address, area, matters, risk, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "draws",
        noun: "抽查",
        key: "id",
        find: "id = ?1",
        cols: "id, title, date, drawn_at, drawn_by, filter, count, seed, subjects, officers,
               snapshot, picks, redraw_of, reason, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "inspections",
        noun: "现场检查",
        key: "id",
        find: "id = ?1",
        cols: "id, at, subject, matter, officers, source, draw, campaign, checked, conclusion,
               problem, guidance, refer_to, notice, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "publications",
        noun: "公示",
        key: "kind || ' ' || decision",
        find: "kind = substr(?1, 1, instr(?1, ' ') - 1)
               AND decision = substr(?1, instr(?1, ' ') + 1)",
        cols: "kind, decision, published_on, place, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "evidence",
        noun: "证据",
        key: "id",
        find: "id = ?1",
        cols: "id, kind, path, size, sha256, registered_at, by, link_kind, link, note,
               void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "plan_items",
        noun: "检查计划",
        key: "id",
        find: "id = ?1",
        cols: "id, year, matter, method, months, per_month, squad, remark, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "campaigns",
        noun: "专项行动",
        key: "id",
        find: "id = ?1",
        cols: "id, name, basis, start, end, matters, areas, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "lenient_matters",
        noun: "首违不罚清单",
        key: "matter",
        find: "matter = ?1",
        cols: "matter, situation, months, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
];

pub fn ledger(kind: &str) -> Option<&'static Ledger> {
    LEDGERS.iter().find(|l| l.kind == kind)
}

impl Ledger {
    /// The query reading rows as their digests read them, at schema `version`.
    pub(super) fn select(&self, filter: &str, version: i64) -> String {
        let later: String = self
            .later
            .iter()
            .filter(|(since, _)| *since <= version)
            .map(|(_, cols)| *cols)
            .collect();
        format!(
            "SELECT {} AS audit_key, {}{later} FROM {} {filter}",
            self.key, self.cols, self.kind
        )
    }

    /// Every row with its key, in key order (the order audit keys sort in).
    pub fn select_all(&self, conn: &Connection) -> Result<String> {
        Ok(self.select("ORDER BY audit_key", super::migrate::user_version(conn)?))
    }

    /// The query that reads one record as its digest reads it (key bound to ?1).
    pub(super) fn one_key(&self, conn: &Connection) -> Result<String> {
        let version = super::migrate::user_version(conn)?;
        Ok(self.select(&format!("WHERE {}", self.find), version))
    }

    /// Whether `col` is one of the reporter's columns (never shown, digested with a salt).
    pub(super) fn is_personal(&self, col: &str) -> bool {
        self.personal.contains(&col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recorded_column_has_its_chinese_name() {
        let store = crate::store::Store::open_in_memory().unwrap();
        for l in LEDGERS {
            let sql = l.select_all(store.conn()).unwrap();
            let stmt = store.conn().prepare(&sql).unwrap();
            for name in stmt.column_names().skip(1) {
                assert_ne!(
                    crate::domain::columns::label(name),
                    "其他字段",
                    "{} {name}",
                    l.kind
                );
            }
        }
    }
}
