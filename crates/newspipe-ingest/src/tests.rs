//! End-to-end tests of `discover` + `read` over the fixtures in `tests/fixtures/ingest/` and over
//! files made on the fly (large, broken or binary inputs are generated, not committed).

use super::*;
use newspipe_model::SourceFormat;
use std::io::Write;
use std::path::Path;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ingest")
        .join(name)
}

fn read_paths(paths: &[PathBuf]) -> Vec<Result<Document, RecordError>> {
    read(discover(paths).unwrap(), ReadOptions::default()).collect()
}

fn read_one(name: &str) -> Vec<Result<Document, RecordError>> {
    read_paths(&[fixture(name)])
}

/// `Ok(id)` / `Err(id: message)` per record, for compact comparisons.
fn summary(records: &[Result<Document, RecordError>]) -> Vec<String> {
    records
        .iter()
        .map(|r| match r {
            Ok(doc) => format!("ok {}", doc.id),
            Err(e) => format!("err {}", e.id),
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn text_page_dump_is_one_document_of_lines() {
    let records = read_one("page.txt");
    assert_eq!(records.len(), 1);
    let doc = records[0].as_ref().unwrap();
    assert_eq!(doc.id, fixture("page.txt").display().to_string());
    assert_eq!(doc.source.format, SourceFormat::Txt);
    assert_eq!(doc.raw, doc.text);
    assert_eq!(doc.blocks.len(), 5);
    assert_eq!(doc.blocks[1].text, "Peskov says talks will go on");
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn utf8_bom_is_stripped() {
    let doc = read_one("page-bom.txt").remove(0).unwrap();
    assert!(doc.text.starts_with("Café opens"), "{:?}", doc.text);
    assert_eq!(doc.blocks[0].text, "Café opens in Zürich");
}

#[test]
fn undeclared_windows_1252_html_is_detected_and_noted() {
    let doc = read_one("page-cp1252.html").remove(0).unwrap();
    assert_eq!(doc.source.format, SourceFormat::Html);
    assert!(doc.text.contains("Café naïve résumé"), "{:?}", doc.text);
    assert!(doc.text.contains("\u{201c}the best in town\u{201d}"));
    assert_eq!(doc.diagnostics.len(), 1);
    assert!(doc.diagnostics[0]
        .message
        .contains("windows-1252 (guessed)"));
    assert_eq!(doc.diagnostics[0].stage, "ingest");
}

#[test]
fn declared_charset_in_html_meta_is_used() {
    let doc = read_one("page-latin1-declared.htm").remove(0).unwrap();
    assert!(doc.text.contains("Grüße aus München"), "{:?}", doc.text);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

fn check_articles(records: &[Result<Document, RecordError>], path: &str) {
    assert_eq!(
        summary(records),
        [
            "ok a1".to_string(),
            "ok 2".into(),
            format!("ok {path}#2"),
            format!("err {path}#4"),
            "ok a5".into()
        ]
    );
    let first = records[0].as_ref().unwrap();
    assert_eq!(first.meta.url.as_deref(), Some("https://news.example/a1"));
    assert_eq!(first.meta.title.as_deref(), Some("Rates rise"));
    assert_eq!(first.meta.published.as_deref(), Some("2025-09-15"));
    assert_eq!(
        first.source.fields,
        [("topic".into(), "\"business\"".into())]
    );
    let html = records[1].as_ref().unwrap();
    assert!(html.text.contains("A storm hit the coast on Friday night."));
    assert!(html.raw.starts_with("<html>"));
    assert_eq!(html.source.fields, [("lang".into(), "\"en\"".into())]);
    let third = records[2].as_ref().unwrap();
    assert_eq!(
        third.source.fields,
        [("extra".into(), "{\"k\": [1, 2]}".into())]
    );
    let broken = records[3].as_ref().unwrap_err();
    assert!(
        broken.message.starts_with("invalid JSON"),
        "{}",
        broken.message
    );
    assert_eq!(broken.source.record, 4);
    assert_eq!(records[4].as_ref().unwrap().source.record, 5);
}

#[test]
fn json_lines_plain_gzip_multi_member_and_zstd() {
    for name in [
        "articles.jsonl",
        "articles-multi.jsonl.gz",
        "articles.jsonl.zst",
    ] {
        let records = read_one(name);
        check_articles(&records, &fixture(name).display().to_string());
    }
}

#[test]
fn content_wins_over_a_wrong_or_missing_extension() {
    let doc = read_one("page-gzipped.txt").remove(0).unwrap();
    assert_eq!(
        doc.text,
        std::fs::read_to_string(fixture("page.txt")).unwrap()
    );
    let records = read_one("articles-zstd.bin");
    check_articles(
        &records,
        &fixture("articles-zstd.bin").display().to_string(),
    );
    let records = read_one("records.data");
    assert_eq!(records[0].as_ref().unwrap().text, "Sniffed as JSON Lines.");
}

#[test]
fn directory_of_fixtures_reads_in_sorted_order() {
    let found = discover_detailed(&[fixture("")]).unwrap();
    assert!(found.skipped.iter().any(|p| p.ends_with("records.data")));
    let names: Vec<String> = found
        .inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => p.file_name().unwrap().to_string_lossy().into_owned(),
            Input::Stdin => "-".into(),
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"page.txt".to_string()));
}

#[test]
fn broken_inputs_become_error_records_naming_file_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let empty_gz = dir.path().join("empty.jsonl.gz");
    std::fs::write(&empty_gz, gzip(b"")).unwrap();
    let binary = dir.path().join("picture.html");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    let missing = dir.path().join("gone.txt");
    let after = dir.path().join("ok.txt");
    std::fs::write(&after, "still read").unwrap();
    let inputs = vec![
        Input::File(empty.clone()),
        Input::File(empty_gz),
        Input::File(binary.clone()),
        Input::File(missing.clone()),
        Input::File(after),
    ];
    let records: Vec<_> = read(inputs, ReadOptions::default()).collect();
    assert_eq!(records.len(), 5);
    let message = |i: usize| records[i].as_ref().unwrap_err().message.clone();
    assert_eq!(message(0), "empty file");
    assert_eq!(
        records[0].as_ref().unwrap_err().id,
        empty.display().to_string()
    );
    assert_eq!(message(1), "empty file");
    assert!(message(2).starts_with("binary file"), "{}", message(2));
    assert_eq!(message(3), "cannot open: no such file or directory");
    assert_eq!(
        records[3].as_ref().unwrap_err().source.path,
        missing.display().to_string()
    );
    assert_eq!(records[4].as_ref().unwrap().text, "still read");
}

#[test]
fn invalid_utf8_in_a_text_file_is_replaced_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, b"Z\xc3\xbcrich \xff\xfe caf\xc3\xa9 na\xc3\xafve").unwrap();
    let doc = read_paths(&[path]).remove(0).unwrap();
    assert_eq!(doc.text, "Zürich \u{FFFD}\u{FFFD} café naïve");
    assert!(doc.diagnostics[0].message.starts_with("2 invalid byte"));
}

