#!/bin/sh
# t0590: every door holds every field to one declaration (DESIGN.md, "DIR
# is untrusted").  For each field `calllog __fields` declares (not a list
# of this test's own), a value past its limit (too long, too many values,
# out of range, an unknown name, a card number for a phone number, bytes
# that are not UTF-8, a control character) is refused alike by each door
# that takes the field: the command line (edit's option), the edit form
# ($EDITOR on a pseudo-terminal), import (an export file) and sync (an item
# in the folder), and a value at the limit is taken by each.  Refused: the
# command line and import exit 2 with one line; the form comes back with
# the error on top; sync skips the item naming its file, the field and the
# property, never the value; and the journal's export is as it was.
# Last, every column of the journal's tables is declared or listed as the
# journal's own.  FIELDS_FROM=BINARY takes the declarations from another
# build (to run the doors of one from before the declarations).

DRIVE="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/pty-drive.py"
. "$(dirname "$0")/lib.sh"

TAB=$(printf '\t')
CR=$(printf '\r')

# xs N: N bytes of x.
xs() {
	head -c "$1" /dev/zero | tr '\0' x
}

# Fields no door of this test can reach, and why.  Everything else that
# __fields declares is tested below.
NO_DOOR='
case.status       changed by resolve and reopen; the enum check is tested by import and sync
call.case         a record'"'"'s identity: which case, by the uuid of its RELATED-TO (sync.c reconciles it)
event.case        the same: the event'"'"'s case, by RELATED-TO
'

: >none.steps
cat >ed.sh <<'EOF'
#!/bin/sh
# The scripted editor: the first run replaces the lines of field form.opt
# by one a line of form.value; later runs quit without saving.
n=$(($(cat ed.count 2>/dev/null || echo 0) + 1))
echo $n >ed.count
cp "$1" "form.$n"
if test $n = 1; then
	opt=$(cat form.opt)
	{ grep -v "^$opt:" "$1"
	  while IFS= read -r l || test -n "$l"; do
		printf "%s: %s\n" "$opt" "$l"; done <form.value; } >form.new && cat form.new >"$1"
fi
exit 0
EOF
chmod +x ed.sh

test_expect_success 'a case with a call and an event, and the declarations' '
	expect_exit 0 cl add --org amex --reason billing --title Refund \
	    --amount 10 --rep Dana --ref R-1 --note "first call" &&
	expect_exit 0 cl escalate 1 --note "asked for a supervisor" &&
	expect_exit 0 cl export --format json &&
	cp out base.json &&
	CASE=$(jq -r ".cases[0].uuid" base.json) &&
	CALL=$(jq -r ".cases[0].calls[0].uuid" base.json) &&
	EVENT=$(jq -r ".cases[0].events[0].uuid" base.json) &&
	expect_exit 0 "${FIELDS_FROM:-$CALLLOG}" __fields &&
	cp out fields.tsv &&
	test "$(wc -l <fields.tsv)" -gt 30 &&
	expect_exit 0 "${FIELDS_FROM:-$CALLLOG}" __fields derived &&
	cp out derived.tsv
'

# usd MINOR: an amount of MINOR cents as typed, 418.20.
usd() {
	printf "%d.%02d\n" $(($1 / 100)) $(($1 % 100))
}

