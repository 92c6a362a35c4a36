//! End-to-end tests of `newspipe run`: structure of the output, error records, determinism,
//! sharding, stage selection, formats, the output file and the statistics. They check the
//! contract, not the quality of the stages.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn the_bundled_sample_runs_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = newspipe(&[
        "run",
        "examples/pages",
        "-o",
        out_path.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "--quiet prints nothing"
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    let docs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), sample_records());
    for doc in &docs {
        assert!(
            check_record(doc, false),
            "sample records are documents: {doc}"
        );
        assert!(!doc["text"].as_str().unwrap().is_empty());
    }
    let formats: Vec<_> = docs
        .iter()
        .map(|d| d["source"]["format"].as_str().unwrap())
        .collect();
    for f in ["txt", "html", "jsonl"] {
        assert!(
            formats.contains(&f),
            "the sample has a {f} page: {formats:?}"
        );
    }
}

#[test]
fn bad_inputs_give_one_record_each_and_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    // A 50 MB page on a single line, made here (never committed).
    let huge = dir.path().join("huge-single-line.txt");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&huge).unwrap());
    let sentence = b"The council met on Monday and approved the budget for the harbour. ";
    for _ in 0..(50 << 20) / sentence.len() {
        file.write_all(sentence).unwrap();
    }
    drop(file);
    let bad = fixture("bad");
    // Only `segment` here: tests run a debug build, where cleanup + entities on a 50 MB page take
    // minutes. The small bad inputs go through every stage in `stats_counts_add_up`.
    let out = newspipe(&[
        "run",
        bad.to_str().unwrap(),
        huge.to_str().unwrap(),
        "--quiet",
        "--stages",
        "segment",
    ]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let records = records(&out);
    let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
    for r in &records {
        check_record(r, false);
        let path = r["source"]["path"].as_str().unwrap();
        let name = path.rsplit('/').next().unwrap().to_string();
        *per_file.entry(name).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("binary.txt", 1),
        ("empty.txt", 1),
        ("huge-single-line.txt", 1),
        ("invalid-utf8.txt", 1),
        ("malformed.jsonl", 3),
        ("truncated.txt.gz", 1),
    ]
    .into_iter()
    .map(|(n, c)| (n.to_string(), c))
    .collect();
    assert_eq!(per_file, expected);

    let by_id = |id: &str| {
        records
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no record {id}"))
    };
    assert!(check_record(by_id("good-1"), false));
    assert!(check_record(by_id("good-2"), false));
    let malformed: Vec<_> = records
        .iter()
        .filter(|r| {
            r["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("malformed.jsonl")
        })
        .collect();
    assert_eq!(malformed[1]["error"]["stage"], "ingest");
    assert_eq!(malformed[1]["source"]["record"], 1);
    for name in ["binary.txt", "empty.txt"] {
        let r = records
            .iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert!(r.get("error").is_some(), "{name} is an error record: {r}");
    }
    let invalid = records
        .iter()
        .find(|r| {
            r["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("invalid-utf8.txt")
        })
        .unwrap();
    if check_record(invalid, false) {
        assert!(
            !invalid["diagnostics"].as_array().unwrap().is_empty(),
            "replaced bytes are noted"
        );
    }
    let huge_record = records
        .iter()
        .find(|r| {
            r["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("huge-single-line.txt")
        })
        .unwrap();
    assert!(
        check_record(huge_record, false),
        "a 50 MB line is a document"
    );
    assert_eq!(
        huge_record["text"].as_str().unwrap().len(),
        (50 << 20) / sentence.len() * sentence.len()
    );
}

#[test]
fn output_is_identical_for_one_and_two_threads() {
    let run = |threads: &str| {
        let out = run_samples(&[
            "--threads",
            threads,
            "--quiet",
            "--tokens",
            "--batch-documents",
            "3",
        ]);
        assert!(code(&out) <= 1, "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(
        one.iter().filter(|&&b| b == b'\n').count(),
        sample_records() + 48
    );
}

#[test]
fn shards_partition_the_input() {
    let multi = fixture("multi.jsonl");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "run",
            "examples/pages",
            multi.to_str().unwrap(),
            "--quiet",
            "--stages",
            "segment",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = newspipe(&refs);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        stdout(&out)
    };
    let whole = run(args(&[]));
    let whole_ids: Vec<String> = whole
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    for n in [2, 3] {
        let mut joined = String::new();
        let mut ids = Vec::new();
        for k in 0..n {
            let part = run(args(&["--shard", &format!("{k}/{n}")]));
            assert!(
                part.lines().count() < whole.lines().count(),
                "shard {k}/{n} is a strict part"
            );
            ids.extend(
                part.lines()
                    .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string()),
            );
            joined.push_str(&part);
        }
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "no record in two shards of {n}");
        assert_eq!(
            joined, whole,
            "the {n} shards in order are the whole output"
        );
    }
    assert_eq!(whole_ids.len(), sample_records() + 48);
}

#[test]
fn shard_auto_reads_slurm_and_kubernetes_variables() {
    let multi = fixture("multi.jsonl");
    let run = |vars: &[(&str, &str)], shard: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newspipe"));
        cmd.args([
            "run",
            multi.to_str().unwrap(),
            "--quiet",
            "--stages",
            "none",
            "--shard",
            shard,
        ]);
        for var in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_COUNT",
            "JOB_COMPLETION_INDEX",
            "NEWSPIPE_SHARD_COUNT",
        ] {
            cmd.env_remove(var);
        }
        cmd.envs(vars.iter().copied());
        cmd.output().unwrap()
    };
    let explicit = newspipe(&[
        "run",
        multi.to_str().unwrap(),
        "--quiet",
        "--stages",
        "none",
        "--shard",
        "1/3",
    ]);
    let slurm = run(
        &[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
        "auto",
    );
    let k8s = run(&[("JOB_COMPLETION_INDEX", "1")], "auto/3");
    assert_eq!(code(&explicit), 0);
    assert!(!explicit.stdout.is_empty());
    assert_eq!(slurm.stdout, explicit.stdout);
    assert_eq!(k8s.stdout, explicit.stdout);
    let missing = run(&[], "auto");
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("SLURM_ARRAY_TASK_ID"));
}

