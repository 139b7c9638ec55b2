# fish completion for calllog(1)
#
# The commands and each command's options are read from the calllog being
# completed ('calllog help', 'calllog COMMAND -h', which print the tables
# the option parser uses), so they are always the binary's own.  Case ids
# and their titles come from 'calllog open --json' (and 'log --json' for
# resolved cases), organizations, purposes and numbers from 'calllog
# numbers --json', read with awk rather than jq.  The journal is asked only
# when it exists, so that a TAB never creates one.
#
# Installed as PREFIX/share/fish/vendor_completions.d/calllog.fish.

# awk: the members named in want= (comma-separated) of each object in the
# JSON array on standard input, one object a line, tab-separated; null is
# empty.  A small tokenizer, so that it does not depend on the layout.
# (In fish's single quotes a backslash is written twice.)
set -g __calllog_json_awk '
function unquote(t,   r, c) {
	t = substr(t, 2, length(t) - 2)
	r = ""
	while (match(t, /\\\\./)) {
		c = substr(t, RSTART + 1, 1)
		r = r substr(t, 1, RSTART - 1)
		t = substr(t, RSTART + 2)
		if (c == "u") {
			c = "?"
			t = substr(t, 5)
		} else if (c == "n" || c == "t" || c == "r" || c == "b" || c == "f")
			c = " "
		r = r c
	}
	return r t
}
function emit(   i, out) {
	out = ""
	for (i = 1; i <= nwant; i++)
		out = out (i > 1 ? "\\t" : "") (w[i] in f ? f[w[i]] : "")
	print out
}
BEGIN { nwant = split(want, w, ",") }
{
	line = $0
	while (line != "") {
		c = substr(line, 1, 1)
		if (c == " " || c == "\\t" || c == "\\r" || c == "," || c == ":") {
			line = substr(line, 2)
		} else if (c == "\\"") {
			if (!match(line, /^"([^"\\\\]|\\\\.)*"/))
				break
			tok = substr(line, 1, RLENGTH)
			line = substr(line, RLENGTH + 1)
			if (depth != 2)
				continue
			if (key == "")
				key = unquote(tok)
			else {
				f[key] = unquote(tok)
				key = ""
			}
		} else if (c == "{" || c == "[") {
			if (++depth == 2)
				split("", f)
			key = ""
			line = substr(line, 2)
		} else if (c == "}" || c == "]") {
			if (depth-- == 2 && c == "}")
				emit()
			key = ""
			line = substr(line, 2)
		} else if (match(line, /^[-+.0-9a-zA-Z]+/)) {
			tok = substr(line, 1, RLENGTH)
			line = substr(line, RLENGTH + 1)
			if (depth == 2 && key != "") {
				f[key] = tok == "null" ? "" : tok
				key = ""
			}
		} else
			line = substr(line, 2)
	}
}'

# awk: "calllog COMMAND -h" as lines of long option, short option,
# argument name and help, separated by the unit separator (\037).
set -g __calllog_opts_awk '
/^ *-/ {
	for (i = 1; i <= NF; i++)
		if ($i ~ /^--[a-z0-9]/)
			break
	if (i > NF)
		next
	name = $i
	short = $1 ~ /^-[^-],$/ ? substr($1, 1, 2) : ""
	rest = substr($0, index($0, name) + length(name))
	arg = ""
	if (rest ~ /^ [^ ]/) {
		arg = substr(rest, 2)
		sub(/ .*/, "", arg)
		rest = substr(rest, length(arg) + 2)
	}
	sub(/^ +/, "", rest)
	print name "\\037" short "\\037" arg "\\037" rest
}'

# awk: "calllog help" as lines of command and summary; with global=1, the
# options the first line shows before COMMAND, as option, argument name.
set -g __calllog_help_awk '
global && NR == 1 {
	s = $0
	while (match(s, /\\[--[a-z0-9-]+( [A-Za-z|]+)?\\]/)) {
		n = split(substr(s, RSTART + 1, RLENGTH - 2), a, " ")
		print a[1] "\\t" (n > 1 ? a[2] : "")
		s = substr(s, RSTART + RLENGTH)
	}
	exit
}
/^commands:/ { on = 1; next }
on && /^$/ { exit }
on && /^  [a-z]/ {
	s = $0
	sub(/^ +[^ ]+ +/, "", s)
	print $1 "\\t" s
}'

# The values calllog accepts; t0510 checks them against 'calllog add -h'.
set -g __calllog_reasons lost-card billing account activation fraud travel rewards business general
set -g __calllog_outcomes resolved follow-up callback transferred dropped escalated info
set -g __calllog_channels phone chat message letter in-person
set -g __calllog_levels supervisor complaint regulator
set -g __calllog_priorities high normal low
set -g __calllog_colors auto always never
set -g __calllog_purposes general lost-stolen fraud business travel rewards roadside international activation
set -g __calllog_dates now today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday eow eom

