#!/bin/sh
# t0510: shell completion (contrib/completion) against the binary and a
# journal: commands, each command's options as `calllog COMMAND -h` prints
# them, the values of --reason, --outcome, --channel, --level, --priority,
# --format and --color as the binary lists and accepts them, case ids with
# their titles, organizations, and a TAB that never creates a journal.
# bash is driven through its completion function; zsh through a
# pseudo-terminal (zpty); fish through `complete --do-complete`.

# Before lib.sh moves into the test's directory.
COMPLETION=$(cd "$(dirname "$0")/../contrib/completion" && pwd)

. "$(dirname "$0")/lib.sh"

# The completion runs "calllog" from PATH: the binary under test.
mkdir -p bin && ln -s "$CALLLOG" bin/calllog &&
PATH=$TRASH/bin:$PATH || test_bail "cannot put calllog on PATH"
export PATH

commands() {
	cl help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	    on && /^  [a-z]/ { print $1 }'
}

# The long options `calllog CMD -h` prints, --help included.
long_options() {
	cl "$1" -h | awk '/^ *-/ {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^--[a-z0-9]/) {
				print $i
				break
			}
	}'
}

# The comma- or "or"-separated words after PREFIX on the help line of
# option OPTION of command CMD, up to a parenthesis or a semicolon:
# "lost-card billing ... general".
help_words() {
	cl "$1" -h | awk -v opt="$2" -v prefix="$3" '{
		for (i = 1; i <= NF; i++)
			if ($i == opt)
				break
		if (i > NF)
			next
		s = $0
		if (prefix != "") {
			p = index(s, prefix)
			if (p == 0)
				next
			s = substr(s, p + length(prefix))
		} else
			sub(/^ *(-., )?--[a-z-]+ +[^ ]+ +/, "", s)
		sub(/ *[(;].*$/, "", s)
		gsub(/,|( or )/, " ", s)
		n = split(s, w, " ")
		for (i = 1; i <= n; i++)
			print w[i]
	}'
}

# sorted FILE: FILE's lines, sorted, into FILE.sorted.
sorted() {
	LC_ALL=C sort "$1" >"$1.sorted"
}

# same_words EXPECTED-FILE: ./out has the lines of EXPECTED-FILE, in any
# order.
same_words() {
	sorted "$1" && sorted out && test_cmp "$1.sorted" out.sorted
}

