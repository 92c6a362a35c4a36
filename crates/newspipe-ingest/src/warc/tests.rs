use super::*;
use std::io::Cursor;

fn read_bytes(bytes: Vec<u8>) -> Vec<Result<Document, RecordError>> {
    records(Box::new(Cursor::new(bytes)), "a.warc".into()).collect()
}

fn record(warc_type: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: https://x.example/{id}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn response_and_conversion_records_become_documents() {
    let mut bytes = record("warcinfo", "i", b"software: x\r\n");
    bytes.extend(record(
        "response",
        "r",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello page.</p>",
    ));
    bytes.extend(record(
        "conversion",
        "c",
        "Line one.\nLine two é.".as_bytes(),
    ));
    let out = read_bytes(bytes);
    assert_eq!(out.len(), 2);
    let page = out[0].as_ref().unwrap();
    assert_eq!(page.id, "urn:uuid:r");
    assert_eq!(page.text, "Hello page.");
    assert_eq!(page.source.format, SourceFormat::Warc);
    assert_eq!(page.source.record, 1);
    assert_eq!(page.meta.url.as_deref(), Some("https://x.example/r"));
    let wet = out[1].as_ref().unwrap();
    assert_eq!(wet.source.format, SourceFormat::Wet);
    assert_eq!(wet.blocks.len(), 2);
    assert_eq!(wet.text, "Line one.\nLine two é.");
    assert_eq!(wet.source.offset, Some(bytes_before_third_record()));
}

fn bytes_before_third_record() -> u64 {
    (record("warcinfo", "i", b"software: x\r\n").len()
        + record(
            "response",
            "r",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello page.</p>",
        )
        .len()) as u64
}

#[test]
fn garbage_between_records_is_one_error_then_reading_resumes() {
    let mut bytes = record("conversion", "a", b"first");
    bytes.extend_from_slice(b"this is not warc\r\nnor is this\r\n");
    bytes.extend(record("conversion", "b", b"second"));
    let out = read_bytes(bytes);
    assert_eq!(out.len(), 3);
    assert!(out[1]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("not a WARC record"));
    assert_eq!(out[2].as_ref().unwrap().text, "second");
}

#[test]
fn missing_content_length_and_truncation_are_errors() {
    let mut bytes = b"WARC/1.0\r\nWARC-Type: conversion\r\n\r\nbody\r\n\r\n".to_vec();
    bytes.extend(record("conversion", "ok", b"kept"));
    let out = read_bytes(bytes);
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("Content-Length"));
    assert_eq!(out.last().unwrap().as_ref().unwrap().text, "kept");
    let mut cut = record("conversion", "a", b"complete");
    let second = record("conversion", "b", b"this one is cut short");
    cut.extend_from_slice(&second[..second.len() - 12]);
    let out = read_bytes(cut);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].as_ref().unwrap().text, "complete");
    assert!(out[1]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("truncated record"));
}

#[test]
fn archive_without_pages_says_so() {
    let out = read_bytes(record("warcinfo", "i", b"software: x\r\n"));
    assert_eq!(out.len(), 1);
    assert!(out[0].as_ref().unwrap_err().message.contains("no response"));
}

#[test]
fn http_parsing_dechunks_and_inflates() {
    let body = b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n";
    assert_eq!(dechunk(body).unwrap(), b"Wikipedia");
    assert_eq!(dechunk(b"<html>not chunked"), None);
    let mut raw = b"HTTP/1.0 404 Not Found\nContent-Type: text/html\n\n<p>gone</p>".to_vec();
    let http = parse_http(std::mem::take(&mut raw)).unwrap();
    assert_eq!(
        (http.status, http.body.as_slice()),
        (404, &b"<p>gone</p>"[..])
    );
    assert!(parse_http(b"HTTP/1.1 abc\r\n\r\n".to_vec()).is_err());
    let brotli = parse_http(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx".to_vec());
    assert!(brotli.err().unwrap().contains("br"));
}

#[test]
fn page_kinds() {
    assert_eq!(
        page_kind(Some("text/html; charset=x"), b"<p>"),
        Ok(PageKind::Html)
    );
    assert_eq!(page_kind(Some("TEXT/PLAIN"), b"x"), Ok(PageKind::Text));
    assert_eq!(page_kind(None, b"  <html>"), Ok(PageKind::Html));
    assert!(page_kind(Some("image/jpeg"), b"\xff\xd8").is_err());
    assert!(page_kind(Some("text/html"), b"  \r\n").is_err());
}

#[test]
fn junk_with_long_lines_is_one_error() {
    let mut bytes = b"\x00\x01binary junk".to_vec();
    bytes.extend(vec![b'z'; 200 * 1024]);
    bytes.extend_from_slice(b"\nmore junk\n");
    bytes.extend(vec![b'y'; 100 * 1024]);
    bytes.extend_from_slice(b"\r\n");
    bytes.extend(record("conversion", "after", b"found again"));
    let out = read_bytes(bytes);
    assert_eq!(
        out.len(),
        2,
        "{:?}",
        out.iter().map(|r| r.is_ok()).collect::<Vec<_>>()
    );
    assert!(out[0].is_err());
    assert_eq!(out[1].as_ref().unwrap().text, "found again");
}
