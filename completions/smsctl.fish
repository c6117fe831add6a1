# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_smsctl_global_optspecs
    string join \n profile= json v/verbose config-dir= h/help V/version
end

function __fish_smsctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_smsctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_smsctl_using_subcommand
    set -l cmd (__fish_smsctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c smsctl -n "__fish_smsctl_needs_command" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_needs_command" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_needs_command" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_needs_command" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_needs_command" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_needs_command" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "creds" -d 'Manage credential profiles (secrets in the OS keychain)'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "send" -d 'Send one SMS or WhatsApp message'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "campaign" -d 'Send a personalised message to every recipient of a CSV file'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "optouts" -d 'The numbers never to text (they replied STOP): one list per account'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "exec" -d 'Run a command with a profile\'s credentials in its environment (TWILIO_* names)'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "sandbox" -d 'Run a local Twilio-compatible server for rehearsals and demos'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c smsctl -n "__fish_smsctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "add" -d 'Add a profile: checked with Twilio, secret to the keychain'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "ls" -d 'List profiles (reads no secret)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "list" -d 'List profiles (reads no secret)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "status" -d 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "show" -d 'Show every field of a profile (default: the default profile), the secret masked'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "test" -d 'Send a test SMS to your own number and record the profile as tested'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "rm" -d 'Delete a profile and its keychain entry'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "remove" -d 'Delete a profile and its keychain entry'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "verify" -d 'Check profiles with Twilio again (sends nothing) and update their states'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "import" -d 'Create a profile from a dotenv file\'s TWILIO_* variables'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "use" -d 'Make a profile the default (without LABEL: pick one at a terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "rename" -d 'Rename a profile; its keychain entry moves with it'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "rotate" -d 'Replace a profile\'s secret (checked with Twilio before it is stored)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "edit" -d 'Change a profile\'s sender, test number or region (checked first)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and not __fish_seen_subcommand_from add ls list status show test rm remove verify import use rename rotate edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l account-sid -d 'Account SID (AC…) [env: TWILIO_ACCOUNT_SID]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l api-key -d 'API Key SID (SK…); implies --auth-kind api-key [env: TWILIO_API_KEY]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l auth-kind -d 'How the profile authenticates' -r -f -a "api-key\t'A Standard API key (SK…) and its secret (recommended)'
auth-token\t'The account\'s Auth Token'"
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l messaging-service -d 'Send through this Messaging Service (MG…)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l from -d 'Send from this phone number of the account (E.164, e.g. +14155552671)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l sender-id -d 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l whatsapp-from -d 'WhatsApp sender, whatsapp:+E164' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l test-to -d 'Your own mobile (E.164), where `creds test` sends' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l region -d 'Twilio processing region for this profile\'s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l edge -d 'Twilio edge location, e.g. dublin or sydney [default: the region\'s]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l mint-api-key -d 'With the Auth Token, create a Standard API key "smsctl LABEL on HOST", check it, and store only the key\'s secret (never the Auth Token)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l secret-stdin -d 'Read the secret (Auth Token or API Key Secret) from standard input'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l no-verify -d 'Save without checking with Twilio (state: unverified)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l default -d 'Make this the default profile'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -l wide -d 'Every column, however wide (else columns shorten or drop to fit the terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l wide -d 'Every column, however wide (else columns shorten or drop to fit the terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -l to -d 'Where to send (E.164); default: the profile\'s test number' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -l sandbox -d 'Rehearse against an in-process sandbox (no account, no keychain)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -l all -d 'Every profile'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l label -d 'Label for the new profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l no-verify -d 'Save without checking with Twilio (state: unverified)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l default -d 'Make this the default profile'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l secret-stdin -d 'Read the new secret from standard input (with --new-key: the Auth Token)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l no-verify -d 'Store without checking with Twilio (state: unverified)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l new-key -d 'Mint a new API key with the Auth Token (asked once, never stored), check it, store it, then delete the old key at Twilio'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l messaging-service -d 'Send through this Messaging Service (MG…)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l from -d 'Send from this phone number of the account (E.164, e.g. +14155552671)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l sender-id -d 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l whatsapp-from -d 'WhatsApp sender, whatsapp:+E164' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l test-to -d 'Your own mobile (E.164), where `creds test` sends' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l region -d 'Twilio processing region for this profile\'s requests, e.g. ie1 or au1 (requests go to api.{edge}.{region}.twilio.com)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l edge -d 'Twilio edge location, e.g. dublin or sydney [default: the region\'s]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l clear-sender -d 'Remove the SMS sender (state becomes no-sender unless a WhatsApp sender remains)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l no-verify -d 'Save without checking the new sender with Twilio'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile: checked with Twilio, secret to the keychain'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List profiles (reads no secret)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every field of a profile (default: the default profile), the secret masked'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a test SMS to your own number and record the profile as tested'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a profile and its keychain entry'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check profiles with Twilio again (sends nothing) and update their states'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create a profile from a dotenv file\'s TWILIO_* variables'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a profile the default (without LABEL: pick one at a terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a profile; its keychain entry moves with it'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Replace a profile\'s secret (checked with Twilio before it is stored)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a profile\'s sender, test number or region (checked first)'
complete -c smsctl -n "__fish_smsctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l to -d 'Recipient: E.164, or a local number with --default-region' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l body -d 'Message text (else --body-file, else standard input)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l body-file -d 'Read the message text from a file' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l channel -d 'SMS, or WhatsApp (from the profile\'s whatsapp_from, or --from whatsapp:+E164)' -r -f -a "sms\t''
whatsapp\t''"
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l messaging-service -d 'Send through this Messaging Service (MG…)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l from -d 'Send from this phone number of the account (E.164, e.g. +14155552671)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l sender-id -d 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l send-at -d 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l validity-period -d 'Drop a message Twilio could not send within this many seconds (1–36000)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l media-url -d 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l content-sid -d 'Send this WhatsApp Content template (HX…) instead of a message body' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l content-var -d 'A value of the --content-sid template\'s variable: 1=Ana (repeat for each variable)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l default-region -d 'Region for local numbers, e.g. SG (default: the profile\'s)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l wait-timeout -d 'Longest --wait, in seconds' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l wait -d 'Poll until the message reaches a final status'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l force -d 'Send even through an unverified profile'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l sandbox -d 'Rehearse against an in-process sandbox (no account, no keychain)'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand send" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -f -a "run" -d 'Check, confirm and send a campaign (resumes after an interruption)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -f -a "status" -d 'Refresh the delivery status of a campaign\'s messages and its report'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -f -a "retry" -d 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -f -a "cancel" -d 'Cancel the campaign\'s messages that are still scheduled (`--send-at`)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and not __fish_seen_subcommand_from run status retry cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l recipients -d 'Recipients CSV with a header row' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l template -d 'Message template file with {{keyword}} placeholders' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l body -d 'Message template text' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l send-at -d 'Schedule for this time, RFC 3339 with an offset (e.g. 2026-12-24T09:00:00+08:00): 15 minutes to 35 days ahead; needs a Messaging Service' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l validity-period -d 'Drop a message Twilio could not send within this many seconds (1–36000)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l media-url -d 'Attach media (MMS / WhatsApp): an https:// URL; repeat for more, at most 10' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l content-sid -d 'Send this WhatsApp Content template (HX…) instead of a message body' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l content-var -d 'Which CSV column fills a variable of the --content-sid template: 1=first_name (repeat for each variable)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l to-column -d 'The phone column\'s header' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l channel -d 'SMS, or WhatsApp (from the profile\'s whatsapp_from, or --from whatsapp:+E164)' -r -f -a "sms\t''
whatsapp\t''"
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l rate -d 'Messages per second, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l concurrency -d 'Requests in flight, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l report -d 'Report CSV [default: next to the recipients file]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l price-per-segment -d 'Price of one segment, for every country: replaces Twilio\'s Pricing API in the estimate of the dry run, the confirmation and --budget' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l budget -d 'Refuse to send (exit 2, nothing sent) when the estimate\'s upper bound (the dearest carrier of each country) exceeds AMOUNT, in the account\'s currency, or when a country\'s price is unknown. Twilio\'s MaxPrice is obsolete since 2024-06-03, so smsctl enforces the budget itself' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l max-consecutive-failures -d 'Stop the run after this many failed requests in a row (0: never); the journal is kept and the same command resumes' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l settle-secs -d 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [env: SMSCTL_SETTLE_SECS] [default: twice the request timeout, plus 10]; below that, a request still being processed can look unsent' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l messaging-service -d 'Send through this Messaging Service (MG…)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l from -d 'Send from this phone number of the account (E.164, e.g. +14155552671)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l sender-id -d 'Send with this alphanumeric sender ID (1–11 letters, digits, spaces)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l dry-run -d 'Check and show what would be sent; send nothing'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -s y -l yes -d 'Do not ask for confirmation'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l skip-invalid -d 'List and skip invalid rows instead of stopping'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l allow-duplicates -d 'Send to a number as often as it appears'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l allow-empty -d 'Send rows whose {{keyword}} values are empty (refused by default; never with --content-sid, as WhatsApp refuses empty template variables)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l restart -d 'Start over even though a journal exists for other files'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l resend-unknown -d 'Resend to recipients whose earlier request\'s outcome cannot be proven'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l force -d 'Send even through an unverified profile'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l sandbox -d 'Rehearse against an in-process sandbox (no account, no keychain)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l rate -d 'Requests per second, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l concurrency -d 'Requests in flight, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l max-consecutive-failures -d 'Stop after this many failed requests in a row (0: never); the same command resumes' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l settle-secs -d 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l dry-run -d 'Show whom the round would act on; send nothing'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -s y -l yes -d 'Do not ask for confirmation'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from retry" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l rate -d 'Requests per second, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l concurrency -d 'Requests in flight, at most' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l max-consecutive-failures -d 'Stop after this many failed requests in a row (0: never); the same command resumes' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l settle-secs -d 'On resume, wait until requests in flight at the interruption are this many seconds old before asking Twilio about them [default: twice the request timeout, plus 10]' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l dry-run -d 'Show whom the round would act on; send nothing'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Do not ask for confirmation'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l opted-out -d 'Cancel only the messages whose recipient is now on the opt-out list (a STOP does not cancel a scheduled message)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from help" -f -a "run" -d 'Check, confirm and send a campaign (resumes after an interruption)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from help" -f -a "status" -d 'Refresh the delivery status of a campaign\'s messages and its report'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel the campaign\'s messages that are still scheduled (`--send-at`)'
complete -c smsctl -n "__fish_smsctl_using_subcommand campaign; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "ls" -d 'List the account\'s opted-out numbers, when and how each was added'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "list" -d 'List the account\'s opted-out numbers, when and how each was added'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "add" -d 'Add numbers to the list (source: manual)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "rm" -d 'Remove numbers from the list (they opted in again)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "remove" -d 'Remove numbers from the list (they opted in again)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "import" -d 'Add every number of a CSV file\'s phone column (source: import)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "export" -d 'Write the list as CSV (number,added,source)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and not __fish_seen_subcommand_from ls list add rm remove import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -l wide -d 'Every column in full, however wide (else they shorten to fit the terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -l wide -d 'Every column in full, however wide (else they shorten to fit the terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l to-column -d 'The phone column\'s header' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l default-region -d 'Region for local numbers, e.g. SG' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l skip-invalid -d 'List and pass over rows that are not numbers instead of importing nothing'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -l sandbox -d 'The list of the sandbox\'s account (what `--sandbox` runs use)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List the account\'s opted-out numbers, when and how each was added'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add numbers to the list (source: manual)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove numbers from the list (they opted in again)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add every number of a CSV file\'s phone column (source: import)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the list as CSV (number,added,source)'
complete -c smsctl -n "__fish_smsctl_using_subcommand optouts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand exec" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l port -d 'Port on 127.0.0.1 (0 picks a free one)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l fail-after -d 'Accept this many messages, then refuse every later create with --fail-code (to rehearse credentials or a sender failing mid-campaign)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l fail-code -d 'The Twilio error code of --fail-after (20003: credentials refused, every request fails; 21606, 21611, 30002…: creates fail)' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l fail-key-delete -d 'Fault for rehearsals: every API key DELETE fails (as `creds rotate --new-key` meets when Twilio cannot delete the old key)'
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand sandbox" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -l profile -d 'Profile to use [env: SMSCTL_PROFILE]. Order: --profile, then environment credentials (TWILIO_ACCOUNT_SID…), then SMSCTL_PROFILE, then the default profile' -r
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -l config-dir -d 'Directory of profiles.toml [env: SMSCTL_CONFIG_DIR] [default: the platform\'s config dir, ~/.config/smsctl on Linux]' -r -F
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -l dynamic -d 'Print the dynamic registration script instead (completes profile labels too)'
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -l json -d 'Machine-readable output on stdout'
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -s v -l verbose -d 'Log each request (method, URL, status, duration) to stderr, secrets redacted'
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c smsctl -n "__fish_smsctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "creds" -d 'Manage credential profiles (secrets in the OS keychain)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "send" -d 'Send one SMS or WhatsApp message'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "campaign" -d 'Send a personalised message to every recipient of a CSV file'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "optouts" -d 'The numbers never to text (they replied STOP): one list per account'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "exec" -d 'Run a command with a profile\'s credentials in its environment (TWILIO_* names)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "sandbox" -d 'Run a local Twilio-compatible server for rehearsals and demos'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and not __fish_seen_subcommand_from creds send campaign optouts exec sandbox completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "add" -d 'Add a profile: checked with Twilio, secret to the keychain'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "ls" -d 'List profiles (reads no secret)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "status" -d 'Which credentials a command would use now, why, and a live check (exit 0 only when they can send)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "show" -d 'Show every field of a profile (default: the default profile), the secret masked'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "test" -d 'Send a test SMS to your own number and record the profile as tested'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "rm" -d 'Delete a profile and its keychain entry'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "verify" -d 'Check profiles with Twilio again (sends nothing) and update their states'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "import" -d 'Create a profile from a dotenv file\'s TWILIO_* variables'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "use" -d 'Make a profile the default (without LABEL: pick one at a terminal)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "rename" -d 'Rename a profile; its keychain entry moves with it'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "rotate" -d 'Replace a profile\'s secret (checked with Twilio before it is stored)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "edit" -d 'Change a profile\'s sender, test number or region (checked first)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from campaign" -f -a "run" -d 'Check, confirm and send a campaign (resumes after an interruption)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from campaign" -f -a "status" -d 'Refresh the delivery status of a campaign\'s messages and its report'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from campaign" -f -a "retry" -d 'Send once more to the recipients whose latest status (after `campaign status`) is a transient failure (30003, 30008, …), and to nobody else'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from campaign" -f -a "cancel" -d 'Cancel the campaign\'s messages that are still scheduled (`--send-at`)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from optouts" -f -a "ls" -d 'List the account\'s opted-out numbers, when and how each was added'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from optouts" -f -a "add" -d 'Add numbers to the list (source: manual)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from optouts" -f -a "rm" -d 'Remove numbers from the list (they opted in again)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from optouts" -f -a "import" -d 'Add every number of a CSV file\'s phone column (source: import)'
complete -c smsctl -n "__fish_smsctl_using_subcommand help; and __fish_seen_subcommand_from optouts" -f -a "export" -d 'Write the list as CSV (number,added,source)'