# bash_complete WORD...: what the bash completion offers when the cursor
# ends the last WORD, one a line in ./out.  $comp_type is readline's kind
# of completion: 9, a TAB; 63, listing the matches.
comp_type=9
bash_complete() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		COMP_TYPE=$2
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		complete -p calllog | grep -q -- "-F _calllog" || exit 1
		_calllog calllog "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}" || exit 1
		if ((${#COMPREPLY[@]})); then printf "%s\n" "${COMPREPLY[@]}"; fi
	' bash "$COMPLETION/calllog.bash" "$comp_type" "$@" >out 2>err || {
		echo "bash completion failed for: $*"
		test_show_file stderr err
		return 1
	}
	test_must_be_empty err
}

# offers WORD...: ./out has each WORD as a line.
offers() {
	for _w in "$@"; do
		grep -qxF -e "$_w" out || {
			echo "expected '$_w' to be offered"
			test_show_file offered out
			return 1
		}
	done
}

# offers_exactly WORD...: ./out is WORD..., in any order.
offers_exactly() {
	printf '%s\n' "$@" >want.words &&
	same_words want.words
}

test_expect_success 'a journal: two open cases and a resolved one' '
	expect_exit 0 cl add --org amex --reason billing \
	    --title "Skyline Tickets charge" &&
	expect_exit 0 cl add --org "Acme Bank" --reason lost --title "card, again" &&
	expect_exit 0 cl add --org amex --reason travel &&
	expect_exit 0 cl resolve 3 &&
	expect_exit 0 cl numbers add "Acme Bank" general 1-800-555-0100 &&
	expect_exit 0 cl open --json &&
	jq -r ".[].id" out >open.ids &&
	test "$(wc -l <open.ids)" = 2 &&
	printf "1\n2\n3\n" >all.ids && echo 3 >closed.ids
'

test_expect_success 'bash: calllog sh<TAB> is show' '
	bash_complete calllog sh &&
	offers_exactly show
'

test_expect_success 'bash: calllog <TAB> offers every command calllog help lists' '
	commands >cmds &&
	bash_complete calllog "" &&
	same_words cmds
'

test_expect_success 'bash: calllog -<TAB> offers the options before the command' '
	bash_complete calllog - &&
	offers --db --version --help &&
	cl help | head -n 1 | grep -o "\[--[a-z-]*" | tr -d "[" >globals &&
	test -s globals &&
	for o in $(cat globals); do offers "$o" || return 1; done
'

for cmd in $(commands); do
	test_expect_success "bash: calllog $cmd --<TAB> offers what $cmd -h lists" '
		long_options "$1" >opts &&
		bash_complete calllog "$1" -- &&
		same_words opts
	' "$cmd"
done

test_expect_success 'bash: calllog add --rea<TAB> is --reason' '
	bash_complete calllog add --rea &&
	offers_exactly --reason
'

test_expect_success 'bash: --reason <TAB> offers the nine reasons add -h lists' '
	help_words add --reason "why you call: " >reasons &&
	test "$(wc -l <reasons)" = 9 &&
	bash_complete calllog add --reason "" &&
	same_words reasons &&
	bash_complete calllog add -r "" &&
	same_words reasons &&
	bash_complete calllog prep "" &&
	same_words reasons
'

test_expect_success 'bash: --outcome res<TAB> is resolved; all outcomes from add -h' '
	bash_complete calllog add --outcome res &&
	offers_exactly resolved &&
	help_words add --outcome "" >outcomes &&
	test "$(wc -l <outcomes)" = 7 &&
	bash_complete calllog add --outcome "" &&
	same_words outcomes
'

test_expect_success 'bash: --channel, --priority and --level values are the binary'"'"'s' '
	help_words add --channel "" >channels &&
	bash_complete calllog add --channel "" &&
	same_words channels &&
	cl add -h | sed -n "s/.*--priority \([a-z|]*\).*/\1/p" | tr "|" "\n" \
	    >priorities &&
	test -s priorities &&
	bash_complete calllog add --priority "" &&
	same_words priorities &&
	cl escalate -h | sed -n "1s/.*--level \([a-z|]*\).*/\1/p" | tr "|" "\n" \
	    >levels &&
	test "$(wc -l <levels)" = 3 &&
	bash_complete calllog escalate 1 --level "" &&
	same_words levels
'

test_expect_success 'bash: --reason=bi<TAB>, in one word or split at =' '
	bash_complete calllog add --reason=bi &&
	offers_exactly --reason=billing &&
	bash_complete calllog add --reason = bi &&
	offers_exactly billing &&
	bash_complete calllog add --reason = &&
	same_words reasons
'

# Every --format: what is offered, each accepted by its command.
for cmd in $(commands); do
	long_options "$cmd" | grep -qx -e --format || continue
	test_expect_success "bash: $cmd --format <TAB> offers formats $cmd accepts" '
		bash_complete calllog "$1" --format "" &&
		test -s out &&
		cp out formats &&
		cl "$1" -h | sed -n "1s/.*--format \([a-z]*|[a-z|]*\).*/\1/p" |
		    tr "|" "\n" >listed &&
		{ test -s listed || help_words "$1" --format "" >listed; } &&
		same_words listed &&
		arg= &&
		{ ! cl "$1" -h | head -n 1 | grep -q "^usage: calllog $1 ID" || arg=1; } &&
		for f in $(cat formats); do
			expect_exit 0 cl "$1" $arg --format "$f" ||
			    { echo "$1 refuses --format $f"; return 1; }
		done
	' "$cmd"
done

test_expect_success 'bash: --color <TAB> offers what calllog accepts' '
	bash_complete calllog --color "" &&
	offers_exactly auto always never &&
	for c in auto always never; do
		expect_exit 0 cl --color "$c" help || return 1
	done
'

test_expect_success 'bash: case ids: the open ones, the resolved one, all' '
	for c in resolve escalate followup; do
		bash_complete calllog "$c" "" && same_words open.ids || return 1
	done &&
	bash_complete calllog add --case "" && same_words open.ids &&
	bash_complete calllog add -c "" && same_words open.ids &&
	bash_complete calllog reopen "" && same_words closed.ids &&
	bash_complete calllog show "" && same_words all.ids &&
	bash_complete calllog log --case "" && same_words all.ids &&
	if commands | grep -qx dossier; then
		bash_complete calllog dossier "" && same_words all.ids
	fi
'

test_expect_success 'bash: when listing, case ids come with their titles' '
	comp_type=63 &&
	bash_complete calllog show "" &&
	offers "1 -- American Express: Skyline Tickets charge" \
	    "2 -- Acme Bank: card, again" &&
	bash_complete calllog show 2 &&
	offers_exactly 2 &&
	comp_type=9
'

test_expect_success 'bash: organizations, quoted for the command line' '
	bash_complete calllog add --org "" &&
	offers "American\\ Express" "Acme\\ Bank" &&
	bash_complete calllog add --org Am &&
	offers_exactly "American\\ Express" &&
	bash_complete calllog add --org "\"Am" &&
	offers_exactly "American Express" &&
	bash_complete calllog call "" &&
	offers "American\\ Express" &&
	bash_complete calllog numbers "" &&
	offers add rm "American\\ Express"
'

test_expect_success 'bash: numbers of the organization given, however quoted' '
	bash_complete calllog add --org "Acme\\ Bank" --number "" &&
	offers_exactly 1-800-555-0100 &&
	bash_complete calllog add -o "\"Acme Bank\"" --number "" &&
	offers_exactly 1-800-555-0100 &&
	bash_complete calllog add --org amex --number 1-800-528-2 &&
	offers_exactly 1-800-528-2122 &&
	bash_complete calllog numbers rm "Acme\\ Bank" general "" &&
	offers_exactly 1-800-555-0100
'

test_expect_success 'bash: --db on the line picks the journal asked' '
	expect_exit 0 cl --db other.db add --org Delta --reason travel \
	    --title "lost bag" &&
	expect_exit 0 cl --db other.db add --org Delta --reason travel &&
	expect_exit 0 cl --db other.db add --org Delta --reason travel &&
	expect_exit 0 cl --db other.db add --org Delta --reason travel &&
	bash_complete calllog --db other.db show "" &&
	offers_exactly 1 2 3 4 &&
	bash_complete calllog --db=other.db add --org "" &&
	offers Delta
'

test_expect_success 'bash: a TAB never creates a journal' '
	bash_complete calllog --db none.db show "" &&
	test_must_be_empty out &&
	test_path_is_missing none.db &&
	(
		CALLLOG_DB=$TRASH/none.db && export CALLLOG_DB &&
		bash_complete calllog add --org ""
	) &&
	test_must_be_empty out &&
	test_path_is_missing none.db
'

test_expect_success 'bash: files where a FILE goes' '
	: >backup-me.db &&
	bash_complete calllog backup backup- &&
	offers_exactly backup-me.db
'

# zsh: load the function as compinit would, then complete on a
# pseudo-terminal and record what reaches compadd.
if command -v zsh >/dev/null 2>&1; then
	test_expect_success 'zsh: _calllog parses' '
		zsh -n "$COMPLETION/_calllog"
	'

	test_expect_success 'zsh: compinit finds _calllog for calllog' '
		HOME=$TRASH/home zsh -f -c "
		    fpath=(\"$COMPLETION\" \$fpath)
		    autoload -Uz compinit && compinit -u -D &&
		    test \"\${_comps[calllog]}\" = _calllog &&
		    autoload -Uz +X _calllog
		" >out 2>err &&
		test_must_be_empty err
	'

	cat >zsh-setup.zsh <<-EOF
	PROMPT=
	fpath=("$COMPLETION" \$fpath)
	autoload -Uz compinit && compinit -u -D
	compprefuncs=(record)
	record() {
		compadd() {
			local -a hits
			builtin compadd -O hits "\$@"
			local hit
			for hit in "\${hits[@]}"; do
				print -r -- "@@\$hit@@"
			done >>"$TRASH/zsh.hits"
			builtin compadd "\$@"
		}
	}
	done-completing() { print -r -- "<<done>>"; exit }
	zle -N done-completing
	bindkey '^X' done-completing
	EOF
	cat >zsh-drive.zsh <<-EOF
	zmodload zsh/zpty || exit 1
	zpty z zsh -f -i
	zpty -w z "source $TRASH/zsh-setup.zsh"
	zpty -n -w z "\$1"\$'\t'
	zpty -n -w z \$'\C-x'
	while zpty -r z line; do
		[[ \$line == *'<<done>>'* ]] && break
	done
	zpty -d z
	EOF

	# zsh_complete LINE: what zsh offers at the end of LINE, in ./out.
	zsh_complete() {
		rm -f zsh.hits &&
		timeout 30 zsh -f zsh-drive.zsh "$1" >zsh.out 2>&1 || {
			echo "zsh did not finish completing '$1'"
			test_show_file output zsh.out
			return 1
		}
		touch zsh.hits &&
		sed -n "s/^@@\(.*\)@@\$/\1/p" zsh.hits | awk '!seen[$0]++' >out
	}

	if zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
		test_expect_success 'zsh: calllog sh<TAB> is show' '
			zsh_complete "calllog sh" &&
			offers_exactly show
		'

		test_expect_success 'zsh: calllog add --rea<TAB> is --reason' '
			zsh_complete "calllog add --rea" &&
			offers_exactly --reason
		'

		test_expect_success 'zsh: --reason values, case ids, organizations' '
			zsh_complete "calllog add --reason " &&
			same_words reasons &&
			zsh_complete "calllog add --outcome res" &&
			offers_exactly resolved &&
			zsh_complete "calllog add --outcome " &&
			same_words outcomes &&
			zsh_complete "calllog add --channel " &&
			same_words channels &&
			zsh_complete "calllog escalate 1 --level " &&
			same_words levels &&
			zsh_complete "calllog show " &&
			same_words all.ids &&
			zsh_complete "calllog reopen " &&
			same_words closed.ids &&
			zsh_complete "calllog add --org " &&
			offers "American Express" "Acme Bank"
		'
	else
		test_skip "zsh: completing on a pseudo-terminal" \
		    "zsh has no zpty module"
	fi
else
	test_skip "zsh: _calllog parses and loads" "zsh not installed"
fi

# fish: complete --do-complete prints "candidate<TAB>description".
if command -v fish >/dev/null 2>&1; then
	# fish_complete LINE: the candidates fish offers at the end of LINE,
	# from the tree's file alone: fish also loads a calllog.fish it finds
	# in the system's completion folders, as a calllog package installed
	# meanwhile (by t0600, which may run beside this file) has one.
	fish_complete() {
		HOME=$TRASH/home fish --no-config -c "
		    set fish_complete_path '$COMPLETION'
		    source '$COMPLETION/calllog.fish'
		    complete --do-complete '$1'" >fish.out 2>err || {
			echo "fish failed completing '$1'"
			test_show_file stderr err
			return 1
		}
		test_must_be_empty err &&
		cut -f 1 fish.out >out
	}

	test_expect_success 'fish: calllog.fish parses' '
		fish --no-config -n "$COMPLETION/calllog.fish"
	'

	test_expect_success 'fish: calllog sh<TAB> is show' '
		fish_complete "calllog sh" &&
		offers_exactly show
	'

	test_expect_success 'fish: commands and options from the binary' '
		fish_complete "calllog " &&
		same_words cmds &&
		long_options add >opts &&
		fish_complete "calllog add --" &&
		same_words opts &&
		fish_complete "calllog add --rea" &&
		offers_exactly --reason
	'

	test_expect_success 'fish: values, case ids with titles, organizations' '
		fish_complete "calllog add --reason " &&
		same_words reasons &&
		fish_complete "calllog add --outcome res" &&
		offers_exactly resolved &&
		fish_complete "calllog add --outcome " &&
		same_words outcomes &&
		fish_complete "calllog add --channel " &&
		same_words channels &&
		fish_complete "calllog escalate 1 --level " &&
		same_words levels &&
		fish_complete "calllog resolve " &&
		same_words open.ids &&
		grep -qxF "1	American Express: Skyline Tickets charge" fish.out &&
		fish_complete "calllog add --org " &&
		offers "American Express" "Acme Bank"
	'
else
	test_skip "fish: calllog.fish loads and completes" "fish not installed"
fi

test_done
