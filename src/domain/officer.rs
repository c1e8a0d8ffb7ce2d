//! Officers and grid workers, and whether a certificate is valid on a given day.

use chrono::NaiveDate;
use serde::Serialize;

labelled_enum!(Role {
    Officer => "执法队员",
    Captain => "队长",
    GridWorker => "网格员",
});

labelled_enum!(OfficerStatus {
    OnDuty => "在岗",
    OnLeave => "请假",
    Left => "离岗",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Officer {
    /// 工号, the key.
    pub id: String,
    pub name: String,
    pub squad: String,
    pub role: Role,
    pub cert_no: Option<String>,
    pub cert_expiry: Option<NaiveDate>,
    pub phone: String,
    pub status: OfficerStatus,
}

impl Officer {
    /// Holds an enforcement certificate that is valid on `date` (the expiry day itself included).
    pub fn cert_valid_on(&self, date: NaiveDate) -> bool {
        self.role != Role::GridWorker
            && self.cert_no.is_some()
            && self.cert_expiry.is_some_and(|e| e >= date)
    }

    pub fn cert_expired_on(&self, date: NaiveDate) -> bool {
        self.cert_expiry.is_some_and(|e| e < date)
    }

    /// Why the officer does not count toward an enforcement act on `date`, if not.
    pub fn cannot_enforce_on(&self, date: NaiveDate) -> Option<String> {
        if self.status != OfficerStatus::OnDuty {
            Some(format!("当日{}", self.status))
        } else if self.role == Role::GridWorker || self.cert_no.is_none() {
            Some("没有执法证".into())
        } else if !self.cert_valid_on(date) {
            Some("执法证已过期".into())
        } else {
            None
        }
    }

    /// Counts toward the two certified officers an enforcement act needs.
    pub fn can_enforce_on(&self, date: NaiveDate) -> bool {
        self.status == OfficerStatus::OnDuty && self.cert_valid_on(date)
    }

    /// Checks the fields that belong together; returns (column, reason) pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match (self.role, &self.cert_no, self.cert_expiry) {
            (Role::GridWorker, Some(_), _) => {
                out.push(("执法证号", "网格员没有执法证，不应填写执法证号".into()))
            }
            (_, Some(_), None) => out.push(("证件有效期至", "填写了执法证号就须填写有效期".into())),
            (_, None, Some(_)) => out.push(("执法证号", "填写了有效期就须填写执法证号".into())),
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(role: Role, expiry: Option<&str>) -> Officer {
        Officer {
            id: "W01".into(),
            name: "王强".into(),
            squad: "一中队".into(),
            role,
            cert_no: expiry.map(|_| "15010001".into()),
            cert_expiry: expiry.map(|e| e.parse().unwrap()),
            phone: String::new(),
            status: OfficerStatus::OnDuty,
        }
    }

    #[test]
    fn certificate_valid_through_its_expiry_day() {
        let o = officer(Role::Officer, Some("2026-11-23"));
        assert!(o.cert_valid_on("2026-11-23".parse().unwrap()));
        assert!(!o.cert_valid_on("2026-11-24".parse().unwrap()));
        assert!(o.cert_expired_on("2026-11-24".parse().unwrap()));
    }

    #[test]
    fn grid_worker_never_enforces_and_may_not_hold_a_number() {
        let mut g = officer(Role::GridWorker, None);
        assert!(!g.can_enforce_on("2026-01-01".parse().unwrap()));
        assert!(g.problems().is_empty());
        g.cert_no = Some("1".into());
        assert_eq!(g.problems()[0].0, "执法证号");
    }

    #[test]
    fn on_leave_does_not_count_toward_two_certified() {
        let mut o = officer(Role::Officer, Some("2030-01-01"));
        let day = "2026-11-23".parse().unwrap();
        assert!(o.can_enforce_on(day));
        o.status = OfficerStatus::OnLeave;
        assert!(!o.can_enforce_on(day));
    }
}
