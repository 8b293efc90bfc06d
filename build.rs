//! Build script: checks that PHP's development files are present and embeds
//! build information (git revision, rustc, PHP API, profile, features) that
//! `JLG\Native\build_info()` and `php --ri jlg_native` report.

use std::env;
use std::process::Command;

fn run(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    let php_config = env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".to_owned());
    let Some(php_api) = run(&php_config, &["--phpapi"]) else {
        panic!(
            "`{php_config} --phpapi` failed: install PHP's development files \
             (Debian: `apt-get install php8.2-dev libclang-dev`, or `make deps`)"
        );
    };

    // A source tarball has no git metadata; say so rather than fail.
    let git_revision = env::var("JLG_NATIVE_GIT_REVISION")
        .ok()
        .or_else(|| run("git", &["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    let dirty = run("git", &["status", "--porcelain", "--untracked-files=no"]).is_some();
    let git_revision = if dirty && git_revision != "unknown" {
        format!("{git_revision}-dirty")
    } else {
        git_revision
    };

    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let rustc_version = run(&rustc, &["--version"]).unwrap_or_else(|| "unknown".to_owned());
    let profile = env::var("PROFILE").unwrap_or_else(|_| "unknown".to_owned());

    let mut features: Vec<String> = env::vars()
        .filter_map(|(k, _)| k.strip_prefix("CARGO_FEATURE_").map(|f| f.to_lowercase().replace('_', "-")))
        .filter(|f| f != "default")
        .collect();
    features.sort();

    println!("cargo:rustc-env=JLG_NATIVE_GIT_REVISION={git_revision}");
    println!("cargo:rustc-env=JLG_NATIVE_RUSTC={rustc_version}");
    println!("cargo:rustc-env=JLG_NATIVE_PHP_API={php_api}");
    println!("cargo:rustc-env=JLG_NATIVE_PROFILE={profile}");
    println!("cargo:rustc-env=JLG_NATIVE_FEATURES={}", features.join(","));
    println!("cargo:rerun-if-env-changed=PHP_CONFIG");
    println!("cargo:rerun-if-env-changed=JLG_NATIVE_GIT_REVISION");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/index");
    println!("cargo:rerun-if-changed=build.rs");
}