# Whether the journal the command line names exists.
function __calllog_have_journal
    set -l db $__calllog_db
    test -n "$db"; or set db $CALLLOG_DB
    if test -z "$db"
        set -l data $XDG_DATA_HOME
        test -n "$data"; or set data $HOME/.local/share
        set db $data/calllog/calllog.db
    end
    string match -q '~/*' -- $db; and set db $HOME/(string sub -s 3 -- $db)
    test -f "$db"
end

# __calllog_json ARGS... WANT: calllog ARGS --json, the members WANT.
function __calllog_json
    set -l want $argv[-1]
    set -e argv[-1]
    __calllog_have_journal; or return 0
    set -l cl $__calllog_prog
    test -n "$__calllog_db"; and set -a cl --db $__calllog_db
    $cl $argv --json 2>/dev/null | awk -v want=$want $__calllog_json_awk 2>/dev/null
end

# Cases as "id<TAB>org: title" (or "org, reason" when untitled): open,
# closed (in the log, not open) or all.
function __calllog_cases -a which
    set -l open
    for l in (__calllog_json open id,org,reason,title)
        set -l f (string split \t -- $l)
        test -n "$f[1]"; or continue
        set -a open $f[1]
        test "$which" = closed; and continue
        if test -n "$f[4]"
            printf '%s\t%s: %s\n' $f[1] $f[2] $f[4]
        else
            printf '%s\t%s, %s\n' $f[1] $f[2] $f[3]
        end
    end
    test "$which" = open; and return
    for l in (__calllog_json log case,org | awk -F '\t' '!seen[$1]++')
        set -l f (string split \t -- $l)
        test -n "$f[1]"; and not contains -- $f[1] $open; or continue
        printf '%s\t%s (resolved)\n' $f[1] $f[2]
    end
end

function __calllog_orgs
    begin
        __calllog_json numbers org
        __calllog_json open org
    end | awk 'NF && !seen[$0]++'
end

# Directory numbers as "number<TAB>org, purpose", of ORG (and PURPOSE).
function __calllog_numbers
    __calllog_json numbers $argv display,org,purpose | awk -F '\t' '{
        if ($1 in d)
            d[$1] = d[$1] "; " $2 ", " $3
        else {
            order[++n] = $1
            d[$1] = $2 ", " $3
        }
    }
    END { for (i = 1; i <= n; i++) print order[i] "\t" d[order[i]] }'
end

function __calllog_purposes
    begin
        printf '%s\n' $__calllog_purposes
        __calllog_json numbers $argv purpose
    end | awk 'NF && !seen[$0]++'
end

# Values for option NAME whose argument is ARG, of command CMD.
function __calllog_option_values -a cmd name arg
    switch $name
        case --case
            if test "$cmd" = log
                __calllog_cases all
            else
                __calllog_cases open
            end
            return
        case --org
            __calllog_orgs
            return
        case --number
            __calllog_numbers $__calllog_org
            return
        case --color
            printf '%s\n' $__calllog_colors
            return
        case --db
            __fish_complete_path $__calllog_cur
            return
    end
    # An argument written a|b|c lists its values: the binary's word wins.
    if string match -q '*|*' -- $arg
        string split '|' -- $arg
        return
    end
    switch $name
        case --reason
            printf '%s\n' $__calllog_reasons
        case --outcome
            printf '%s\n' $__calllog_outcomes
        case --channel
            printf '%s\n' $__calllog_channels
        case --level
            printf '%s\n' $__calllog_levels
        case --priority
            printf '%s\n' $__calllog_priorities
        case --format
            switch $cmd
                case export
                    printf '%s\n' json csv
                case dossier
                    printf '%s\n' html md txt
            end
        case '*'
            switch $arg
                case FILE PATH
                    __fish_complete_path $__calllog_cur
                case DIR
                    __fish_complete_directories $__calllog_cur
                case DATE
                    printf '%s\n' $__calllog_dates
            end
    end
end

