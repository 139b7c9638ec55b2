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

/*
 * With a limit, only the newest matching calls are ranked: at least
 * SEARCH_CANDIDATES of them, or SEARCH_WIDEN times the limit.  Ranking
 * (bm25) and above all the snippet read every matching call's text, so
 * a common word ranked in full costs seconds at 100,000 cases, while the
 * index gives its matches newest first for the price of a rare word.
 */
#define SEARCH_CANDIDATES 250
#define SEARCH_WIDEN 4

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
 * table's own MATCH scan, not inside a join the planner reorders.  ?5
 * bounds the hits to the newest (highest rowid, the order calls were
 * recorded in); -1 ranks them all.
 */
static const char search_sql[] =
    "WITH ref_cases AS (" REF_CASES "),"
    " hits (id, rank, snippet) AS MATERIALIZED (SELECT rowid,"
    "  bm25(call_search, 10.0, 5.0, 3.0, 3.0, 2.0, 1.0, 2.0, 1.0),"
    "  snippet(call_search, -1, '[', ']', '…', 12)"
    "  FROM call_search WHERE call_search MATCH ?1"
    "  ORDER BY rowid DESC LIMIT ?5)"
    " SELECT %s,"
    " h.snippet, k.case_id IN (SELECT case_id FROM ref_cases) AS by_ref"
    " FROM calls k JOIN cases c ON c.id = k.case_id"
    " LEFT JOIN hits h ON h.id = k.id"
    " WHERE k.id IN (SELECT id FROM hits)"
    "  OR k.case_id IN (SELECT case_id FROM ref_cases)"
    " ORDER BY by_ref DESC, h.rank IS NULL, h.rank, k.started_at DESC,"
    " k.id DESC LIMIT ?4";

/* The organization a word is an alias of ("amex"), or NULL; -1 on a
 * database error (reported).  The caller frees *org. */
static int
alias_org(sqlite3_stmt *s, const char *word, size_t n, char **org)
{
	int rc;

	*org = NULL;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, word, (int)n, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*org = col_text(s, 0);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Append n bytes of p to out as one FTS5 string, a quote doubled. */
static char *
put_string(char *o, const char *p, size_t n)
{
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"')
			*o++ = '"';
		*o++ = p[i];
	}
	*o++ = '"';
	return o;
}

/*
 * The FTS5 query for what a person typed: each word a quoted string (a
 * quote inside doubled), so that AND, NEAR(, *, - or a lone " are words
 * to find, never syntax; the last word also a prefix, so "refu" finds
 * "refund".  A word that is an organization's alias also finds the
 * organization's name ("amex" finds American Express, as it does
 * everywhere else): ("amex" OR "American Express").  The plain words are
 * joined by spaces, FTS5's implicit AND, which leaves out a word of no
 * letters or digits (an emoji, "-": an empty phrase); FTS5 accepts a
 * parenthesized group only with an explicit AND, so the groups come
 * first, each followed by AND.  Sets *out to NULL when text has no words;
 * the caller frees.  Returns -1 after reporting a database error.
 */
static int
fts_query(struct store *st, const char *text, char **out)
{
	static const char sql[] =
	    "SELECT org FROM org_aliases WHERE alias = ?1";
	const char *p = text + strspn(text, SPACE);
	/* A word of n bytes takes at most 2n + 4 (doubled quotes, quotes, a
	 * space or the last "*"), and every word but the last is followed by
	 * at least one space in text. */
	size_t cap = strlen(text) * 3 + 4, glen = 0, plen = 0;
	char *groups, *plain;
	sqlite3_stmt *s;

	*out = NULL;
	if (*p == '\0')
		return 0;
	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	groups = xmalloc(cap);
	plain = xmalloc(cap);
	while (*p) {
		size_t n = strcspn(p, SPACE);
		char *org, *o;
		int last;

		if (alias_org(s, p, n, &org) == -1) {
			sqlite3_finalize(s);
			free(groups);
			free(plain);
			return store_error(st, "look up an organization alias");
		}
		last = p[n + strspn(p + n, SPACE)] == '\0';
		if (org) {
			/* Room for the name, doubled quotes, and the syntax. */
			cap += strlen(org) * 2 + 16;
			groups = xrealloc(groups, cap);
			o = groups + glen;
			*o++ = '(';
			o = put_string(o, p, n);
			if (last)
				*o++ = '*';
			memcpy(o, " OR ", 4);
			o = put_string(o + 4, org, strlen(org));
			memcpy(o, ") AND ", 6);
			glen = (size_t)(o + 6 - groups);
			free(org);
		} else {
			o = plain + plen;
			if (plen)
				*o++ = ' ';
			o = put_string(o, p, n);
			if (last)
				*o++ = '*';
			plen = (size_t)(o - plain);
		}
		p += n;
		p += strspn(p, SPACE);
	}
	sqlite3_finalize(s);
	/* Without plain words, the groups' last " AND " goes. */
	if (plen == 0)
		glen -= 5;
	groups = xrealloc(groups, glen + plen + 1);
	memcpy(groups + glen, plain, plen);
	groups[glen + plen] = '\0';
	free(plain);
	*out = groups;
	return 0;
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
	static char *sql;	/* search_sql with the call's columns */
	char *query;
	sqlite3_stmt *s;
	int rc = 0, step, i;

	if (fts_query(st, text, &query) == -1)
		return -1;
	if (query == NULL)
		return 0;
	if (sql == NULL)
		sql = xasprintf(search_sql, store_call_columns());
	if ((s = store_prepare(st, sql)) == NULL) {
		free(query);
		return -1;
	}
	bind_text(s, 1, query);
	bind_ref(s, text);
	sqlite3_bind_int64(s, 4, limit > 0 ? limit : -1);
	sqlite3_bind_int64(s, 5, limit <= 0 ? -1 :
	    limit > SEARCH_CANDIDATES / SEARCH_WIDEN ?
	    (sqlite3_int64)limit * SEARCH_WIDEN : SEARCH_CANDIDATES);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct search_hit h = { { 0 }, NULL, 0 };

		i = store_read_call(s, &h.call);
		h.snippet = (const char *)sqlite3_column_text(s, i);
		h.by_reference = sqlite3_column_int(s, i + 1);
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
