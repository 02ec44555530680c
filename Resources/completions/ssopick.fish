function __ssopick_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ssopick_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ssopick_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ssopick_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ssopick_parse_tokens -S
    set -l unparsed_tokens (__ssopick_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ssopick'
        __ssopick_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'pick'
            __ssopick_parse_subcommand -r 1 'session=' 'profile=' 'verbose' 'q/query=' 'select-1' 'export' 'export-profile' 'shell=' 'shell-function=' 'template=' 'region=' 'force' 'overwrite' 'write-credentials=' 'exec' 'refresh-credentials' 'refresh' 'max-age=' 'no-mouse' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'version' 'h/help'
        case 'list'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'json' 'tsv' 'refresh' 'cached' 'max-age=' 'filter=' 'max-in-flight=' 'allow-partial' 'version' 'h/help'
        case 'login'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'use-pkce' 'use-device-code' 'no-browser' 'version' 'h/help'
        case 'logout'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'all' 'version' 'h/help'
        case 'status'
            __ssopick_parse_subcommand 0 'json' 'version' 'h/help'
        case 'configure'
            __ssopick_parse_subcommand 0 'session=' 'start-url=' 'region=' 'scopes=' 'version' 'h/help'
        case 'export'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'account=' 'role=' 'region=' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'shell=' 'force' 'to-credentials=' 'as-profile' 'profile-name=' 'template=' 'overwrite' 'version' 'h/help'
        case 'exec'
            __ssopick_parse_subcommand -r 1 'session=' 'profile=' 'verbose' 'account=' 'role=' 'region=' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'refresh' 'version' 'h/help'
        case 'serve'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'account=' 'role=' 'region=' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'port=' 'shell=' 'version' 'h/help'
        case 'credential-process'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'account=' 'role=' 'allow-login' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'version' 'h/help'
        case 'console'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'account=' 'role=' 'region=' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'print' 'portal' 'no-portal' 'destination=' 'session-duration=' 'version' 'h/help'
        case 'whoami'
            __ssopick_parse_subcommand 0 'profile=' 'json' 'region=' 'assume=+' 'external-id=' 'role-session-name=' 'duration=' 'mfa-serial=' 'token-code=' 'version' 'h/help'
        case 'saml'
            __ssopick_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'login'
                __ssopick_parse_subcommand -r 1 'profile=' 'assertion-file=' 'role=' 'no-prompt' 'q/query=' 'select-1' 'duration-hours=' 'export' 'shell=' 'write-credentials=' 'exec' 'console' 'print' 'force' 'overwrite' 'region=' 'all-profiles' 'version' 'h/help'
            case 'configure'
                __ssopick_parse_subcommand 0 'profile=' 'tenant=' 'app-id-uri=' 'username=' 'default-role=' 'duration-hours=' 'region=' 'idp-url=' 'assertion-source=' 'principal-arn=' 'overwrite' 'version' 'h/help'
            case 'credential-process'
                __ssopick_parse_subcommand 0 'profile=' 'role=' 'allow-login' 'version' 'h/help'
            end
        case 'populate'
            __ssopick_parse_subcommand 0 'session=' 'profile=' 'verbose' 'template=' 'region=' 'prune' 'dry-run' 'refresh' 'cached' 'max-age=' 'allow-partial' 'version' 'h/help'
        case 'init'
            __ssopick_parse_subcommand 1 'name=' 'version' 'h/help'
        case 'demo'
            __ssopick_parse_subcommand 0 'keep' 'saml' 'serve' 'port=' 'accounts=' 'roles-per-account=' 'latency-ms=' 'jitter-ms=' 'throttle-rps=' 'auto-approve' 'org=' 'seed=' 'version' 'h/help'
        case 'help'
            __ssopick_parse_subcommand -r 1 'version'
        end
    end
end

function __ssopick_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ssopick_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __ssopick_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ssopick_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ssopick_tokens -p)
    if test -z "$(__ssopick_tokens -t)"
        set -l index (count (__ssopick_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ssopick' -f
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'pick' -d 'Open the full-screen picker (the default).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'list' -d 'Print every account and role.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'login' -d 'Sign in to an sso-session (PKCE or device code).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'logout' -d 'Sign out of an sso-session.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'status' -d 'Show each sso-session and its login.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'configure' -d 'Write or update an [sso-session] in ~/.aws/config.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'export' -d 'Print credentials as shell export lines.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'exec' -d 'Run a command with role credentials in its environment.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'serve' -d 'Serve a role\'s credentials on a local endpoint that the AWS SDKs refresh from.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'credential-process' -d 'Print credentials for credential_process.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'console' -d 'Open the AWS console for an account and role.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'whoami' -d 'Show whose AWS credentials are in use, with names and the time left.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'saml' -d 'Sign in with SAML (Entra ID\'s AWS gallery app) and pick a role.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'populate' -d 'Write a profile for every account and role.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'init' -d 'Print a shell function that sets the picked role in the current shell.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'demo' -d 'Try ssopick on a built-in demo organisation.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" q query' -s 'q' -l 'query' -d 'Start with this query.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" select-1' -l 'select-1' -d 'Choose at once when the listing is complete and exactly one row matches.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" export' -l 'export' -d 'Print shell export lines with the role\'s credentials.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" export-profile' -l 'export-profile' -d 'Write the profile and print only `export AWS_PROFILE=NAME`.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" shell' -l 'shell' -d 'The syntax of --export lines: sh, bash, zsh, fish, powershell or cmd (default: $SHELL).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" shell-function' -l 'shell-function' -d 'Print only lines for SHELL to evaluate: the profile, or the keys with --export (what the `ssopick init` function runs); a command after -- is run as with --exec.' -rfka 'sh bash zsh fish powershell pwsh cmd'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" template' -l 'template' -d 'The profile name: {account_name}, {account_id}, {role_name}, {account_email}, {session} (default {account_name}/{role_name}, or $SSOPICK_PROFILE_TEMPLATE).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" region' -l 'region' -d 'The region for the profile (default: the sso-session\'s for a new profile) or export.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" force' -l 'force' -d 'With --export: print the credentials even to a terminal.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" overwrite' -l 'overwrite' -d 'Replace a different profile (or foreign keys) of the same name.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" write-credentials' -l 'write-credentials' -d 'Write the role\'s keys to [PROFILE] in ~/.aws/credentials and print PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" exec' -l 'exec' -d 'Run the command given after -- with the role\'s credentials (as `ssopick exec`).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" refresh-credentials' -l 'refresh-credentials' -d 'With --exec: serve the credentials on a local endpoint that renews them (as exec --refresh).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" refresh' -l 'refresh' -d 'List accounts and roles from AWS even if the cache is fresh.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" max-age' -l 'max-age' -d 'Use the cached catalog without listing again when younger than this (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" no-mouse' -l 'no-mouse' -d 'Do not ask the terminal for mouse events.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick pick" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" json' -l 'json' -d 'Print a JSON array of objects.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" tsv' -l 'tsv' -d 'Print tab-separated values.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" refresh' -l 'refresh' -d 'List from the portal even if the cache is fresh.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" cached' -l 'cached' -d 'Print the cached catalog; never use the network.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" max-age' -l 'max-age' -d 'Use the cache when younger than this (e.g. 30m, 1h; default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" filter' -l 'filter' -d 'Print only the rows matching QUERY, best first (the picker\'s fuzzy matcher).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" max-in-flight' -l 'max-in-flight' -d 'At most this many portal requests at once (1-64).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" allow-partial' -l 'allow-partial' -d 'Exit 0 even when some accounts\' roles could not be listed (they are named).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" use-pkce' -l 'use-pkce' -d 'Sign in with PKCE in a browser on this machine.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" use-device-code' -l 'use-device-code' -d 'Sign in with a device code.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" no-browser' -l 'no-browser' -d 'Print the sign-in URL; do not open a browser.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" all' -l 'all' -d 'Sign out of every configured session.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick status" json' -l 'json' -d 'Print JSON.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick status" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" session' -l 'session' -d 'The sso-session name, e.g. acme.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" start-url' -l 'start-url' -d 'The AWS access portal URL (https://…/start).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" region' -l 'region' -d 'The region of the IAM Identity Center instance, e.g. eu-central-1.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" scopes' -l 'scopes' -d 'Comma-separated registration scopes (new sessions default to sso:account:access).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick configure" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" account' -l 'account' -d 'The account: its 12-digit id, or its name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" role' -l 'role' -d 'The role (permission set) name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" region' -l 'region' -d 'The AWS region to use (else the profile\'s region, if any).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" shell' -l 'shell' -d 'sh, bash, zsh, fish, powershell (pwsh) or cmd.' -rfka 'sh bash zsh fish powershell pwsh cmd'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" force' -l 'force' -d 'Print credentials even when stdout is a terminal.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" to-credentials' -l 'to-credentials' -d 'Write the keys into ~/.aws/credentials as this profile.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" as-profile' -l 'as-profile' -d 'Write a profile for the role to ~/.aws/config and print only AWS_PROFILE.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" profile-name' -l 'profile-name' -d 'With --as-profile: the profile\'s name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" template' -l 'template' -d 'With --as-profile: how to name the profile (default {account_name}/{role_name}).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" overwrite' -l 'overwrite' -d 'Replace a different profile (or foreign keys) of the same name.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" account' -l 'account' -d 'The account: its 12-digit id, or its name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" role' -l 'role' -d 'The role (permission set) name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" region' -l 'region' -d 'The AWS region to use (else the profile\'s region, if any).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" refresh refresh-credentials' -l 'refresh' -l 'refresh-credentials' -d 'Serve the credentials on a local endpoint that renews them while the command runs.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick exec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" account' -l 'account' -d 'The account: its 12-digit id, or its name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" role' -l 'role' -d 'The role (permission set) name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" region' -l 'region' -d 'The AWS region to use (else the profile\'s region, if any).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" port' -l 'port' -d 'The port on 127.0.0.1 (default: a free one).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" shell' -l 'shell' -d 'The syntax of the printed lines: sh, bash, zsh, fish, powershell or cmd.' -rfka 'sh bash zsh fish powershell pwsh cmd'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" session' -l 'session' -d 'The sso-session to use.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" profile' -l 'profile' -d 'Take the session (and account and role, unless given) from this profile.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" account' -l 'account' -d 'The account\'s 12-digit id (a name works, but lists accounts first).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" role' -l 'role' -d 'The role (permission set) name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" allow-login' -l 'allow-login' -d 'Sign in (browser or device code) when needed.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick credential-process" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" account' -l 'account' -d 'The account: its 12-digit id, or its name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" role' -l 'role' -d 'The role (permission set) name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" region' -l 'region' -d 'The AWS region to use (else the profile\'s region, if any).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" print' -l 'print' -d 'Print the sign-in URL on stdout instead of opening a browser.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" portal' -l 'portal' -d 'Open the access portal\'s console shortcut (no credentials) instead of a sign-in URL.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" no-portal' -l 'no-portal' -d 'Open the access portal\'s console shortcut (no credentials) instead of a sign-in URL.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" destination' -l 'destination' -d 'A console URL or path (e.g. /s3/home) to open.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" session-duration' -l 'session-duration' -d 'Console session length, 900–43200 seconds.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick console" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" profile' -l 'profile' -d 'Use this profile\'s credentials (else the environment\'s, else AWS_PROFILE).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" json' -l 'json' -d 'Print JSON.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" region' -l 'region' -d 'The region for STS (else the profile\'s, AWS_REGION, or the sign-in\'s).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami"' -l 'assume' -d 'Then assume this role (an IAM role ARN) with the role\'s credentials; repeat to chain further.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" external-id' -l 'external-id' -d 'With --assume: the ExternalId of the last role.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" role-session-name' -l 'role-session-name' -d 'With --assume: the session name (default: your Identity Center user name).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" duration' -l 'duration' -d 'With --assume: how long the credentials last, 15m to 1h (default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" mfa-serial' -l 'mfa-serial' -d 'With --assume: the MFA device the last role requires.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" token-code' -l 'token-code' -d 'With --mfa-serial: the MFA code (asked for on the terminal when not given).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick saml" -eq 1' -fa 'login' -d 'Get a SAML assertion, pick a role, assume it.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick saml" -eq 1' -fa 'configure' -d 'Write a SAML profile (aws-azure-login\'s keys) into ~/.aws/config.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick saml" -eq 1' -fa 'credential-process' -d 'Print a SAML role\'s credentials for credential_process.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" profile' -l 'profile' -d 'The SAML profile.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" assertion-file' -l 'assertion-file' -d 'Read the SAMLResponse from this file (- for stdin).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" role' -l 'role' -d 'Assume this role (its ARN); it must be in the assertion.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" no-prompt' -l 'no-prompt' -d 'Take the profile\'s azure_default_role_arn.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" q query' -s 'q' -l 'query' -d 'Start the picker with this query.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" select-1' -l 'select-1' -d 'Choose at once when exactly one row matches.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" duration-hours' -l 'duration-hours' -d 'How long the credentials last (1-12).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" export' -l 'export' -d 'Print shell export lines with the credentials.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" shell' -l 'shell' -d 'The syntax of --export: sh, bash, zsh, fish, powershell or cmd.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" write-credentials' -l 'write-credentials' -d 'Write the keys to [PROFILE] instead of the profile\'s own name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" exec' -l 'exec' -d 'Run the command given after -- with the credentials.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" console' -l 'console' -d 'Open the AWS console as the role (with --print: print its URL).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" print' -l 'print' -d 'With --console: print the sign-in URL instead of opening it.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" force' -l 'force' -d 'With --export: print the credentials even to a terminal.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" overwrite' -l 'overwrite' -d 'Replace long-term keys of the same name in ~/.aws/credentials.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" region' -l 'region' -d 'The region for STS and the console (else the profile\'s).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" all-profiles' -l 'all-profiles' -d 'Refresh every SAML profile of this sign-in.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" profile' -l 'profile' -d 'The profile\'s name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" tenant' -l 'tenant' -d 'The Entra tenant id (or domain).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" app-id-uri' -l 'app-id-uri' -d 'The app\'s identifier URI (keep any #N).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" username' -l 'username' -d 'The sign-in hint (azure_default_username).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" default-role' -l 'default-role' -d 'The role taken by --no-prompt.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" duration-hours' -l 'duration-hours' -d 'How long credentials last (1-12).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" region' -l 'region' -d 'The profile\'s region (also the STS endpoint\'s).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" idp-url' -l 'idp-url' -d 'The IdP\'s SAML endpoint (saml_idp_url).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" assertion-source' -l 'assertion-source' -d 'loopback (default) or paste.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" principal-arn' -l 'principal-arn' -d 'The SAML provider\'s ARN (saml_principal_arn), needed with encrypted assertions.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" overwrite' -l 'overwrite' -d 'Take over a profile of the same name that is not a SAML profile.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml configure" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml credential-process" profile' -l 'profile' -d 'The SAML profile.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml credential-process" role' -l 'role' -d 'The role (else the profile\'s azure_default_role_arn).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml credential-process" allow-login' -l 'allow-login' -d 'Sign in in the browser when needed.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml credential-process" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick saml credential-process" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" session' -l 'session' -d 'The sso-session to use (a [sso-session NAME] in ~/.aws/config).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" profile' -l 'profile' -d 'Use the sso-session (or legacy start URL) of this profile; also AWS_PROFILE.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" verbose' -l 'verbose' -d 'Also report ignored cache files and failed refreshes on stderr.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" template' -l 'template' -d 'How to name profiles (default {account_name}/{role_name}).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" region' -l 'region' -d 'Set region = REGION in every profile.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" prune' -l 'prune' -d 'Remove profiles (in the block) of roles that no longer exist.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" dry-run' -l 'dry-run' -d 'Print the change as a diff; write nothing.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" refresh' -l 'refresh' -d 'List from the portal even if the cached catalog is fresh.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" cached' -l 'cached' -d 'Use the cached catalog whatever its age; never the network.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" max-age' -l 'max-age' -d 'Use the cached catalog when younger than this (e.g. 30m, 1h; default 1h).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" allow-partial' -l 'allow-partial' -d 'Exit 0 even when some accounts\' roles could not be listed (they are named).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick populate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_positional "ssopick init" -eq 1' -fka 'bash zsh fish powershell pwsh'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick init" name' -l 'name' -d 'The function\'s name.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick init" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" keep' -l 'keep' -d 'Keep the demo\'s temporary home at the end (not with --serve).'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" saml' -l 'saml' -d 'Show the SAML mode (Entra ID\'s gallery app) instead of Identity Center.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" serve' -l 'serve' -d 'Run only the fake Identity Center server and print its base URL.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" port' -l 'port' -d 'Port on 127.0.0.1 (0 picks a free one).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" accounts' -l 'accounts' -d 'Generate an organisation with this many accounts (default: the built-in one).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" roles-per-account' -l 'roles-per-account' -d 'Roles per generated account: a count (4) or a range (1-6).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" latency-ms' -l 'latency-ms' -d 'Latency added to every request, in milliseconds.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" jitter-ms' -l 'jitter-ms' -d 'Up to this much random extra latency per request, in milliseconds.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" throttle-rps' -l 'throttle-rps' -d 'Throttle the portal operations to this many requests per second (429 beyond).' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" auto-approve' -l 'auto-approve' -d 'Approve device codes and PKCE authorizations without a browser.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" org' -l 'org' -d 'Serve the organisation in this JSON file instead.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" seed' -l 'seed' -d 'Seed for the generated organisation.' -rfka ''
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" version' -l 'version' -d 'Show the version.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ssopick' -n '__ssopick_should_offer_completions_for_flags_or_options "ssopick help" version' -l 'version' -d 'Show the version.'
