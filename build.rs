//! Names the build for `zhifa-desk --version`: the commit it was made from and its target, so
//! an office PC's copy can be matched to its source.

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "未知提交".into());
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=ZHIFA_BUILD=提交 {commit}，{target}");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    println!("cargo:rerun-if-changed=build.rs");
}
