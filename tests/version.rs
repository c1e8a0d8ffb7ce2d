//! `zhifa-desk --version` names the version and the build (commit and target), so a copy on an
//! office PC can be matched to its source.

#[test]
fn the_version_names_the_commit_and_the_target() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--version")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.starts_with(&format!("zhifa-desk {}（提交 ", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(out.contains(std::env::consts::ARCH), "{out}");
}
