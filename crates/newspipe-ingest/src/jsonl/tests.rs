use super::*;
use std::io::{BufReader, Cursor};

fn read_all(input: &str) -> Vec<Result<Document, RecordError>> {
    let reader: ByteStream = Box::new(BufReader::new(Cursor::new(input.as_bytes().to_vec())));
    JsonlRecords::new(reader, "in.jsonl".into(), LineRange::whole()).collect()
}

#[test]
fn fields_are_mapped_and_the_rest_kept_in_order() {
    let out = read_all(
        "{\"topic\":\"business\",\"id\":\"a1\",\"text\":\"Line one.\\nLine two.\",\"title\":\"T\",\"url\":\"https://x.org/a\",\"published\":\"2025-01-02\",\"tags\":[1, 2],\"n\":3.50}\n",
    );
    let doc = out[0].as_ref().unwrap();
    assert_eq!(doc.id, "a1");
    assert_eq!(doc.text, "Line one.\nLine two.");
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(doc.meta.title.as_deref(), Some("T"));
    assert_eq!(doc.meta.url.as_deref(), Some("https://x.org/a"));
    assert_eq!(doc.meta.published.as_deref(), Some("2025-01-02"));
    let fields: Vec<(&str, &str)> = doc
        .source
        .fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("topic", "\"business\""), ("tags", "[1, 2]"), ("n", "3.50")]
    );
    assert_eq!((doc.source.record, doc.source.offset), (0, Some(0)));
}

#[test]
fn numeric_ids_fallback_ids_and_html() {
    let out =
        read_all("{\"id\": 42, \"text\": \"x\"}\n\n{\"html\": \"<p>Hello <b>there</b>.</p>\"}\n");
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].as_ref().unwrap().id, "42");
    let doc = out[1].as_ref().unwrap();
    assert_eq!(doc.id, "in.jsonl#2");
    assert_eq!(doc.source.record, 2);
    assert_eq!(doc.text, "Hello there.");
    assert!(doc.raw.starts_with("<p>"));
}

#[test]
fn bad_lines_become_error_records_and_reading_goes_on() {
    let out = read_all("{\"id\":\"a\",\"text\":\"ok\"}\n{not json\n[1,2]\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":7}\n{\"text\":\"last\"}\n");
    assert_eq!(out.len(), 6);
    let err = out[1].as_ref().unwrap_err();
    assert_eq!(err.id, "in.jsonl#1");
    assert_eq!(
        err.message,
        "invalid JSON at column 2: key must be a string"
    );
    assert!(out[2]
        .as_ref()
        .unwrap_err()
        .message
        .contains("a JSON object"));
    let err = out[3].as_ref().unwrap_err();
    assert_eq!(err.id, "b");
    assert!(err.message.contains("neither"), "{}", err.message);
    assert!(out[4]
        .as_ref()
        .unwrap_err()
        .message
        .contains("`text` is not a string"));
    assert_eq!(out[5].as_ref().unwrap().text, "last");
}

#[test]
fn invalid_utf8_is_replaced_and_noted() {
    let mut bytes = b"{\"text\":\"caf".to_vec();
    bytes.extend_from_slice(b"\xe9\"}\n");
    let reader: ByteStream = Box::new(Cursor::new(bytes));
    let out: Vec<_> = JsonlRecords::new(reader, "x".into(), LineRange::whole()).collect();
    let doc = out[0].as_ref().unwrap();
    assert_eq!(doc.text, "caf\u{FFFD}");
    assert_eq!(doc.diagnostics.len(), 1);
    assert!(doc.diagnostics[0].message.contains("1 invalid UTF-8 byte"));
}

#[test]
fn empty_and_blank_inputs_say_so() {
    let out = read_all("");
    assert_eq!(out[0].as_ref().unwrap_err().message, "empty file");
    let out = read_all("\n  \n");
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("only blank lines"));
}

#[test]
fn overlong_line_is_one_error_and_the_next_line_is_read() {
    let input = format!(
        "{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n",
        "x".repeat(100)
    );
    let reader: ByteStream = Box::new(Cursor::new(input.into_bytes()));
    let out: Vec<_> = JsonlRecords::new(reader, "x".into(), LineRange::whole())
        .with_max_line(50)
        .collect();
    assert_eq!(out.len(), 2);
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("longer than the 50 byte limit"));
    assert_eq!(out[1].as_ref().unwrap().text, "short");
}

