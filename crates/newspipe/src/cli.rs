//! `newspipe run`: the command line of the pipeline, wired to the engine.

use anyhow::{anyhow, bail, Context};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use newspipe::engine::{self, EngineConfig, EngineError};
use newspipe::output::Output;
use newspipe::shard;
use newspipe::stages::{self, StageList, StageName};
use newspipe::stats::RunStats;
use newspipe_cleanup::SiteProfile;
use newspipe_export::{ExportOptions, Format};
use newspipe_ingest::{Input, ReadOptions, Shard};
use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Text shown after the options of `newspipe run --help`.
pub const RUN_AFTER_HELP: &str = "\
Every input record yields exactly one output record: the document, or an error record
{\"id\", \"source\", \"error\": {\"stage\", \"message\"}} when a stage failed on it.

Sharding: --shard K/N takes share K (0-based) of N, a deterministic split of the input records;
the N shards together are the whole input, without overlap. --shard auto reads a Slurm array job
(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) or a Kubernetes indexed
job (JOB_COMPLETION_INDEX of NEWSPIPE_SHARD_COUNT); --shard auto/N gives the count explicitly.

Site boilerplate: --learn-boilerplate reads the inputs twice. The first pass counts, per site
(the host of the page URL, else the input's directory), the lines of 20+ characters found on at
least 3 pages and 30% of the site's pages; the second pass runs the pipeline and cleanup drops
those lines. The first pass reads every input whatever --shard says, so all shards use the same
profile; for many shards, learn once with --save-profile FILE and pass --profile FILE to each.

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
    /// Load a site boilerplate profile (JSON, from --save-profile): cleanup drops the lines that
    /// recur across each site's pages.
    #[arg(long, value_name = "FILE", conflicts_with = "learn_boilerplate")]
    pub profile: Option<PathBuf>,
    /// Learn the site boilerplate profile from the inputs first (two passes; not for `-`).
    #[arg(long)]
    pub learn_boilerplate: bool,
    /// Also write the profile learnt with --learn-boilerplate to FILE.
    #[arg(long, value_name = "FILE", requires = "learn_boilerplate")]
    pub save_profile: Option<PathBuf>,
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

/// The cleanup stage's site profile: loaded (`--profile`), learnt in a first pass over every
/// input (`--learn-boilerplate`, written with `--save-profile`), or none.
fn site_profile(
    args: &RunArgs,
    inputs: &[Input],
    threads: usize,
) -> anyhow::Result<Option<Arc<SiteProfile>>> {
    if (args.profile.is_some() || args.learn_boilerplate)
        && !args.stages.contains(StageName::Cleanup)
    {
        bail!(
            "--profile and --learn-boilerplate are for the cleanup stage, which --stages {} does \
             not run",
            args.stages
        );
    }
    if let Some(path) = &args.profile {
        let profile = SiteProfile::load(path).context("cannot load the site profile")?;
        return Ok(Some(Arc::new(profile)));
    }
    if !args.learn_boilerplate {
        return Ok(None);
    }
    if inputs.contains(&Input::Stdin) {
        bail!(
            "--learn-boilerplate reads the inputs twice, and standard input (`-`) can be read \
             only once: save the records to a file first, or learn a profile from files with \
             --save-profile FILE and pass it with --profile FILE"
        );
    }
    // Every input whatever --shard says, so that all shards use the same profile.
    let profile = stages::learn_profile_parallel(inputs, threads);
    if let Some(path) = &args.save_profile {
        profile
            .save(path)
            .context("cannot write the site profile")?;
    }
    if !args.quiet {
        let lines: usize = profile.sites.values().map(|s| s.lines.len()).sum();
        eprintln!(
            "newspipe: learnt {lines} recurring line(s) on {} site(s)",
            profile.sites.len()
        );
    }
    Ok(Some(Arc::new(profile)))
}

/// Runs the pipeline; returns the exit code (0 or 1), or an error for exit code 2.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let inputs = newspipe_ingest::discover(&args.inputs)
        .map_err(|e| anyhow!("{}: {}", e.path.display(), e.message))?;
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let profile = site_profile(&args, &inputs, threads)?;
    let stages = stages::build_with_profile(
        &args.stages,
        args.tokens || args.format.needs_tokens(),
        profile,
    );
    #[allow(clippy::needless_update)] // ReadOptions may grow new fields with defaults
    let read_options = ReadOptions {
        shard: args.shard,
        ..ReadOptions::default()
    };
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