#[test]
fn segment_and_entities_run_on_clean_jsonl_text() {
    let multi = fixture("multi.jsonl");
    let out = newspipe(&[
        "run",
        multi.to_str().unwrap(),
        "--stages",
        "segment,entities",
        "--quiet",
    ]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let input: Vec<Value> = std::fs::read_to_string(&multi)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let output = records(&out);
    assert_eq!(output.len(), input.len());
    for (i, o) in input.iter().zip(&output) {
        assert!(check_record(o, false));
        assert_eq!(o["id"], i["id"]);
        assert_eq!(
            o["text"], i["text"],
            "without cleanup the text is the input text"
        );
        assert!(
            !o["sentences"].as_array().unwrap().is_empty(),
            "segment ran: {}",
            o["id"]
        );
    }

    let none = records(&newspipe(&[
        "run",
        multi.to_str().unwrap(),
        "--stages",
        "none",
        "--quiet",
    ]));
    for o in &none {
        assert!(
            o["sentences"].as_array().unwrap().is_empty()
                && o["entities"].as_array().unwrap().is_empty()
        );
    }
}

#[test]
fn every_format_writes_every_document() {
    let run = |format: &str| {
        let out = run_samples(&["--format", format, "--quiet"]);
        assert_eq!(
            code(&out),
            0,
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let docs = sample_records() + 48;
    let ids: Vec<String> = records(&run_samples(&["--quiet", "--stages", "none"]))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();

    let text = run("text");
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("# id = ")).collect();
    assert_eq!(headers.len(), docs);
    assert_eq!(headers[0], format!("# id = {}", ids[0]));
    assert!(text.ends_with("\n\n"));

    let csv = run("entities-csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,start,end,label,text,canonical,value,method")
    );
    for row in lines {
        let (id, rest) = row.split_once(',').unwrap();
        assert!(ids.iter().any(|i| i == id), "row of a known id: {row}");
        let fields: Vec<&str> = rest.splitn(4, ',').collect();
        let (start, end): (usize, usize) = (fields[0].parse().unwrap(), fields[1].parse().unwrap());
        assert!(start < end, "{row}");
        assert!(
            fields[2]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_'),
            "label: {row}"
        );
    }

    let conll = run("conll");
    assert_eq!(
        conll.lines().filter(|l| l.starts_with("# id = ")).count(),
        docs
    );
    let mut previous = String::from("O");
    let mut tokens = 0;
    for line in conll.lines() {
        if line.is_empty() || line.starts_with("# ") {
            previous = "O".into();
            continue;
        }
        let (token, tag) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("token<TAB>tag: {line:?}"));
        assert!(!token.is_empty() && !token.contains(char::is_whitespace) && !tag.contains('\t'));
        if let Some(label) = tag.strip_prefix("I-") {
            assert!(previous.ends_with(label), "I-{label} after {previous}");
        } else {
            assert!(tag == "O" || tag.starts_with("B-"), "tag {tag}");
        }
        previous = tag.to_string();
        tokens += 1;
    }
    assert!(tokens > 1000);

    let explain = run("explain");
    assert_eq!(
        explain.lines().filter(|l| l.starts_with("# id = ")).count(),
        docs
    );
    let verdicts = [
        "title",
        "standfirst",
        "body",
        "subheading",
        "dateline",
        "byline",
        "caption",
        "boilerplate",
        "unclassified",
    ];
    let mut blocks = 0;
    for line in explain
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
    {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 3, "verdict<TAB>reason<TAB>text: {line:?}");
        assert!(verdicts.contains(&cells[0]), "verdict {}", cells[0]);
        blocks += 1;
    }
    assert!(blocks >= sample_records(), "every page explains its blocks");
}

