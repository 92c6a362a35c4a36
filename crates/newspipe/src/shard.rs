//! Parsing `--shard K/N` and `--shard auto`.

use newspipe_ingest::Shard;

/// Parses a shard specification, reading the environment through `env` for `auto`:
///
/// * `K/N` — share `K` (0-based, `0 <= K < N`) of `N`.
/// * `auto` — a Slurm array job: `SLURM_ARRAY_TASK_ID` minus `SLURM_ARRAY_TASK_MIN` (0 when
///   unset) of `SLURM_ARRAY_TASK_COUNT`; or, failing that, a Kubernetes indexed job:
///   `JOB_COMPLETION_INDEX` of `NEWSPIPE_SHARD_COUNT`.
/// * `auto/N` — the index from `SLURM_ARRAY_TASK_ID` (minus `SLURM_ARRAY_TASK_MIN`) or
///   `JOB_COMPLETION_INDEX`, with an explicit count `N` (e.g. a Kubernetes Job's `completions`).
pub fn parse(spec: &str, env: impl Fn(&str) -> Option<String>) -> Result<Shard, String> {
    let (index, count) = spec.split_once('/').unwrap_or((spec, ""));
    let count = if count.is_empty() {
        None
    } else {
        Some(number(count, "shard count N")?)
    };
    let shard = if index == "auto" {
        let slurm = env("SLURM_ARRAY_TASK_ID");
        let (index, count) = match (slurm, env("JOB_COMPLETION_INDEX")) {
            (Some(id), _) => {
                let min = env("SLURM_ARRAY_TASK_MIN")
                    .map_or(Ok(0), |m| number(&m, "SLURM_ARRAY_TASK_MIN"))?;
                let id = number(&id, "SLURM_ARRAY_TASK_ID")?;
                let index = id.checked_sub(min).ok_or_else(|| {
                    format!("SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={min}")
                })?;
                let count = match count {
                    Some(n) => n,
                    None => number(
                        &env("SLURM_ARRAY_TASK_COUNT")
                            .ok_or("--shard auto: SLURM_ARRAY_TASK_COUNT is not set")?,
                        "SLURM_ARRAY_TASK_COUNT",
                    )?,
                };
                (index, count)
            }
            (None, Some(index)) => {
                let index = number(&index, "JOB_COMPLETION_INDEX")?;
                let count = match count {
                    Some(n) => n,
                    None => number(
                        &env("NEWSPIPE_SHARD_COUNT").ok_or(
                            "--shard auto with JOB_COMPLETION_INDEX needs a count: \
                             --shard auto/N or NEWSPIPE_SHARD_COUNT=N",
                        )?,
                        "NEWSPIPE_SHARD_COUNT",
                    )?,
                };
                (index, count)
            }
            (None, None) => {
                return Err(
                    "--shard auto: neither SLURM_ARRAY_TASK_ID (Slurm array job) nor \
                            JOB_COMPLETION_INDEX (Kubernetes indexed job) is set"
                        .into(),
                )
            }
        };
        Shard { index, count }
    } else {
        let count = count.ok_or_else(|| format!("invalid shard {spec:?}: expected K/N or auto"))?;
        Shard {
            index: number(index, "shard index K")?,
            count,
        }
    };
    if shard.count == 0 || shard.index >= shard.count {
        return Err(format!(
            "invalid shard {}/{}: need 0 <= K < N (K is 0-based)",
            shard.index, shard.count
        ));
    }
    Ok(shard)
}

fn number(s: &str, what: &str) -> Result<u32, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{what} must be a non-negative integer, got {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn explicit_shards() {
        assert_eq!(parse("0/4", with(&[])), Ok(Shard { index: 0, count: 4 }));
        assert_eq!(parse("3/4", with(&[])), Ok(Shard { index: 3, count: 4 }));
        assert!(parse("4/4", with(&[])).unwrap_err().contains("0-based"));
        assert!(parse("1/0", with(&[])).is_err());
        assert!(parse("3", with(&[])).is_err());
        assert!(parse("a/2", with(&[])).is_err());
    }

    #[test]
    fn slurm_array_jobs() {
        let env = with(&[
            ("SLURM_ARRAY_TASK_ID", "5"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert_eq!(parse("auto", env), Ok(Shard { index: 4, count: 8 }));
        let env = with(&[("SLURM_ARRAY_TASK_ID", "2")]);
        assert!(parse("auto", &env)
            .unwrap_err()
            .contains("SLURM_ARRAY_TASK_COUNT"));
        assert_eq!(parse("auto/3", &env), Ok(Shard { index: 2, count: 3 }));
    }

    #[test]
    fn kubernetes_indexed_jobs() {
        let env = with(&[("JOB_COMPLETION_INDEX", "1")]);
        assert!(parse("auto", &env).unwrap_err().contains("auto/N"));
        assert_eq!(parse("auto/2", &env), Ok(Shard { index: 1, count: 2 }));
        let env = with(&[("JOB_COMPLETION_INDEX", "6"), ("NEWSPIPE_SHARD_COUNT", "7")]);
        assert_eq!(parse("auto", env), Ok(Shard { index: 6, count: 7 }));
        assert!(parse("auto", with(&[])).unwrap_err().contains("neither"));
    }
}
