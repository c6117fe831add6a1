
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'smsctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'smsctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'smsctl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('creds', 'creds', [CompletionResultType]::ParameterValue, 'Manage credential profiles (secrets in the OS keychain)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send one SMS or WhatsApp message')
            [CompletionResult]::new('campaign', 'campaign', [CompletionResultType]::ParameterValue, 'Send a personalised message to every recipient of a CSV file')
            [CompletionResult]::new('optouts', 'optouts', [CompletionResultType]::ParameterValue, 'The numbers never to text (they replied STOP): one list per account')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a profile''s credentials in its environment (TWILIO_* names)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local Twilio-compatible server for rehearsals and demos')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;creds' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile: checked with Twilio, secret to the keychain')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List profiles (reads no secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles (reads no secret)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every field of a profile (default: the default profile), the secret masked')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test SMS to your own number and record the profile as tested')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a profile and its keychain entry')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a profile and its keychain entry')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check profiles with Twilio again (sends nothing) and update their states')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create a profile from a dotenv file''s TWILIO_* variables')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (without LABEL: pick one at a terminal)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a profile; its keychain entry moves with it')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a profile''s secret (checked with Twilio before it is stored)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a profile''s sender, test number or region (checked first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;creds;add' {
            [CompletionResult]::new('--account-sid', '--account-sid', [CompletionResultType]::ParameterName, 'Account SID (AC…) [env: TWILIO_ACCOUNT_SID]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API Key SID (SK…); implies --auth-kind api-key [env: TWILIO_API_KEY]')
            [CompletionResult]::new('--auth-kind', '--auth-kind', [CompletionResultType]::ParameterName, 'How the profile authenticates')
            [CompletionResult]::new('--messaging-service', '--messaging-service', [CompletionResultType]::ParameterName, 'Send through this Messaging Service (MG…)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Send from this phone number of the account (E.164, e.g. +14155552671)')
            [CompletionResult]::new('--sender-id', '--sender-id', [CompletionResultType]::ParameterName, 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)')
            [CompletionResult]::new('--whatsapp-from', '--whatsapp-from', [CompletionResultType]::ParameterName, 'WhatsApp sender, whatsapp:+E164')
            [CompletionResult]::new('--test-to', '--test-to', [CompletionResultType]::ParameterName, 'Your own mobile (E.164), where `creds test` sends')
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Twilio processing region for this profile''s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)')
            [CompletionResult]::new('--edge', '--edge', [CompletionResultType]::ParameterName, 'Twilio edge location, e.g. dublin or sydney [default: the region''s]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--mint-api-key', '--mint-api-key', [CompletionResultType]::ParameterName, 'With the Auth Token, create a Standard API key "smsctl LABEL on HOST", check it, and store only the key''s secret (never the Auth Token)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the secret (Auth Token or API Key Secret) from standard input')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Save without checking with Twilio (state: unverified)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this the default profile')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;ls' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, however wide (else columns shorten or drop to fit the terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column, however wide (else columns shorten or drop to fit the terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;test' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to send (E.164); default: the profile''s test number')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Rehearse against an in-process sandbox (no account, no keychain)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;rm' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;verify' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;import' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label for the new profile')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Save without checking with Twilio (state: unverified)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this the default profile')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;use' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;rename' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;rotate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the new secret from standard input (with --new-key: the Auth Token)')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Store without checking with Twilio (state: unverified)')
            [CompletionResult]::new('--new-key', '--new-key', [CompletionResultType]::ParameterName, 'Mint a new API key with the Auth Token (asked once, never stored), check it, store it, then delete the old key at Twilio')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;edit' {
            [CompletionResult]::new('--messaging-service', '--messaging-service', [CompletionResultType]::ParameterName, 'Send through this Messaging Service (MG…)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Send from this phone number of the account (E.164, e.g. +14155552671)')
            [CompletionResult]::new('--sender-id', '--sender-id', [CompletionResultType]::ParameterName, 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)')
            [CompletionResult]::new('--whatsapp-from', '--whatsapp-from', [CompletionResultType]::ParameterName, 'WhatsApp sender, whatsapp:+E164')
            [CompletionResult]::new('--test-to', '--test-to', [CompletionResultType]::ParameterName, 'Your own mobile (E.164), where `creds test` sends')
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Twilio processing region for this profile''s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)')
            [CompletionResult]::new('--edge', '--edge', [CompletionResultType]::ParameterName, 'Twilio edge location, e.g. dublin or sydney [default: the region''s]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--clear-sender', '--clear-sender', [CompletionResultType]::ParameterName, 'Remove the SMS sender (state becomes no-sender unless a WhatsApp sender remains)')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Save without checking the new sender with Twilio')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;creds;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile: checked with Twilio, secret to the keychain')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List profiles (reads no secret)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every field of a profile (default: the default profile), the secret masked')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test SMS to your own number and record the profile as tested')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a profile and its keychain entry')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check profiles with Twilio again (sends nothing) and update their states')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create a profile from a dotenv file''s TWILIO_* variables')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (without LABEL: pick one at a terminal)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a profile; its keychain entry moves with it')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a profile''s secret (checked with Twilio before it is stored)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a profile''s sender, test number or region (checked first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;creds;help;add' {
            break
        }
        'smsctl;creds;help;ls' {
            break
        }
        'smsctl;creds;help;status' {
            break
        }
        'smsctl;creds;help;show' {
            break
        }
        'smsctl;creds;help;test' {
            break
        }
        'smsctl;creds;help;rm' {
            break
        }
        'smsctl;creds;help;verify' {
            break
        }
        'smsctl;creds;help;import' {
            break
        }
        'smsctl;creds;help;use' {
            break
        }
        'smsctl;creds;help;rename' {
            break
        }
        'smsctl;creds;help;rotate' {
            break
        }
        'smsctl;creds;help;edit' {
            break
        }
        'smsctl;creds;help;help' {
            break
        }
        'smsctl;send' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient: E.164, or a local number with --default-region')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Message text (else --body-file, else standard input)')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the message text from a file')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'SMS, or WhatsApp (from the profile''s whatsapp_from, or --from whatsapp:+E164)')
            [CompletionResult]::new('--messaging-service', '--messaging-service', [CompletionResultType]::ParameterName, 'Send through this Messaging Service (MG…)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Send from this phone number of the account (E.164, e.g. +14155552671)')
            [CompletionResult]::new('--sender-id', '--sender-id', [CompletionResultType]::ParameterName, 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)')
            [CompletionResult]::new('--send-at', '--send-at', [CompletionResultType]::ParameterName, 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service')
            [CompletionResult]::new('--validity-period', '--validity-period', [CompletionResultType]::ParameterName, 'Drop a message Twilio could not send within this many seconds (1–36000)')
            [CompletionResult]::new('--media-url', '--media-url', [CompletionResultType]::ParameterName, 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10')
            [CompletionResult]::new('--content-sid', '--content-sid', [CompletionResultType]::ParameterName, 'Send this WhatsApp Content template (HX…) instead of a message body')
            [CompletionResult]::new('--content-var', '--content-var', [CompletionResultType]::ParameterName, 'A value of the --content-sid template''s variable: 1=Ana (repeat for each variable)')
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG (default: the profile''s)')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Longest --wait, in seconds')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Poll until the message reaches a final status')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Send even through an unverified profile')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Rehearse against an in-process sandbox (no account, no keychain)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;campaign' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Check, confirm and send a campaign (resumes after an interruption)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Refresh the delivery status of a campaign''s messages and its report')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the campaign''s messages that are still scheduled (`--send-at`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;campaign;run' {
            [CompletionResult]::new('--recipients', '--recipients', [CompletionResultType]::ParameterName, 'Recipients CSV with a header row')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Message template file with {{keyword}} placeholders')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Message template text')
            [CompletionResult]::new('--send-at', '--send-at', [CompletionResultType]::ParameterName, 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service')
            [CompletionResult]::new('--validity-period', '--validity-period', [CompletionResultType]::ParameterName, 'Drop a message Twilio could not send within this many seconds (1–36000)')
            [CompletionResult]::new('--media-url', '--media-url', [CompletionResultType]::ParameterName, 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10')
            [CompletionResult]::new('--content-sid', '--content-sid', [CompletionResultType]::ParameterName, 'Send this WhatsApp Content template (HX…) instead of a message body')
            [CompletionResult]::new('--content-var', '--content-var', [CompletionResultType]::ParameterName, 'Which CSV column fills a variable of the --content-sid template: 1=first_name (repeat for each variable)')
            [CompletionResult]::new('--to-column', '--to-column', [CompletionResultType]::ParameterName, 'The phone column''s header')
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'SMS, or WhatsApp (from the profile''s whatsapp_from, or --from whatsapp:+E164)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Messages per second, at most')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight, at most')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Report CSV [default: next to the recipients file]')
            [CompletionResult]::new('--price-per-segment', '--price-per-segment', [CompletionResultType]::ParameterName, 'Price of one segment, for every country: replaces Twilio''s Pricing API in the estimate of the dry run, the confirmation and --budget')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Refuse to send (exit 2, nothing sent) when the estimate''s upper bound (the dearest carrier of each country) exceeds AMOUNT, in the account''s currency, or when a country''s price is unknown. Twilio''s MaxPrice is obsolete since 2024-06-03, so smsctl enforces the budget itself')
            [CompletionResult]::new('--max-consecutive-failures', '--max-consecutive-failures', [CompletionResultType]::ParameterName, 'Stop the run after this many failed requests in a row (0: never); the journal is kept and the same command resumes')
            [CompletionResult]::new('--settle-secs', '--settle-secs', [CompletionResultType]::ParameterName, 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [env: SMSCTL_SETTLE_SECS] [default: twice the request timeout, plus 10]; below that, a request still being processed can look unsent')
            [CompletionResult]::new('--messaging-service', '--messaging-service', [CompletionResultType]::ParameterName, 'Send through this Messaging Service (MG…)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Send from this phone number of the account (E.164, e.g. +14155552671)')
            [CompletionResult]::new('--sender-id', '--sender-id', [CompletionResultType]::ParameterName, 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check and show what would be sent; send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'List and skip invalid rows instead of stopping')
            [CompletionResult]::new('--allow-duplicates', '--allow-duplicates', [CompletionResultType]::ParameterName, 'Send to a number as often as it appears')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Send rows whose {{keyword}} values are empty (refused by default; never with --content-sid, as WhatsApp refuses empty template variables)')
            [CompletionResult]::new('--restart', '--restart', [CompletionResultType]::ParameterName, 'Start over even though a journal exists for other files')
            [CompletionResult]::new('--resend-unknown', '--resend-unknown', [CompletionResultType]::ParameterName, 'Resend to recipients whose earlier request''s outcome cannot be proven')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Send even through an unverified profile')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Rehearse against an in-process sandbox (no account, no keychain)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;campaign;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;campaign;retry' {
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second, at most')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight, at most')
            [CompletionResult]::new('--max-consecutive-failures', '--max-consecutive-failures', [CompletionResultType]::ParameterName, 'Stop after this many failed requests in a row (0: never); the same command resumes')
            [CompletionResult]::new('--settle-secs', '--settle-secs', [CompletionResultType]::ParameterName, 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show whom the round would act on; send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;campaign;cancel' {
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second, at most')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight, at most')
            [CompletionResult]::new('--max-consecutive-failures', '--max-consecutive-failures', [CompletionResultType]::ParameterName, 'Stop after this many failed requests in a row (0: never); the same command resumes')
            [CompletionResult]::new('--settle-secs', '--settle-secs', [CompletionResultType]::ParameterName, 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show whom the round would act on; send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--opted-out', '--opted-out', [CompletionResultType]::ParameterName, 'Cancel only the messages whose recipient is now on the opt-out list (a STOP does not cancel a scheduled message)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;campaign;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Check, confirm and send a campaign (resumes after an interruption)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Refresh the delivery status of a campaign''s messages and its report')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the campaign''s messages that are still scheduled (`--send-at`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;campaign;help;run' {
            break
        }
        'smsctl;campaign;help;status' {
            break
        }
        'smsctl;campaign;help;retry' {
            break
        }
        'smsctl;campaign;help;cancel' {
            break
        }
        'smsctl;campaign;help;help' {
            break
        }
        'smsctl;optouts' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the account''s opted-out numbers, when and how each was added')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the account''s opted-out numbers, when and how each was added')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add numbers to the list (source: manual)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove numbers from the list (they opted in again)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove numbers from the list (they opted in again)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add every number of a CSV file''s phone column (source: import)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the list as CSV (number,added,source)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;optouts;ls' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column in full, however wide (else they shorten to fit the terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Every column in full, however wide (else they shorten to fit the terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;add' {
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;rm' {
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;remove' {
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;import' {
            [CompletionResult]::new('--to-column', '--to-column', [CompletionResultType]::ParameterName, 'The phone column''s header')
            [CompletionResult]::new('--default-region', '--default-region', [CompletionResultType]::ParameterName, 'Region for local numbers, e.g. SG')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'List and pass over rows that are not numbers instead of importing nothing')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'The list of the sandbox''s account (what `--sandbox` runs use)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;optouts;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the account''s opted-out numbers, when and how each was added')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add numbers to the list (source: manual)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove numbers from the list (they opted in again)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add every number of a CSV file''s phone column (source: import)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the list as CSV (number,added,source)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;optouts;help;ls' {
            break
        }
        'smsctl;optouts;help;add' {
            break
        }
        'smsctl;optouts;help;rm' {
            break
        }
        'smsctl;optouts;help;import' {
            break
        }
        'smsctl;optouts;help;export' {
            break
        }
        'smsctl;optouts;help;help' {
            break
        }
        'smsctl;exec' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--fail-after', '--fail-after', [CompletionResultType]::ParameterName, 'Accept this many messages, then refuse every later create with --fail-code (to rehearse credentials or a sender failing mid-campaign)')
            [CompletionResult]::new('--fail-code', '--fail-code', [CompletionResultType]::ParameterName, 'The Twilio error code of --fail-after (20003: credentials refused, every request fails; 21606, 21611, 30002…: creates fail)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--fail-key-delete', '--fail-key-delete', [CompletionResultType]::ParameterName, 'Fault for rehearsals: every API key DELETE fails (as `creds rotate --new-key` meets when Twilio cannot delete the old key)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile')
            [CompletionResult]::new('--config-dir', '--config-dir', [CompletionResultType]::ParameterName, 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform''s config dir, ~/.config/smsctl on Linux]')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'Print the dynamic registration script instead (completes profile labels too)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output on stdout')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, duration) to stderr, secrets redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'smsctl;help' {
            [CompletionResult]::new('creds', 'creds', [CompletionResultType]::ParameterValue, 'Manage credential profiles (secrets in the OS keychain)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send one SMS or WhatsApp message')
            [CompletionResult]::new('campaign', 'campaign', [CompletionResultType]::ParameterValue, 'Send a personalised message to every recipient of a CSV file')
            [CompletionResult]::new('optouts', 'optouts', [CompletionResultType]::ParameterValue, 'The numbers never to text (they replied STOP): one list per account')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a profile''s credentials in its environment (TWILIO_* names)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local Twilio-compatible server for rehearsals and demos')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'smsctl;help;creds' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile: checked with Twilio, secret to the keychain')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List profiles (reads no secret)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every field of a profile (default: the default profile), the secret masked')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test SMS to your own number and record the profile as tested')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a profile and its keychain entry')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check profiles with Twilio again (sends nothing) and update their states')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create a profile from a dotenv file''s TWILIO_* variables')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a profile the default (without LABEL: pick one at a terminal)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a profile; its keychain entry moves with it')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a profile''s secret (checked with Twilio before it is stored)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a profile''s sender, test number or region (checked first)')
            break
        }
        'smsctl;help;creds;add' {
            break
        }
        'smsctl;help;creds;ls' {
            break
        }
        'smsctl;help;creds;status' {
            break
        }
        'smsctl;help;creds;show' {
            break
        }
        'smsctl;help;creds;test' {
            break
        }
        'smsctl;help;creds;rm' {
            break
        }
        'smsctl;help;creds;verify' {
            break
        }
        'smsctl;help;creds;import' {
            break
        }
        'smsctl;help;creds;use' {
            break
        }
        'smsctl;help;creds;rename' {
            break
        }
        'smsctl;help;creds;rotate' {
            break
        }
        'smsctl;help;creds;edit' {
            break
        }
        'smsctl;help;send' {
            break
        }
        'smsctl;help;campaign' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Check, confirm and send a campaign (resumes after an interruption)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Refresh the delivery status of a campaign''s messages and its report')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel the campaign''s messages that are still scheduled (`--send-at`)')
            break
        }
        'smsctl;help;campaign;run' {
            break
        }
        'smsctl;help;campaign;status' {
            break
        }
        'smsctl;help;campaign;retry' {
            break
        }
        'smsctl;help;campaign;cancel' {
            break
        }
        'smsctl;help;optouts' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the account''s opted-out numbers, when and how each was added')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add numbers to the list (source: manual)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove numbers from the list (they opted in again)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add every number of a CSV file''s phone column (source: import)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the list as CSV (number,added,source)')
            break
        }
        'smsctl;help;optouts;ls' {
            break
        }
        'smsctl;help;optouts;add' {
            break
        }
        'smsctl;help;optouts;rm' {
            break
        }
        'smsctl;help;optouts;import' {
            break
        }
        'smsctl;help;optouts;export' {
            break
        }
        'smsctl;help;exec' {
            break
        }
        'smsctl;help;sandbox' {
            break
        }
        'smsctl;help;completions' {
            break
        }
        'smsctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
