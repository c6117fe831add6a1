//! `smsctl sandbox`.

use crate::context::Context;
use crate::error::{ExitStatus, UserError};

pub async fn run(_ctx: &Context, _a: crate::cli::SandboxArgs) -> anyhow::Result<ExitStatus> {
    Err(UserError::failed("sandbox is not built yet").into())
}