#[test]
fn truncated_gzip_gives_the_records_before_the_cut_then_one_error() {
    let mut lines = String::new();
    for i in 0..2000 {
        lines.push_str(&format!(
            "{{\"id\":\"r{i}\",\"text\":\"record number {i} with some text\"}}\n"
        ));
    }
    let compressed = gzip(lines.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    std::fs::write(&path, &compressed[..compressed.len() / 2]).unwrap();
    let records = read_paths(&[path]);
    let (ok, errors): (Vec<_>, Vec<_>) = records.iter().partition(|r| r.is_ok());
    assert!(
        ok.len() > 100 && ok.len() < 2000,
        "{} records before the cut",
        ok.len()
    );
    assert_eq!(errors.len(), 1);
    assert!(records.last().unwrap().is_err(), "the error comes last");
    for (i, doc) in ok.iter().enumerate() {
        assert_eq!(doc.as_ref().unwrap().id, format!("r{i}"));
    }
    let error = errors[0].as_ref().unwrap_err();
    assert!(error.message.contains("read error"), "{}", error.message);
}

#[test]
fn a_50_mb_single_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let word = "lorem ipsum ";
    file.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
    for _ in 0..(50 * 1024 * 1024 / word.len()) {
        file.write_all(word.as_bytes()).unwrap();
    }
    file.write_all(b"\"}\n{\"id\":\"next\",\"text\":\"small\"}\n")
        .unwrap();
    drop(file);
    let records = read_paths(&[path]);
    assert_eq!(summary(&records), ["ok big", "ok next"]);
    assert!(records[0].as_ref().unwrap().text.len() >= 50 * 1024 * 1024 - word.len());
}

