/*
 * store_search.c: full-text search over calls and their cases, through
 * the FTS5 index that schema/002_search.sql keeps with triggers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* What separates the words of a search; the tokenizer splits further. */
#define SPACE " \t\n\r\f\v"

/* The cases that have ?2 as a reference number, exactly but for case, or
 * ?3 (it without spaces and dashes) as one with the same taken out. */
#define REF_CASES \
    "SELECT k.case_id AS case_id, min(r.ref) AS ref" \
    " FROM call_refs r JOIN calls k ON k.id = r.call_id" \
    " WHERE r.ref = ?2 COLLATE NOCASE OR (?3 <> '' AND" \
    "  replace(replace(r.ref, '-', ''), ' ', '') = ?3 COLLATE NOCASE)" \
    " GROUP BY k.case_id"

static const char ref_cases_sql[] = REF_CASES " ORDER BY k.case_id";

/*
 * bm25 weights follow the columns of call_search: refs, title, org, rep,
 * department, ivr, promise, notes.  A reference number or a title names
 * what a call was about; notes mention many things in passing.  The hits
 * are materialized because FTS5's auxiliary functions only work on the
 * table's own MATCH scan, not inside a join the planner reorders.
 */
static const char search_sql[] =
    "WITH ref_cases AS (" REF_CASES "),"
    " hits (id, rank, snippet) AS MATERIALIZED (SELECT rowid,"
    "  bm25(call_search, 10.0, 5.0, 3.0, 3.0, 2.0, 1.0, 2.0, 1.0),"
    "  snippet(call_search, -1, '[', ']', '…', 12)"
    "  FROM call_search WHERE call_search MATCH ?1)"
    " SELECT k.id, k.uuid, k.case_id, k.started_at, k.channel, k.direction,"
    " k.number, k.department, k.ivr, k.rep, k.hold_seconds,"
    " k.duration_seconds, k.outcome, k.promise, k.promised_by, k.notes,"
    " k.created_at, k.updated_at, c.org,"
    " (SELECT group_concat(ref, char(31)) FROM (SELECT ref FROM call_refs r"
    "   WHERE r.call_id = k.id ORDER BY pos)),"
    " h.snippet, k.case_id IN (SELECT case_id FROM ref_cases) AS by_ref,"
    CALL_EXTRA_COLUMNS
    " FROM calls k JOIN cases c ON c.id = k.case_id"
    " LEFT JOIN hits h ON h.id = k.id"
    " WHERE k.id IN (SELECT id FROM hits)"
    "  OR k.case_id IN (SELECT case_id FROM ref_cases)"
    " ORDER BY by_ref DESC, h.rank IS NULL, h.rank, k.started_at DESC,"
    " k.id DESC LIMIT ?4";

/*
 * The FTS5 query for what a person typed: each word a quoted string (a
 * quote inside doubled), so that AND, NEAR(, *, - or a lone " are words
 * to find, never syntax; the words joined by spaces, which FTS5 reads as
 * AND; the last word also a prefix, so "refu" finds "refund".  A word of
 * no letters or digits (an emoji, "-") is an empty phrase, which FTS5
 * leaves out of an AND.  Returns NULL when text has no words; the caller
 * frees.
 */
static char *
fts_query(const char *text)
{
	char *out = xmalloc(strlen(text) * 2 + 4), *o = out;
	const char *p = text + strspn(text, SPACE);

	if (*p == '\0') {
		free(out);
		return NULL;
	}
	while (*p) {
		size_t n = strcspn(p, SPACE);

		if (o > out)
			*o++ = ' ';
		*o++ = '"';
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '"')
				*o++ = '"';
			*o++ = p[i];
		}
		*o++ = '"';
		p += n;
		p += strspn(p, SPACE);
	}
	*o++ = '*';
	*o = '\0';
	return out;
}

/* Bind ?2 and ?3 of REF_CASES: text without its outer spaces, and that
 * without any spaces or dashes. */
static void
bind_ref(sqlite3_stmt *s, const char *text)
{
	const char *p = text + strspn(text, SPACE);
	size_t n = strlen(p);
	char *trimmed, *bare, *b;

	while (n > 0 && strchr(SPACE, p[n - 1]))
		n--;
	trimmed = xstrndup(p, n);
	b = bare = xstrdup(trimmed);
	for (const char *q = trimmed; *q; q++)
		if (*q != '-' && !strchr(SPACE, *q))
			*b++ = *q;
	*b = '\0';
	bind_text(s, 2, trimmed);
	bind_text(s, 3, bare);
	free(trimmed);
	free(bare);
}

int
store_search_each(struct store *st, const char *text, long limit,
    int (*fn)(struct search_hit *, void *), void *arg)
{
	char *query = fts_query(text);
	sqlite3_stmt *s;
	int rc = 0, step;

	if (query == NULL)
		return 0;
	if ((s = store_prepare(st, search_sql)) == NULL) {
		free(query);
		return -1;
	}
	bind_text(s, 1, query);
	bind_ref(s, text);
	sqlite3_bind_int64(s, 4, limit > 0 ? limit : -1);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct search_hit h = { { 0 }, NULL, 0 };

		store_read_call(s, &h.call);
		h.snippet = (const char *)sqlite3_column_text(s, 20);
		h.by_reference = sqlite3_column_int(s, 21);
		store_read_call_extra(s, 22, &h.call);
		rc = fn(&h, arg);
		call_clear(&h.call);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "search the journal");
	sqlite3_finalize(s);
	free(query);
	return rc;
}

int
store_ref_cases_each(struct store *st, const char *text,
    int (*fn)(long long case_id, const char *ref, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, ref_cases_sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	bind_ref(s, text);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		rc = fn(sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "look up the reference number");
	sqlite3_finalize(s);
	return rc;
}
