//! `smsctl completions SHELL [--dynamic]`.

use std::io::Write;

use crate::cli::CompletionsArgs;
use crate::error::ExitStatus;

pub fn run(a: CompletionsArgs) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    let r = if a.dynamic {
        crate::completion::dynamic_script(a.shell, &mut out)
    } else {
        out.write_all(&crate::completion::script(a.shell))
    };
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitStatus::Success),
        r => {
            r?;
            Ok(ExitStatus::Success)
        }
    }
}