#[test]
fn records_iterator_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&read(Vec::new(), ReadOptions::default()));
}

#[test]
fn invalid_shard_is_reported_not_panicked() {
    let options = ReadOptions {
        shard: Some(Shard { index: 3, count: 2 }),
    };
    let records: Vec<_> = read(vec![Input::File(fixture("page.txt"))], options).collect();
    assert_eq!(records.len(), 1);
    assert!(records[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("invalid shard"));
    assert_eq!("1/4".parse::<Shard>(), Ok(Shard { index: 1, count: 4 }));
    assert!("4/4".parse::<Shard>().is_err());
    assert!("x".parse::<Shard>().is_err());
}

/// A record's identity for comparisons across runs.
fn key(record: &Result<Document, RecordError>) -> (String, u64, Option<u64>, bool) {
    match record {
        Ok(doc) => (doc.id.clone(), doc.source.record, doc.source.offset, true),
        Err(e) => (e.id.clone(), e.source.record, e.source.offset, false),
    }
}

#[test]
fn shards_partition_the_records_and_concatenate_to_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    // One big uncompressed JSONL (split by byte ranges), lines of uneven length, a blank line, a
    // broken line, lines without ids; plus whole-file units around it.
    let mut big = String::new();
    for i in 0..300 {
        match i % 37 {
            5 => big.push('\n'),
            9 => big.push_str("{broken\n"),
            _ if i % 3 == 0 => big.push_str(&format!("{{\"text\":\"{}\"}}\n", "w ".repeat(i % 50))),
            _ => big.push_str(&format!(
                "{{\"id\":\"b{i}\",\"text\":\"{}\"}}\n",
                "x".repeat(i % 91)
            )),
        }
    }
    std::fs::write(dir.path().join("b-big.jsonl"), &big).unwrap();
    std::fs::write(dir.path().join("a-page.txt"), "A page.\n").unwrap();
    std::fs::write(
        dir.path().join("c-small.jsonl.gz"),
        gzip(b"{\"id\":\"c1\",\"text\":\"x\"}\n{\"id\":\"c2\",\"text\":\"y\"}\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("d-empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("e-tail.jsonl"),
        "{\"id\":\"e1\",\"text\":\"z\"}",
    )
    .unwrap();
    let inputs = discover(&[dir.path().to_path_buf()]).unwrap();
    let whole: Vec<_> = read(inputs.clone(), ReadOptions::default())
        .map(|r| key(&r))
        .collect();
    assert!(whole.len() > 250);
    for count in [1, 2, 3, 7, 64] {
        let mut joined = Vec::new();
        for index in 0..count {
            let options = ReadOptions {
                shard: Some(Shard { index, count }),
            };
            joined.extend(read(inputs.clone(), options).map(|r| key(&r)));
        }
        assert_eq!(joined, whole, "{count} shards");
    }
}

#[test]
fn warc_archive_gives_pages_and_explains_the_responses_it_cannot_use() {
    let path = fixture("crawl.warc.gz");
    let records = read_one("crawl.warc.gz");
    let uuid = |n: u32| format!("urn:uuid:00000000-0000-0000-0000-00000000000{n}");
    assert_eq!(
        summary(&records),
        [
            format!("ok {}", uuid(3)),
            format!("err {}", uuid(5)),
            format!("err {}", uuid(6)),
            format!("ok {}", uuid(7)),
            format!("ok {}", uuid(9)),
        ]
    );
    let storm = records[0].as_ref().unwrap();
    assert_eq!(storm.source.path, path.display().to_string());
    assert_eq!(
        (storm.source.format, storm.source.record),
        (SourceFormat::Warc, 2)
    );
    assert!(storm.text.contains("The storm \u{2014} the worst in a decade \u{2014} hit the coast on Friday, said Renée Dubois."), "{}", storm.text);
    assert!(
        storm.diagnostics.is_empty(),
        "charset came from HTTP: {:?}",
        storm.diagnostics
    );
    assert_eq!(
        storm.meta.url.as_deref(),
        Some("https://news.example/storm")
    );
    assert_eq!(storm.meta.published, None, "WARC-Date is the crawl date");
    let header = |doc: &Document, name: &str| {
        doc.source
            .headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        header(storm, "WARC-Date").as_deref(),
        Some("2025-09-16T08:00:00Z")
    );
    assert_eq!(
        header(storm, "WARC-Target-URI").as_deref(),
        Some("https://news.example/storm")
    );
    assert_eq!(
        header(storm, "HTTP-Last-Modified").as_deref(),
        Some("Fri, 12 Sep 2025 18:00:00 GMT")
    );
    assert!(records[1]
        .as_ref()
        .unwrap_err()
        .message
        .contains("image/png"));
    assert!(records[2]
        .as_ref()
        .unwrap_err()
        .message
        .contains("HTTP status 301"));
    let rates = records[3].as_ref().unwrap();
    assert!(
        rates.text.contains("raised rates on Tuesday to 4.5%."),
        "chunked + gzip body: {:?}",
        rates.text
    );
    let notes = records[4].as_ref().unwrap();
    assert_eq!(notes.text, "Plain notes page.\nSecond line é.\n");
}

#[test]
fn wet_plain_and_gzipped() {
    let plain = read_one("crawl.wet");
    assert_eq!(plain.len(), 2);
    let storm = plain[0].as_ref().unwrap();
    assert_eq!(storm.source.format, SourceFormat::Wet);
    assert_eq!(
        storm.text,
        "Storm hits coast\nThe storm hit the coast on Friday, said Renée Dubois."
    );
    assert!(storm
        .source
        .headers
        .iter()
        .any(|(n, v)| n == "WARC-Refers-To" && v.contains("0003")));
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("crawl.wet.gz");
    std::fs::write(&gz, gzip(&std::fs::read(fixture("crawl.wet")).unwrap())).unwrap();
    let texts = |records: &[Result<Document, RecordError>]| -> Vec<String> {
        records
            .iter()
            .map(|r| r.as_ref().unwrap().text.clone())
            .collect()
    };
    assert_eq!(texts(&read_paths(&[gz])), texts(&plain));
}

#[test]
fn truncated_warc_gz_keeps_the_records_before_the_cut() {
    let bytes = std::fs::read(fixture("crawl.warc.gz")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, &bytes[..bytes.len() - 30]).unwrap();
    let records = read_paths(&[path]);
    assert_eq!(records.len(), 5, "{:?}", summary(&records));
    assert!(records[3].is_ok());
    let last = records[4].as_ref().unwrap_err();
    assert!(last.message.contains("read error"), "{}", last.message);
}

#[test]
fn utf16_text_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    for unit in "Grüße\nzweite Zeile\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, bytes).unwrap();
    let doc = read_paths(&[path]).remove(0).unwrap();
    assert_eq!(doc.text, "Grüße\nzweite Zeile\n");
    assert_eq!(doc.blocks.len(), 2);
}

