# bash completion for calllog(1)                          -*- shell-script -*-
#
# The commands and each command's options are read from the calllog being
# completed ('calllog help', 'calllog COMMAND -h', which print the tables
# the option parser uses), so they are always the binary's own.  Case ids
# and their titles come from 'calllog open --json' (and 'log --json' for
# resolved cases), organizations, purposes and numbers from 'calllog
# numbers --json', read with awk rather than jq.  The journal is asked only
# when it exists, so that a TAB never creates one.
#
# Installed as PREFIX/share/bash-completion/completions/calllog, which
# bash-completion loads on the first TAB after "calllog"; without
# bash-completion, source this file from ~/.bashrc.

# awk: the members named in want= (comma-separated) of each object in the
# JSON array on standard input, one object a line, tab-separated; null is
# empty.  A small tokenizer, so that it does not depend on the layout.
_calllog_json_awk='
function unquote(t,   r, c) {
	t = substr(t, 2, length(t) - 2)
	r = ""
	while (match(t, /\\./)) {
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
		out = out (i > 1 ? "\t" : "") (w[i] in f ? f[w[i]] : "")
	print out
}
BEGIN { nwant = split(want, w, ",") }
{
	line = $0
	while (line != "") {
		c = substr(line, 1, 1)
		if (c == " " || c == "\t" || c == "\r" || c == "," || c == ":") {
			line = substr(line, 2)
		} else if (c == "\"") {
			if (!match(line, /^"([^"\\]|\\.)*"/))
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
# argument name and help, separated by the unit separator (\037), since
# bash's read joins adjacent tabs.  The argument name follows the
# option after one space; the help is further out.
_calllog_opts_awk='
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
	print name "\037" short "\037" arg "\037" rest
}'

# awk: "calllog help" as lines of command and summary; with global=1, the
# options the first line shows before COMMAND, as option, argument name.
_calllog_help_awk='
global && NR == 1 {
	s = $0
	while (match(s, /\[--[a-z0-9-]+( [A-Za-z|]+)?\]/)) {
		n = split(substr(s, RSTART + 1, RLENGTH - 2), a, " ")
		print a[1] "\t" (n > 1 ? a[2] : "")
		s = substr(s, RSTART + RLENGTH)
	}
	exit
}
/^commands:/ { on = 1; next }
on && /^$/ { exit }
on && /^  [a-z]/ {
	s = $0
	sub(/^ +[^ ]+ +/, "", s)
	print $1 "\t" s
}'

# The values calllog accepts; t0510 checks them against 'calllog add -h'.
_calllog_reasons='lost-card billing account activation fraud travel rewards business general'
_calllog_outcomes='resolved follow-up callback transferred dropped escalated info'
_calllog_channels='phone chat message letter in-person'
_calllog_levels='supervisor complaint regulator'
_calllog_priorities='high normal low'
_calllog_colors='auto always never'
_calllog_purposes='general lost-stolen fraud business travel rewards roadside international activation'
_calllog_dates='now today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday eow eom'

# Whether the journal the command line names exists.
_calllog_have_journal() {
	local db=${_cl_db:-${CALLLOG_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/calllog/calllog.db}}
	[[ $db == '~/'* ]] && db=$HOME/${db#'~/'}
	[[ -f $db ]]
}

# _calllog_json ARGS... WANT: calllog ARGS --json, the members WANT.
_calllog_json() {
	local want=${*: -1}
	_calllog_have_journal || return 0
	"${_cl[@]}" "${@:1:$#-1}" --json 2>/dev/null |
	    awk -v want="$want" "$_calllog_json_awk" 2>/dev/null
}

# Cases as "id<TAB>org: title" (or "org, reason" when untitled):
# which=open, closed (in the log but not open) or all.
_calllog_cases() {
	local which=$1 id org reason title
	local -A open=()
	while IFS=$'\t' read -r id org reason title; do
		[[ -n $id ]] || continue
		open[$id]=1
		[[ $which == closed ]] && continue
		if [[ -n $title ]]; then
			printf '%s\t%s: %s\n' "$id" "$org" "$title"
		else
			printf '%s\t%s, %s\n' "$id" "$org" "$reason"
		fi
	done < <(_calllog_json open id,org,reason,title)
	[[ $which == open ]] && return
	_calllog_json log case,org | awk -F '\t' '!seen[$1]++' |
	    while IFS=$'\t' read -r id org; do
		[[ -n $id && -z ${open[$id]-} ]] && printf '%s\t%s (resolved)\n' "$id" "$org"
	    done
}

_calllog_orgs() {
	{
		_calllog_json numbers org
		_calllog_json open org
	} | awk 'NF && !seen[$0]++'
}

# Directory numbers as "number<TAB>org, purpose", of ORG (and PURPOSE)
# when given.
_calllog_numbers() {
	_calllog_json numbers "$@" display,org,purpose |
	    awk -F '\t' '{
		if ($1 in d)
			d[$1] = d[$1] "; " $2 ", " $3
		else {
			order[++n] = $1
			d[$1] = $2 ", " $3
		}
	    }
	    END { for (i = 1; i <= n; i++) print order[i] "\t" d[order[i]] }'
}

_calllog_purposes() {
	{
		printf '%s\n' $_calllog_purposes
		_calllog_json numbers "$@" purpose
	} | awk 'NF && !seen[$0]++'
}

# _calllog_dequote WORD: WORD as the shell will pass it, its quotes and
# backslashes taken away (nothing is expanded), in REPLY.
_calllog_dequote() {
	local s=$1 q= i c
	REPLY=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		if [[ $q != \' && $c == \\ ]]; then
			((i++))
			REPLY+=${s:i:1}
		elif [[ -n $q && $c == "$q" ]]; then
			q=
		elif [[ -z $q && ($c == \' || $c == \") ]]; then
			q=$c
		else
			REPLY+=$c
		fi
	done
}

# _calllog_reply: offer the lines on standard input ("value" or
# "value<TAB>description") that start with $cur, quoted for the command
# line.  When readline is only listing them, show the descriptions too.
_calllog_reply() {
	local c q= i v d REPLY
	local -a vals=() descs=()
	case $cur in
	\'* | \"*) q=${cur:0:1} ;;
	esac
	_calllog_dequote "$cur"
	c=$REPLY
	while IFS=$'\t' read -r v d; do
		[[ -n $v && $v == "$c"* ]] || continue
		vals+=("$v")
		descs+=("$d")
	done
	for ((i = 0; i < ${#vals[@]}; i++)); do
		v=${vals[i]}
		if [[ ${#vals[@]} -gt 1 && -n ${descs[i]} ]] &&
		    [[ ${COMP_TYPE-} == 63 || ${COMP_TYPE-} == 33 || ${COMP_TYPE-} == 64 ]]; then
			COMPREPLY+=("$v -- ${descs[i]}")
		elif [[ -n $q ]]; then
			COMPREPLY+=("$v")
		else
			printf -v v %q "$v"
			COMPREPLY+=("$v")
		fi
	done
}

_calllog_words() {
	_calllog_reply < <(printf '%s\n' $1)
}

_calllog_files() {
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen "${1:--f}" -- "$cur"))
}

# Values for option NAME whose argument is ARG, of command CMD.
_calllog_option_values() {
	local cmd=$1 name=$2 arg=$3
	case $name in
	--case)
		case $cmd in
		log) _calllog_reply < <(_calllog_cases all) ;;
		*) _calllog_reply < <(_calllog_cases open) ;;
		esac
		return ;;
	--org) _calllog_reply < <(_calllog_orgs); return ;;
	--number)
		if [[ -n $_cl_org ]]; then
			_calllog_reply < <(_calllog_numbers "$_cl_org")
		else
			_calllog_reply < <(_calllog_numbers)
		fi
		return ;;
	--color) _calllog_words "$_calllog_colors"; return ;;
	--db) _calllog_files; return ;;
	esac
	# An argument written a|b|c lists its values: the binary's word wins.
	if [[ $arg == *'|'* ]]; then
		_calllog_words "${arg//|/ }"
		return
	fi
	case $name in
	--reason) _calllog_words "$_calllog_reasons" ;;
	--outcome) _calllog_words "$_calllog_outcomes" ;;
	--channel) _calllog_words "$_calllog_channels" ;;
	--level) _calllog_words "$_calllog_levels" ;;
	--priority) _calllog_words "$_calllog_priorities" ;;
	--format)
		case $cmd in
		export) _calllog_words 'json csv' ;;
		dossier) _calllog_words 'html md txt' ;;
		esac ;;
	*)
		case $arg in
		FILE | PATH) _calllog_files ;;
		DIR) _calllog_files -d ;;
		DATE) _calllog_words "$_calllog_dates" ;;
		esac ;;
	esac
}