# values DOOR TYPE MAX MAXV MAXN: write the bad values for a field of TYPE, as
# DOOR reads them, into bad.1, bad.2, ... (a list's values a line each),
# and the value at the limit into good (none: no such file).  The reason
# each is bad is in reason.N, for the report.
values() {
	rm -f bad.* reason.* good
	case $2 in
	line|text)
		xs $(($3 + 1)) >bad.1 && echo "too long" >reason.1 &&
		printf "a\001b" >bad.2 && echo "control" >reason.2 &&
		xs "$3" >good &&
		if test "$1" != import; then
			printf "caf\351" >bad.3 && echo "UTF-8" >reason.3
		fi ;;
	list)
		seq 1 $(($4 + 1)) | sed "s/^/R-/" >bad.1 &&
		echo "too many values" >reason.1 &&
		xs $(($3 + 1)) >bad.2 && echo "too long" >reason.2 &&
		printf "R-1\na\001b\n" >bad.3 && echo "control" >reason.3 &&
		seq 1 "$4" | sed "s/^/R-/" >good ;;
	int)	# seconds: typed as a duration
		case $1 in
		cli|form) echo "$(($5 + 1))s" >bad.1 && echo "${5}s" >good ;;
		*) echo $(($5 + 1)) >bad.1 && echo "$5" >good &&
		   echo 1000000000000000000 >bad.2 &&
		   echo "out of range" >reason.2 ;;
		esac && echo "out of range" >reason.1 ;;
	money)	# minor units of the test's case, in USD
		case $1 in
		cli|form|import) usd $(($5 + 1)) >bad.1 && usd "$5" >good ;;
		*) echo $(($5 + 1)) >bad.1 && echo "$5" >good ;;
		esac && echo "out of range" >reason.1 ;;
	time)
		case $1 in
		cli|form) echo 3000-01-01 >bad.1 && echo 2030-01-01 >good ;;
		import) echo 3000-01-01T00:00:00Z >bad.1 &&
		   echo 2999-12-31T23:59:59Z >good ;;
		sync) echo 30000101T000000Z >bad.1 &&
		   echo 29991231T235959Z >good ;;
		esac && echo "after 2999" >reason.1 ;;
	enum)
		echo bogus >bad.1 && echo "unknown name" >reason.1 ;;
	phone)
		echo 4111111111111111 >bad.1 && echo "a card number" >reason.1 &&
		echo +18005282122 >good ;;
	account)
		echo 12a4 >bad.1 && echo "not digits" >reason.1 &&
		echo 1234 >good &&
		# The command line keeps the last four of a card number
		# given there (a warning says so); the others refuse it.
		if test "$1" = import || test "$1" = sync; then
			echo 12345 >bad.2 && echo "five digits" >reason.2
		fi ;;
	currency)
		echo usd >bad.1 && echo "not ISO 4217" >reason.1 &&
		echo USD >good ;;	# the case's: its credits stay in it
	esac
}

# The export, to compare before and after.
snapshot() {
	cl export --format json >"$1.json"
}

same_as() {
	cl export --format json >now.json &&
	cmp -s "$1.json" now.json && return 0
	echo "the journal changed, and should not have:"
	diff "$1.json" now.json | head -n 20
	return 1
}

# cli KIND OPTION FILE: edit's option with the value(s) in FILE.
cli() {
	_cl_kind=$1 _cl_opt=$2 _cl_file=$3 &&
	set -- &&
	while IFS= read -r _cl_v || test -n "$_cl_v"; do
		set -- "$@" "--$_cl_opt" "$_cl_v"
	done <"$_cl_file" &&
	case $_cl_kind in
	case) expect_exit "$EXPECT" cl edit 1 "$@" ;;
	*) expect_exit "$EXPECT" cl edit --call 1 "$@" ;;
	esac
}

door_cli() {
	values cli "$TYPE" "$MAX" "$MAXV" "$MAXN" &&
	for b in bad.*; do
		snapshot before && EXPECT=2 cli "$KIND" "$OPT" "$b" &&
		check_err_line "" && same_as before || {
			echo "the command line took $KIND.$NAME: $(cat \
			    "reason.${b#bad.}")"; return 1; }
	done &&
	if test -f good; then
		EXPECT=0 cli "$KIND" "$OPT" good ||
		{ echo "the command line refused $KIND.$NAME at its limit"
		  return 1; }
	fi
}

# form KIND: edit on a terminal, the editor doing ed.sh.
form() {
	rm -f ed.count form.[0-9]* &&
	case $1 in
	case) set -- 1 ;;
	*) set -- --call 1 ;;
	esac &&
	VISUAL=$TRASH/ed.sh expect_exit 0 $DRIVE none.steps -- "$CALLLOG" \
	    edit "$@"
}