#[test]
fn stdin_jsonl_in_jsonl_out() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newspipe"))
        .args(["run", "-", "--quiet", "--tokens"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::read(fixture("multi.jsonl")).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0);
    let records = records(&out);
    assert_eq!(records.len(), 48);
    for r in &records {
        assert!(check_record(r, true));
    }
}

#[test]
fn the_output_file_appears_only_when_the_run_completes() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newspipe"))
        .args(["run", "-", "--quiet", "-o", out_path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": \"a\", \"text\": \"First record.\"}\n")
        .unwrap();
    let entries = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let started = Instant::now();
    while entries().is_empty() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let during = entries();
    assert_eq!(during.len(), 1, "{during:?}");
    assert!(
        during[0].starts_with(".out.jsonl.") && during[0].ends_with(".tmp"),
        "{during:?}"
    );
    // Interrupt the run: no file named out.jsonl may exist.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out_path.exists());

    let complete = newspipe(&[
        "run",
        "examples/pages",
        "-o",
        out_path.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(code(&complete), 0);
    let after: Vec<String> = entries()
        .into_iter()
        .filter(|n| !n.starts_with(".out.jsonl."))
        .collect();
    assert_eq!(after, ["out.jsonl"]);
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap().lines().count(),
        sample_records()
    );
}

#[test]
fn a_failed_run_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = newspipe(&["run", "no/such/input.txt", "-o", out_path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/input.txt"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn stats_counts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let stats_path = dir.path().join("stats.json");
    let multi = fixture("multi.jsonl");
    let bad = fixture("bad");
    let out = newspipe(&[
        "run",
        "examples/pages",
        multi.to_str().unwrap(),
        bad.to_str().unwrap(),
        "-o",
        "-",
        "--stats",
        stats_path.to_str().unwrap(),
        "--threads",
        "2",
        "--batch-documents",
        "5",
    ]);
    assert_eq!(code(&out), 1);
    let lines = stdout(&out).lines().count() as u64;
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
    let n = |key: &str| {
        stats[key]
            .as_u64()
            .unwrap_or_else(|| panic!("{key} in {stats}"))
    };
    assert_eq!(n("documents_in"), lines);
    assert_eq!(
        n("documents_in"),
        n("documents_written") + n("documents_failed")
    );
    assert!(n("documents_failed") >= 4);
    let failed_by_stage: u64 = stats["failed_by_stage"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(failed_by_stage, n("documents_failed"));
    let stages: Vec<&str> = stats["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        ["ingest", "cleanup", "segment", "entities", "export"]
    );
    assert_eq!(
        stats["stages"][0]["documents"].as_u64(),
        Some(n("documents_in"))
    );
    assert_eq!(
        stats["stages"][4]["documents"].as_u64(),
        Some(n("documents_written"))
    );
    assert_eq!(n("bytes_out"), out.stdout.len() as u64);
    assert!(stats["wall_seconds"].as_f64().unwrap() > 0.0);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains(&format!("{} documents in", n("documents_in"))),
        "{summary}"
    );
}

#[test]
fn usage_errors_exit_with_2_and_help_states_the_exit_codes() {
    for args in [
        &["run", "examples/pages", "--stages", "cleanup,sentiment"][..],
        &["run", "examples/pages", "--shard", "2/2"],
        &["run", "examples/pages", "--format", "xml"],
        &["run", "examples/pages", "--threads", "0"],
        &["run"],
    ] {
        let out = newspipe(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty());
    }
    let help = stdout(&newspipe(&["run", "--help"]));
    assert!(
        help.contains("Exit status") && help.contains("1  the run completed, and some records")
    );
}
