//! 全过程记录: evidence files (photos, recordings, 执法记录仪 video) registered by their hash,
//! not stored: where the file is, its size and SHA-256, who registered it, what it belongs to.

use chrono::NaiveDateTime;
use serde::Serialize;

labelled_enum!(EvidenceKind {
    Photo => "照片",
    Video => "录像",
    Audio => "录音",
    File => "文件",
});

impl EvidenceKind {
    /// The kind a file's extension says: a camera's photo, a body camera's video, a recorder's
    /// audio, anything else a document.
    pub fn of_file(name: &str) -> EvidenceKind {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jpg" | "jpeg" | "png" | "heic" | "heif" | "bmp" | "gif" | "webp" | "tif" | "tiff" => {
                EvidenceKind::Photo
            }
            "mp4" | "mov" | "avi" | "mkv" | "3gp" | "wmv" | "ts" | "mts" => EvidenceKind::Video,
            "mp3" | "wav" | "m4a" | "amr" | "aac" | "wma" | "ogg" => EvidenceKind::Audio,
            _ => EvidenceKind::File,
        }
    }
}

labelled_enum!(LinkKind {
    Inspection => "现场检查",
    Notice => "整改通知",
    Complaint => "投诉",
});

impl LinkKind {
    /// The table holding what evidence of this kind belongs to.
    pub fn table(self) -> &'static str {
        match self {
            LinkKind::Inspection => "inspections",
            LinkKind::Notice => "notices",
            LinkKind::Complaint => "complaints",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// 证据编号, the key: "ZJ2026-0001".
    pub id: String,
    pub kind: EvidenceKind,
    /// Where the file is, absolute, with forward slashes on every system.
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub registered_at: NaiveDateTime,
    /// 工号 of the officer who took or handed in the file.
    pub by: String,
    pub link_kind: LinkKind,
    pub link: String,
    pub note: String,
}

/// What a registered file is found to be now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    Intact,
    /// Not there (a disk not plugged in, a share not reachable, or deleted).
    Missing(String),
    /// There, but not the file registered: its size or hash differs.
    Changed {
        size: u64,
        sha256: String,
    },
}

impl FileState {
    /// 一致 / 找不到 / 已改动, as the register and `evidence check` say it.
    pub fn label(&self) -> &'static str {
        match self {
            FileState::Intact => "一致",
            FileState::Missing(_) => "找不到",
            FileState::Changed { .. } => "已改动",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_kind_is_read_from_its_extension() {
        assert_eq!(EvidenceKind::of_file("IMG_0012.JPG"), EvidenceKind::Photo);
        assert_eq!(
            EvidenceKind::of_file("DCIM/20261118_0930.MP4"),
            EvidenceKind::Video
        );
        assert_eq!(EvidenceKind::of_file("询问.amr"), EvidenceKind::Audio);
        assert_eq!(EvidenceKind::of_file("笔录.pdf"), EvidenceKind::File);
        assert_eq!(EvidenceKind::of_file("无扩展名"), EvidenceKind::File);
    }
}