# The Nth argument (from 1) of command CMD; the earlier ones are in pos.
_calllog_positional() {
	local cmd=$1 n=$2
	case $cmd in
	show | dossier) ((n == 1)) && _calllog_reply < <(_calllog_cases all) ;;
	resolve | escalate) ((n == 1)) && _calllog_reply < <(_calllog_cases open) ;;
	reopen) ((n == 1)) && _calllog_reply < <(_calllog_cases closed) ;;
	followup)
		case $n in
		1) _calllog_reply < <(_calllog_cases open) ;;
		2) _calllog_words "$_calllog_dates" ;;
		esac ;;
	prep) ((n == 1)) && _calllog_words "$_calllog_reasons" ;;
	call)
		case $n in
		1) _calllog_reply < <(_calllog_orgs) ;;
		2) _calllog_words "$_calllog_reasons" ;;
		esac ;;
	numbers)
		case ${pos[0]-}:$n in
		:1) _calllog_reply < <(
			printf 'add\tfile a number of your own\n'
			printf 'rm\tremove numbers of your own\n'
			_calllog_orgs) ;;
		add:2 | rm:2) _calllog_reply < <(_calllog_orgs) ;;
		add:3 | rm:3) _calllog_reply < <(_calllog_purposes "${pos[1]}") ;;
		rm:4) _calllog_reply < <(_calllog_numbers "${pos[1]}" "${pos[2]}") ;;
		*:2) _calllog_reply < <(_calllog_purposes "${pos[0]}") ;;
		esac ;;
	backup | import) ((n == 1)) && _calllog_files ;;
	help) ((n == 1)) && _calllog_reply < <("$_cl_prog" help 2>/dev/null |
	    awk "$_calllog_help_awk") ;;
	*)
		# A command this file does not know: its synopsis says.
		case $("$_cl_prog" "$cmd" -h 2>/dev/null |
		    awk -v n="$n" 'NR == 1 { print $(3 + n) }') in
		ID) _calllog_reply < <(_calllog_cases all) ;;
		FILE) _calllog_files ;;
		DATE) _calllog_words "$_calllog_dates" ;;
		esac ;;
	esac
}

