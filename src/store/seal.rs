//! Audit rows sealed off the writing thread: an import's payloads serialised, digested and
//! chained on a thread of their own, and inserted by the writer in order.

use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use rusqlite::Connection;
use rusqlite::types::Value;

use super::record::Record;
use super::{Actor, AuditRow, audit, chain, digest};
use crate::error::{Error, Result};

/// Writes per hand-over, each way.
const BATCH: usize = 64;

/// One audited write as the writer leaves it: the records, and the stored row read back for
/// its digest (None for a kind that keeps none).
struct Job<R> {
    action: &'static str,
    reason: Option<String>,
    key: String,
    before: Option<R>,
    after: R,
    stored: Option<Vec<Value>>,
}

/// A row ready to insert, with its link.
struct Sealed {
    row: AuditRow,
    prev_hash: String,
    hash: String,
}

/// The audit rows of one run of writes to kind `R`, in one transaction. Nothing else may write
/// an audit row until `finish`: the sealer holds the chain's head.
pub struct Sealer<R> {
    reread: Option<digest::Reread>,
    jobs: Option<SyncSender<Vec<Job<R>>>>,
    batch: Vec<Job<R>>,
    sealed: Receiver<Vec<Sealed>>,
    thread: Option<JoinHandle<()>>,
}

impl<R: Record + Send + 'static> Sealer<R> {
    /// Starts sealing after the last audit row `conn` holds (inside the write transaction).
    pub fn start(conn: &Connection, actor: &Actor) -> Result<Self> {
        let link = audit::next_link(conn)?;
        let reread = digest::Reread::of(conn, R::KIND)?;
        let stamp = (audit::stamp(actor.now), actor.operator.clone());
        let (jobs, todo) = sync_channel(8);
        let (done, sealed) = channel();
        let digests = reread.clone();
        let thread = std::thread::spawn(move || seal(todo, done, link, stamp, digests));
        Ok(Sealer {
            reread,
            jobs: Some(jobs),
            batch: Vec::with_capacity(BATCH),
            sealed,
            thread: Some(thread),
        })
    }

    /// Queues the audit row of a write just saved; inserts the rows sealed so far.
    pub fn push(
        &mut self,
        conn: &Connection,
        (action, reason): (&'static str, Option<&str>),
        before: Option<R>,
        after: R,
    ) -> Result<()> {
        let key = after.key();
        let stored = match &self.reread {
            Some(r) => r.values(conn, &key)?,
            None => None,
        };
        self.batch.push(Job {
            action,
            reason: reason.map(str::to_string),
            key,
            before,
            after,
            stored,
        });
        if self.batch.len() == BATCH {
            self.send()?;
        }
        while let Ok(rows) = self.sealed.try_recv() {
            insert(conn, rows)?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<()> {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        let jobs = self.jobs.as_ref().expect("sending before finish");
        if jobs.send(batch).is_err() {
            // The sealer is gone: only a panic ends it early, and `finish` passes that on.
            return Err(Error::invalid("审计记录未能写完"));
        }
        Ok(())
    }

    /// Seals and inserts every row still queued; the chain's head is in the table again.
    pub fn finish(mut self, conn: &Connection) -> Result<()> {
        let sent = if self.batch.is_empty() {
            Ok(())
        } else {
            self.send()
        };
        self.jobs = None;
        for rows in self.sealed.iter() {
            insert(conn, rows)?;
        }
        if let Some(thread) = self.thread.take() {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        sent
    }
}

fn insert(conn: &Connection, rows: Vec<Sealed>) -> Result<()> {
    for s in rows {
        audit::insert(conn, &s.row, &s.prev_hash, &s.hash)?;
    }
    Ok(())
}

/// The sealing thread: each job becomes the row `audit::record_json` would have written.
fn seal<R: Record>(
    jobs: Receiver<Vec<Job<R>>>,
    done: Sender<Vec<Sealed>>,
    (mut id, mut head): (i64, String),
    (at, operator): (String, String),
    digests: Option<digest::Reread>,
) {
    for batch in jobs {
        let mut rows = Vec::with_capacity(batch.len());
        for job in batch {
            let digest = digests.as_ref().zip(job.stored).map(|(r, v)| r.digest(&v));
            let row = AuditRow {
                id,
                at: at.clone(),
                operator: operator.clone(),
                action: job.action.to_string(),
                kind: R::KIND.to_string(),
                key: job.key,
                before: job.before.as_ref().map(R::audit_json),
                after: Some(job.after.audit_json()),
                digest: digest.map(|d| d.to_text()),
                reason: job.reason,
            };
            let hash = chain::hash(&head, &row);
            let prev_hash = std::mem::replace(&mut head, hash.clone());
            rows.push(Sealed {
                row,
                prev_hash,
                hash,
            });
            id += 1;
        }
        if done.send(rows).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Officer, OfficerStatus, Role};
    use crate::store::Store;
    use crate::store::record::{upsert, upsert_sealed};

    fn officer(id: &str, name: &str) -> Officer {
        Officer {
            id: id.into(),
            name: name.into(),
            squad: "一中队".into(),
            role: Role::Officer,
            cert_no: Some(format!("C{id}")),
            cert_expiry: Some("2028-06-30".parse().unwrap()),
            phone: "13900001111".into(),
            status: OfficerStatus::OnDuty,
        }
    }

    /// Writes `n` officers, then renames every third, through `sealed` or one by one.
    fn audit_after(sealed: bool, n: usize) -> Vec<Vec<Option<String>>> {
        let mut store = Store::open_in_memory().unwrap();
        let actor = Actor {
            operator: "W001".into(),
            now: "2026-11-23T08:30:00".parse().unwrap(),
        };
        store
            .write_with_rules(&actor, |tx, ctx| {
                let mut seal = Sealer::<Officer>::start(tx, &actor)?;
                let new = (0..n).map(|i| (officer(&format!("W{i:04}"), "王强"), None));
                let renamed = (0..n).step_by(3).map(|i| {
                    let id = format!("W{i:04}");
                    (officer(&id, "王刚"), Some(officer(&id, "王强")))
                });
                for (rec, before) in new.collect::<Vec<_>>().into_iter().chain(renamed) {
                    if sealed {
                        upsert_sealed(tx, ctx, rec, before, None, &mut seal)?;
                    } else {
                        upsert(tx, ctx, &rec)?;
                    }
                }
                seal.finish(tx)
            })
            .unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT CAST(id AS TEXT), at, operator, action, kind, key, before, after, digest,
                        reason, prev_hash, hash FROM audit ORDER BY id",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| (0..12).map(|i| r.get(i)).collect());
        rows.unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn sealed_rows_are_the_rows_each_write_would_have_written() {
        // Enough writes for many batches each way, and updates with a before.
        let (one_by_one, sealed) = (audit_after(false, 500), audit_after(true, 500));
        assert_eq!(one_by_one.len(), 500 + 167);
        assert_eq!(sealed, one_by_one);
    }
}
