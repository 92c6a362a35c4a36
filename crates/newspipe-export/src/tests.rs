use super::*;
use newspipe_model::{
    Block, BlockVerdict, Entity, EntityLabel, Method, Paragraph, ParagraphKind, Source,
};
use serde_json::Value;

/// A document with multi-byte characters before, inside and after its spans.
fn sample() -> Document {
    let text =
        "Kremlin “rejects” claims\n\nPeskov said on Monday: “No.” Café owners in Zürich agreed.";
    let mut source = Source::new("pages/a.jsonl", "jsonl", 2);
    source.offset = Some(120);
    source.fields = vec![
        ("topic".into(), "\"politics\"".into()),
        ("tags".into(), "[1, 2]".into()),
        ("broken".into(), "{not json".into()),
    ];
    source.headers = vec![
        ("WARC-Type".into(), "response".into()),
        ("Set-Cookie".into(), "a=1".into()),
        ("Set-Cookie".into(), "b=2".into()),
    ];
    let mut doc = Document::from_text("a-2", source, text);
    let find = |s: &str| {
        let start = text.find(s).unwrap();
        Span::new(start, start + s.len())
    };
    let title = find("Kremlin “rejects” claims");
    let body = Span::new(find("Peskov").start, text.len());
    doc.paragraphs = vec![
        Paragraph {
            span: title,
            kind: ParagraphKind::Title,
            blocks: 0..1,
        },
        Paragraph {
            span: body,
            kind: ParagraphKind::Body,
            blocks: 1..2,
        },
    ];
    doc.sentences = vec![
        title,
        find("Peskov said on Monday: “No.”"),
        find("Café owners in Zürich agreed."),
    ];
    let mut tokens = Vec::new();
    for s in &doc.sentences {
        let sentence = &text[s.range()];
        for w in sentence.split_whitespace() {
            let start = s.start + (w.as_ptr() as usize - sentence.as_ptr() as usize);
            tokens.push(Span::new(start, start + w.len()));
        }
    }
    doc.tokens = tokens;
    let entity = |s: &str, label, canonical: Option<&str>, value: Option<&str>| Entity {
        span: find(s),
        label,
        canonical: canonical.map(String::from),
        value: value.map(String::from),
        method: Method::Rule,
    };
    doc.entities = vec![
        entity("Kremlin", EntityLabel::Org, None, None),
        entity("Peskov", EntityLabel::Person, Some("Dmitry Peskov"), None),
        entity("Monday", EntityLabel::Date, None, Some("2025-09-15")),
        entity("Café owners", EntityLabel::Norp, None, None),
        entity("Zürich", EntityLabel::Gpe, None, None),
    ];
    doc.quotes = vec![newspipe_model::Quote {
        span: find("“No.”"),
        speaker: Some("Dmitry Peskov".into()),
    }];
    doc.meta.title = Some("Kremlin “rejects” claims".into());
    doc.meta.authors = vec!["A. Writer".into()];
    doc.warn("cleanup", "no dateline found");
    doc.blocks = vec![
        Block {
            verdict: Some(BlockVerdict::Title),
            ..Block::new(title_text(text), Span::new(0, 26))
        },
        Block {
            verdict: Some(BlockVerdict::boilerplate("share buttons")),
            ..Block::new("Share\ton X", Span::new(0, 0))
        },
        Block::new("unjudged", Span::new(0, 0)),
    ];
    doc
}

fn title_text(text: &str) -> &str {
    text.lines().next().unwrap()
}

fn export(doc: &Document, format: Format, options: ExportOptions) -> String {
    let mut out = Vec::new();
    let mut exporter = Exporter::new(format, options);
    exporter.write_header(&mut out).unwrap();
    exporter.write_document(&mut out, doc).unwrap();
    String::from_utf8(out).unwrap()
}

/// Python-style slicing by code points.
fn slice(text: &str, start: &Value, end: &Value) -> String {
    let (s, e) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    text.chars().skip(s).take(e - s).collect()
}

#[test]
fn jsonl_record_has_the_contract_keys_in_order() {
    let doc = sample();
    let line = export(&doc, Format::Jsonl, ExportOptions::default());
    assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
    let v: Value = serde_json::from_str(&line).unwrap();
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    let mut expected = [
        "id",
        "source",
        "meta",
        "text",
        "paragraphs",
        "sentences",
        "entities",
        "quotes",
        "diagnostics",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "no tokens without the option");
    assert!(line.starts_with("{\"id\":\"a-2\",\"source\":{\"path\":\"pages/a.jsonl\""));
    let meta = &v["meta"];
    for key in [
        "title",
        "subtitle",
        "published",
        "authors",
        "url",
        "site",
        "language",
    ] {
        assert!(meta.get(key).is_some(), "meta.{key}");
    }
    assert_eq!(meta["subtitle"], Value::Null);
    assert_eq!(meta["authors"][0], "A. Writer");
    assert_eq!(v["diagnostics"][0]["level"], "warning");
    assert_eq!(v["paragraphs"][0]["kind"], "title");
}

