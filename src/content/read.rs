//! Reading one source file (`aula.yaml`, a lesson, a template, UI strings) as text, and what
//! makes a file unfit to be a source: not a regular file, bytes or a name that are not UTF-8.
//! Every such problem is a located [`Diagnostic`] at `path:1:1` saying what to do, so a build
//! reports it with the others instead of stopping (exit 2) or hanging on a FIFO.

use std::fs::FileType;
use std::path::Path;

use crate::diagnostics::{Diagnostic, line_col};
use crate::messages::Message;
use crate::msg;

/// The UTF-8 byte order mark some Windows editors put at the start of a file.
const BOM: char = '\u{FEFF}';

/// The text of the file at `disk`, shown as `shown` in diagnostics, without a leading BOM.
/// Only a regular file is opened: a FIFO named like a source would block the build forever.
/// (A file swapped for a FIFO between the check and the read is not guarded against: the check
/// is for mistakes, not for attacks.)
pub fn text(disk: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let located = |message: Message| Diagnostic::error(shown, 1, 1, message);
    let unreadable = |e: std::io::Error| located(msg!("file-unreadable", error = e.to_string()));
    let meta = std::fs::metadata(disk).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(located(not_a_file(meta.file_type())));
    }
    let bytes = std::fs::read(disk).map_err(unreadable)?;
    utf8(bytes, shown)
}

/// `bytes` as text without a leading BOM, or where they stop being UTF-8.
pub fn utf8(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BOM) {
                text.drain(..BOM.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).expect("valid prefix");
            let (line, col) = line_col(prefix, valid);
            let byte = format!("0x{:02X}", bytes[valid]);
            Err(Diagnostic::error(shown, 1, 1, msg!("file-not-utf8", byte = byte, line = line, col = col)))
        }
    }
}

/// Why a folder entry that is not a regular file cannot be a source.
pub fn not_a_file(kind: FileType) -> Message {
    msg!("not-a-file", kind = kind_name(kind))
}

#[cfg(unix)]
fn kind_name(kind: FileType) -> Message {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        msg!("file-kind-fifo")
    } else if kind.is_socket() {
        msg!("file-kind-socket")
    } else if kind.is_block_device() || kind.is_char_device() {
        msg!("file-kind-device")
    } else if kind.is_dir() {
        msg!("file-kind-folder")
    } else {
        msg!("file-kind-special")
    }
}

#[cfg(not(unix))]
fn kind_name(kind: FileType) -> Message {
    if kind.is_dir() { msg!("file-kind-folder") } else { msg!("file-kind-special") }
}

/// Why a file or folder whose name is not UTF-8 is left out; `shown` is printed lossily.
pub fn name_not_utf8(shown: &Path) -> Message {
    msg!("name-not-utf8", name = shown.file_name().unwrap_or(shown.as_os_str()).to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_bad_bytes_are_located() {
        let shown = Path::new("aula.yaml");
        assert_eq!(utf8(b"\xEF\xBB\xBFtitle: A\n".to_vec(), shown).unwrap(), "title: A\n");
        assert_eq!(utf8("año\n".into(), shown).unwrap(), "año\n");
        let problem = utf8(b"title: A\nde Espa\xF1a\n".to_vec(), shown).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "aula.yaml:1:1: error: the file is not UTF-8 (byte 0xF1 at line 2, col 8); save it as UTF-8"
        );
    }
}
