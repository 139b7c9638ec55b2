#!/bin/sh
# t0616: every view tells one truth (issue 24).  tests/consistency.py
# builds journals from generated histories -- promises with and without
# deadlines (a date alone or a time), credits up to and past the amount
# and reversed, notes with and without a credit (positive or negative),
# calls deleted and moved between cases of one currency, some undone at
# once, follow-ups asked for, resolutions, reopenings, marks by hand,
# escalations, inbound calls, in USD, JPY and KWD -- and checks at two
# clocks that `show --json` (its promises and notes_list), `open --json`,
# `cases --json`, `export --format json`, `remind --dry-run` and the
# dossier in txt, md and html agree with each other and with the
# generator's record on every promise's status (and whether it was
# marked), the sum credited and the amount outstanding as exact decimals
# in the case's currency, and the count of contacts (calls, never notes;
# the dossier's Calls fact and its statement's "I contacted ... N times").
# Right after each delete or move, a case whose newest call asked for a
# follow-up has that follow-up.  The seed is printed; CONSISTENCY_SEED=N
# reruns one.

. "$(dirname "$0")/lib.sh"

SEED=${CONSISTENCY_SEED:-20261207}

test_expect_success "generated journals agree in every view (seed $SEED)" '
	expect_exit 0 python3 "$TEST_DIR/consistency.py" "$CALLLOG" "$SEED" 3 8 &&
	grep -q "^seed $SEED\$" out &&
	grep -q "^48 case views checked, [1-9][0-9]* follow-ups after a correction, 0 disagreements\$" out &&
	# The history made what the checks are about, not only calls.
	for what in note "delete --call" "edit --call" undo reversal resolve \
	    reopen promise; do
		grep "^made: " out | grep -q "[0-9] $what\\(,\\|\$\\)" || {
			echo "the generated history made no $what"; return 1; }
	done
'

test_done
