//! The only writer of files. A build renders into a staging folder beside the output folder and
//! swaps it in only when the build succeeds, so a failed build leaves the previous output as it
//! was and a good one leaves no stale files. An output folder is only ever replaced if aula made
//! it (it holds the marker file [`MARKER`]) or it is empty. Watch mode changes its output
//! [`InPlace`], file by file, each file replaced atomically.
//!
//! Builds of one output folder exclude each other through a lock file (`lock`); the staging and old folders
//! beside the output are named after their build's pid, and a build deletes the ones it finds
//! only while it holds the lock, so they can only be left over from a build that was killed.
//! The marker is the last file a staging folder gets, so a staging folder with a marker is a
//! complete site: after a kill between the two renames of a swap without
//! an exchange of the two folders in one step (`swap`), the next build puts it (or the old site) back first.
//! An output folder that is a symbolic link is followed: its target is swapped and the link
//! stays, since deploying through a link (`public -> /srv/www/site`) is a common layout and the
//! target's parent is where a swap of it can be atomic.

mod lock;
mod swap;

use anyhow::Context as _;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::messages::{self, Message};
use crate::msg;
use lock::{OutputLock, Writer};
use swap::FileOps;

/// The file that marks a folder as aula's output, safe to replace.
pub const MARKER: &str = ".aula-output";

const MARKER_TEXT: &str = "This folder is written by aula; `aula build` replaces it.\n";

/// A file of the built site: its site-relative path (`/` separators) and its bytes. Pages,
/// the search index and every other file made in memory reach the writer as one.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go.
pub trait Sink: Sync {
    fn write(&self, file: &OutputFile) -> anyhow::Result<()>;
    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()>;
    fn write_bytes(&self, output: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Deletes an output file the site no longer makes.
    fn remove(&self, output: &str) -> anyhow::Result<()>;
}

/// A sink that keeps nothing, for `aula check`.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &OutputFile) -> anyhow::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &Path, _: &str) -> anyhow::Result<()> {
        Ok(())
    }
    fn write_bytes(&self, _: &str, _: &[u8]) -> anyhow::Result<()> {
        Ok(())
    }
    fn remove(&self, _: &str) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A sink that keeps what it is given in memory, for a site that goes into one file (an LMS
/// package) instead of a folder.
#[derive(Default)]
pub struct Collect {
    files: Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Collect {
    /// The files, by site-relative path, sorted.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.into_inner().expect("files lock")
    }

    fn keep(&self, output: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        check_output(output)?;
        self.files.lock().expect("files lock").insert(output.to_string(), bytes);
        Ok(())
    }
}

impl Sink for Collect {
    fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        self.keep(&file.path, file.bytes.clone())
    }
    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        let bytes = fs::read(source).with_context(|| msg!("io-reading", path = source.display().to_string()))?;
        self.keep(output, bytes)
    }
    fn write_bytes(&self, output: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.keep(output, bytes.to_vec())
    }
    fn remove(&self, output: &str) -> anyhow::Result<()> {
        self.files.lock().expect("files lock").remove(output);
        Ok(())
    }
}

/// A build in progress: files go to a hidden folder beside the output folder, which the build
/// holds the lock of until it is dropped.
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Folders of the staged site known to exist (relative to it): most files go into a folder
    /// already made, such as the ten thousand excerpt files of a large site's search index, and
    /// asking the file system again costs two system calls per file.
    folders: Mutex<FxHashSet<String>>,
    ops: &'static FileOps,
    /// Declared last: dropped after [`Drop::drop`] has deleted an uncommitted staging folder.
    _lock: OutputLock,
}

impl Staging {
    /// Prepares to replace `target`, after any other build of it has finished. Refuses a target
    /// that holds files aula did not write.
    pub fn create(target: &Path) -> anyhow::Result<Staging> {
        Staging::create_with(target, &swap::SYSTEM)
    }

    fn create_with(target: &Path, ops: &'static FileOps) -> anyhow::Result<Staging> {
        let (target, lock) = claim(target, Writer::Build)?;
        let staging = sibling(&target, "tmp");
        fs::create_dir(&staging).with_context(|| msg!("io-creating", path = staging.display().to_string()))?;
        Ok(Staging { target, staging, committed: false, folders: Mutex::default(), ops, _lock: lock })
    }

