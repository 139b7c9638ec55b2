/*
 * show_int.h: what cmd_show.c gathers and show_text.c prints.
 */
#ifndef CALLLOG_SHOW_INT_H
#define CALLLOG_SHOW_INT_H

#include <stddef.h>

struct ctx;
struct cl_case;

/* The case's calls, events and notes, gathered to be interleaved by
 * time. */
struct timeline {
	struct cl_call *calls;
	size_t ncalls;
	struct cl_event *events;
	size_t nevents;
	struct cl_note *notes;
	size_t nnotes;
};

/* The case and its timeline as text, on ctx->out. */
void show_text(struct ctx *ctx, const struct cl_case *c,
    const struct timeline *t);

#endif