# The Nth argument (from 1) of command CMD, after the arguments POS...
function __calllog_positional -a cmd n
    set -l pos $argv[3..-1]
    switch $cmd
        case show dossier
            test $n -eq 1; and __calllog_cases all
        case resolve escalate
            test $n -eq 1; and __calllog_cases open
        case reopen
            test $n -eq 1; and __calllog_cases closed
        case followup
            test $n -eq 1; and __calllog_cases open
            test $n -eq 2; and printf '%s\n' $__calllog_dates
        case prep
            test $n -eq 1; and printf '%s\n' $__calllog_reasons
        case call
            test $n -eq 1; and __calllog_orgs
            test $n -eq 2; and printf '%s\n' $__calllog_reasons
        case numbers
            switch "$pos[1]:$n"
                case ':1'
                    printf 'add\tfile a number of your own\n'
                    printf 'rm\tremove numbers of your own\n'
                    __calllog_orgs
                case add:2 rm:2
                    __calllog_orgs
                case add:3 rm:3
                    __calllog_purposes $pos[2]
                case rm:4
                    __calllog_numbers $pos[2] $pos[3]
                case '*:2'
                    __calllog_purposes $pos[1]
            end
        case backup import
            test $n -eq 1; and __fish_complete_path $__calllog_cur
        case help
            test $n -eq 1; and $__calllog_prog help 2>/dev/null | awk $__calllog_help_awk
        case '*'
            # A command this file does not know: its synopsis says.
            switch ($__calllog_prog $cmd -h 2>/dev/null | awk -v n=$n 'NR == 1 { print $(3 + n) }')
                case ID
                    __calllog_cases all
                case FILE
                    __fish_complete_path $__calllog_cur
                case DATE
                    printf '%s\n' $__calllog_dates
            end
    end
end

function __calllog_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -g __calllog_prog $tokens[1]
    command -q -- $__calllog_prog; or return
    set -g __calllog_db
    set -g __calllog_org
    set -g __calllog_cur $cur
    set -l prefix
    set -l opt
    # --opt=value, as one word.
    if string match -qr '^--[^=]+=' -- $cur
        set opt (string replace -r '=.*' '' -- $cur)
        set prefix $opt=
        set -g __calllog_cur (string replace -r '^[^=]*=' '' -- $cur)
    end

    # The options before the command.
    set -l gopts
    set -l gtakes
    for l in ($__calllog_prog help 2>/dev/null | awk -v global=1 $__calllog_help_awk)
        set -l f (string split \t -- $l)
        set -a gopts $f[1]
        test -n "$f[2]"; and set -a gtakes $f[1]
    end
    set -a gopts --version --help
    set -l n (count $tokens)
    set -l i 2
    set -l cmd
    set -l cmdi
    set -l want
    while test $i -le $n
        set -l w $tokens[$i]
        switch $w
            case --db
                set i (math $i + 1)
                if test $i -le $n
                    set -g __calllog_db $tokens[$i]
                else
                    set want --db
                end
            case '--db=*'
                set -g __calllog_db (string replace -- --db= '' $w)
            case '--*=*'
            case '-*'
                if contains -- $w $gtakes
                    set i (math $i + 1)
                    test $i -le $n; or set want $w
                end
            case '*'
                set cmd $w
                set cmdi $i
                break
        end
        set i (math $i + 1)
    end
    test -n "$opt"; and set want $opt

    if test -z "$cmd"
        if test -n "$want"
            __calllog_option_values '' $want | string replace -r -- '^' "$prefix"
        else if string match -q -- '-*' $cur
            printf '%s\n' $gopts
        else
            $__calllog_prog help 2>/dev/null | awk $__calllog_help_awk
        end
        return
    end

    # The command's options, and where the words before the cursor leave
    # us: after an option that wants a value, or at the Nth argument.
    set -l longs
    set -l shorts
    set -l args
    set -l lines
    for l in ($__calllog_prog $cmd -h 2>/dev/null | awk $__calllog_opts_awk)
        set -l f (string split \x1f -- $l)
        set -a longs $f[1]
        set -a shorts "$f[2]"
        set -a args "$f[3]"
        set -a lines "$f[1]"\t"$f[4]"
    end
    set -l pos
    set -l dashdash
    set i (math $cmdi + 1)
    while test $i -le $n
        set -l w $tokens[$i]
        if test -n "$dashdash"; or not string match -qr -- '^-.' $w
            set -a pos $w
        else if test "$w" = --
            set dashdash 1
        else if string match -q -- '--org=*' $w
            set -g __calllog_org (string replace -- --org= '' $w)
        else if not string match -q -- '--*=*' $w
            set -l k (contains -i -- $w $longs)
            or set k (contains -i -- $w $shorts)
            if test -n "$k"; and test -n "$args[$k]"
                set i (math $i + 1)
                if test $i -gt $n
                    set want $longs[$k]
                else if test $longs[$k] = --org
                    set -g __calllog_org $tokens[$i]
                end
            end
        end
        set i (math $i + 1)
    end
    if test -n "$opt"
        set -l k (contains -i -- $opt $longs)
        and set want $longs[$k]
    end
    if test -n "$want"
        set -l k (contains -i -- $want $longs)
        set -l arg
        test -n "$k"; and set arg $args[$k]
        __calllog_option_values $cmd $want "$arg" | string replace -r -- '^' "$prefix"
    else if test -z "$dashdash"; and string match -q -- '-*' $cur
        printf '%s\n' $lines
    else
        __calllog_positional $cmd (math (count $pos) + 1) $pos
    end
end

complete -c calllog -f -a '(__calllog_complete)'
