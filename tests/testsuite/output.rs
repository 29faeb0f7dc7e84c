//! The output folder: deterministic bytes, atomic replacement, refusing folders aula did not make.

use std::fs;

use crate::support::{SiteTest, files_under, printed};

#[test]
fn rebuilds_are_byte_identical() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    let first = site.output_files();
    site.build();
    assert_eq!(first, site.output_files());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let before = site.output_files();
    site.write("content/01-atencion/05-roto.md", "---\ntitle: [roto\n---\n");
    let report = site.build();
    assert!(!report.succeeded());
    assert_eq!(before, site.output_files());
    let leftovers: Vec<_> = fs::read_dir(site.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().contains(".aula-")), "no staging folder left: {leftovers:?}");
}

#[test]
fn a_good_build_leaves_no_stale_files() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    assert!(site.exists("suelta/index.html"));
    fs::remove_file(site.root().join("content/suelta.md")).unwrap();
    site.build();
    assert!(!site.exists("suelta/index.html"));
}

#[test]
fn refuses_an_output_folder_with_other_files() {
    let site = SiteTest::fixture("valid/basic");
    site.write("mine/notes.txt", "keep me");
    let err = aula::build(&aula::BuildOptions { output: Some(site.root().join("mine")), ..site.options() })
        .err()
        .expect("refused");
    assert!(err.to_string().contains("refusing to replace"), "{err}");
    assert_eq!(fs::read_to_string(site.root().join("mine/notes.txt")).unwrap(), "keep me");
    // Nor the site folder itself.
    assert!(aula::build(&aula::BuildOptions { output: Some(site.root().to_path_buf()), ..site.options() }).is_err());
    assert!(site.root().join("aula.yaml").exists());
}

#[test]
fn check_writes_nothing() {
    let site = SiteTest::fixture("valid/basic");
    let report = site.build_with(|o| o.write = false);
    assert!(report.succeeded(), "{:?}", printed(&report));
    assert!(!site.public().exists());
    assert!(files_under(site.root()).keys().all(|k| !k.contains(".aula-")));
}