    /// Marks the staged site complete, swaps it in for the old output, then deletes the old
    /// output. Returns a warning when the old output could not be deleted: the new site is in
    /// place all the same, and the next build deletes the old one.
    pub fn commit(mut self) -> anyhow::Result<Option<Message>> {
        fs::write(self.staging.join(MARKER), MARKER_TEXT)
            .with_context(|| msg!("io-writing", path = self.staging.join(MARKER).display().to_string()))?;
        let old = swap::swap_in(self.ops, &self.staging, &self.target, &sibling(&self.target, "old"))?;
        self.committed = true;
        let Some(old) = old else { return Ok(None) };
        match (self.ops.remove_site)(&old) {
            Ok(()) => Ok(None),
            Err(e) => Ok(Some(msg!(
                "output-old-copy-kept",
                output = self.target.display().to_string(),
                old = old.display().to_string(),
                error = e.to_string()
            ))),
        }
    }

    fn path_of(&self, output: &str) -> anyhow::Result<PathBuf> {
        check_output(output)?;
        let path = self.staging.join(output);
        let Some((folder, _)) = output.rsplit_once('/') else { return Ok(path) };
        if !self.folders.lock().expect("folders lock").contains(folder) {
            let dir = path.parent().expect("a folder");
            fs::create_dir_all(dir).with_context(|| msg!("io-creating", path = dir.display().to_string()))?;
            self.folders.lock().expect("folders lock").insert(folder.to_string());
        }
        Ok(path)
    }
}

impl Sink for Staging {
    fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        self.write_bytes(&file.path, &file.bytes)
    }

    fn write_bytes(&self, output: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path_of(output)?;
        fs::write(&path, bytes).with_context(|| msg!("io-writing", path = path.display().to_string()))
    }

    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        let path = self.path_of(output)?;
        fs::copy(source, &path).with_context(|| {
            msg!("io-copying", from = source.display().to_string(), to = path.display().to_string())
        })?;
        Ok(())
    }

    fn remove(&self, output: &str) -> anyhow::Result<()> {
        check_output(output)?;
        remove_file(&self.staging, output)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// What every writer of `target` does first: follows a link, takes the lock, puts back a site
/// that a killed build left beside it, checks that the folder may be replaced and deletes what
/// killed builds left. Returns the folder to write and the lock.
fn claim(target: &Path, writer: Writer) -> anyhow::Result<(PathBuf, OutputLock)> {
    let target = named(follow_link(target)?)?;
    let parent = target.parent().expect("named");
    fs::create_dir_all(parent).with_context(|| msg!("io-creating", path = parent.display().to_string()))?;
    let lock = OutputLock::acquire(&target, writer)?;
    swap::repair(&target, &leftovers(&target))?;
    check_replaceable(&target)?;
    for leftover in leftovers(&target) {
        if let Err(e) = remove_site(&leftover) {
            let left = msg!("output-leftover-kept", folder = leftover.display().to_string(), error = e.to_string());
            eprintln!("{}", messages::as_warning(left));
        }
    }
    Ok((target, lock))
}

/// The folder a link at `target` leads to; `target` itself when it is not a link.
fn follow_link(target: &Path) -> anyhow::Result<PathBuf> {
    let is_link = fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(target.to_path_buf());
    }
    fs::canonicalize(target).with_context(|| {
        let to = fs::read_link(target).map(|t| t.display().to_string()).unwrap_or_default();
        msg!("output-dangling-link", link = target.display().to_string(), to = to)
    })
}

/// `target` with a parent folder and a last component to name the lock and staging folders
/// after: `public` becomes `./public`, and `.` and `..` get their full path.
fn named(target: PathBuf) -> anyhow::Result<PathBuf> {
    let target = match target.file_name() {
        Some(_) => target,
        None => fs::canonicalize(&target).with_context(|| msg!("io-finding", path = target.display().to_string()))?,
    };
    match target.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Ok(Path::new(".").join(target)),
        Some(_) => Ok(target),
        None => Err(msg!("output-unnamed", folder = target.display().to_string()).into()),
    }
}

/// `.public.aula-tmp-<pid>` or `.public.aula-old-<pid>` beside `public`: this build's own.
fn sibling(target: &Path, kind: &str) -> PathBuf {
    target.with_file_name(format!(".{}.aula-{kind}-{}", file_name(target), std::process::id()))
}

