//! The command line, as clap types only (and the sender flags' conversion to
//! a [`Sender`]): no I/O here.
//!
//! Conventions: long flags spelled out (greppable); a secret is never a flag
//! value (hidden prompt, `--secret-stdin` or the environment); every flag a
//! prompt would ask for exists, so scripts never need a terminal.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::completion::profile_labels;
use crate::sender::Sender;
use crate::validate::{self, FormatError};

pub const EXIT_CODES: &str = "\
Exit codes:
  0    done
  1    failed (network, keychain, Twilio refused the request)
  2    bad usage or bad input: nothing was sent or saved
  3    Twilio rejected the credentials (error 20003)
  4    a campaign finished with some recipients failed
  130  interrupted (a campaign's journal is kept; run the same command to resume)";

/// The help heading of the flags every command takes.
pub const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "smsctl",
    version,
    about = "Keep Twilio credentials in the OS keychain and send SMS / WhatsApp through them",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    /// Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment
    /// credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile.
    #[arg(long, global = true, value_name = "LABEL", help_heading = GLOBAL, add = ArgValueCandidates::new(profile_labels))]
    pub profile: Option<String>,

    /// Machine-readable output on stdout.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,

    /// Log each request (method, URL, status, duration) to stderr, secrets redacted.
    #[arg(short = 'v', long = "verbose", global = true, help_heading = GLOBAL, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform's
    /// config dir, ~/.config/smsctl on Linux].
    // The variable is read by `context::config_dir`, not by clap: clap would show
    // `[env: SMSCTL_CONFIG_DIR=]` when it is unset, and `--config-dir <DIR>` in
    // every usage error as if it were required when it is set.
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub config_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage credential profiles (secrets in the OS keychain).
    #[command(subcommand)]
    Creds(CredsCommand),
    /// Send one SMS or WhatsApp message.
    Send(SendArgs),
    /// Send a personalised message to every recipient of a CSV file.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// The numbers never to text (they replied STOP): one list per account.
    #[command(subcommand)]
    Optouts(OptoutsCommand),
    /// Run a command with a profile's credentials in its environment (TWILIO_* names).
    #[command(after_help = EXEC_AFTER_HELP)]
    Exec(ExecArgs),
    /// Run a local Twilio-compatible server for rehearsals and demos.
    Sandbox(SandboxArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

pub const EXEC_AFTER_HELP: &str = "\
The child gets TWILIO_ACCOUNT_SID, TWILIO_API_KEY + TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN),
and the profile's TWILIO_MESSAGING_SERVICE_SID / TWILIO_PHONE_NUMBER / TWILIO_SENDER_ID /
TWILIO_WHATSAPP_FROM (TWILIO_REGION / TWILIO_EDGE for a regional profile); other TWILIO_*
variables are removed. The secret is in the child's environment only, never in an argv.

Exit status: the command's; 128+N when a signal N ended it; 127 when the command is not
found, 126 when it cannot be run; smsctl's own codes (2, 3…) when no command was started.";

/// `smsctl exec`.
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The command and its arguments (after `--`).
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    pub command: Vec<std::ffi::OsString>,
}

/// Per-profile Twilio region and edge (`api.{edge}.{region}.twilio.com`).
#[derive(Debug, Clone, Default, Args)]
pub struct RegionArgs {
    /// Twilio processing region for this profile's requests, e.g. ie1 or au1
    /// (requests go to api.{edge}.{region}.twilio.com).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Twilio edge location, e.g. dublin or sydney [default: the region's].
    #[arg(long, value_name = "EDGE")]
    pub edge: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthKindArg {
    /// A Standard API key (SK…) and its secret (recommended).
    ApiKey,
    /// The account's Auth Token.
    AuthToken,
}

#[derive(Debug, Clone, Default, Args)]
#[group(id = "sender", multiple = false)]
pub struct SmsSenderArgs {
    /// Send through this Messaging Service (MG…).
    #[arg(long, value_name = "MG_SID")]
    pub messaging_service: Option<String>,
    /// Send from this phone number of the account (E.164, e.g. +14155552671).
    #[arg(long, value_name = "E164")]
    pub from: Option<String>,
    /// Send with this alphanumeric sender ID (1–11 letters, digits, spaces).
    #[arg(long, value_name = "NAME")]
    pub sender_id: Option<String>,
}

impl SmsSenderArgs {
    /// Whether any sender flag was given.
    pub fn any(&self) -> bool {
        self.messaging_service.is_some() || self.from.is_some() || self.sender_id.is_some()
    }

    /// The sender the flags name, checked, for a profile (`creds add`, `creds edit`).
    pub fn sender(&self) -> Result<Option<Sender>, FormatError> {
        self.convert(false)
    }

    /// The sender the flags name, checked, for the messages of one command
    /// (`send`, `campaign run`): `--from` may carry the `whatsapp:` prefix.
    pub fn message_sender(&self) -> Result<Option<Sender>, FormatError> {
        self.convert(true)
    }

    fn convert(&self, message: bool) -> Result<Option<Sender>, FormatError> {
        if let Some(mg) = &self.messaging_service {
            let mg =
                validate::messaging_service_sid(mg).map_err(|e| e.at("--messaging-service"))?;
            return Ok(Some(Sender::MessagingService(mg)));
        }
        if let Some(n) = &self.from {
            let n = match message {
                true => n.strip_prefix("whatsapp:").unwrap_or(n),
                false => n,
            };
            return Ok(Some(Sender::Number(
                validate::e164(n, "--from")?.to_string(),
            )));
        }
        if let Some(id) = &self.sender_id {
            let id = match message {
                true => validate::sender_id(id)?,
                false => validate::sender_id(id).map_err(|e| e.at("--sender-id"))?,
            };
            return Ok(Some(Sender::AlphaId(id)));
        }
        Ok(None)
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Profile label: 1–50 characters from a-z, 0-9, '-', '_' and '.' (e.g. agency-prod)
    pub label: Option<String>,
    /// Account SID (AC…) [env: TWILIO_ACCOUNT_SID].
    #[arg(long, value_name = "AC_SID")]
    pub account_sid: Option<String>,
    /// API Key SID (SK…); implies --auth-kind api-key [env: TWILIO_API_KEY].
    #[arg(long, value_name = "SK_SID")]
    pub api_key: Option<String>,
    /// How the profile authenticates.
    #[arg(long, value_enum)]
    pub auth_kind: Option<AuthKindArg>,
    #[command(flatten)]
    pub sender: SmsSenderArgs,
    /// WhatsApp sender, whatsapp:+E164.
    #[arg(long, value_name = "whatsapp:+E164")]
    pub whatsapp_from: Option<String>,
    /// Your own mobile (E.164), where `creds test` sends.
    #[arg(long, value_name = "E164")]
    pub test_to: Option<String>,
    /// Region for local numbers, e.g. SG.
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    #[command(flatten)]
    pub twilio_region: RegionArgs,
    /// With the Auth Token, create a Standard API key "smsctl LABEL on HOST",
    /// check it, and store only the key's secret (never the Auth Token).
    #[arg(long, conflicts_with_all = ["api_key", "no_verify"])]
    pub mint_api_key: bool,
    /// Read the secret (Auth Token or API Key Secret) from standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Save without checking with Twilio (state: unverified).
    #[arg(long)]
    pub no_verify: bool,
    /// Make this the default profile.
    #[arg(long)]
    pub default: bool,
}

#[derive(Debug, Subcommand)]
pub enum CredsCommand {
    /// Add a profile: checked with Twilio, secret to the keychain.
    Add(AddArgs),
    /// List profiles (reads no secret).
    #[command(visible_alias = "list")]
    Ls {
        /// Every column, however wide (else columns shorten or drop to fit the terminal).
        #[arg(long)]
        wide: bool,
    },
    /// Which credentials a command would use now, why, and a live check
    /// (exit 0 only when they can send).
    Status,
    /// Show every field of a profile (default: the default profile), the secret masked.
    Show {
        /// Profile label (`smsctl creds ls` lists them).
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        label: Option<String>,
    },
    /// Send a test SMS to your own number and record the profile as tested.
    Test {
        /// Profile label [default: --profile, SMSCTL_PROFILE, else the default profile].
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        label: Option<String>,
        /// Where to send (E.164); default: the profile's test number.
        #[arg(long, value_name = "E164")]
        to: Option<String>,
        /// Rehearse against an in-process sandbox (no account, no keychain).
        #[arg(long)]
        sandbox: bool,
    },
    /// Delete a profile and its keychain entry.
    #[command(visible_alias = "remove")]
    Rm {
        /// Profile label (`smsctl creds ls` lists them).
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        label: String,
        /// Do not ask for confirmation.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Check profiles with Twilio again (sends nothing) and update their states.
    Verify {
        /// Profile label [default: --profile, SMSCTL_PROFILE, else the default profile].
        #[arg(add = ArgValueCandidates::new(profile_labels), conflicts_with = "all")]
        label: Option<String>,
        /// Every profile.
        #[arg(long)]
        all: bool,
    },
    /// Create a profile from a dotenv file's TWILIO_* variables.
    Import {
        /// The dotenv file (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN or TWILIO_API_KEY and
        /// TWILIO_API_SECRET, a sender).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Label for the new profile.
        #[arg(long)]
        label: Option<String>,
        /// Save without checking with Twilio (state: unverified).
        #[arg(long)]
        no_verify: bool,
        /// Make this the default profile.
        #[arg(long)]
        default: bool,
    },
    /// Make a profile the default (without LABEL: pick one at a terminal).
    Use {
        /// Profile label (`smsctl creds ls` lists them).
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        label: Option<String>,
    },
    /// Rename a profile; its keychain entry moves with it.
    Rename {
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        old: String,
        new: String,
    },
    /// Replace a profile's secret (checked with Twilio before it is stored).
    Rotate {
        /// Profile label (`smsctl creds ls` lists them).
        #[arg(add = ArgValueCandidates::new(profile_labels))]
        label: String,
        /// Read the new secret from standard input (with --new-key: the Auth Token).
        #[arg(long)]
        secret_stdin: bool,
        /// Store without checking with Twilio (state: unverified).
        #[arg(long, conflicts_with = "new_key")]
        no_verify: bool,
        /// Mint a new API key with the Auth Token (asked once, never stored),
        /// check it, store it, then delete the old key at Twilio.
        #[arg(long)]
        new_key: bool,
    },
    /// Change a profile's sender, test number or region (checked first).
    Edit(EditArgs),
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Profile label (`smsctl creds ls` lists them) [default: the default profile].
    #[arg(add = ArgValueCandidates::new(profile_labels))]
    pub label: Option<String>,
    #[command(flatten)]
    pub sender: SmsSenderArgs,
    /// WhatsApp sender, whatsapp:+E164.
    #[arg(long, value_name = "whatsapp:+E164")]
    pub whatsapp_from: Option<String>,
    /// Remove the SMS sender (state becomes no-sender unless a WhatsApp sender remains).
    #[arg(long, conflicts_with = "sender")]
    pub clear_sender: bool,
    /// Your own mobile (E.164), where `creds test` sends.
    #[arg(long, value_name = "E164")]
    pub test_to: Option<String>,
    /// Region for local numbers, e.g. SG.
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    #[command(flatten)]
    pub twilio_region: RegionArgs,
    /// Save without checking the new sender with Twilio.
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Sms,
    Whatsapp,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Recipient: E.164, or a local number with --default-region.
    #[arg(long, value_name = "NUMBER")]
    pub to: String,
    /// Message text (else --body-file, else standard input).
    #[arg(long, conflicts_with_all = ["body_file", "content_sid"])]
    pub body: Option<String>,
    /// Read the message text from a file.
    #[arg(long, value_name = "FILE", conflicts_with = "content_sid")]
    pub body_file: Option<PathBuf>,
    /// SMS, or WhatsApp (from the profile's whatsapp_from, or --from whatsapp:+E164).
    #[arg(long, value_enum, default_value_t = Channel::Sms)]
    pub channel: Channel,
    #[command(flatten)]
    pub sender: SmsSenderArgs,
    #[command(flatten)]
    pub message: MessageArgs,
    /// A value of the --content-sid template's variable: 1=Ana (repeat for each variable).
    #[arg(long, value_name = "N=VALUE", requires = "content_sid")]
    pub content_var: Vec<String>,
    /// Region for local numbers, e.g. SG (default: the profile's).
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    /// Poll until the message reaches a final status.
    #[arg(long, conflicts_with = "send_at")]
    pub wait: bool,
    /// Longest --wait, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub wait_timeout: u64,
    /// Send even through an unverified profile.
    #[arg(long)]
    pub force: bool,
    /// Rehearse against an in-process sandbox (no account, no keychain).
    #[arg(long)]
    pub sandbox: bool,
}

/// The create parameters `send` and `campaign run` share (checked before any request).
#[derive(Debug, Clone, Default, Args)]
pub struct MessageArgs {
    /// Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00):
    /// 15 minutes to 35 days ahead; needs a Messaging Service.
    #[arg(long, value_name = "TIME")]
    pub send_at: Option<String>,
    /// Drop a message Twilio could not send within this many seconds (1–36000).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u32).range(1..=36000))]
    pub validity_period: Option<u32>,
    /// Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10.
    #[arg(long = "media-url", value_name = "URL")]
    pub media_url: Vec<String>,
    /// Send this WhatsApp Content template (HX…) instead of a message body.
    #[arg(long, value_name = "HX_SID")]
    pub content_sid: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Check, confirm and send a campaign (resumes after an interruption).
    Run(Box<CampaignRunArgs>),
    /// Refresh the delivery status of a campaign's messages and its report.
    Status {
        /// The campaign's journal or report file.
        file: PathBuf,
    },
    /// Send once more to the recipients whose latest status (after `campaign
    /// status`) is a transient failure (30003, 30008, …), and to nobody else.
    Retry(CampaignRetryArgs),
    /// Cancel the campaign's messages that are still scheduled (`--send-at`).
    Cancel(CampaignCancelArgs),
}

/// How fast a round over a campaign's journal goes, and when it stops.
#[derive(Debug, Args)]
pub struct RoundArgs {
    /// The campaign's journal (recipients.csv.smsctl-journal).
    #[arg(value_name = "JOURNAL")]
    pub journal: PathBuf,
    /// Show whom the round would act on; send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Requests per second, at most.
    #[arg(long, default_value_t = 10.0)]
    pub rate: f64,
    /// Requests in flight, at most.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Stop after this many failed requests in a row (0: never); the same
    /// command resumes.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_consecutive_failures: u64,
    /// On resume, wait until requests in flight at the interruption are this many
    /// seconds old before asking Twilio about them [default: twice the request
    /// timeout, plus 10].
    #[arg(long, value_name = "N", env = "SMSCTL_SETTLE_SECS")]
    pub settle_secs: Option<u64>,
}

#[derive(Debug, Args)]
pub struct CampaignRetryArgs {
    #[command(flatten)]
    pub round: RoundArgs,
}

#[derive(Debug, Args)]
pub struct CampaignCancelArgs {
    #[command(flatten)]
    pub round: RoundArgs,
    /// Cancel only the messages whose recipient is now on the opt-out list
    /// (a STOP does not cancel a scheduled message).
    #[arg(long)]
    pub opted_out: bool,
}

#[derive(Debug, Args)]
pub struct CampaignRunArgs {
    /// Recipients CSV with a header row.
    #[arg(long, value_name = "FILE.csv")]
    pub recipients: PathBuf,
    /// Message template file with {{keyword}} placeholders.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["body", "content_sid"])]
    pub template: Option<PathBuf>,
    /// Message template text.
    #[arg(long, required_unless_present_any = ["template", "content_sid"], conflicts_with = "content_sid")]
    pub body: Option<String>,
    #[command(flatten)]
    pub message: MessageArgs,
    /// Which CSV column fills a variable of the --content-sid template: 1=first_name
    /// (repeat for each variable).
    #[arg(long, value_name = "N=COLUMN", requires = "content_sid")]
    pub content_var: Vec<String>,
    /// The phone column's header.
    #[arg(long, value_name = "NAME", default_value = "recipient")]
    pub to_column: String,
    /// Region for local numbers, e.g. SG.
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    /// SMS, or WhatsApp (from the profile's whatsapp_from, or --from whatsapp:+E164).
    #[arg(long, value_enum, default_value_t = Channel::Sms)]
    pub channel: Channel,
    /// Messages per second, at most.
    #[arg(long, default_value_t = 10.0)]
    pub rate: f64,
    /// Requests in flight, at most.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Check and show what would be sent; send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Report CSV [default: next to the recipients file].
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// List and skip invalid rows instead of stopping.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Send to a number as often as it appears.
    #[arg(long)]
    pub allow_duplicates: bool,
    /// Send rows whose {{keyword}} values are empty (refused by default; never
    /// with --content-sid, as WhatsApp refuses empty template variables).
    #[arg(long, conflicts_with = "content_sid")]
    pub allow_empty: bool,
    /// Price of one segment, for every country: replaces Twilio's Pricing API in
    /// the estimate of the dry run, the confirmation and --budget.
    #[arg(long, value_name = "PRICE")]
    pub price_per_segment: Option<crate::pricing::Money>,
    /// Refuse to send (exit 2, nothing sent) when the estimate's upper bound (the
    /// dearest carrier of each country) exceeds AMOUNT, in the account's currency,
    /// or when a country's price is unknown. Twilio's MaxPrice is obsolete since
    /// 2024-06-03, so smsctl enforces the budget itself.
    #[arg(long, value_name = "AMOUNT")]
    pub budget: Option<crate::pricing::Money>,
    /// Start over even though a journal exists for other files.
    #[arg(long)]
    pub restart: bool,
    /// Resend to recipients whose earlier request's outcome cannot be proven.
    #[arg(long)]
    pub resend_unknown: bool,
    /// Stop the run after this many failed requests in a row (0: never); the
    /// journal is kept and the same command resumes.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_consecutive_failures: u64,
    /// On resume, wait until requests in flight at the interruption are this many
    /// seconds old before asking Twilio about them [env: SMSCTL_SETTLE_SECS]
    /// [default: twice the request timeout, plus 10]; below that, a request still
    /// being processed can look unsent.
    // The variable is read by `commands::campaign`, not by clap (see --config-dir).
    #[arg(long, value_name = "N")]
    pub settle_secs: Option<u64>,
    #[command(flatten)]
    pub sender: SmsSenderArgs,
    /// Send even through an unverified profile.
    #[arg(long)]
    pub force: bool,
    /// Rehearse against an in-process sandbox (no account, no keychain).
    #[arg(long)]
    pub sandbox: bool,
}

#[derive(Debug, Subcommand)]
pub enum OptoutsCommand {
    /// List the account's opted-out numbers, when and how each was added.
    #[command(visible_alias = "list")]
    Ls(OptoutsLsArgs),
    /// Add numbers to the list (source: manual).
    Add(OptoutsNumbers),
    /// Remove numbers from the list (they opted in again).
    #[command(visible_alias = "remove")]
    Rm(OptoutsNumbers),
    /// Add every number of a CSV file's phone column (source: import).
    Import(OptoutsImportArgs),
    /// Write the list as CSV (number,added,source).
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        account: OptoutsAccount,
    },
}

#[derive(Debug, Args)]
pub struct OptoutsLsArgs {
    /// Every column in full, however wide (else they shorten to fit the terminal).
    #[arg(long)]
    pub wide: bool,
    #[command(flatten)]
    pub account: OptoutsAccount,
}

/// Whose list: the credentials the sending commands would use, or the sandbox's.
#[derive(Debug, Clone, Default, Args)]
pub struct OptoutsAccount {
    /// The list of the sandbox's account (what `--sandbox` runs use).
    #[arg(long)]
    pub sandbox: bool,
}

#[derive(Debug, Args)]
pub struct OptoutsNumbers {
    /// Numbers: E.164, or local numbers with --default-region.
    #[arg(required = true, value_name = "NUMBER")]
    pub numbers: Vec<String>,
    /// Region for local numbers, e.g. SG.
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    #[command(flatten)]
    pub account: OptoutsAccount,
}

#[derive(Debug, Args)]
pub struct OptoutsImportArgs {
    /// CSV file with a header row.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The phone column's header.
    #[arg(long, value_name = "NAME", default_value = "recipient")]
    pub to_column: String,
    /// Region for local numbers, e.g. SG.
    #[arg(long, value_name = "REGION")]
    pub default_region: Option<String>,
    /// List and pass over rows that are not numbers instead of importing nothing.
    #[arg(long)]
    pub skip_invalid: bool,
    #[command(flatten)]
    pub account: OptoutsAccount,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8765)]
    pub port: u16,
    /// Fault for rehearsals: every API key DELETE fails (as `creds rotate
    /// --new-key` meets when Twilio cannot delete the old key).
    #[arg(long, hide = true)]
    pub fail_key_delete: bool,
    /// Accept this many messages, then refuse every later create with
    /// --fail-code (to rehearse credentials or a sender failing mid-campaign).
    #[arg(long, value_name = "N")]
    pub fail_after: Option<u64>,
    /// The Twilio error code of --fail-after (20003: credentials refused, every
    /// request fails; 21606, 21611, 30002…: creates fail).
    #[arg(
        long,
        value_name = "CODE",
        default_value_t = 20003,
        requires = "fail_after"
    )]
    pub fail_code: u32,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the script for.
    pub shell: clap_complete::Shell,
    /// Print the dynamic registration script instead (completes profile labels too).
    #[arg(long)]
    pub dynamic: bool,
}
