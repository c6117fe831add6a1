//! `smsctl send` and `smsctl creds test`.

use crate::context::Context;
use crate::error::{ExitStatus, UserError};

pub async fn creds_test(
    _ctx: &Context,
    _label: Option<String>,
    _to: Option<String>,
    _sandbox: bool,
) -> anyhow::Result<ExitStatus> {
    Err(UserError::failed("creds test is not built yet").into())
}

pub async fn run(_ctx: &Context, _a: crate::cli::SendArgs) -> anyhow::Result<ExitStatus> {
    Err(UserError::failed("send is not built yet").into())
}