#[test]
fn jsonl_offsets_are_code_points_that_slice_the_text() {
    let doc = sample();
    let options = ExportOptions { tokens: true };
    let v: Value = serde_json::from_str(&export(&doc, Format::Jsonl, options)).unwrap();
    let text = v["text"].as_str().unwrap();
    assert_eq!(text, doc.text);
    for e in v["entities"].as_array().unwrap() {
        assert_eq!(
            slice(text, &e["start"], &e["end"]),
            e["text"].as_str().unwrap()
        );
    }
    assert_eq!(v["entities"][4]["text"], "Zürich");
    assert_eq!(v["entities"][1]["canonical"], "Dmitry Peskov");
    assert_eq!(v["entities"][2]["value"], "2025-09-15");
    assert_eq!(v["entities"][2]["method"], "rule");
    let sentences: Vec<String> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| slice(text, &s["start"], &s["end"]))
        .collect();
    assert_eq!(sentences[1], "Peskov said on Monday: “No.”");
    let quote = &v["quotes"][0];
    assert_eq!(slice(text, &quote["start"], &quote["end"]), "“No.”");
    assert_eq!(quote["text"], "“No.”");
    assert_eq!(quote["speaker"], "Dmitry Peskov");
    let tokens = v["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), doc.tokens.len());
    assert_eq!(
        slice(text, &tokens[1]["start"], &tokens[1]["end"]),
        "“rejects”"
    );
}

#[test]
fn jsonl_source_carries_offset_headers_and_fields() {
    let v: Value =
        serde_json::from_str(&export(&sample(), Format::Jsonl, ExportOptions::default())).unwrap();
    let source = &v["source"];
    assert_eq!(source["format"], "jsonl");
    assert_eq!(source["record"], 2);
    assert_eq!(source["offset"], 120);
    assert_eq!(source["fields"]["topic"], "politics");
    assert_eq!(source["fields"]["tags"], serde_json::json!([1, 2]));
    assert_eq!(
        source["fields"]["broken"], "{not json",
        "invalid raw JSON kept as a string"
    );
    assert_eq!(source["headers"]["WARC-Type"], "response");
    assert_eq!(source["headers"]["Set-Cookie"], "a=1, b=2");

    let plain = Document::from_text("x", Source::new("x.txt", "txt", 0), "");
    let v: Value =
        serde_json::from_str(&export(&plain, Format::Jsonl, ExportOptions::default())).unwrap();
    let keys: Vec<_> = v["source"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys.len(),
        3,
        "no offset/headers/fields when absent: {keys:?}"
    );
}

#[test]
fn error_records_in_each_format() {
    let source = Source::new("bad\n.txt", "txt", 0);
    let record = ErrorRecord {
        id: "bad",
        source: &source,
        stage: "cleanup",
        message: "panicked: \"boom\"\nat x",
    };
    let mut out = Vec::new();
    write_error(&mut out, &record, Format::Jsonl).unwrap();
    let line = String::from_utf8(out).unwrap();
    assert_eq!(line.matches('\n').count(), 1);
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["error"]["stage"], "cleanup");
    assert_eq!(v["error"]["message"], "panicked: \"boom\"\nat x");
    assert_eq!(v["source"]["path"], "bad\n.txt");
    assert_eq!(v.as_object().unwrap().len(), 3);

    for format in [Format::Text, Format::Conll, Format::Explain] {
        let mut out = Vec::new();
        write_error(&mut out, &record, format).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# id = bad\n# error = cleanup: panicked: \"boom\" at x\n\n"
        );
    }
    let mut out = Vec::new();
    write_error(&mut out, &record, Format::EntitiesCsv).unwrap();
    assert!(out.is_empty());

    let mut out = Vec::new();
    write_error(&mut out, &record, Format::Html).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<article>\n<p class=\"id\">bad · bad\n.txt</p>\n<p class=\"error\">not processed: \
         cleanup: panicked: \"boom\"\nat x</p>\n</article>\n"
    );
}

#[test]
fn text_format_writes_id_then_text_then_blank_line() {
    let doc = sample();
    let out = export(&doc, Format::Text, ExportOptions::default());
    assert_eq!(out, format!("# id = a-2\n{}\n\n", doc.text));
    let empty = Document::from_text("e", Source::default(), "\n");
    assert_eq!(
        export(&empty, Format::Text, ExportOptions::default()),
        "# id = e\n\n"
    );
}

#[test]
fn entities_csv_has_a_header_and_quoted_rows() {
    let mut doc = sample();
    doc.id = "a,2".into();
    let out = export(&doc, Format::EntitiesCsv, ExportOptions::default());
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines[0], "id,start,end,label,text,canonical,value,method");
    assert_eq!(lines.len(), 1 + doc.entities.len());
    assert_eq!(lines[1], "\"a,2\",0,7,ORG,Kremlin,,,rule");
    assert_eq!(lines[2], "\"a,2\",26,32,PERSON,Peskov,Dmitry Peskov,,rule");
    assert!(lines[5].ends_with(",GPE,Zürich,,,rule"), "{}", lines[5]);
}

