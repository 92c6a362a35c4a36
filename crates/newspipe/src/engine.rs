//! The streaming engine: a reader thread cuts the input records into batches, a rayon pool runs
//! the stages and formats each batch, and the calling thread writes the batches in input order.
//!
//! ```text
//!  reader thread ──(bounded channel)──► rayon pool: stages + export ──► ordered writer
//!  read() → batches of ≤ 64 docs / 8 MB    one task per batch            (calling thread)
//! ```
//!
//! A worker takes its batch through the stages one stage at a time (see `process_batch`).
//!
//! Memory is bounded by the batch window: at most `2 × threads` batches are in flight (being
//! processed or waiting for their turn to be written), plus `threads` batches queued by the
//! reader, whatever the size of the corpus. Batch boundaries depend only on the input, and each
//! batch's output is written in sequence, so the output bytes are the same for any thread count.

use crate::panics;
use crate::progress::Progress;
use crate::stats::RunStats;
use newspipe_export::{check_spans, ErrorRecord, ExportOptions, Exporter, Format};
use newspipe_ingest::RecordError;
use newspipe_model::{Document, Stage};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One input record as the reader yields it.
pub type Record = Result<Document, RecordError>;

/// Settings of [`run`].
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Worker threads of the stage pool (at least 1).
    pub threads: usize,
    pub format: Format,
    pub export: ExportOptions,
    /// Draw a progress line on stderr when it is a terminal.
    pub progress: bool,
    /// A batch is closed when it holds this many records ...
    pub batch_documents: usize,
    /// ... or this many bytes of text.
    pub batch_bytes: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            threads: 1,
            format: Format::Jsonl,
            export: ExportOptions::default(),
            progress: false,
            batch_documents: 64,
            batch_bytes: 8 << 20,
        }
    }
}

/// Why a run stopped before the end.
#[derive(Debug)]
pub enum EngineError {
    /// Writing the output failed.
    Output(io::Error),
    /// The reader panicked (a bug in ingest); the records after it were not read.
    Reader(String),
    /// The worker pool could not start, or a worker failed outside a stage (a driver bug).
    Worker(String),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Output(e) => write!(f, "cannot write the output: {e}"),
            EngineError::Reader(m) => write!(f, "the input reader panicked: {m}"),
            EngineError::Worker(m) => write!(f, "a worker failed: {m}"),
        }
    }
}

impl std::error::Error for EngineError {}

impl From<io::Error> for EngineError {
    fn from(e: io::Error) -> Self {
        EngineError::Output(e)
    }
}

struct Batch {
    seq: u64,
    records: Vec<Record>,
    read_time: Duration,
}

struct Done {
    seq: u64,
    output: Vec<u8>,
    stats: RunStats,
}

