//! `smsctl campaign run` / `status`.

use crate::context::Context;
use crate::error::{ExitStatus, UserError};

pub async fn run(_ctx: &Context, _c: crate::cli::CampaignCommand) -> anyhow::Result<ExitStatus> {
    Err(UserError::failed("campaign is not built yet").into())
}