#[test]
fn bom_on_first_line_is_ignored() {
    let out = read_all("\u{feff}{\"text\":\"a\"}\n");
    assert_eq!(out[0].as_ref().unwrap().text, "a");
}

#[test]
fn round_robin_keeps_every_nth_line() {
    let input = "{\"text\":\"0\"}\n{\"text\":\"1\"}\n\n{\"text\":\"3\"}\n{\"text\":\"4\"}\n";
    let shard_texts = |index| -> Vec<String> {
        let reader: ByteStream = Box::new(Cursor::new(input.as_bytes().to_vec()));
        let range = LineRange {
            round_robin: Some(Shard { index, count: 2 }),
            whole_file: false,
            ..LineRange::whole()
        };
        JsonlRecords::new(reader, "-".into(), range)
            .map(|r| r.unwrap().text)
            .collect()
    };
    assert_eq!(shard_texts(0), ["0", "4"]);
    assert_eq!(shard_texts(1), ["1", "3"]);
}

#[test]
fn text_wins_over_html_and_repeated_fields_are_kept_in_place() {
    let out = read_all(
        "{\"a\":1,\"html\":\"<p>x</p>\",\"b\":2,\"text\":\"plain\",\"text\":\"again\",\"id\":\"i\",\"id\":\"j\"}\n",
    );
    let doc = out[0].as_ref().unwrap();
    assert_eq!((doc.id.as_str(), doc.text.as_str()), ("i", "plain"));
    let names: Vec<(&str, &str)> = doc
        .source
        .fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("a", "1"),
            ("html", "\"<p>x</p>\""),
            ("b", "2"),
            ("text", "\"again\""),
            ("id", "\"j\"")
        ]
    );
}

#[test]
fn non_string_bodies_of_every_kind_are_rejected_cleanly() {
    for value in ["7", "true", "[1,{\"a\":2}]", "{\"x\":[1]}", "-1.5e3"] {
        let out = read_all(&format!("{{\"text\":{value},\"id\":\"n\"}}\n"));
        let err = out[0].as_ref().unwrap_err();
        assert!(
            err.message.contains("`text` is not a string"),
            "{value}: {}",
            err.message
        );
    }
    let out = read_all("{\"text\":null,\"html\":\"<p>from html</p>\"}\n");
    assert_eq!(out[0].as_ref().unwrap().text, "from html");
}

#[test]
fn meta_from_top_level_fields_and_a_meta_object() {
    let out = read_all(concat!(
        r#"{"text":"x","title":"Top","authors":"A. Writer","meta":{"title":"Nested","#,
        r#""subtitle":"Sub","published":"2025-01-02","authors":["N. One"],"url":null,"#,
        r#""site":"Example","language":"en"},"source":{"path":"a"}}"#,
        "\n",
        r#"{"text":"y","authors":["B","C"],"meta":"not an object","site":7}"#,
        "\n",
        r#"{"text":"z","meta":{"title":"Only a title"}}"#,
        "\n"
    ));
    let doc = out[0].as_ref().unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("Top"));
    assert_eq!(doc.meta.subtitle.as_deref(), Some("Sub"));
    assert_eq!(doc.meta.published.as_deref(), Some("2025-01-02"));
    assert_eq!(doc.meta.authors, ["A. Writer"]);
    assert_eq!(doc.meta.site.as_deref(), Some("Example"));
    assert_eq!(doc.meta.language.as_deref(), Some("en"));
    assert_eq!(
        doc.source.fields,
        [("source".to_string(), r#"{"path":"a"}"#.to_string())]
    );
    let doc = out[1].as_ref().unwrap();
    assert_eq!(doc.meta.authors, ["B", "C"]);
    let kept: Vec<&str> = doc.source.fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(kept, ["meta", "site"]);
    let doc = out[2].as_ref().unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("Only a title"));
    assert!(doc.source.fields.is_empty());
}
