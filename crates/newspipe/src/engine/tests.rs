// `Record` is ingest's `Result<Document, RecordError>`; its error type is large by design.
#![allow(clippy::result_large_err)]

use super::*;
use newspipe_model::{Source, Span, StageError};
use serde_json::Value;

/// Marks the whole text as one sentence; panics on "PANIC", fails on "FAIL", returns a span
/// inside a multi-byte character on "BADSPAN", sleeps a little on "SLOW".
struct TestStage;

impl Stage for TestStage {
    fn name(&self) -> &'static str {
        "test"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.text.contains("PANIC") {
            panic!("boom in {}", doc.id);
        }
        if doc.text.contains("FAIL") {
            return Err(StageError::new("cannot handle FAIL"));
        }
        if doc.text.contains("SLOW") {
            std::thread::sleep(Duration::from_millis(20));
        }
        doc.sentences = vec![Span::new(0, doc.text.len())];
        if doc.text.contains("BADSPAN") {
            doc.sentences = vec![Span::new(0, doc.text.find('é').unwrap() + 1)];
        }
        Ok(())
    }
}

fn records(texts: &[&str]) -> Vec<Record> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let source = Source::new("t.jsonl", "jsonl", i as u64);
            if *text == "UNREADABLE" {
                Err(RecordError {
                    id: format!("r{i}"),
                    source,
                    message: "bad bytes".into(),
                    bytes: 7,
                })
            } else {
                Ok(Document::from_text(format!("r{i}"), source, *text))
            }
        })
        .collect()
}

fn run_texts(texts: &[&str], threads: usize, batch_documents: usize) -> (Vec<Value>, RunStats) {
    let stages: Vec<Box<dyn Stage>> = vec![Box::new(TestStage)];
    let config = EngineConfig {
        threads,
        batch_documents,
        ..EngineConfig::default()
    };
    let mut out = Vec::new();
    let input = records(texts);
    let stats = run(move || input.into_iter(), &stages, &mut out, &config).unwrap();
    let lines = String::from_utf8(out).unwrap();
    (
        lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        stats,
    )
}

#[test]
fn every_record_gives_one_line_in_input_order() {
    let texts: Vec<String> = (0..300)
        .map(|i| format!("doc {i} {}", if i % 7 == 0 { "SLOW" } else { "" }))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (lines, stats) = run_texts(&texts, 3, 4);
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("r{i}"));
    }
    assert_eq!(stats.documents_in, 300);
    assert_eq!(stats.documents_written, 300);
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let texts: Vec<String> = (0..200)
        .map(|i| format!("text {i} {}", ["SLOW", "FAIL", "", "é"][i % 4]))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (one, _) = run_texts(&texts, 1, 3);
    let (four, _) = run_texts(&texts, 4, 3);
    assert_eq!(one, four);
}

#[test]
fn failures_become_error_records_and_the_run_goes_on() {
    let (lines, stats) = run_texts(
        &["ok", "PANIC", "FAIL", "UNREADABLE", "BADSPAN é", "ok again"],
        2,
        2,
    );
    assert_eq!(lines.len(), 6);
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["error"]["stage"], "test");
    let panic_message = lines[1]["error"]["message"].as_str().unwrap();
    assert!(
        panic_message.starts_with("panicked: boom in r1 (at "),
        "{panic_message}"
    );
    assert_eq!(lines[2]["error"]["message"], "cannot handle FAIL");
    assert_eq!(lines[3]["error"]["stage"], "ingest");
    assert_eq!(lines[3]["source"]["record"], 3);
    assert_eq!(lines[4]["error"]["stage"], "test");
    assert!(lines[4]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("sentences[0]"));
    assert_eq!(lines[5]["text"], "ok again");

    assert_eq!(stats.documents_in, 6);
    assert_eq!(stats.documents_written, 2);
    assert_eq!(stats.documents_failed, 4);
    assert_eq!(stats.failed_by_stage().get("test"), Some(&3));
    assert_eq!(stats.failed_by_stage().get("ingest"), Some(&1));
    let names: Vec<_> = stats.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ingest", "test", "export"]);
    assert_eq!(stats.stages[1].documents, 5);
    assert_eq!(stats.stages[2].documents, 2);
}

