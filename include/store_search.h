/*
 * store_search.h: full-text search of calls and reference numbers
 * (store_search.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_SEARCH_H
#define CALLLOG_STORE_SEARCH_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

/* One result of store_search_each, valid only during the callback. */
struct search_hit {
	struct cl_call call;	/* with its refs and the case's org */
	const char *snippet;	/* the best matching text, each match in
				 * [ ]; NULL when the call is listed only
				 * because its case has the reference */
	int by_reference;	/* its case has the reference number text */
};

/*
 * Full-text search over calls and their cases: every word of text must
 * match (the last also as a prefix), whatever characters it holds, since
 * text is quoted before SQLite reads it.  Calls on a case that has text
 * as a reference number (case-insensitively, spaces and dashes aside)
 * come first, then the best matches by bm25, reference numbers and titles
 * weighing most.  fn is called for at most limit hits (0: all); a nonzero
 * return stops the walk and is returned.  Blank text matches nothing.
 */
int store_search_each(struct store *st, const char *text, long limit,
    int (*fn)(struct search_hit *, void *), void *arg);

/* Call fn for each case that has text as a reference number, as
 * store_search_each compares them, lowest case id first, with the
 * reference as it was stored. */
int store_ref_cases_each(struct store *st, const char *text,
    int (*fn)(long long case_id, const char *ref, void *), void *arg);
#endif
