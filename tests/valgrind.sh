#!/bin/sh
# valgrind.sh: run calllog under valgrind memcheck, for `make
# check-valgrind`, which points the tests' $CALLLOG here.  Any memory error
# or definite leak makes the command exit 99, so the test that ran it
# fails and names the command; the report is kept in $VALGRIND_LOGS.
: "${VALGRIND_CALLLOG:?set VALGRIND_CALLLOG to the calllog binary}"
: "${VALGRIND_LOGS:?set VALGRIND_LOGS to a directory for reports}"
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --log-file="$VALGRIND_LOGS/vg.%p.log" "$VALGRIND_CALLLOG" "$@"
