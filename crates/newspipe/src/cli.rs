//! `newspipe run`: the command line of the pipeline, wired to the engine.

use anyhow::{anyhow, Context};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use newspipe::engine::{self, EngineConfig, EngineError};
use newspipe::output::Output;
use newspipe::shard;
use newspipe::stages::{self, StageList};
use newspipe::stats::RunStats;
use newspipe_export::{ExportOptions, Format};
use newspipe_ingest::{ReadOptions, Shard};
use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

/// Text shown after the options of `newspipe run --help`.
pub const RUN_AFTER_HELP: &str = "\
Every input record yields exactly one output record: the document, or an error record
{\"id\", \"source\", \"error\": {\"stage\", \"message\"}} when a stage failed on it.

Sharding: --shard K/N takes share K (0-based) of N, a deterministic split of the input records;
the N shards together are the whole input, without overlap. --shard auto reads a Slurm array job
(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) or a Kubernetes indexed
job (JOB_COMPLETION_INDEX of NEWSPIPE_SHARD_COUNT); --shard auto/N gives the count explicitly.

Exit status:
  0  every record was processed and written as a document
  1  the run completed, and some records were written as error records
  2  usage error, or the run could not complete (missing input, unwritable output);
     an output file (-o FILE) is then not created: it is written under a temporary name
     and renamed only at the end of a complete run";

/// Options of `newspipe run`.
#[derive(Debug, clap::Args)]
#[command(after_help = RUN_AFTER_HELP)]
pub struct RunArgs {
    /// Input files or directories (searched recursively, in sorted order); `-` reads JSON Lines
    /// from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file, or `-` for standard output (the default).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_name = "F", default_value = "jsonl", value_parser = format_parser())]
    pub format: Format,
    /// Stages to run, comma-separated, any subset of cleanup,segment,entities (run in pipeline
    /// order); `none` runs none (ingest and export only).
    #[arg(long, value_name = "LIST", default_value = "cleanup,segment,entities")]
    pub stages: StageList,
    /// Worker threads [default: the number of CPUs].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Process only share K (0-based) of N of the input records: K/N, auto or auto/N.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Write the run's statistics as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// No progress line and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Include the `tokens` list in JSON Lines records.
    #[arg(long)]
    pub tokens: bool,
    /// Records per batch (the unit of parallel work; tests use small batches).
    #[arg(long, value_name = "N", hide = true, default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_documents: u32,
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.iter().map(|f| f.name())).map(|name| {
        name.parse::<Format>()
            .expect("a possible value is a format name")
    })
}

fn parse_shard(spec: &str) -> Result<Shard, String> {
    shard::parse(spec, |name| std::env::var(name).ok())
}

/// The `--stats` file: the run's statistics and what was run.
#[derive(serde::Serialize)]
struct StatsFile<'a> {
    #[serde(flatten)]
    stats: &'a RunStats,
    failed_by_stage: BTreeMap<&'a str, u64>,
    format: &'static str,
    stages_run: String,
}

/// Runs the pipeline; returns the exit code (0 or 1), or an error for exit code 2.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let inputs = newspipe_ingest::discover(&args.inputs)
        .map_err(|e| anyhow!("{}: {}", e.path.display(), e.message))?;
    let stages = stages::build(&args.stages, args.tokens || args.format.needs_tokens());
    #[allow(clippy::needless_update)] // ReadOptions may grow new fields with defaults
    let read_options = ReadOptions {
        shard: args.shard,
        ..ReadOptions::default()
    };
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let config = EngineConfig {
        threads,
        format: args.format,
        export: ExportOptions {
            tokens: args.tokens,
        },
        progress: !args.quiet,
        batch_documents: args.batch_documents as usize,
        ..EngineConfig::default()
    };
    let mut output = Output::open(args.output.as_deref()).with_context(|| {
        format!(
            "cannot open the output {}",
            args.output.as_deref().unwrap_or("-".as_ref()).display()
        )
    })?;

    let stats = match engine::run(
        move || newspipe_ingest::read(inputs, read_options),
        &stages,
        &mut output,
        &config,
    ) {
        Ok(stats) => stats,
        // The reader of our output went away (`newspipe run ... | head`): stop quietly.
        Err(EngineError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS)
        }
        Err(e) => return Err(e.into()),
    };
    output.finish().context("cannot finish the output")?;

    if let Some(path) = &args.stats {
        let file = StatsFile {
            stats: &stats,
            failed_by_stage: stats.failed_by_stage(),
            format: args.format.name(),
            stages_run: args.stages.to_string(),
        };
        let text = serde_json::to_string_pretty(&file)? + "\n";
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !args.quiet {
        eprint!("{}", stats.summary());
    }
    Ok(if stats.documents_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
