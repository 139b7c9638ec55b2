#!/bin/sh
# same-output.sh OLD NEW: what two builds of calllog write for the same
# journal, one with every declared field set, compared byte for byte: the
# JSON of show, cases, log and history, the export (JSON and CSV), the
# folder sync writes and the export of a journal that synced it.  For a
# refactor that must leave the interface contract (DESIGN.md) as it was:
#
#	tests/same-output.sh /tmp/old/calllog ./calllog
#
# Prints what differs and exits 1; exits 0 when nothing does.
set -eu

OLD=$(realpath "$1")
NEW=$(realpath "$2")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CALLLOG_NOW=2026-11-20T10:00:00 NO_COLOR=1 TZ=UTC
export XDG_CONFIG_HOME="$W/config" XDG_DATA_HOME="$W/data"

cl() { CALLLOG_DB=$W/journal.db "$OLD" "$@" >/dev/null; }

cl add --org amex --reason billing --title Refund --account 1234 \
    --priority high --amount 418.20 --merchant Shop --charged 2026-11-01 \
    --number +12125550123 --department Billing --rep Dana --ref R-1 \
    --ref R-2 --when "2026-11-20 09:00" --duration 20m --hold 5m \
    --ivr "1, 2" --channel phone --inbound --outcome follow-up \
    --promise "a refund" --promised-by 2026-11-25 --note "first call" \
    --credited 10 --follow-up 2026-11-27
cl promise 1 --kept --note "it came"
cl escalate 1 --level supervisor --note "sup"
cl followup 1 2026-11-30 --note "wait"
cl add --org Delta --reason travel --title Bag
cl resolve 2 --note "found it"

# run NAME ARGS...: each build on its own copy of the journal.
run() {
	name=$1
	shift
	for b in old new; do
		bin=$OLD
		test $b = new && bin=$NEW
		cp "$W/journal.db" "$W/$b.db"
		CALLLOG_DB=$W/$b.db "$bin" "$@" >"$W/$name.$b" 2>&1 || true
	done
}

run show1 show 1 --json
run show2 show 2 --json
run cases cases --json --all
run log log --json
run history history --json
run export export --format json
run csv export --format csv

# sync: each build writes its folder from its copy, then a new journal
# of its own reads the folder back.
for b in old new; do
	bin=$OLD
	test $b = new && bin=$NEW
	cp "$W/journal.db" "$W/$b.db"
	CALLLOG_DB=$W/$b.db "$bin" sync "$W/folder.$b" 2>&1 |
	    sed "s|$W/folder.$b|FOLDER|" >"$W/sync.$b"
	for f in "$W/folder.$b"/*; do
		echo "== $(basename "$f")"
		cat "$f"
	done >>"$W/sync.$b"
	CALLLOG_DB=$W/back.$b.db "$bin" sync "$W/folder.$b" >/dev/null 2>&1
	CALLLOG_DB=$W/back.$b.db "$bin" export --format json |
	    jq 'del(.exported)' >"$W/back.$b"
done

# import: each build reads the export into a new journal and exports it.
for b in old new; do
	bin=$OLD
	test $b = new && bin=$NEW
	CALLLOG_DB=$W/in.$b.db "$bin" import "$W/export.old" >/dev/null 2>&1
	CALLLOG_DB=$W/in.$b.db "$bin" export --format json |
	    jq 'del(.exported)' >"$W/import.$b"
done

status=0
for n in show1 show2 cases log history export csv sync back import; do
	if ! cmp -s "$W/$n.old" "$W/$n.new"; then
		echo "differs: $n"
		diff "$W/$n.old" "$W/$n.new" | head -20
		status=1
	fi
	test -s "$W/$n.new" || { echo "empty: $n"; status=1; }
done
exit $status