door_form() {
	values form "$TYPE" "$MAX" "$MAXV" "$MAXN" &&
	echo "$OPT" >form.opt &&
	for b in bad.*; do
		snapshot before && cp "$b" form.value && form "$KIND" &&
		head -n 1 form.2 | grep -q "^# error: " &&
		out_contains "nothing changed" && same_as before || {
			echo "the form took $KIND.$NAME: $(cat \
			    "reason.${b#bad.}")"; return 1; }
	done &&
	if test -f good; then
		cp good form.value && form "$KIND" &&
		test "$(cat ed.count)" = 1 && ! grep "^# error" form.1 || {
			echo "the form refused $KIND.$NAME at its limit"
			return 1; }
	fi
}

# The member of the export file a field is, and its JSON value from a
# file of values.
json_path() {
	case $KIND in
	case) echo ".cases[0].$JSON" ;;
	call) echo ".cases[0].calls[0].$JSON" ;;
	event) echo ".cases[0].events[0].$JSON" ;;
	esac
}

# import_with FILE: base.json with the field set to FILE's value(s),
# imported into an empty journal.
import_with() {
	case $TYPE in
	list) jq -R . "$1" | jq -s . >value.json ;;
	int) cat "$1" >value.json ;;
	*) jq -R . "$1" | head -n 1 >value.json ;;
	esac &&
	jq --slurpfile v value.json "$(json_path) = \$v[0]" base.json \
	    >file.json &&
	rm -f imp.db && CALLLOG_DB=$TRASH/imp.db expect_exit "$EXPECT" cl \
	    import file.json
}

door_import() {
	values import "$TYPE" "$MAX" "$MAXV" "$MAXN" &&
	for b in bad.*; do
		EXPECT=2 import_with "$b" && check_err_line "$JSON" &&
		test "$(CALLLOG_DB=$TRASH/imp.db cl export --format json |
		    jq ".cases | length")" = 0 || {
			echo "import took $KIND.$NAME: $(cat \
			    "reason.${b#bad.}")"; return 1; }
	done &&
	if test -f good; then
		EXPECT=0 import_with good ||
		{ echo "import refused $KIND.$NAME at its limit"; return 1; }
	fi
}

# item_with FILE: a new folder synced from the journal, then the item of
# the record with PROP set to FILE's value(s) (a title's SUMMARY too, which
# a client shows and edits), then synced again.
N=0
item_with() {
	N=$((N + 1)) && D=$TRASH/sync.$N &&
	expect_exit 0 cl sync "$D" &&
	case $KIND in
	case) ITEM=$D/$CASE.ics ;;
	call) ITEM=$D/$CALL.ics ;;
	event) ITEM=$D/$EVENT.ics ;;
	esac &&
	props=$PROP &&
	if test "$NAME" = title; then props="$PROP SUMMARY"; fi &&
	for p in $props; do
		awk -v p="$p" -v vf="$1" '
		    BEGIN { while ((getline l < vf) > 0) v[n++] = l }
		    skip && /^[ \t]/ { next }
		    { skip = 0 }
		    index($0, p ":") == 1 || index($0, p ";") == 1 {
			skip = 1; next }
		    /^END:(VTODO|VJOURNAL)/ {
			for (i = 0; i < n; i++) printf "%s:%s\r\n", p, v[i] }
		    { print }' "$ITEM" >item.new && cat item.new >"$ITEM" ||
		    return 1
	done &&
	expect_exit 0 cl sync "$D"
}