/// The name of an output folder, which [`named`] made sure it has.
fn file_name(target: &Path) -> String {
    target.file_name().expect("a named output folder").to_string_lossy().into_owned()
}

/// Staging and old folders beside `target` of any build, sorted by name. Only the holder of the
/// lock may touch them: then no other build is running, and they are a killed build's.
fn leftovers(target: &Path) -> Vec<PathBuf> {
    let name = file_name(target);
    let prefixes = [format!(".{name}.aula-tmp-"), format!(".{name}.aula-old-")];
    let parent = target.parent().expect("a parent folder");
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| prefixes.iter().any(|p| e.file_name().to_string_lossy().starts_with(p.as_str())))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// A site file may not take the marker's name, nor put a folder there: it would make the marker
/// say something else, delete it, or leave no room for it.
fn check_output(output: &str) -> anyhow::Result<()> {
    let top = output.trim_start_matches("./").trim_start_matches('/').split('/').next();
    if top == Some(MARKER) {
        return Err(msg!("output-marker-name", output = output, marker = MARKER).into());
    }
    Ok(())
}

/// An output folder that watch mode changes file by file while a server reads it. Each file is
/// written beside its final name and renamed over it, so a reader sees the old file or the new
/// one, never half of one. The server holds the folder's lock as long as it runs, so that no
/// build swaps the folder away under it.
#[derive(Clone)]
pub struct InPlace {
    dir: PathBuf,
    _lock: Arc<OutputLock>,
}

impl InPlace {
    /// Empties `dir` (which must be aula's or empty, as for a build) and marks it as aula's.
    pub fn create(dir: &Path) -> anyhow::Result<InPlace> {
        let (dir, lock) = claim(dir, Writer::Serve)?;
        if dir.exists() {
            remove_site(&dir).with_context(|| msg!("io-emptying", path = dir.display().to_string()))?;
        }
        fs::create_dir_all(&dir).with_context(|| msg!("io-creating", path = dir.display().to_string()))?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(InPlace { dir, _lock: Arc::new(lock) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where `output` goes, and a hidden name beside it to write it under first.
    fn paths_of(&self, output: &str) -> anyhow::Result<(PathBuf, PathBuf)> {
        check_output(output)?;
        let path = self.dir.join(output);
        let dir = path.parent().expect("under the output folder");
        fs::create_dir_all(dir).with_context(|| msg!("io-creating", path = dir.display().to_string()))?;
        let name = path.file_name().expect("a file name").to_string_lossy();
        let partial = dir.join(format!(".{name}.aula-partial"));
        Ok((path, partial))
    }
}

impl Sink for InPlace {
    fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        self.write_bytes(&file.path, &file.bytes)
    }

    fn write_bytes(&self, output: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let (path, partial) = self.paths_of(output)?;
        replace(&path, &partial, || {
            fs::write(&partial, bytes).with_context(|| msg!("io-writing", path = partial.display().to_string()))
        })
    }

    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        let (path, partial) = self.paths_of(output)?;
        replace(&path, &partial, || {
            fs::copy(source, &partial).with_context(|| {
                msg!("io-copying", from = source.display().to_string(), to = path.display().to_string())
            })?;
            Ok(())
        })
    }

    fn remove(&self, output: &str) -> anyhow::Result<()> {
        check_output(output)?;
        remove_file(&self.dir, output)
    }
}

/// Makes `partial` with `make`, then renames it over `path`. When either fails (a full disk, a
/// folder where the file goes), the partial file is deleted: the old file stays as it was.
fn replace(path: &Path, partial: &Path, make: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    let replaced = make().and_then(|()| {
        fs::rename(partial, path).with_context(|| msg!("io-replacing", path = path.display().to_string()))
    });
    if replaced.is_err() {
        let _ = fs::remove_file(partial);
    }
    replaced
}

/// Deletes `output` under `dir`, and the folders it leaves empty.
fn remove_file(dir: &Path, output: &str) -> anyhow::Result<()> {
    let path = dir.join(output);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| msg!("io-deleting", path = path.display().to_string())),
    }
    let mut parent = path.parent();
    while let Some(folder) = parent.filter(|p| *p != dir && p.starts_with(dir)) {
        if fs::remove_dir(folder).is_err() {
            break; // not empty
        }
        parent = folder.parent();
    }
    Ok(())
}

