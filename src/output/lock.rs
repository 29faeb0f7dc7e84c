//! One writer per output folder at a time. A writer holds an OS lock (`flock` on Unix, `LockFileEx`
//! on Windows) on a file
//! beside the output folder, `.<name>.aula-lock`, for as long as it writes there; the lock file
//! names the holder (pid and `build` or `serve`) so that the next writer can say who is in the
//! way. The kernel drops the lock when its holder exits or is killed, so a lock is never stale;
//! the file itself stays, since deleting a lock file while another process waits on it would let
//! two writers hold two different files.

use anyhow::Context as _;
use fs4::TryLockError;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::msg;

/// Who writes an output folder: a build finishes soon, so the next writer waits for it; a server
/// writes until it is stopped, so the next writer is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    Build,
    Serve,
}

impl Writer {
    fn name(self) -> &'static str {
        match self {
            Writer::Build => "build",
            Writer::Serve => "serve",
        }
    }
}

/// The lock of one output folder, released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// How often a writer waiting for a build looks again.
const RETRY: Duration = Duration::from_millis(50);

impl OutputLock {
    /// Takes the lock of `target` (whose parent folder exists): waits while another build holds
    /// it, refuses while a server does.
    pub fn acquire(target: &Path, writer: Writer) -> anyhow::Result<OutputLock> {
        let path = lock_path(target);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| msg!("io-opening-lock", path = path.display().to_string()))?;
        let mut waiting = false;
        loop {
            // Through `fs4` (flock on Unix) rather than `File::try_lock` of std, which needs a newer
            // Rust than the crate's rust-version.
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let holder = Holder::read(&path);
                    if holder.writer == Some(Writer::Serve) {
                        let holder = holder.to_string();
                        return Err(msg!("lock-served", holder = holder, folder = target.display().to_string()).into());
                    }
                    if !waiting {
                        eprintln!(
                            "{}",
                            msg!("lock-waiting", holder = holder.to_string(), folder = target.display().to_string())
                        );
                        waiting = true;
                    }
                    std::thread::sleep(RETRY);
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| msg!("io-locking", path = path.display().to_string()));
                }
            }
        }
        name_holder(&file, writer).with_context(|| msg!("io-writing", path = path.display().to_string()))?;
        Ok(OutputLock { _file: file })
    }
}

/// `.public.aula-lock` beside `public`.
pub fn lock_path(target: &Path) -> PathBuf {
    target.with_file_name(format!(".{}.aula-lock", super::file_name(target)))
}

fn name_holder(mut file: &File, writer: Writer) -> std::io::Result<()> {
    file.set_len(0)?;
    writeln!(file, "{} {}", std::process::id(), writer.name())
}

/// The holder as its lock file names it; unknown while it has not written its name yet.
struct Holder {
    pid: Option<u32>,
    writer: Option<Writer>,
}

impl Holder {
    fn read(path: &Path) -> Holder {
        let text = fs::read_to_string(path).unwrap_or_default();
        let mut words = text.split_whitespace();
        let pid = words.next().and_then(|w| w.parse().ok());
        let writer = match words.next() {
            Some("build") => Some(Writer::Build),
            Some("serve") => Some(Writer::Serve),
            _ => None,
        };
        Holder { pid, writer }
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.writer.map_or("process", Writer::name);
        let holder = match self.pid {
            Some(pid) => msg!("lock-holder-pid", what = what, pid = pid),
            None => msg!("lock-holder", what = what),
        };
        write!(f, "{holder}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_a_build_and_is_refused_by_a_server() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let first = OutputLock::acquire(&target, Writer::Build).unwrap();
        let text = fs::read_to_string(lock_path(&target)).unwrap();
        assert_eq!(text, format!("{} build\n", std::process::id()));

        let waiter = std::thread::spawn({
            let target = target.clone();
            move || OutputLock::acquire(&target, Writer::Build).map(drop)
        });
        std::thread::sleep(RETRY * 3);
        assert!(!waiter.is_finished(), "the second build waits while the first holds the lock");
        drop(first);
        waiter.join().unwrap().unwrap();

        let server = OutputLock::acquire(&target, Writer::Serve).unwrap();
        let err = OutputLock::acquire(&target, Writer::Build).unwrap_err().to_string();
        let expected =
            format!("another aula serve (pid {}) is writing {}: stop it", std::process::id(), target.display());
        assert!(err.starts_with(&expected), "{err}");
        drop(server);
    }

    #[test]
    fn a_lock_file_left_by_a_dead_holder_is_not_in_the_way() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::write(lock_path(&target), "4000000 build\n").unwrap();
        let lock = OutputLock::acquire(&target, Writer::Build).unwrap();
        assert_eq!(fs::read_to_string(lock_path(&target)).unwrap(), format!("{} build\n", std::process::id()));
        drop(lock);
    }
}