/// Asserts that a single page cut to `cut` bytes of its gzip form reads as one error record,
/// whose message says a read failed and hints at the compression.
fn assert_cut_page_is_a_read_error(name: &str, compressed: &[u8], cut: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &compressed[..cut]).unwrap();
    let records = read_paths(&[path]);
    assert_eq!(records.len(), 1);
    let message = &records[0].as_ref().unwrap_err().message;
    assert!(
        message.starts_with("read error: ") && message.ends_with("compressed data?)"),
        "{message}"
    );
}

#[test]
fn truncated_single_page_is_an_error_record() {
    let page = "A line of text that repeats.\n".repeat(2000);
    let compressed = gzip(page.as_bytes());
    assert_cut_page_is_a_read_error("page.txt.gz", &compressed, compressed.len() - 10);
}

#[test]
fn a_page_cut_inside_its_first_bytes_gets_the_same_message() {
    // The cut falls inside the bytes read to tell the format, an earlier read than above.
    let compressed = gzip(b"<p>A short page.</p>");
    assert_cut_page_is_a_read_error("page.html.gz", &compressed, 12);
}

#[test]
fn standard_input_is_json_lines_compressed_or_not_and_dealt_round_robin() {
    let lines = "{\"id\":\"s0\",\"text\":\"a\"}\n{\"id\":\"s1\",\"text\":\"b\"}\n{\"id\":\"s2\",\"text\":\"c\"}\n";
    let ids = |bytes: Vec<u8>, shard: Option<Shard>| -> Vec<String> {
        open::stream_records(std::io::Cursor::new(bytes), shard)
            .map(|r| r.unwrap().id)
            .collect()
    };
    assert_eq!(ids(lines.as_bytes().to_vec(), None), ["s0", "s1", "s2"]);
    assert_eq!(ids(gzip(lines.as_bytes()), None), ["s0", "s1", "s2"]);
    assert_eq!(ids(gzip(lines.as_bytes()), Shard::new(0, 2)), ["s0", "s2"]);
    assert_eq!(ids(lines.as_bytes().to_vec(), Shard::new(1, 2)), ["s1"]);
    assert!(
        ids(Vec::new(), None).is_empty(),
        "empty stdin is an empty stream"
    );
    let first = open::stream_records(std::io::Cursor::new(lines.as_bytes().to_vec()), None)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(first.source.path, "-");
}

