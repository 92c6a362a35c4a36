//! Where the records go: standard output, or a file written under a temporary name and renamed
//! when the run completes.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The output of a run.
pub enum Output {
    /// Standard output (`-o -` or no `-o`).
    Stdout(io::StdoutLock<'static>),
    /// A regular file, written as `.NAME.XXXXXX.tmp` in the same directory and renamed to
    /// `path` by [`Output::finish`]. Dropping it unfinished deletes the temporary file.
    TempFile {
        file: tempfile::NamedTempFile,
        path: PathBuf,
    },
    /// An existing file that is not a regular file (`/dev/null`, a named pipe): written in place.
    Special(File),
}

impl Output {
    /// Opens `path`; `None` or `-` is standard output.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(io::stdout().lock()));
        };
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                if meta.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("{} is a directory", path.display()),
                    ));
                }
                return std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map(Output::Special);
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy());
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot create a file in {}: {e}", dir.display()),
                )
            })?;
        Ok(Output::TempFile {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Flushes and, for a file, renames the temporary file to its final name.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::Special(mut file) => file.flush(),
            Output::TempFile { mut file, path } => {
                file.flush()?;
                file.as_file().sync_data()?;
                // Temporary files are created 0600; give the result the usual permissions.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = file
                        .as_file()
                        .set_permissions(std::fs::Permissions::from_mode(0o644));
                }
                file.persist(&path).map_err(|e| {
                    io::Error::new(
                        e.error.kind(),
                        format!("cannot rename to {}: {}", path.display(), e.error),
                    )
                })?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::TempFile { file, .. } => file.write(buf),
            Output::Special(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::TempFile { file, .. } => file.write_all(buf),
            Output::Special(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::TempFile { file, .. } => file.flush(),
            Output::Special(file) => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut out = Output::open(Some(&path)).unwrap();
        out.write_all(b"{}\n").unwrap();
        assert!(!path.exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].to_string_lossy().starts_with(".out.jsonl."));
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unfinished_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut out = Output::open(Some(&path)).unwrap();
        out.write_all(b"partial").unwrap();
        drop(out);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn dev_null_is_written_in_place() {
        let mut out = Output::open(Some(Path::new("/dev/null"))).unwrap();
        assert!(matches!(out, Output::Special(_)));
        out.write_all(b"x").unwrap();
        out.finish().unwrap();
        assert!(Path::new("/dev/null").exists());
    }
}
