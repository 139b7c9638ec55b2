/*
 * call_move: what a deleted or moved call leaves behind (DESIGN.md,
 * "Correcting the record"): both cases as if the call had always been
 * where it now is -- their figures (the schema's triggers), and their
 * status, escalation, resolution and next follow-up (case_replay.h).
 */
#ifndef CALLLOG_CALL_MOVE_H
#define CALLLOG_CALL_MOVE_H

#include "cmd.h"
#include "model.h"

/*
 * Whether call k, on case from, may move to case to (loaded into *to): a
 * credit is in its case's currency, so a call with a credit cannot move
 * to a case whose money is in another one; a case without money takes
 * the source's currency.  CMD_OK or the exit code after reporting.
 */
int call_move_check(const struct cl_call *k, const struct cl_case *from,
    struct cl_case *to);

/* What changed in the cases' state, a line each, for the command to
 * print after its own report. */
struct move_report {
	char text[512];
	size_t len;
};

/*
 * Call k (as it was, on its old case) was deleted (to_case 0) or moved to
 * to_case, inside the command's transaction: its events follow it, and
 * each case it left or reached is worked out again and stored.  A case
 * whose state changed is said in *report.  CMD_OK or CMD_FAIL.
 */
int call_moved(struct ctx *ctx, const struct cl_call *k, long long to_case,
    struct move_report *report);

/* edit --call N --case M, once call k is stored on case to: case to
 * keeps the currency call_move_check gave it, and call_moved runs with
 * the call as it was on case from. */
int call_move_save(struct ctx *ctx, const struct cl_call *k, long long from,
    const struct cl_case *to, struct move_report *report);

#endif
