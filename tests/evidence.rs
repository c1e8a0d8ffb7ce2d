//! The evidence register through the command line: files registered by hash where they lie,
//! all or none, and `verify` naming a file changed since and listing those out of reach.

mod util;

use util::Desk;

fn folder(d: &Desk) -> std::path::PathBuf {
    let dir = d.dir.path().join("执法记录仪 20261120");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("IMG_0001.JPG"), b"photo of the stall").unwrap();
    std::fs::write(dir.join("DV_0930.MP4"), vec![7u8; 3 << 20]).unwrap();
    dir
}

#[test]
fn files_registered_by_hash_are_checked_by_verify_and_a_changed_one_is_named() {
    let d = Desk::demo();
    let dir = folder(&d);
    let out = d.ok(&[
        "evidence",
        "add",
        dir.to_str().unwrap(),
        "--for",
        "现场检查",
        "--key",
        "JC2026-0005",
        "--by",
        "W003",
        "--note",
        "早市占道",
    ]);
    assert!(
        out.contains("共 2 个文件登记为现场检查 JC2026-0005 的证据"),
        "{out}"
    );
    assert!(out.contains("录像") && out.contains("3.0 MB"), "{out}");
    let listed = d.ok(&[
        "evidence",
        "list",
        "--for",
        "现场检查",
        "--key",
        "JC2026-0005",
    ]);
    assert!(
        listed.contains("ZJ2026-0005") && listed.contains("ZJ2026-0006"),
        "{listed}"
    );
    // The hash is the file's SHA-256, recomputed here on its own.
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let stored: String = conn
        .query_row(
            "SELECT sha256 FROM evidence WHERE path LIKE '%IMG_0001.JPG'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    use sha2::Digest;
    let want: String = sha2::Sha256::digest(b"photo of the stall")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored, want);
    // Four of the six are the demo's own, registered beside its database.
    assert!(
        d.ok(&["verify"])
            .contains("证据文件：6 个，6 个与登记时一致")
    );

    // Someone edits the photo: verify fails and names it; a moved video is only listed.
    std::fs::write(dir.join("IMG_0001.JPG"), b"photo retouched").unwrap();
    std::fs::remove_file(dir.join("DV_0930.MP4")).unwrap();
    let out = d.run(&["verify"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        said.contains("证据 ZJ2026-0006") && said.contains("已被改动"),
        "{said}"
    );
    assert!(
        said.contains("1 个找不到") && said.contains("DV_0930.MP4"),
        "{said}"
    );
    let out = d.run(&["evidence", "check"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("已改动  ZJ2026-0006") && said.contains("找不到  ZJ2026-0005"));
}

#[test]
fn a_registration_is_all_or_nothing_and_needs_a_record_to_belong_to() {
    let d = Desk::demo();
    let dir = folder(&d);
    let photo = dir.join("IMG_0001.JPG");
    let photo = photo.to_str().unwrap();
    d.ok(&[
        "evidence",
        "add",
        photo,
        "--for",
        "整改通知",
        "--key",
        "卧执整〔2026〕第8号",
        "--by",
        "W002",
    ]);
    let before = d.count("evidence");
    // The folder holds the photo again: nothing of it is registered twice, nor the video.
    let err = d.fails(&[
        "evidence",
        "add",
        dir.to_str().unwrap(),
        "--for",
        "整改通知",
        "--key",
        "卧执整〔2026〕第8号",
        "--by",
        "W002",
    ]);
    assert!(
        err.contains("已登记为整改通知") && err.contains("ZJ2026-0005"),
        "{err}"
    );
    assert_eq!(d.count("evidence"), before);
    let err = d.fails(&[
        "evidence",
        "add",
        photo,
        "--for",
        "投诉",
        "--key",
        "TS-2026-9999",
        "--by",
        "W002",
    ]);
    assert!(
        err.contains("TS-2026-9999") && err.contains("不存在"),
        "{err}"
    );
    let err = d.fails(&[
        "evidence", "add", photo, "--for", "案卷", "--key", "X", "--by", "W002",
    ]);
    assert!(err.contains("现场检查 / 整改通知 / 投诉"), "{err}");
}
