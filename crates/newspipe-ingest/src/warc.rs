//! WARC and WET archives (placeholder, replaced below).
use crate::decode::ByteStream;
use crate::open::RecordIter;
use crate::RecordError;
use newspipe_model::{Source, SourceFormat};

pub(crate) fn records(stream: ByteStream, path: String) -> RecordIter {
    let _ = stream;
    Box::new(std::iter::once(Err(RecordError {
        id: path.clone(),
        source: Source::new(path, SourceFormat::Warc, 0),
        message: "WARC reading is not implemented yet".into(),
        bytes: 0,
    })))
}