#[test]
fn truncated_zstd_gives_the_records_before_the_cut_then_one_error() {
    let mut lines = String::new();
    for i in 0..30000 {
        lines.push_str(&format!(
            "{{\"id\":\"z{i}\",\"text\":\"zstd record {i} {}\"}}\n",
            i * 7919
        ));
    }
    let compressed = zstd::encode_all(lines.as_bytes(), 1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl.zst");
    std::fs::write(&path, &compressed[..compressed.len() * 2 / 3]).unwrap();
    let records = read_paths(&[path]);
    let errors = records.iter().filter(|r| r.is_err()).count();
    assert_eq!(errors, 1, "{} records", records.len());
    assert!(records.last().unwrap().is_err());
    assert!(records.len() > 10_000, "records before the cut come out");
    for (i, record) in records[..records.len() - 1].iter().enumerate() {
        assert_eq!(record.as_ref().unwrap().id, format!("z{i}"));
    }
}

#[test]
fn an_unreadable_input_is_one_error_record() {
    // A directory passed as a file: it opens on Linux but cannot be read.
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<_> = read(
        vec![Input::File(dir.path().to_path_buf())],
        ReadOptions::default(),
    )
    .collect();
    assert_eq!(records.len(), 1);
    let error = records[0].as_ref().unwrap_err();
    assert_eq!(error.source.path, dir.path().display().to_string());
    assert_eq!(error.message, "read error: Is a directory (os error 21)");
}
