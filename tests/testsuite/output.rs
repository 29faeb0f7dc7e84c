//! The output folder: deterministic bytes, atomic replacement, refusing folders aula did not make,
//! one writer at a time.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::server::Server;
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
    assert_eq!(beside_output(&site), ["public"], "no staging folder left");
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

fn aula(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        .env("AULA_LANG", "en")
        .current_dir(dir)
        .output()
        .expect("aula runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Hidden entries of the site root that aula made beside `public/`, and `public` itself, except
/// the lock file, which stays.
fn beside_output(site: &SiteTest) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") && n != ".public.aula-lock" || n == "public")
        .collect();
    names.sort();
    names
}

/// Watches `public/.aula-output` on another thread until dropped: how often it looked, and
/// whether it ever found no marker (no `public/`, or one without its marker).
struct Watcher {
    stop: Arc<AtomicBool>,
    looks: Arc<AtomicUsize>,
    missing: Arc<AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watcher {
    fn start(site: &SiteTest) -> Watcher {
        let marker = site.public().join(aula::output::MARKER);
        let (stop, looks, missing) = (Arc::default(), Arc::default(), Arc::default());
        let thread = std::thread::spawn({
            let (stop, looks, missing): (Arc<AtomicBool>, Arc<AtomicUsize>, Arc<AtomicUsize>) =
                (Arc::clone(&stop), Arc::clone(&looks), Arc::clone(&missing));
            move || {
                while !stop.load(Ordering::Relaxed) {
                    if !marker.is_file() {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                    looks.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        Watcher { stop, looks, missing, thread: Some(thread) }
    }

    /// Stops watching: (looks, looks that found no marker).
    fn finish(mut self) -> (usize, usize) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap();
        (self.looks.load(Ordering::Relaxed), self.missing.load(Ordering::Relaxed))
    }
}

/// Issue 11, point 1: both builds of `aula build & aula build` exited 0 and left `public/`
/// incomplete or without its marker, since each deleted the other's staging folder.
#[test]
fn two_concurrent_builds_leave_a_complete_site_with_its_marker() {
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let expected = site.output_files();
    let watcher = Watcher::start(&site);
    for _ in 0..4 {
        let spawn = || Command::new(env!("CARGO_BIN_EXE_aula")).arg("build").current_dir(site.root()).output();
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        assert_eq!((a.status.code(), b.status.code()), (Some(0), Some(0)), "{}\n{}", stderr(&a), stderr(&b));
        assert!(site.output_files() == expected, "public/ is the complete site");
        assert_eq!(beside_output(&site), ["public"]);
    }
    let (looks, missing) = watcher.finish();
    assert!(looks > 100, "the watcher looked only {looks} times");
    assert_eq!(missing, 0, "public/{} was missing in {missing} of {looks} looks", aula::output::MARKER);
}

/// Issue 11, point 3: a swap by two renames left no `public/` between them.
#[test]
fn the_output_folder_exists_at_every_instant_of_a_swap() {
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let watcher = Watcher::start(&site);
    for _ in 0..10 {
        assert!(site.build().succeeded());
    }
    let (looks, missing) = watcher.finish();
    assert!(looks > 100, "the watcher looked only {looks} times");
    assert_eq!(missing, 0, "public/{} was missing in {missing} of {looks} looks", aula::output::MARKER);
}

/// Issue 11, point 3: a build killed between the renames of a swap (old site moved aside, new
/// one still staged) left no `public/`; the next build puts the site back, even one that fails.
#[test]
fn a_build_after_a_kill_between_renames_puts_the_site_back() {
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let before = site.output_files();
    fs::rename(site.public(), site.root().join(".public.aula-old-4000000")).unwrap();
    crate::support::copy_dir(
        &site.root().join(".public.aula-old-4000000"),
        &site.root().join(".public.aula-tmp-4000000"),
    );
    site.write("content/01-atencion/05-roto.md", "---\ntitle: [roto\n---\n");
    let out = aula(site.root(), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("put back from"), "{}", stderr(&out));
    assert!(site.output_files() == before, "the site is back");
    assert_eq!(beside_output(&site), ["public"]);
}

/// Issue 11, point 4: an old site that could not be deleted stayed beside the output, and the
/// next build left it there. (That the deletion failing is a warning is tested in
/// `output::tests`, with the failure injected: as root no permission stops a deletion.)
#[test]
fn leftovers_of_a_killed_build_are_deleted_by_the_next_build() {
    let site = SiteTest::fixture("valid/basic");
    site.write(".public.aula-old-4000000/viejo/index.html", "old");
    site.write(".public.aula-tmp-4000001/index.html", "half");
    site.write(".public.aula-tmp-4000001/.aula-output", "");
    site.write(".other.aula-tmp-4000002/index.html", "not public's");
    assert!(site.build().succeeded());
    assert_eq!(beside_output(&site), ["public"]);
    assert!(site.root().join(".other.aula-tmp-4000002/index.html").is_file(), "only public's leftovers go");

    // Also with a relative output folder, which has no parent folder to list but `.`.
    site.write(".public.aula-old-4000000/viejo/index.html", "old");
    let out = aula(site.root(), &["build", "-o", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(beside_output(&site), ["public"]);
}

/// Issue 11, point 1: the lock must not outlive its holder. A killed `aula serve -o served` held
/// it; a build refused while it ran and builds once it is killed.
#[test]
fn a_lock_held_by_a_killed_process_is_released() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let refused = aula(site.root(), &["build", "-o", "served"]);
    assert_eq!(refused.status.code(), Some(2));
    let pid = server.pid();
    assert!(stderr(&refused).contains(&format!("another aula serve (pid {pid}) is writing")), "{}", stderr(&refused));
    assert!(site.root().join("served").join(aula::output::MARKER).is_file(), "the served site is untouched");
    drop(server);
    let built = aula(site.root(), &["build", "-o", "served"]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    assert!(site.root().join("served/index.html").is_file());
}

/// Issue 11, point 2: with `public -> deployed`, a build emptied `deployed`, put a real folder
/// where the link was and exited 2. The link is followed: `deployed` is swapped, the link stays.
#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_is_followed_and_the_link_stays() {
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build_with(|o| o.output = Some(site.root().join("deployed"))).succeeded());
    std::os::unix::fs::symlink("deployed", site.public()).unwrap();
    fs::remove_file(site.root().join("content/suelta.md")).unwrap();
    let out = aula(site.root(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(site.public()).unwrap().file_type().is_symlink(), "the link stays");
    let deployed = site.root().join("deployed");
    assert!(deployed.join("index.html").is_file() && deployed.join(aula::output::MARKER).is_file());
    assert!(!deployed.join("suelta/index.html").exists(), "the new site is in deployed/");
    let mut beside: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("aula-") || n.contains("deployed"))
        .collect();
    beside.sort();
    assert_eq!(beside, [".deployed.aula-lock", "deployed"]);

    // A link to nowhere is refused, and left as it is.
    fs::remove_file(site.public()).unwrap();
    std::os::unix::fs::symlink("nowhere", site.public()).unwrap();
    let out = aula(site.root(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a link to nowhere, which does not exist"), "{}", stderr(&out));
    assert_eq!(fs::read_link(site.public()).unwrap(), Path::new("nowhere"));
}