_calllog() {
	local cur=${COMP_WORDS[COMP_CWORD]} prefix= i w cmd= cmdi=
	local _cl_prog=${COMP_WORDS[0]} _cl_db= _cl_org= opt= optarg= REPLY
	local -a _cl pos=() gopts=()
	local -A takes=() longof=()
	COMPREPLY=()
	[[ $_cl_prog == '~/'* ]] && _cl_prog=$HOME/${_cl_prog#'~/'}

	# --opt=value: as one word, or split at "=" by COMP_WORDBREAKS.
	# --opt=value: one word, or three when COMP_WORDBREAKS has "=".  The
	# option word, when apart, is left out of the walk below.
	local cword=$COMP_CWORD skip=0
	local -a words=("${COMP_WORDS[@]}")
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		prefix=$opt=
		cur=${cur#*=}
	elif [[ $cur == = && ${words[cword - 1]} == --* ]]; then
		opt=${words[cword - 1]}
		cur=
		skip=1
	elif ((cword > 1)) && [[ ${words[cword - 1]} == = &&
	    ${words[cword - 2]} == --* ]]; then
		opt=${words[cword - 2]}
		skip=1
	fi
	local -a w2=()
	for ((i = 0; i < cword; i++)); do
		[[ ${words[i]} == = ]] && continue
		w2+=("${words[i]}")
	done
	words=("${w2[@]}")
	cword=$((${#words[@]} - skip))

	# The options before the command.
	while IFS=$'\t' read -r w optarg; do
		[[ -n $w ]] || continue
		gopts+=("$w")
		[[ -n $optarg ]] && takes[$w]=$optarg
	done < <("$_cl_prog" help 2>/dev/null | awk -v global=1 "$_calllog_help_awk")
	gopts+=(--version --help)
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		--db) _calllog_dequote "${words[i + 1]-}"; _cl_db=$REPLY; ((i++)) ;;
		--db=*) _calllog_dequote "${w#--db=}"; _cl_db=$REPLY ;;
		--*=*) ;;
		-*) [[ -n ${takes[$w]-} ]] && ((i++)) ;;
		*) cmd=$w; cmdi=$i; break ;;
		esac
	done
	_cl=("$_cl_prog")
	[[ -n $_cl_db ]] && _cl+=(--db "$_cl_db")

	if [[ -z $cmd ]]; then
		if [[ -z $opt && $i -gt cword ]]; then
			opt=${words[cword - 1]}	# the value of a global option
		fi
		if [[ -n $opt ]]; then
			_calllog_option_values '' "$opt" "${takes[$opt]-}"
		elif [[ $cur == -* ]]; then
			_calllog_words "${gopts[*]}"
		else
			_calllog_reply < <("$_cl_prog" help 2>/dev/null |
			    awk "$_calllog_help_awk")
		fi
		[[ -n $prefix ]] && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
		return 0
	fi

	# The command's options, and where the words before the cursor leave
	# us: after an option that wants a value, or at the Nth argument.
	local long short arg help
	local -a opts=()
	takes=()
	while IFS=$'\037' read -r long short arg help; do
		opts+=("$long")
		[[ -n $arg ]] && takes[$long]=$arg
		[[ -n $short ]] && longof[$short]=$long
	done < <("$_cl_prog" "$cmd" -h 2>/dev/null | awk "$_calllog_opts_awk")
	local dashdash= want=
	for ((i = cmdi + 1; i < cword; i++)); do
		w=${words[i]}
		if [[ -n $dashdash || $w != -?* ]]; then
			_calllog_dequote "$w"
			pos+=("$REPLY")
			continue
		fi
		case $w in
		--) dashdash=1 ;;
		--org=*) _calllog_dequote "${w#--org=}"; _cl_org=$REPLY ;;
		--*=*) ;;
		--*)
			if [[ -n ${takes[$w]-} ]]; then
				((i + 1 < cword)) || want=$w
				_calllog_dequote "${words[i + 1]-}"
				[[ $w == --org ]] && _cl_org=$REPLY
				((i++))
			fi ;;
		-?)
			long=${longof[$w]-}
			if [[ -n $long && -n ${takes[$long]-} ]]; then
				((i + 1 < cword)) || want=$long
				_calllog_dequote "${words[i + 1]-}"
				[[ $long == --org ]] && _cl_org=$REPLY
				((i++))
			fi ;;
		esac
	done
	[[ -n $opt ]] && want=${longof[$opt]:-$opt}
	if [[ -n $want ]]; then
		_calllog_option_values "$cmd" "$want" "${takes[$want]-}"
	elif [[ $cur == -* && -z $dashdash ]]; then
		_calllog_words "${opts[*]}"
	else
		_calllog_positional "$cmd" $((${#pos[@]} + 1))
	fi
	[[ -n $prefix ]] && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
	return 0
}

complete -F _calllog calllog