/// Runs `stages` over every record that `records()` yields and writes the results to `out` in
/// input order: one document or one error record per input record.
///
/// `records` is called on the reader thread, so the iterator it returns need not be `Send`.
pub fn run<F, I>(
    records: F,
    stages: &[Box<dyn Stage>],
    out: &mut dyn Write,
    config: &EngineConfig,
) -> Result<RunStats, EngineError>
where
    F: FnOnce() -> I + Send,
    I: Iterator<Item = Record>,
{
    panics::install_hook();
    let started = Instant::now();
    let threads = config.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("{}{i}", panics::WORKER_PREFIX))
        .build()
        .map_err(|e| EngineError::Worker(e.to_string()))?;
    let names: Vec<&str> = stages.iter().map(|s| s.name()).collect();
    let mut total = RunStats::new(names.iter().copied(), threads);
    let progress = Progress::new(config.progress);

    // What the format writes before the first and after the last record (CSV header, HTML page).
    let mut edges = Exporter::new(config.format, config.export);
    write_counted(out, &mut total, |b| edges.write_header(b))?;

    let (batch_tx, batch_rx) = mpsc::sync_channel::<Batch>(threads);
    let (done_tx, done_rx) = mpsc::channel::<Result<Done, String>>();
    let window = 2 * threads;

    let sink = &mut *out;
    let (written, read) = std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("newspipe-reader".into())
            .spawn_scoped(scope, move || read_batches(records, batch_tx, config))
            .expect("spawn the reader thread");
        let total = &mut total;
        let progress = &progress;
        let names = &names;
        let written = pool.in_place_scope(move |tasks| -> Result<(), EngineError> {
            let batch_rx = batch_rx; // dropped on return, which stops the reader early on error
            let (mut in_flight, mut reader_done, mut next) = (0usize, false, 0u64);
            let mut pending = BTreeMap::new();
            loop {
                while !reader_done && in_flight < window {
                    match batch_rx.recv() {
                        Ok(batch) => {
                            in_flight += 1;
                            let done_tx = done_tx.clone();
                            tasks.spawn(move |_| {
                                let done = catch_unwind(AssertUnwindSafe(|| {
                                    process_batch(batch, stages, names, config)
                                }))
                                .map_err(|p| panics::take_message(&*p));
                                let _ = done_tx.send(done);
                            });
                        }
                        Err(_) => reader_done = true,
                    }
                }
                if in_flight == 0 {
                    return Ok(());
                }
                let done = done_rx
                    .recv()
                    .expect("the writer holds a sender")
                    .map_err(EngineError::Worker)?;
                pending.insert(done.seq, done);
                while let Some(done) = pending.remove(&next) {
                    sink.write_all(&done.output)?;
                    total.merge(&done.stats);
                    total.bytes_out += done.output.len() as u64;
                    next += 1;
                    in_flight -= 1;
                    progress.update(total.documents_in, total.bytes_in, total.documents_failed);
                }
            }
        });
        (written, reader.join())
    });
    progress.finish();
    written?;
    match read {
        Ok(Ok(())) => {}
        Ok(Err(message)) => return Err(EngineError::Reader(message)),
        Err(_) => return Err(EngineError::Reader("the reader thread died".into())),
    }
    write_counted(out, &mut total, |b| edges.write_footer(b))?;
    out.flush()?;
    total.finish(started.elapsed());
    Ok(total)
}

/// Writes to `out` what `write` puts in a buffer, and counts its bytes in `total`.
fn write_counted(
    out: &mut dyn Write,
    total: &mut RunStats,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    out.write_all(&bytes)?;
    total.bytes_out += bytes.len() as u64;
    Ok(())
}

/// The reader thread: pulls records and sends them in batches until the input ends or the
/// writer hangs up. A panic inside the reader is returned as its message.
fn read_batches<F, I>(
    records: F,
    tx: mpsc::SyncSender<Batch>,
    config: &EngineConfig,
) -> Result<(), String>
where
    F: FnOnce() -> I,
    I: Iterator<Item = Record>,
{
    let batch_documents = config.batch_documents.max(1);
    catch_unwind(AssertUnwindSafe(move || {
        let mut records = records();
        let mut seq = 0;
        loop {
            let mut batch = Vec::with_capacity(batch_documents);
            let (mut bytes, mut read_time) = (0usize, Duration::ZERO);
            while batch.len() < batch_documents && bytes < config.batch_bytes {
                let t = Instant::now();
                let record = records.next();
                read_time += t.elapsed();
                let Some(record) = record else { break };
                if let Ok(doc) = &record {
                    bytes += doc.raw.len() + doc.text.len();
                }
                batch.push(record);
            }
            if batch.is_empty() {
                return;
            }
            let last = batch.len() < batch_documents && bytes < config.batch_bytes;
            if tx
                .send(Batch {
                    seq,
                    records: batch,
                    read_time,
                })
                .is_err()
                || last
            {
                return; // the writer stopped, or the input ended
            }
            seq += 1;
        }
    }))
    .map_err(|p| panics::take_message(&*p))
}

