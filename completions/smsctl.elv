
use builtin;
use str;

set edit:completion:arg-completer[smsctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'smsctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'smsctl'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand creds 'Manage credential profiles (secrets in the OS keychain)'
            cand send 'Send one SMS or WhatsApp message'
            cand campaign 'Send a personalised message to every recipient of a CSV file'
            cand optouts 'The numbers never to text (they replied STOP): one list per account'
            cand exec 'Run a command with a profile''s credentials in its environment (TWILIO_* names)'
            cand sandbox 'Run a local Twilio-compatible server for rehearsals and demos'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;creds'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a profile: checked with Twilio, secret to the keychain'
            cand ls 'List profiles (reads no secret)'
            cand list 'List profiles (reads no secret)'
            cand status 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
            cand show 'Show every field of a profile (default: the default profile), the secret masked'
            cand test 'Send a test SMS to your own number and record the profile as tested'
            cand rm 'Delete a profile and its keychain entry'
            cand remove 'Delete a profile and its keychain entry'
            cand verify 'Check profiles with Twilio again (sends nothing) and update their states'
            cand import 'Create a profile from a dotenv file''s TWILIO_* variables'
            cand use 'Make a profile the default (without LABEL: pick one at a terminal)'
            cand rename 'Rename a profile; its keychain entry moves with it'
            cand rotate 'Replace a profile''s secret (checked with Twilio before it is stored)'
            cand edit 'Change a profile''s sender, test number or region (checked first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;creds;add'= {
            cand --account-sid 'Account SID (AC…) [env: TWILIO_ACCOUNT_SID]'
            cand --api-key 'API Key SID (SK…); implies --auth-kind api-key [env: TWILIO_API_KEY]'
            cand --auth-kind 'How the profile authenticates'
            cand --messaging-service 'Send through this Messaging Service (MG…)'
            cand --from 'Send from this phone number of the account (E.164, e.g. +14155552671)'
            cand --sender-id 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)'
            cand --whatsapp-from 'WhatsApp sender, whatsapp:+E164'
            cand --test-to 'Your own mobile (E.164), where `creds test` sends'
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --region 'Twilio processing region for this profile''s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)'
            cand --edge 'Twilio edge location, e.g. dublin or sydney [default: the region''s]'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --mint-api-key 'With the Auth Token, create a Standard API key "smsctl LABEL on HOST", check it, and store only the key''s secret (never the Auth Token)'
            cand --secret-stdin 'Read the secret (Auth Token or API Key Secret) from standard input'
            cand --no-verify 'Save without checking with Twilio (state: unverified)'
            cand --default 'Make this the default profile'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;ls'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --wide 'Every column, however wide (else columns shorten or drop to fit the terminal)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;list'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --wide 'Every column, however wide (else columns shorten or drop to fit the terminal)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;status'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;show'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;test'= {
            cand --to 'Where to send (E.164); default: the profile''s test number'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --sandbox 'Rehearse against an in-process sandbox (no account, no keychain)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;rm'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;remove'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;verify'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --all 'Every profile'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;import'= {
            cand --label 'Label for the new profile'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --no-verify 'Save without checking with Twilio (state: unverified)'
            cand --default 'Make this the default profile'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;use'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;rename'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;rotate'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --secret-stdin 'Read the new secret from standard input (with --new-key: the Auth Token)'
            cand --no-verify 'Store without checking with Twilio (state: unverified)'
            cand --new-key 'Mint a new API key with the Auth Token (asked once, never stored), check it, store it, then delete the old key at Twilio'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;edit'= {
            cand --messaging-service 'Send through this Messaging Service (MG…)'
            cand --from 'Send from this phone number of the account (E.164, e.g. +14155552671)'
            cand --sender-id 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)'
            cand --whatsapp-from 'WhatsApp sender, whatsapp:+E164'
            cand --test-to 'Your own mobile (E.164), where `creds test` sends'
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --region 'Twilio processing region for this profile''s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)'
            cand --edge 'Twilio edge location, e.g. dublin or sydney [default: the region''s]'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --clear-sender 'Remove the SMS sender (state becomes no-sender unless a WhatsApp sender remains)'
            cand --no-verify 'Save without checking the new sender with Twilio'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;creds;help'= {
            cand add 'Add a profile: checked with Twilio, secret to the keychain'
            cand ls 'List profiles (reads no secret)'
            cand status 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
            cand show 'Show every field of a profile (default: the default profile), the secret masked'
            cand test 'Send a test SMS to your own number and record the profile as tested'
            cand rm 'Delete a profile and its keychain entry'
            cand verify 'Check profiles with Twilio again (sends nothing) and update their states'
            cand import 'Create a profile from a dotenv file''s TWILIO_* variables'
            cand use 'Make a profile the default (without LABEL: pick one at a terminal)'
            cand rename 'Rename a profile; its keychain entry moves with it'
            cand rotate 'Replace a profile''s secret (checked with Twilio before it is stored)'
            cand edit 'Change a profile''s sender, test number or region (checked first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;creds;help;add'= {
        }
        &'smsctl;creds;help;ls'= {
        }
        &'smsctl;creds;help;status'= {
        }
        &'smsctl;creds;help;show'= {
        }
        &'smsctl;creds;help;test'= {
        }
        &'smsctl;creds;help;rm'= {
        }
        &'smsctl;creds;help;verify'= {
        }
        &'smsctl;creds;help;import'= {
        }
        &'smsctl;creds;help;use'= {
        }
        &'smsctl;creds;help;rename'= {
        }
        &'smsctl;creds;help;rotate'= {
        }
        &'smsctl;creds;help;edit'= {
        }
        &'smsctl;creds;help;help'= {
        }
        &'smsctl;send'= {
            cand --to 'Recipient: E.164, or a local number with --default-region'
            cand --body 'Message text (else --body-file, else standard input)'
            cand --body-file 'Read the message text from a file'
            cand --channel 'SMS, or WhatsApp (from the profile''s whatsapp_from, or --from whatsapp:+E164)'
            cand --messaging-service 'Send through this Messaging Service (MG…)'
            cand --from 'Send from this phone number of the account (E.164, e.g. +14155552671)'
            cand --sender-id 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)'
            cand --send-at 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service'
            cand --validity-period 'Drop a message Twilio could not send within this many seconds (1–36000)'
            cand --media-url 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10'
            cand --content-sid 'Send this WhatsApp Content template (HX…) instead of a message body'
            cand --content-var 'A value of the --content-sid template''s variable: 1=Ana (repeat for each variable)'
            cand --default-region 'Region for local numbers, e.g. SG (default: the profile''s)'
            cand --wait-timeout 'Longest --wait, in seconds'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --wait 'Poll until the message reaches a final status'
            cand --force 'Send even through an unverified profile'
            cand --sandbox 'Rehearse against an in-process sandbox (no account, no keychain)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;campaign'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Check, confirm and send a campaign (resumes after an interruption)'
            cand status 'Refresh the delivery status of a campaign''s messages and its report'
            cand retry 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
            cand cancel 'Cancel the campaign''s messages that are still scheduled (`--send-at`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;campaign;run'= {
            cand --recipients 'Recipients CSV with a header row'
            cand --template 'Message template file with {{keyword}} placeholders'
            cand --body 'Message template text'
            cand --send-at 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service'
            cand --validity-period 'Drop a message Twilio could not send within this many seconds (1–36000)'
            cand --media-url 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10'
            cand --content-sid 'Send this WhatsApp Content template (HX…) instead of a message body'
            cand --content-var 'Which CSV column fills a variable of the --content-sid template: 1=first_name (repeat for each variable)'
            cand --to-column 'The phone column''s header'
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --channel 'SMS, or WhatsApp (from the profile''s whatsapp_from, or --from whatsapp:+E164)'
            cand --rate 'Messages per second, at most'
            cand --concurrency 'Requests in flight, at most'
            cand --report 'Report CSV [default: next to the recipients file]'
            cand --price-per-segment 'Price of one segment, for every country: replaces Twilio''s Pricing API in the estimate of the dry run, the confirmation and --budget'
            cand --budget 'Refuse to send (exit 2, nothing sent) when the estimate''s upper bound (the dearest carrier of each country) exceeds AMOUNT, in the account''s currency, or when a country''s price is unknown. Twilio''s MaxPrice is obsolete since 2024-06-03, so smsctl enforces the budget itself'
            cand --max-consecutive-failures 'Stop the run after this many failed requests in a row (0: never); the journal is kept and the same command resumes'
            cand --settle-secs 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [env: SMSCTL_SETTLE_SECS] [default: twice the request timeout, plus 10]; below that, a request still being processed can look unsent'
            cand --messaging-service 'Send through this Messaging Service (MG…)'
            cand --from 'Send from this phone number of the account (E.164, e.g. +14155552671)'
            cand --sender-id 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --dry-run 'Check and show what would be sent; send nothing'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --skip-invalid 'List and skip invalid rows instead of stopping'
            cand --allow-duplicates 'Send to a number as often as it appears'
            cand --allow-empty 'Send rows whose {{keyword}} values are empty (refused by default; never with --content-sid, as WhatsApp refuses empty template variables)'
            cand --restart 'Start over even though a journal exists for other files'
            cand --resend-unknown 'Resend to recipients whose earlier request''s outcome cannot be proven'
            cand --force 'Send even through an unverified profile'
            cand --sandbox 'Rehearse against an in-process sandbox (no account, no keychain)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;campaign;status'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;campaign;retry'= {
            cand --rate 'Requests per second, at most'
            cand --concurrency 'Requests in flight, at most'
            cand --max-consecutive-failures 'Stop after this many failed requests in a row (0: never); the same command resumes'
            cand --settle-secs 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --dry-run 'Show whom the round would act on; send nothing'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;campaign;cancel'= {
            cand --rate 'Requests per second, at most'
            cand --concurrency 'Requests in flight, at most'
            cand --max-consecutive-failures 'Stop after this many failed requests in a row (0: never); the same command resumes'
            cand --settle-secs 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --dry-run 'Show whom the round would act on; send nothing'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --opted-out 'Cancel only the messages whose recipient is now on the opt-out list (a STOP does not cancel a scheduled message)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;campaign;help'= {
            cand run 'Check, confirm and send a campaign (resumes after an interruption)'
            cand status 'Refresh the delivery status of a campaign''s messages and its report'
            cand retry 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
            cand cancel 'Cancel the campaign''s messages that are still scheduled (`--send-at`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;campaign;help;run'= {
        }
        &'smsctl;campaign;help;status'= {
        }
        &'smsctl;campaign;help;retry'= {
        }
        &'smsctl;campaign;help;cancel'= {
        }
        &'smsctl;campaign;help;help'= {
        }
        &'smsctl;optouts'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List the account''s opted-out numbers, when and how each was added'
            cand list 'List the account''s opted-out numbers, when and how each was added'
            cand add 'Add numbers to the list (source: manual)'
            cand rm 'Remove numbers from the list (they opted in again)'
            cand remove 'Remove numbers from the list (they opted in again)'
            cand import 'Add every number of a CSV file''s phone column (source: import)'
            cand export 'Write the list as CSV (number,added,source)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;optouts;ls'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --wide 'Every column in full, however wide (else they shorten to fit the terminal)'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;list'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --wide 'Every column in full, however wide (else they shorten to fit the terminal)'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;add'= {
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;rm'= {
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;remove'= {
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;import'= {
            cand --to-column 'The phone column''s header'
            cand --default-region 'Region for local numbers, e.g. SG'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --skip-invalid 'List and pass over rows that are not numbers instead of importing nothing'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;export'= {
            cand -o 'Write to this file instead of standard output'
            cand --output 'Write to this file instead of standard output'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --sandbox 'The list of the sandbox''s account (what `--sandbox` runs use)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;optouts;help'= {
            cand ls 'List the account''s opted-out numbers, when and how each was added'
            cand add 'Add numbers to the list (source: manual)'
            cand rm 'Remove numbers from the list (they opted in again)'
            cand import 'Add every number of a CSV file''s phone column (source: import)'
            cand export 'Write the list as CSV (number,added,source)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;optouts;help;ls'= {
        }
        &'smsctl;optouts;help;add'= {
        }
        &'smsctl;optouts;help;rm'= {
        }
        &'smsctl;optouts;help;import'= {
        }
        &'smsctl;optouts;help;export'= {
        }
        &'smsctl;optouts;help;help'= {
        }
        &'smsctl;exec'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;sandbox'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --fail-after 'Accept this many messages, then refuse every later create with --fail-code (to rehearse credentials or a sender failing mid-campaign)'
            cand --fail-code 'The Twilio error code of --fail-after (20003: credentials refused, every request fails; 21606, 21611, 30002…: creates fail)'
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --fail-key-delete 'Fault for rehearsals: every API key DELETE fails (as `creds rotate --new-key` meets when Twilio cannot delete the old key)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;completions'= {
            cand --profile 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile'
            cand --config-dir 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]'
            cand --dynamic 'Print the dynamic registration script instead (completes profile labels too)'
            cand --json 'Machine-readable output on stdout'
            cand -v 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'smsctl;help'= {
            cand creds 'Manage credential profiles (secrets in the OS keychain)'
            cand send 'Send one SMS or WhatsApp message'
            cand campaign 'Send a personalised message to every recipient of a CSV file'
            cand optouts 'The numbers never to text (they replied STOP): one list per account'
            cand exec 'Run a command with a profile''s credentials in its environment (TWILIO_* names)'
            cand sandbox 'Run a local Twilio-compatible server for rehearsals and demos'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'smsctl;help;creds'= {
            cand add 'Add a profile: checked with Twilio, secret to the keychain'
            cand ls 'List profiles (reads no secret)'
            cand status 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
            cand show 'Show every field of a profile (default: the default profile), the secret masked'
            cand test 'Send a test SMS to your own number and record the profile as tested'
            cand rm 'Delete a profile and its keychain entry'
            cand verify 'Check profiles with Twilio again (sends nothing) and update their states'
            cand import 'Create a profile from a dotenv file''s TWILIO_* variables'
            cand use 'Make a profile the default (without LABEL: pick one at a terminal)'
            cand rename 'Rename a profile; its keychain entry moves with it'
            cand rotate 'Replace a profile''s secret (checked with Twilio before it is stored)'
            cand edit 'Change a profile''s sender, test number or region (checked first)'
        }
        &'smsctl;help;creds;add'= {
        }
        &'smsctl;help;creds;ls'= {
        }
        &'smsctl;help;creds;status'= {
        }
        &'smsctl;help;creds;show'= {
        }
        &'smsctl;help;creds;test'= {
        }
        &'smsctl;help;creds;rm'= {
        }
        &'smsctl;help;creds;verify'= {
        }
        &'smsctl;help;creds;import'= {
        }
        &'smsctl;help;creds;use'= {
        }
        &'smsctl;help;creds;rename'= {
        }
        &'smsctl;help;creds;rotate'= {
        }
        &'smsctl;help;creds;edit'= {
        }
        &'smsctl;help;send'= {
        }
        &'smsctl;help;campaign'= {
            cand run 'Check, confirm and send a campaign (resumes after an interruption)'
            cand status 'Refresh the delivery status of a campaign''s messages and its report'
            cand retry 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
            cand cancel 'Cancel the campaign''s messages that are still scheduled (`--send-at`)'
        }
        &'smsctl;help;campaign;run'= {
        }
        &'smsctl;help;campaign;status'= {
        }
        &'smsctl;help;campaign;retry'= {
        }
        &'smsctl;help;campaign;cancel'= {
        }
        &'smsctl;help;optouts'= {
            cand ls 'List the account''s opted-out numbers, when and how each was added'
            cand add 'Add numbers to the list (source: manual)'
            cand rm 'Remove numbers from the list (they opted in again)'
            cand import 'Add every number of a CSV file''s phone column (source: import)'
            cand export 'Write the list as CSV (number,added,source)'
        }
        &'smsctl;help;optouts;ls'= {
        }
        &'smsctl;help;optouts;add'= {
        }
        &'smsctl;help;optouts;rm'= {
        }
        &'smsctl;help;optouts;import'= {
        }
        &'smsctl;help;optouts;export'= {
        }
        &'smsctl;help;exec'= {
        }
        &'smsctl;help;sandbox'= {
        }
        &'smsctl;help;completions'= {
        }
        &'smsctl;help;help'= {
        }
    ]
    $completions[$command]
}