/// An output folder may be replaced if it does not exist, is empty, or is marked as aula's.
fn check_replaceable(target: &Path) -> anyhow::Result<()> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(msg!("output-not-a-folder", folder = target.display().to_string()).into());
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(target).with_context(|| msg!("io-reading", path = target.display().to_string()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(msg!("output-not-aulas", folder = target.display().to_string(), marker = MARKER).into())
}

/// Deletes a site folder: its marker first, so that a deletion cut short never leaves what looks
/// like a complete site, then the rest, top-level entries in parallel: a large site is tens of
/// thousands of files, and unlinking them one after the other is a noticeable part of a build.
fn remove_site(dir: &Path) -> std::io::Result<()> {
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() { fs::remove_dir_all(entry.path()) } else { fs::remove_file(entry.path()) }
    })?;
    fs::remove_dir(dir)
}

/// Creates a new file for `aula init` and `aula new`, refusing to overwrite one.
pub fn create_new_file(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| msg!("io-creating", path = dir.display().to_string()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| msg!("io-creating", path = path.display().to_string()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| msg!("io-writing", path = path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a build leaves beside its output folder: the output folder and its lock file.
    #[track_caller]
    fn assert_only_output_beside(target: &Path) {
        let mut names: Vec<String> = fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".public.aula-lock", "public"]);
    }

    fn build(target: &Path, ops: &'static FileOps, file: &str) -> Option<String> {
        let s = Staging::create_with(target, ops).unwrap();
        s.write_bytes(file, file.as_bytes()).unwrap();
        s.commit().unwrap().map(|m| m.render(crate::config::Language::En))
    }

    static NO_EXCHANGE: FileOps = FileOps { exchange: |_, _| Ok(false), ..swap::SYSTEM };
    static UNDELETABLE: FileOps =
        FileOps { remove_site: |_| Err(std::io::ErrorKind::PermissionDenied.into()), ..swap::SYSTEM };
    static UNDELETABLE_NO_EXCHANGE: FileOps = FileOps { exchange: |_, _| Ok(false), ..UNDELETABLE };

    #[test]
    fn swap_replaces_only_on_commit() {
        for ops in [&swap::SYSTEM, &NO_EXCHANGE] {
            let tmp = tempfile::tempdir().unwrap();
            let target = tmp.path().join("public");

            assert_eq!(build(&target, ops, "a/index.html"), None);
            assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"a/index.html");
            assert!(target.join(MARKER).is_file());

            // A failed build (dropped without commit) leaves the old output and no staging folder.
            let s = Staging::create_with(&target, ops).unwrap();
            s.write_bytes("b/index.html", b"two").unwrap();
            drop(s);
            assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"a/index.html");
            assert_only_output_beside(&target);

            // A good build leaves no stale files.
            assert_eq!(build(&target, ops, "b/index.html"), None);
            assert!(!target.join("a").exists());
            assert!(target.join("b/index.html").exists());
            assert!(target.join(MARKER).is_file());
            assert_only_output_beside(&target);
        }
    }

    #[test]
    fn an_old_site_that_cannot_be_deleted_is_a_warning_and_the_next_build_deletes_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        build(&target, &swap::SYSTEM, "a.html");
        // The old site is left under the staging folder's name after an exchange, under the old
        // folder's after the fallback.
        for ops in [&UNDELETABLE, &UNDELETABLE_NO_EXCHANGE] {
            let warning = build(&target, ops, "b.html").expect("a warning");
            assert!(
                warning.contains("could not be deleted") && warning.contains("the next build deletes it"),
                "{warning}"
            );
            assert!(target.join("b.html").is_file() && !target.join("a.html").exists(), "the new site is in place");
            assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 3, "the old copy is left");
            assert_eq!(build(&target, &swap::SYSTEM, "a.html"), None);
            assert!(target.join("a.html").is_file());
            assert_only_output_beside(&target);
        }
    }

    #[test]
    fn a_kill_between_the_renames_of_a_swap_is_repaired_by_the_next_writer() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        build(&target, &swap::SYSTEM, "old.html");
        // As a build without exchange killed between its renames leaves it: the old site moved
        // aside, the complete new site still in its staging folder.
        fs::rename(&target, tmp.path().join(".public.aula-old-4000000")).unwrap();
        let staged = tmp.path().join(".public.aula-tmp-4000000");
        fs::create_dir(&staged).unwrap();
        fs::write(staged.join("new.html"), "new").unwrap();
        fs::write(staged.join(MARKER), MARKER_TEXT).unwrap();

        // A build that fails (dropped) still leaves the repaired site, and nothing else.
        drop(Staging::create(&target).unwrap());
        assert!(target.join("new.html").is_file() && target.join(MARKER).is_file());
        assert_only_output_beside(&target);

        // Without a complete staging folder (killed while rendering), the old site comes back.
        fs::rename(&target, tmp.path().join(".public.aula-old-4000000")).unwrap();
        fs::create_dir(&staged).unwrap();
        fs::write(staged.join("half.html"), "half").unwrap();
        drop(Staging::create(&target).unwrap());
        assert!(target.join("new.html").is_file() && !target.join("half.html").exists());
        assert_only_output_beside(&target);
    }

    #[test]
    fn no_site_file_can_replace_or_delete_the_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::create(&tmp.path().join("public")).unwrap();
        for name in [MARKER, "/.aula-output", "./.aula-output", ".aula-output/index.html"] {
            let err = s.write_bytes(name, b"<meta http-equiv=refresh>").unwrap_err().to_string();
            assert!(err.contains("marks aula's output folder"), "{err}");
        }
        s.write_bytes("a/.aula-output", b"only the top one is the marker").unwrap();
        let out = InPlace::create(&tmp.path().join("served")).unwrap();
        assert!(out.write_bytes(MARKER, b"x").is_err() && out.remove(MARKER).is_err());
        assert_eq!(fs::read_to_string(out.dir().join(MARKER)).unwrap(), MARKER_TEXT);
    }

    #[test]
    fn a_build_waits_for_another_build_and_is_refused_by_a_server() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let served = InPlace::create(&target).unwrap();
        let err = Staging::create(&target).err().expect("refused").to_string();
        assert!(err.contains("aula serve") && err.contains("is writing"), "{err}");
        drop(served);
        let first = Staging::create(&target).unwrap();
        let second = std::thread::spawn({
            let target = target.clone();
            move || build(&target, &swap::SYSTEM, "second.html")
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!second.is_finished(), "the second build waits");
        first.write_bytes("first.html", b"1").unwrap();
        first.commit().unwrap();
        second.join().unwrap();
        assert!(target.join("second.html").is_file() && !target.join("first.html").exists());
        assert_only_output_beside(&target);
    }

    #[test]
    fn in_place_replaces_and_removes_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = InPlace::create(&tmp.path().join("site")).unwrap();
        out.write_bytes("a/b/index.html", b"one").unwrap();
        out.write_bytes("a/b/index.html", b"two").unwrap();
        out.write_bytes("a/c.txt", b"c").unwrap();
        assert_eq!(fs::read(out.dir().join("a/b/index.html")).unwrap(), b"two");
        out.remove("a/b/index.html").unwrap();
        assert!(!out.dir().join("a/b").exists(), "the emptied folder goes too");
        assert!(out.dir().join("a/c.txt").exists());
        let names: Vec<String> = walkdir::WalkDir::new(out.dir())
            .into_iter()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }

    #[test]
    fn a_failed_in_place_write_leaves_the_old_file_and_no_partial_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = InPlace::create(&tmp.path().join("site")).unwrap();
        fs::create_dir_all(out.dir().join("feed.xml/mine")).unwrap();
        assert!(out.write_bytes("feed.xml", b"new").is_err(), "a folder is in the way");
        assert!(out.copy(&out.dir().join(MARKER), "feed.xml").is_err());
        assert!(out.dir().join("feed.xml/mine").is_dir());
        let names: Vec<String> =
            fs::read_dir(out.dir()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    }

    #[test]
    fn refuses_folders_it_did_not_make() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("docs");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("notes.txt"), "mine").unwrap();
        let err = Staging::create(&target).err().unwrap().to_string();
        assert!(err.contains("refusing to replace"), "{err}");
        assert!(target.join("notes.txt").exists());
        fs::remove_file(target.join("notes.txt")).unwrap();
        assert!(Staging::create(&target).is_ok());

        // `..` is the folder it names, not a `public` in it.
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let err = Staging::create(&target.join("..")).err().unwrap().to_string();
        assert!(err.contains("refusing to replace"), "{err}");
        assert!(!tmp.path().join("public").exists());
    }
}
