//! Putting a staged site in the output folder's place so that the output folder exists at every
//! instant, and putting a site back where a build was killed in the middle of a swap.
//!
//! On Linux the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)`. Where the file
//! system cannot (`EINVAL`, `ENOSYS`) and on other systems, the old site is moved aside and the
//! new one renamed in: between those two renames there is no output folder, and a build killed
//! there leaves both sites beside it, which [`repair`] puts back.

use anyhow::Context as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::MARKER;
use crate::messages;
use crate::msg;

/// The file system operations of a swap that tests replace to reach what a real file system
/// rarely does: no exchange, an old site that cannot be deleted.
pub struct FileOps {
    /// Swaps two folders in one step; `Ok(false)` where the file system cannot.
    pub exchange: fn(&Path, &Path) -> io::Result<bool>,
    pub remove_site: fn(&Path) -> io::Result<()>,
}

pub static SYSTEM: FileOps = FileOps { exchange, remove_site: super::remove_site };

/// Moves the complete site `staging` to `target` and returns where the old site now is, to be
/// deleted: `staging` after an exchange, `old` after the fallback, none when there was none.
pub fn swap_in(ops: &FileOps, staging: &Path, target: &Path, old: &Path) -> anyhow::Result<Option<PathBuf>> {
    let moving_in = || msg!("io-moving-in", path = target.display().to_string());
    if fs::symlink_metadata(target).is_err() {
        fs::rename(staging, target).with_context(moving_in)?;
        return Ok(None);
    }
    if (ops.exchange)(staging, target).with_context(moving_in)? {
        return Ok(Some(staging.to_path_buf()));
    }
    fs::rename(target, old).with_context(|| msg!("io-moving-aside", path = target.display().to_string()))?;
    if let Err(e) = fs::rename(staging, target) {
        let _ = fs::rename(old, target);
        return Err(e).with_context(moving_in);
    }
    Ok(Some(old.to_path_buf()))
}

/// When `target` is missing and a killed build left a complete site among `leftovers` (a
/// staging folder that got its marker, or the old site moved aside), puts it back: the newer
/// one, a staging folder, first.
pub fn repair(target: &Path, leftovers: &[PathBuf]) -> anyhow::Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    // Sorted by name, `.aula-old-` before `.aula-tmp-`.
    let Some(site) = leftovers.iter().rev().find(|l| l.join(MARKER).is_file()) else { return Ok(()) };
    let putting_back = || msg!("io-putting-back", from = site.display().to_string(), to = target.display().to_string());
    fs::rename(site, target).with_context(putting_back)?;
    let repaired = msg!("output-put-back", folder = target.display().to_string(), from = site.display().to_string());
    eprintln!("{}", messages::as_warning(repaired));
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}
