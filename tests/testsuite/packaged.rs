//! The crate as `cargo package` makes it (what `cargo install aula` builds): it holds
//! everything the program needs, so the binary built from it makes the same site as this one.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{SiteTest, files_under};

fn run(command: &mut Command) {
    let out = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_packaged_crate_builds_the_same_site() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Beside the test's own build, kept between runs so that only the first one compiles it all.
    let target: PathBuf = Path::new(env!("CARGO_BIN_EXE_aula")).parent().unwrap().parent().unwrap().join("packaged");
    run(Command::new(&cargo)
        .args(["package", "--allow-dirty", "--no-verify", "--quiet", "--target-dir"])
        .arg(&target)
        .current_dir(manifest_dir));
    let name = format!("aula-{}", env!("CARGO_PKG_VERSION"));
    let unpacked = tempfile::tempdir().unwrap();
    // Files stamped now (`m`), not with the archive's times: else a build of an earlier package
    // in the same target folder would look newer than these files, and be taken as it is.
    run(Command::new("tar")
        .arg("xzmf")
        .arg(target.join("package").join(format!("{name}.crate")))
        .arg("-C")
        .arg(unpacked.path()));
    let crate_dir = unpacked.path().join(&name);
    assert!(!crate_dir.join("tests").exists() && !crate_dir.join("content").exists(), "only what the program needs");
    run(Command::new(&cargo)
        .args(["build", "--offline", "--quiet", "--target-dir"])
        .arg(target.join("build"))
        .current_dir(&crate_dir));
    let packaged = target.join("build/debug").join(format!("aula{}", std::env::consts::EXE_SUFFIX));

    let site = SiteTest::fixture("valid/training");
    let build = |binary: &Path, output: &Path| {
        run(Command::new(binary)
            .args(["build", "--strict", "-o"])
            .arg(output)
            .current_dir(site.root())
            .env_remove("GITHUB_ACTIONS"));
        files_under(output)
    };
    let outputs = tempfile::tempdir().unwrap();
    let from_package = build(&packaged, &outputs.path().join("packaged"));
    let from_here = build(Path::new(env!("CARGO_BIN_EXE_aula")), &outputs.path().join("here"));
    assert!(from_package.len() > 10);
    assert_eq!(from_package.keys().collect::<Vec<_>>(), from_here.keys().collect::<Vec<_>>());
    for (path, bytes) in &from_package {
        assert!(from_here[path] == *bytes, "{path} differs");
    }
}
