#!/bin/sh
# demo.sh: the journal of a real-looking week — an American Express billing
# dispute over several calls and a lost card — then what calllog shows.
# Run by `make demo`; CALLLOG is the binary, CALLLOG_DB the demo journal,
# which is started afresh each time.
set -eu

: "${CALLLOG:=calllog}"
: "${CALLLOG_DB:?set CALLLOG_DB to the demo journal}"
export CALLLOG_DB
rm -f "$CALLLOG_DB" "$CALLLOG_DB-wal" "$CALLLOG_DB-shm"

# Show each command as it could be typed again, quoting what needs it.
run() {
	printf '\n$ calllog'
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9._+:/-]*) printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
	"$CALLLOG" "$@"
}

# A charge from a merchant never received, disputed over a week.
run add --org amex --reason dispute --title "Charge from Skyline Tickets not received" \
	--account 31005 --when -9d --number 1-800-528-2122 \
	--ivr '0, "representative", "dispute a charge"' --department Billing \
	--rep "Dana (ID 4471)" --ref DSP-20931 --hold 18m --duration 34m \
	--outcome follow-up --promise "temporary credit while they investigate" \
	--promised-by -6d --note "They need the merchant's reply; I sent the receipt by the app."
run add --case 1 --when -5d --number 1-800-528-2122 --ivr '0, "representative"' \
	--rep "Marco" --ref DSP-20931 --hold 31m --duration 45m --outcome transferred \
	--note "No temporary credit on the statement. Transferred to disputes, line dropped after 10 min."
run add --case 1 --when -2d --number 1-800-AXP-EARN --rep "Priya, disputes" \
	--hold 12m --duration 22m --outcome follow-up \
	--promise "credit of \$418.20 posted" --promised-by +3d --ref CR-55120
# Three calls without resolution: calllog suggests asking for a supervisor.
run open
run escalate 1 --note "Three calls and no temporary credit; asked for a supervisor."

# A lost card: urgent, one call, waiting for the replacement.
run add --org "American Express" --reason lost --account 2004 --when -1d \
	--number 1-800-528-4800 --ivr '"lost card"' --rep "Kim" --ref LST-7781 \
	--hold 2m --duration 9m --outcome callback \
	--promise "replacement card by express mail" --promised-by +2d \
	--note "Card cancelled; last charge I recognise was the grocery store."

run open
run show 1
run log --limit 5
printf '\nThe demo journal is %s; try "calllog open --json".\n' "$CALLLOG_DB"