#[test]
fn conll_tags_tokens_with_bio_and_splits_sentences() {
    let doc = sample();
    let out = export(&doc, Format::Conll, ExportOptions::default());
    let mut blocks = out.trim_end().split("\n\n");
    let first: Vec<_> = blocks.next().unwrap().lines().collect();
    assert_eq!(first[0], "# id = a-2");
    assert_eq!(first[1], "Kremlin\tB-ORG");
    assert_eq!(first[2], "“rejects”\tO");
    let second = blocks.next().unwrap();
    assert!(
        second.starts_with("Peskov\tB-PERSON\nsaid\tO\non\tO\nMonday:\tB-DATE\n"),
        "{second}"
    );
    let third = blocks.next().unwrap();
    assert!(
        third.starts_with("Café\tB-NORP\nowners\tI-NORP\nin\tO\nZürich\tB-GPE\n"),
        "{third}"
    );
    assert!(blocks.next().is_none());
    assert!(out.ends_with("\n\n"));

    let mut bare = Document::from_text("b", Source::default(), "no  tokens here");
    bare.tokens.clear();
    assert_eq!(
        export(&bare, Format::Conll, ExportOptions::default()),
        "# id = b\nno\tO\ntokens\tO\nhere\tO\n\n"
    );
}

#[test]
fn explain_lists_every_block_with_verdict_and_reason() {
    let out = export(&sample(), Format::Explain, ExportOptions::default());
    let lines: Vec<_> = out.trim_end().lines().collect();
    assert_eq!(lines[0], "# id = a-2");
    assert_eq!(lines[1], "title\t-\tKremlin “rejects” claims");
    assert_eq!(lines[2], "boilerplate\tshare buttons\tShare\\ton X");
    assert_eq!(lines[3], "unclassified\t-\tunjudged");
    assert_eq!(lines.len(), 4);
    assert!(out.ends_with("\n\n"));
}

#[test]
fn html_view_marks_entities_and_lists_what_was_left_out() {
    let mut doc = sample();
    doc.meta.url = Some("https://example.com/a?b=1&c=2".into());
    doc.diagnostics.clear();
    doc.diagnostics.push(newspipe_model::Diagnostic {
        stage: "cleanup".into(),
        level: newspipe_model::Level::Error,
        message: "a <b>bold</b> message".into(),
    });
    let mut exporter = Exporter::new(Format::Html, ExportOptions::default());
    let mut out = Vec::new();
    exporter.write_header(&mut out).unwrap();
    exporter.write_document(&mut out, &doc).unwrap();
    exporter.write_footer(&mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n") && page.ends_with("</html>\n"));
    let article = &page[page.find("<article>").unwrap()..];
    for expected in [
        "<p class=\"id\">a-2 · pages/a.jsonl</p>",
        "by A. Writer · <a href=\"https://example.com/a?b=1&amp;c=2\">",
        "<h2><mark data-label=\"ORG\" title=\"ORG (rule)\">Kremlin</mark> “rejects” claims</h2>",
        "<p><mark data-label=\"PERSON\" title=\"PERSON → Dmitry Peskov (rule)\">Peskov</mark> said on \
         <mark data-label=\"DATE\" title=\"DATE = 2025-09-15 (rule)\">Monday</mark>: “No.” \
         <mark data-label=\"NORP\" title=\"NORP (rule)\">Café owners</mark> in \
         <mark data-label=\"GPE\" title=\"GPE (rule)\">Zürich</mark> agreed.</p>",
        "<ul class=\"quotes\">\n<li><b>Dmitry Peskov</b>: “No.”</li>\n</ul>",
        "<li>cleanup error: a &lt;b&gt;bold&lt;/b&gt; message</li>",
        "<summary>1 raw blocks left out of the text</summary>",
        "<li><span class=\"reason\">boilerplate: share buttons</span> Share\ton X</li>",
    ] {
        assert!(article.contains(expected), "{expected}\nin\n{article}");
    }
    assert!(
        !article.contains("unjudged"),
        "unclassified blocks are not listed"
    );
    assert_eq!(
        page.matches("<mark").count(),
        page.matches("</mark>").count()
    );
}

#[test]
fn formats_parse_from_their_names() {
    for &f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert!("xml"
        .parse::<Format>()
        .unwrap_err()
        .contains("entities-csv"));
    assert!(Format::Conll.needs_tokens() && !Format::Jsonl.needs_tokens());
}

#[test]
fn check_spans_rejects_bad_spans() {
    let mut doc = sample();
    assert_eq!(check_spans(&doc), Ok(()));
    let z = doc.text.find('ü').unwrap();
    doc.entities[4].span = Span::new(z + 1, z + 3);
    let err = check_spans(&doc).unwrap_err();
    assert_eq!((err.list, err.index), ("entities", 4));
    doc.entities.clear();
    doc.sentences.push(Span { start: 5, end: 2 });
    assert_eq!(check_spans(&doc).unwrap_err().list, "sentences");
    doc.sentences.clear();
    doc.tokens.push(Span::new(0, doc.text.len() + 1));
    assert!(check_spans(&doc)
        .unwrap_err()
        .to_string()
        .contains("tokens["));
}
