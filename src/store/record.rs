//! One trait over every stored kind, so that upsert, void and audit are written once.

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::{Ctx, audit, correction};
use crate::error::{Error, Result};

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Updated,
    Unchanged,
}

pub trait Record: Serialize + PartialEq + Clone + Sized {
    /// The table, and the kind's name in audit rows and on the command line.
    const KIND: &'static str;
    /// The kind in Chinese, for messages: "投诉".
    const NOUN: &'static str;
    /// The key columns, for the generic void and lookup queries.
    const KEY_SQL: &'static str;

    /// The key as one string, as people write it ("2026-11-23 第一组" for a roster team).
    fn key(&self) -> String;
    /// The values bound to `KEY_SQL`'s placeholders.
    fn key_params(key: &str) -> Vec<String> {
        vec![key.to_string()]
    }
    /// The stored record with this key, voided or not.
    fn load(conn: &Connection, key: &str) -> Result<Option<Self>>;
    /// Inserts or replaces the stored columns (not the void reason) and any derived rows.
    fn save(&self, tx: &Transaction, ctx: &Ctx) -> Result<()>;

    /// The record as the audit trail may hold it, which can never be edited or cut: a
    /// complaint's reporter and phone masked. Most kinds hold nothing to mask.
    fn audited(&self) -> std::borrow::Cow<'_, Self> {
        std::borrow::Cow::Borrowed(self)
    }

    /// The record as JSON for its audit row (`audited`, serialised straight to text).
    fn audit_json(&self) -> String {
        serde_json::to_string(&*self.audited()).expect("records serialize")
    }

    /// Drops rows derived from a record that has just been voided (none by default).
    fn voided(_tx: &Transaction, _key: &str) -> Result<()> {
        Ok(())
    }

    /// The reason this record was voided, if it was.
    fn void_reason(conn: &Connection, key: &str) -> Result<Option<String>> {
        let sql = format!(
            "SELECT void_reason FROM {} WHERE {}",
            Self::KIND,
            Self::KEY_SQL
        );
        let reason: Option<String> = conn
            .query_row(
                &sql,
                rusqlite::params_from_iter(Self::key_params(key)),
                |r| r.get(0),
            )
            .optional()?;
        Ok(reason.filter(|r| !r.is_empty()))
    }
}

/// Writes `rec` if it is new or differs from the stored one, with its audit row.
pub fn upsert<R: Record>(tx: &Transaction, ctx: &Ctx, rec: &R) -> Result<Change> {
    let before = R::load(tx, &rec.key())?;
    upsert_over(tx, ctx, rec, before.as_ref())
}

/// As `upsert`, when the caller has already loaded the stored version (`before`).
pub fn upsert_over<R: Record>(
    tx: &Transaction,
    ctx: &Ctx,
    rec: &R,
    before: Option<&R>,
) -> Result<Change> {
    upsert_correcting(tx, ctx, rec, before, None)
}

/// As `upsert_over`; a write that changes a recorded time is refused unless `correction`
/// gives the reason, and is then audited as 更正 with it.
pub fn upsert_correcting<R: Record>(
    tx: &Transaction,
    ctx: &Ctx,
    rec: &R,
    before: Option<&R>,
    correction: Option<&str>,
) -> Result<Change> {
    let key = rec.key();
    let Some((change, action)) = decide(tx, rec, before, correction)? else {
        return Ok(Change::Unchanged);
    };
    rec.save(tx, ctx)?;
    let (before, after) = (before.map(R::audit_json), Some(rec.audit_json()));
    audit::record_json(tx, ctx.actor, action, R::KIND, &key, before, after)?;
    Ok(change)
}

/// As `upsert_correcting`, for a run of many writes (an import): the audit row is sealed by
/// `seal` on its own thread and inserted before `seal` finishes.
pub fn upsert_sealed<R: Record + Send + 'static>(
    tx: &Transaction,
    ctx: &Ctx,
    rec: R,
    before: Option<R>,
    correction: Option<&str>,
    seal: &mut super::seal::Sealer<R>,
) -> Result<Change> {
    let Some((change, action)) = decide(tx, &rec, before.as_ref(), correction)? else {
        return Ok(Change::Unchanged);
    };
    rec.save(tx, ctx)?;
    seal.push(tx, action, before, rec)?;
    Ok(change)
}

/// The audit action of a write, and the reason a correction gives.
type Why<'a> = (&'static str, Option<&'a str>);

