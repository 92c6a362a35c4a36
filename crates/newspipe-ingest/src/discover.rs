//! Expanding command-line paths into the list of inputs to read.
//!
//! Rules (stable, so that `--shard K/N` splits the same list on every machine):
//! * `-` is JSON Lines on standard input.
//! * A file named explicitly is always read, whatever its name: its compression and format are
//!   sniffed from its content when the extension does not say.
//! * A directory is walked recursively. Inside it, only files with a known extension are taken
//!   ([`KNOWN_EXTENSIONS`], optionally followed by `.gz`, `.zst` or `.zstd`); other files are
//!   listed in [`Discovery::skipped`]. Hidden entries (names starting with `.`) are skipped, like
//!   `.git` folders or editor swap files. Symbolic links to files are followed, symbolic links to
//!   directories are not (no cycles).
//! * The files of one directory come out sorted by the bytes of their full path, so the order
//!   does not depend on the file system.

use crate::{IngestError, Input};
use std::fs;
use std::path::{Path, PathBuf};

/// Extensions (lower case, without the compression suffix) that a directory walk picks up.
pub const KNOWN_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl", "ndjson", "warc", "wet"];

/// Compression suffixes that may follow a known extension (`page.html.gz`, `crawl.warc.zst`).
pub const COMPRESSION_EXTENSIONS: &[&str] = &["gz", "zst", "zstd"];

/// The result of [`discover_detailed`]: the inputs, plus the files a directory walk left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Inputs in reading order.
    pub inputs: Vec<Input>,
    /// Files inside directories that were skipped because their extension is not known
    /// (hidden files are not listed).
    pub skipped: Vec<PathBuf>,
}

/// Expands paths (directories recursively, sorted) into inputs; `-` means standard input.
///
/// * `-` is JSON Lines on standard input.
/// * A file named explicitly is always read, whatever its name (format and compression are
///   sniffed from its content when the extension does not say).
/// * A directory is walked recursively and takes only files with a known extension
///   ([`KNOWN_EXTENSIONS`], optionally followed by one of [`COMPRESSION_EXTENSIONS`]); hidden
///   entries (names starting with `.`) are skipped; symbolic links to directories are not
///   followed. Its files come out sorted by the bytes of their path.
///
/// A path that does not exist, or a directory that cannot be listed, is an [`IngestError`] naming
/// it.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("b")).unwrap();
/// for name in ["b/2.html.gz", "a.txt", "notes.md", ".hidden.txt"] {
///     std::fs::write(dir.path().join(name), "x").unwrap();
/// }
/// let found = newspipe_ingest::discover_detailed(&[dir.path().to_path_buf()]).unwrap();
/// let expected = ["a.txt", "b/2.html.gz"].map(|n| newspipe_ingest::Input::File(dir.path().join(n)));
/// assert_eq!(found.inputs, expected);
/// assert_eq!(found.skipped, [dir.path().join("notes.md")]);
/// ```
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Input>, IngestError> {
    discover_detailed(paths).map(|d| d.inputs)
}

/// Like [`discover`], and also reports the files a directory walk skipped.
pub fn discover_detailed(paths: &[PathBuf]) -> Result<Discovery, IngestError> {
    let mut found = Discovery::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| IngestError {
            path: path.clone(),
            message: describe_io_error(&e),
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files, &mut found.skipped)?;
            files.sort_by(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            found.inputs.extend(files.into_iter().map(Input::File));
        } else {
            found.inputs.push(Input::File(path.clone()));
        }
    }
    found.skipped.sort();
    Ok(found)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<PathBuf>,
) -> Result<(), IngestError> {
    let unreadable = |e: std::io::Error| IngestError {
        path: dir.to_path_buf(),
        message: format!("cannot list directory: {}", describe_io_error(&e)),
    };
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(unreadable)?;
        if file_type.is_dir() {
            walk(&path, files, skipped)?;
        } else if file_type.is_file() || (file_type.is_symlink() && path.is_file()) {
            if has_known_extension(&path) {
                files.push(path);
            } else {
                skipped.push(path);
            }
        }
    }
    Ok(())
}

/// The format extension of a path, lower case, with a compression suffix removed
/// (`a/b.WARC.gz` → `warc`). `None` when the name has no extension.
pub(crate) fn format_extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let mut parts: Vec<&str> = name.split('.').skip(1).collect();
    if parts.len() > 1 && COMPRESSION_EXTENSIONS.contains(parts.last()?) {
        parts.pop();
    }
    parts.last().map(|s| s.to_string())
}

fn has_known_extension(path: &Path) -> bool {
    format_extension(path).is_some_and(|ext| KNOWN_EXTENSIONS.contains(&ext.as_str()))
}

/// A short, lower-case description of an I/O error ("no such file or directory").
pub(crate) fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_extension_strips_compression() {
        let ext = |p: &str| format_extension(Path::new(p));
        assert_eq!(ext("a/b.WARC.gz").as_deref(), Some("warc"));
        assert_eq!(ext("x.jsonl.zst").as_deref(), Some("jsonl"));
        assert_eq!(ext("x.html").as_deref(), Some("html"));
        assert_eq!(ext("x.gz").as_deref(), Some("gz"));
        assert_eq!(ext("README").as_deref(), None);
    }

    #[test]
    fn directory_walk_is_sorted_recursive_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "z.txt",
            "a.html",
            "b/sub/c.jsonl.gz",
            "b/a.warc",
            "notes.md",
            ".hidden.txt",
            ".git/x.txt",
            "B.htm",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let found = discover_detailed(&[root.to_path_buf()]).unwrap();
        let rel: Vec<String> = found
            .inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(
            rel,
            ["B.htm", "a.html", "b/a.warc", "b/sub/c.jsonl.gz", "z.txt"]
        );
        assert_eq!(found.skipped, vec![root.join("notes.md")]);
        // Same answer on a second walk (stable order).
        assert_eq!(discover(&[root.to_path_buf()]).unwrap(), found.inputs);
    }

    #[test]
    fn explicit_files_and_stdin_keep_argument_order() {
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("pages.data");
        fs::write(&odd, "x").unwrap();
        let inputs = discover(&[odd.clone(), PathBuf::from("-")]).unwrap();
        assert_eq!(inputs, vec![Input::File(odd), Input::Stdin]);
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let err = discover(&[PathBuf::from("/no/such/newspipe-input.txt")]).unwrap_err();
        assert_eq!(err.path, PathBuf::from("/no/such/newspipe-input.txt"));
        assert_eq!(err.message, "no such file or directory");
    }
}
