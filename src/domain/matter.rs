//! The township's enforcement matter list (执法事项清单): what it may handle, not transfer.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matter {
    /// 事项编号, the key.
    pub id: String,
    pub name: String,
    pub field: String,
    pub legal_basis: String,
}