/// What writing `rec` over `before` is and how it is audited (新增, 修改 or 更正 with its
/// reason); None when nothing changes. A changed recorded time without a reason is refused.
fn decide<'a, R: Record>(
    tx: &Transaction,
    rec: &R,
    before: Option<&R>,
    correction: Option<&'a str>,
) -> Result<Option<(Change, Why<'a>)>> {
    let Some(change) = change_of(tx, rec, before)? else {
        return Ok(None);
    };
    let times = before.map_or_else(Vec::new, |b| correction::changed(R::KIND, b, rec));
    let action = match (times.first(), correction.map(str::trim)) {
        (None, _) if change == Change::New => ("新增", None),
        (None, _) => ("修改", None),
        (Some(c), None) => return Err(Error::invalid(correction::refusal(c))),
        (Some(_), Some("")) => return Err(Error::invalid("更正须写明原因")),
        (Some(_), Some(reason)) => (correction::ACTION, Some(reason)),
    };
    Ok(Some((change, action)))
}

/// What writing `rec` over `before` would be; None when nothing changes. A voided record
/// cannot be written over.
fn change_of<R: Record>(tx: &Transaction, rec: &R, before: Option<&R>) -> Result<Option<Change>> {
    let change = match before {
        Some(b) if b == rec => return Ok(None),
        Some(_) => Change::Updated,
        None => Change::New,
    };
    // Only a stored record can have been voided; a new one needs no second read.
    if before.is_some()
        && let Some(reason) = R::void_reason(tx, &rec.key())?
    {
        return Err(Error::invalid(format!(
            "{}「{}」已作废（{reason}），不能修改",
            R::NOUN,
            rec.key()
        )));
    }
    Ok(Some(change))
}

/// As `upsert_over`, audited as a declared correction (更正) with `reason`, whatever field
/// changed: history (a past day's roster) changes only this way.
pub fn upsert_declared<R: Record>(
    tx: &Transaction,
    ctx: &Ctx,
    rec: &R,
    before: Option<&R>,
    reason: &str,
) -> Result<Change> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("更正须写明原因"));
    }
    let Some(change) = change_of(tx, rec, before)? else {
        return Ok(Change::Unchanged);
    };
    rec.save(tx, ctx)?;
    let why = (correction::ACTION, Some(reason));
    audit::record_because(tx, ctx.actor, why, R::KIND, &rec.key(), before, Some(rec))?;
    Ok(change)
}

fn load_existing<R: Record>(tx: &Transaction, key: &str) -> Result<R> {
    R::load(tx, key)?.ok_or_else(|| Error::NotFound {
        kind: R::NOUN,
        key: key.to_string(),
    })
}

/// Voids a record that has a `void_reason` column: it stays stored, marked, and audited.
pub fn void<R: Record>(tx: &Transaction, ctx: &Ctx, key: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("作废须写明原因"));
    }
    let rec: R = load_existing(tx, key)?;
    if let Some(old) = R::void_reason(tx, key)? {
        return Err(Error::invalid(format!(
            "{}「{key}」已于此前作废（{old}）",
            R::NOUN
        )));
    }
    let sql = format!(
        "UPDATE {} SET void_reason = ? WHERE {}",
        R::KIND,
        R::KEY_SQL
    );
    let mut params = vec![reason.to_string()];
    params.extend(R::key_params(key));
    tx.execute(&sql, rusqlite::params_from_iter(params))?;
    R::voided(tx, key)?;
    let after = serde_json::json!({ "作废原因": reason });
    audit::record(
        tx,
        ctx.actor,
        "作废",
        R::KIND,
        key,
        Some(&serde_json::to_value(&rec).expect("serializes")),
        Some(&after),
    )?;
    Ok(())
}

/// Moves a record one step through its state machine: `step` changes it or says why not; the
/// record is saved and audited under `action` with its before and after. Returns the new record.
pub fn step<R: Record + Clone>(
    tx: &Transaction,
    ctx: &Ctx,
    key: &str,
    action: &str,
    step: impl FnOnce(&mut R) -> Result<(), String>,
) -> Result<R> {
    let before: R = load_existing(tx, key)?;
    let mut rec = before.clone();
    step(&mut rec).map_err(Error::Invalid)?;
    rec.save(tx, ctx)?;
    audit::record(
        tx,
        ctx.actor,
        action,
        R::KIND,
        key,
        Some(&before),
        Some(&rec),
    )?;
    Ok(rec)
}

/// Voids a record whose state machine has a voided state (complaints, notices).
pub fn void_by_state<R: Record + Clone>(
    tx: &Transaction,
    ctx: &Ctx,
    key: &str,
    reason: &str,
    void: impl FnOnce(&mut R, &str) -> Result<(), String>,
) -> Result<()> {
    step::<R>(tx, ctx, key, "作废", |r| void(r, reason)).map(drop)
}
