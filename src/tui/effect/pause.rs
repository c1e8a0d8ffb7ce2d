//! Carrying out a change to a lead's clock or its lateness (中止 / 恢复计时 / 超时申诉 / 申诉审批)
//! through `store::pause`, and the message the desk shows.

use chrono::NaiveDateTime;

/// What is done to the lead's clock or its appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    Stop {
        at: NaiveDateTime,
        reason: String,
        note: String,
        approver: String,
    },
    Resume {
        at: NaiveDateTime,
    },
    Appeal {
        reason: String,
    },
    Review {
        approved: bool,
        by: String,
        opinion: String,
    },
}

/// Carries out `act` on the store; the message the desk shows.
pub fn carry_out(
    store: &mut zhifa_desk::store::Store,
    actor: &zhifa_desk::store::Actor,
    id: &str,
    act: Act,
) -> zhifa_desk::error::Result<String> {
    use zhifa_desk::store::pause;
    Ok(match act {
        Act::Stop {
            at,
            reason,
            note,
            approver,
        } => {
            pause::stop(store, actor, id, (at, &reason, &note), &approver)?;
            format!(
                "投诉 {id} 已于 {} 中止计时（{reason}）；恢复计时后期限顺延",
                at.format("%m-%d %H:%M")
            )
        }
        Act::Resume { at } => {
            pause::resume(store, actor, id, at)?;
            format!(
                "投诉 {id} 已于 {} 恢复计时，期限已顺延",
                at.format("%m-%d %H:%M")
            )
        }
        Act::Appeal { reason } => {
            pause::appeal(store, actor, id, &reason)?;
            format!("投诉 {id} 已提出超时申诉，待队长审批")
        }
        Act::Review {
            approved,
            by,
            opinion,
        } => {
            pause::decide(store, actor, id, (approved, &by, &opinion))?;
            if approved {
                format!("投诉 {id} 的超时申诉已批准：仍记为超期，不计入剔除申诉后的按时率")
            } else {
                format!("投诉 {id} 的超时申诉不予批准")
            }
        }
    })
}