/// Runs the stages over one batch and formats its records. The batch goes through the stages
/// one stage at a time (every document through cleanup, then every one through segmentation,
/// ...), as spaCy's `nlp.pipe` does, so that each stage's tables stay in cache from one
/// document to the next; each document still fails alone.
fn process_batch(
    batch: Batch,
    stages: &[Box<dyn Stage>],
    names: &[&str],
    config: &EngineConfig,
) -> Done {
    let mut stats = RunStats::new(names.iter().copied(), config.threads);
    stats.stages[0].seconds = batch.read_time.as_secs_f64();
    let mut records: Vec<InFlight> = batch
        .records
        .into_iter()
        .map(|record| {
            stats.documents_in += 1;
            stats.stages[0].documents += 1;
            match record {
                Ok(doc) => {
                    stats.bytes_in += doc.raw.len() as u64;
                    InFlight::Going(doc)
                }
                Err(e) => {
                    stats.stages[0].failed += 1;
                    stats.bytes_in += e.bytes;
                    InFlight::Unread(e)
                }
            }
        })
        .collect();
    for (i, stage) in stages.iter().enumerate() {
        let t = Instant::now();
        let going: Vec<&Document> = records.iter().filter_map(InFlight::going).collect();
        // Only a head start for `process`: if it panics, `process` meets the same problem
        // and fails that document alone.
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| stage.prepare_batch(&going))) {
            panics::take_message(&*payload);
        }
        stats.stages[i + 1].add_time(t.elapsed());
        for record in &mut records {
            let InFlight::Going(doc) = record else {
                continue;
            };
            let t = Instant::now();
            let result = run_stage(&**stage, doc);
            stats.stages[i + 1].record(t.elapsed(), result.is_err());
            if let Err(message) = result {
                *record = InFlight::Failed(std::mem::take(doc), stage.name(), message);
            }
        }
    }
    let mut exporter = Exporter::new(config.format, config.export);
    let mut output = Vec::new();
    for record in records {
        match record {
            InFlight::Going(doc) => export(&doc, &mut exporter, &mut output, &mut stats),
            InFlight::Failed(doc, stage, message) => write_failure(
                &doc,
                stage,
                &message,
                &mut exporter,
                &mut output,
                &mut stats,
            ),
            InFlight::Unread(e) => {
                let error = ErrorRecord {
                    id: &e.id,
                    source: &e.source,
                    stage: "ingest",
                    message: &e.message,
                };
                write_error(&error, &mut exporter, &mut output, &mut stats);
            }
        }
    }
    Done {
        seq: batch.seq,
        output,
        stats,
    }
}

/// A record of a batch on its way through the stages.
enum InFlight {
    /// Read, and through every stage so far.
    Going(Document),
    /// Failed in the named stage, with the message of its error record.
    Failed(Document, &'static str, String),
    /// Not read (an ingest error).
    Unread(RecordError),
}

impl InFlight {
    fn going(&self) -> Option<&Document> {
        match self {
            InFlight::Going(doc) => Some(doc),
            _ => None,
        }
    }
}

/// Appends the output record of a document that went through every stage.
fn export(doc: &Document, exporter: &mut Exporter, out: &mut Vec<u8>, stats: &mut RunStats) {
    let export = stats.stages.len() - 1;
    let t = Instant::now();
    let mark = out.len();
    let result = catch_unwind(AssertUnwindSafe(|| exporter.write_document(out, doc)));
    let failed = !matches!(result, Ok(Ok(())));
    stats.stages[export].record(t.elapsed(), failed);
    if let Err(payload) = result {
        out.truncate(mark);
        let message = format!("panicked: {}", panics::take_message(&*payload));
        return write_failure(doc, "export", &message, exporter, out, stats);
    }
    stats.documents_written += 1;
}

/// One stage call: a returned error, a panic or spans that do not fit the text all become the
/// message of the document's error record.
fn run_stage(stage: &dyn Stage, doc: &mut Document) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| stage.process(doc))) {
        Ok(Ok(())) => check_spans(doc).map_err(|e| format!("invalid output: {e}")),
        Ok(Err(e)) => Err(e.message().to_string()),
        Err(payload) => Err(format!("panicked: {}", panics::take_message(&*payload))),
    }
}

/// Appends the error record of a document that failed in `stage`.
fn write_failure(
    doc: &Document,
    stage: &str,
    message: &str,
    exporter: &mut Exporter,
    out: &mut Vec<u8>,
    stats: &mut RunStats,
) {
    let error = ErrorRecord {
        id: &doc.id,
        source: &doc.source,
        stage,
        message,
    };
    write_error(&error, exporter, out, stats);
}

/// Appends an error record and counts the failure.
fn write_error(
    error: &ErrorRecord,
    exporter: &mut Exporter,
    out: &mut Vec<u8>,
    stats: &mut RunStats,
) {
    stats.documents_failed += 1;
    exporter
        .write_error(out, error)
        .expect("writing to a Vec cannot fail");
}

#[cfg(test)]
mod tests;