#[test]
fn an_empty_input_writes_nothing_but_the_header() {
    let stages: Vec<Box<dyn Stage>> = Vec::new();
    let config = EngineConfig {
        format: Format::EntitiesCsv,
        ..EngineConfig::default()
    };
    let mut out = Vec::new();
    let stats = run(std::iter::empty, &stages, &mut out, &config).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "id,start,end,label,text,canonical,value,method\n"
    );
    assert_eq!(stats.documents_in, 0);
}

#[test]
fn a_reader_panic_stops_the_run_with_an_error() {
    let stages: Vec<Box<dyn Stage>> = Vec::new();
    let mut out = Vec::new();
    let input = records(&["a", "b"]);
    let result = run(
        move || {
            input
                .into_iter()
                .chain(std::iter::from_fn(|| panic!("reader bug")))
        },
        &stages,
        &mut out,
        &EngineConfig::default(),
    );
    assert!(matches!(result, Err(EngineError::Reader(m)) if m.contains("reader bug")));
}

#[test]
fn a_failing_writer_stops_the_run() {
    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let stages: Vec<Box<dyn Stage>> = vec![Box::new(TestStage)];
    let endless = (0u64..).map(|i| Ok(Document::from_text(format!("{i}"), Source::default(), "x")));
    let result = run(
        move || endless,
        &stages,
        &mut Full,
        &EngineConfig {
            threads: 2,
            ..EngineConfig::default()
        },
    );
    assert!(matches!(result, Err(EngineError::Output(_))));
}

/// Notes the ids of the batch it is prepared with (and panics there on "NOPREP"); `process`
/// titles a document `prepared` when the batch's preparation reached it, else `alone`.
struct PreparingStage {
    batches: std::sync::Mutex<Vec<Vec<String>>>,
}

thread_local! {
    static PREPARED_IDS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Stage for PreparingStage {
    fn name(&self) -> &'static str {
        "preparing"
    }
    fn prepare_batch(&self, docs: &[&Document]) {
        let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        self.batches.lock().unwrap().push(ids);
        PREPARED_IDS.with(|p| p.borrow_mut().clear());
        for doc in docs {
            assert!(!doc.text.contains("NOPREP"), "prepare fails on {}", doc.id);
            PREPARED_IDS.with(|p| p.borrow_mut().push(doc.id.clone()));
        }
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let prepared = PREPARED_IDS.with(|p| p.borrow().contains(&doc.id));
        doc.meta.title = Some(if prepared { "prepared" } else { "alone" }.into());
        Ok(())
    }
}

#[test]
fn stages_are_prepared_with_the_documents_still_going_and_a_failed_preparation_costs_nothing() {
    let preparing = std::sync::Arc::new(PreparingStage {
        batches: std::sync::Mutex::new(Vec::new()),
    });
    struct Shared(std::sync::Arc<PreparingStage>);
    impl Stage for Shared {
        fn name(&self) -> &'static str {
            self.0.name()
        }
        fn prepare_batch(&self, docs: &[&Document]) {
            self.0.prepare_batch(docs)
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            self.0.process(doc)
        }
    }
    let stages: Vec<Box<dyn Stage>> =
        vec![Box::new(TestStage), Box::new(Shared(preparing.clone()))];
    let config = EngineConfig {
        threads: 1,
        batch_documents: 10,
        ..EngineConfig::default()
    };
    let input = records(&["a", "FAIL", "UNREADABLE", "b", "c NOPREP", "d"]);
    let mut out = Vec::new();
    let stats = run(move || input.into_iter(), &stages, &mut out, &config).unwrap();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The failed and the unread record are not prepared; the others are, in input order.
    assert_eq!(
        *preparing.batches.lock().unwrap(),
        vec![vec!["r0", "r3", "r4", "r5"]]
    );
    // The preparation panicked at r4: r4 and r5 were processed without it, and all four are
    // written; the panic is no record's error.
    let titles: Vec<&Value> = lines.iter().map(|l| &l["meta"]["title"]).collect();
    assert_eq!(titles[0], "prepared");
    assert_eq!(titles[3], "prepared");
    assert_eq!(titles[4], "alone");
    assert_eq!(titles[5], "alone");
    assert_eq!(lines[1]["error"]["stage"], "test");
    assert_eq!(lines[2]["error"]["stage"], "ingest");
    assert_eq!(stats.documents_written, 4);
    assert_eq!(stats.stages[2].documents, 4);
}
