//! The only writer of files. A build renders into a staging folder beside the output folder and
//! swaps it in only when the build succeeds, so a failed build leaves the previous output as it
//! was and a good one leaves no stale files. An output folder is only ever replaced if aula made
//! it (it holds the marker file [`MARKER`]) or it is empty. Watch mode changes its output
//! [`InPlace`], file by file, each file replaced atomically.

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::OutputFile;

/// The file that marks a folder as aula's output, safe to replace.
pub const MARKER: &str = ".aula-output";

const MARKER_TEXT: &str = "This folder is written by aula; `aula build` replaces it.\n";

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

/// A build in progress: files go to a hidden folder beside the output folder.
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    /// Folders of the staged site known to exist (relative to it): most files go into a folder
    /// already made, such as the ten thousand excerpt files of a large site's search index, and
    /// asking the file system again costs two system calls per file.
    folders: Mutex<FxHashSet<String>>,
}

impl Staging {
    /// Prepares to replace `target`. Refuses a target that holds files aula did not write.
    pub fn create(target: &Path) -> anyhow::Result<Staging> {
        check_replaceable(target)?;
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        remove_leftovers(parent, &name);
        let staging = parent.join(format!(".{name}.aula-tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
        }
        fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
        fs::write(staging.join(MARKER), MARKER_TEXT)?;
        Ok(Staging { target: target.to_path_buf(), staging, committed: false, folders: Mutex::default() })
    }

    /// Swaps the staged site in for the old output, then deletes the old output.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let old = self.staging.with_file_name(
            self.staging.file_name().expect("named").to_string_lossy().replace(".aula-tmp-", ".aula-old-"),
        );
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old).with_context(|| format!("moving aside {}", self.target.display()))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e).with_context(|| format!("moving the new site to {}", self.target.display()));
        }
        self.committed = true;
        if had_old {
            remove_dir_all_parallel(&old).with_context(|| format!("removing the old site {}", old.display()))?;
        }
        Ok(())
    }

    fn path_of(&self, output: &str) -> anyhow::Result<PathBuf> {
        let path = self.staging.join(output);
        let Some((folder, _)) = output.rsplit_once('/') else { return Ok(path) };
        if !self.folders.lock().expect("folders lock").contains(folder) {
            let dir = path.parent().expect("a folder");
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
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
        fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        let path = self.path_of(output)?;
        fs::copy(source, &path).with_context(|| format!("copying {} to {}", source.display(), path.display()))?;
        Ok(())
    }

    fn remove(&self, output: &str) -> anyhow::Result<()> {
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

/// An output folder that watch mode changes file by file while a server reads it. Each file is
/// written beside its final name and renamed over it, so a reader sees the old file or the new
/// one, never half of one.
#[derive(Clone)]
pub struct InPlace {
    dir: PathBuf,
}

impl InPlace {
    /// Empties `dir` (which must be aula's or empty, as for a build) and marks it as aula's.
    pub fn create(dir: &Path) -> anyhow::Result<InPlace> {
        check_replaceable(dir)?;
        if dir.exists() {
            remove_dir_all_parallel(dir).with_context(|| format!("emptying {}", dir.display()))?;
        }
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(InPlace { dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where `output` goes, and a hidden name beside it to write it under first.
    fn paths_of(&self, output: &str) -> anyhow::Result<(PathBuf, PathBuf)> {
        let path = self.dir.join(output);
        let dir = path.parent().expect("under the output folder");
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
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
            fs::write(&partial, bytes).with_context(|| format!("writing {}", partial.display()))
        })
    }

    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        let (path, partial) = self.paths_of(output)?;
        replace(&path, &partial, || {
            fs::copy(source, &partial)
                .with_context(|| format!("copying {} to {}", source.display(), path.display()))?;
            Ok(())
        })
    }

    fn remove(&self, output: &str) -> anyhow::Result<()> {
        remove_file(&self.dir, output)
    }
}

/// Makes `partial` with `make`, then renames it over `path`. When either fails (a full disk, a
/// folder where the file goes), the partial file is deleted: the old file stays as it was.
fn replace(path: &Path, partial: &Path, make: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    let replaced =
        make().and_then(|()| fs::rename(partial, path).with_context(|| format!("replacing {}", path.display())));
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
        Err(e) => return Err(e).with_context(|| format!("deleting {}", path.display())),
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
        bail!("{} exists and is not a folder: choose another output folder with -o", target.display());
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(target).with_context(|| format!("reading {}", target.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    bail!(
        "refusing to replace {}: it holds files aula did not write (there is no {MARKER} file in it). \
         Choose another output folder with -o, or empty it yourself",
        target.display()
    )
}

/// Deletes a folder tree, its top-level entries in parallel: a large site is tens of thousands of
/// files, and unlinking them one after the other is a noticeable part of a build.
fn remove_dir_all_parallel(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() { fs::remove_dir_all(entry.path()) } else { fs::remove_file(entry.path()) }
    })?;
    fs::remove_dir(dir)
}

/// Staging folders of builds that were killed are ours to delete.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = [".aula-tmp-", ".aula-old-"].iter().any(|k| file_name.starts_with(&format!(".{name}{k}")));
        if ours && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Creates a new file for `aula init` and `aula new`, refusing to overwrite one.
pub fn create_new_file(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");

        let s = Staging::create(&target).unwrap();
        s.write_bytes("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");

        // A failed build (dropped without commit) leaves the old output and no staging folder.
        let s = Staging::create(&target).unwrap();
        s.write_bytes("b/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"one");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);

        // A good build leaves no stale files.
        let s = Staging::create(&target).unwrap();
        s.write_bytes("b/index.html", b"two").unwrap();
        s.commit().unwrap();
        assert!(!target.join("a").exists());
        assert!(target.join("b/index.html").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
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
    }
}