door_sync() {
	values sync "$TYPE" "$MAX" "$MAXV" "$MAXN" &&
	for b in bad.*; do
		snapshot before && item_with "$b" &&
		shown=$(head -n 1 "$b" | cut -c1-16) &&
		# A bad field is left out, the journal's value kept (the
		# item's other fields apply); one the record cannot be
		# without skips the item.
		{ grep -F "${ITEM##*/}: bad $NAME ($PROP)" err |
		      grep -F ": not taken from the folder" ||
		  grep -F "${ITEM##*/}: skipped: bad $NAME ($PROP)" err ||
		  # Bytes that are not UTF-8 are refused with the whole
		  # file, before any field is read.
		  { test "$(cat "reason.${b#bad.}")" = UTF-8 &&
		    grep -F "${ITEM##*/}: skipped: not UTF-8" err; }
		} >/dev/null && same_as before &&
		{ test ${#shown} -lt 8 || ! grep -F -e "$shown" err >/dev/null
		} || {
			echo "sync took $KIND.$NAME, or named it wrong, or" \
			    "quoted it: $(cat "reason.${b#bad.}")"
			test_show_file stderr err; return 1; }
	done &&
	if test -f good; then
		# On a copy: a value at a limit may leave a record no item
		# expresses (a resolved time on an open case), and the next
		# field's test starts from the journal as it was.
		rm -f keep.db && expect_exit 0 cl backup keep.db &&
		item_with good && ! grep -F "skipped" err >/dev/null &&
		out_contains " 1 read" || {
			echo "sync refused $KIND.$NAME at its limit"
			test_show_file stderr err; return 1; }
		rm -f "$CALLLOG_DB-wal" "$CALLLOG_DB-shm" &&
		cp keep.db "$CALLLOG_DB"
	fi
}

# The doors each field has: an option (add and edit's, and so the form's),
# an export key, a property of the item.  A field without one is listed
# in NO_DOOR, or is a number a standard property carries that always
# maps to a valid value (a case's PRIORITY).
exec 7<fields.tsv
while IFS=$TAB read -r KIND NAME TYPE MAX MAXV MIN MAXN VALUES REDACT PROP \
    JSON OPT COLUMN REQUIRED <&7; do
	why=$(printf "%s\n" "$NO_DOOR" | sed -n "s/^$KIND\.$NAME  *//p")
	if test -n "$why"; then
		echo "# $KIND.$NAME has no door to test: $why"
		continue
	fi
	export KIND NAME TYPE MAX MAXV MAXN PROP JSON OPT
	if test "$OPT" != -; then
		test_expect_success "$KIND.$NAME: --$OPT holds the limit" \
		    'door_cli'
		test_expect_success "$KIND.$NAME: the form's $OPT holds it" \
		    'door_form'
	fi
	if test "$JSON" != -; then
		test_expect_success "$KIND.$NAME: import's $JSON holds it" \
		    'door_import'
	fi
	case $PROP in
	PRIORITY) ;;	# a number: every value maps to a priority
	*)
		test_expect_success "$KIND.$NAME: sync's $PROP holds it" \
		    'door_sync' ;;
	esac
done
exec 7<&-

test_expect_success 'every column of the journal is declared or its own' '
	for t in cases calls case_events; do
		sqlite3 "$CALLLOG_DB" "SELECT name FROM pragma_table_info('"'"'$t'"'"')" |
		    sed "s/^/$t /" || return 1
	done >columns &&
	test "$(wc -l <columns)" -gt 40 &&
	{ awk -F "$TAB" -v OFS=" " '"'"'$13 != "-" { print $1, $13 }'"'"' \
	      fields.tsv | sed "s/^case /cases /;s/^call /calls /
	      s/^event /case_events /"
	  awk -F "$TAB" '"'"'{ print $2, $3 }'"'"' derived.tsv
	} | sort -u >declared &&
	sort -u columns >columns.sorted &&
	comm -23 columns.sorted declared >undeclared &&
	test_must_be_empty undeclared
'

# show --json names a field by its declared key too, except these (show
# groups them elsewhere, or leaves the journal's bookkeeping out).
SHOWN_ELSEWHERE='stage_at promise_status promise_marked promise_note'

test_expect_success 'show --json names each field by its declared key' '
	expect_exit 0 cl edit --call 1 --number +18005282122 --hold 1m \
	    --duration 5m --promise "a refund" --promised-by 2026-12-01 &&
	expect_exit 0 cl show 1 --json &&
	jq -r "keys[]" out >case.keys &&
	jq -r ".calls_list[0] | keys[]" out >call.keys &&
	for k in case call; do
		awk -F "$TAB" -v k=$k '"'"'$1 == k && $11 != "-" { print $11 }'"'"' \
		    fields.tsv | while read -r key; do
			case " $SHOWN_ELSEWHERE " in *" $key "*) continue ;; esac
			grep -qx "$key" $k.keys || {
				echo "show --json has no $k key $key"; return 1; }
		done || return 1
	done
'

test_done
