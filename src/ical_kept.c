/*
 * ical_kept.c: the lines of a client's that calllog keeps in a sync item
 * (the properties it does not know, their parameters, alarms, the
 * calendar's own lines), redacted as notes are: a folder is untrusted
 * input, and what it keeps reaches the journal and every file calllog
 * writes back.  ical_item_read.c keeps them, ical_item.c writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ical.h"
#include "ical_int.h"
#include "redact.h"
#include "syncrec.h"
#include "util.h"

/* The name of a content line, and where its value starts (after the
 * first colon outside a quoted parameter value). */
size_t
item_line_name(const char *line, const char **value)
{
	size_t n = strcspn(line, ";:");
	int quoted = 0;

	*value = NULL;
	for (const char *p = line + n; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ':' && !quoted) {
			*value = p + 1;
			break;
		}
	}
	return n;
}

/*
 * A value redacted as notes are, read with its \n escapes as the line
 * breaks they stand for (a card number may be split over two lines of a
 * note), and written back with them; other escapes stay as they were.
 */
static char *
redact_value(const char *v, struct redact_counts *c)
{
	struct strbuf soft = { 0 }, out = { 0 };
	struct redact_counts mine = { 0 };
	char *clean;

	strbuf_add(&soft, "", 0);
	for (const char *p = v; *p; p++)
		if (*p == '\\' && (p[1] == 'n' || p[1] == 'N')) {
			strbuf_add(&soft, "\n", 1);
			p++;
		} else if (*p == '\\' && p[1]) {
			strbuf_add(&soft, p, 2);
			p++;
		} else
			strbuf_add(&soft, p, 1);
	clean = redact_text(soft.s, &mine);
	free(soft.s);
	if (!redact_any(&mine)) {
		free(clean);
		return xstrdup(v);
	}
	redact_add(c, &mine);
	strbuf_add(&out, "", 0);
	for (const char *p = clean; *p; p++)
		strbuf_add(&out, *p == '\n' ? "\\n" : p, *p == '\n' ? 2 : 1);
	free(clean);
	return out.s;
}

char *
item_kept_redact(const char *line, struct redact_counts *c, int *name_hit)
{
	const char *value;
	size_t n = item_line_name(line, &value), head_len;
	struct redact_counts local = { 0 }, hc = { 0 };
	char *head, *rhead, *rval, *out;

	if (c == NULL)
		c = &local;
	*name_hit = 0;
	if (value == NULL) {		/* no content line: all of it */
		out = redact_text(line, &hc);
		*name_hit = redact_any(&hc);
		goto count;
	}
	head_len = (size_t)(value - line);
	head = xstrndup(line, head_len);
	rhead = redact_text(head, &hc);
	free(head);
	if (redact_any(&hc) && (strncmp(rhead, line, n) != 0 ||
	    (rhead[n] != ';' && rhead[n] != ':')))
		*name_hit = 1;
	rval = redact_value(value, c);
	out = xasprintf("%s%s", rhead, rval);
	free(rhead);
	free(rval);
count:
	redact_add(c, &hc);
	return out;
}

int
item_keep_line(struct cal_sync_item *it, struct strbuf *b, const char *mark,
    const char *line, char *why, size_t size)
{
	struct redact_counts before = it->kept_redacted;
	const char *value;
	size_t n = item_line_name(line, &value);
	int name_hit;
	char *clean = item_kept_redact(line, &it->kept_redacted, &name_hit);

	if (name_hit && (strncasecmp(line, "BEGIN:", 6) == 0 ||
	    strncasecmp(line, "END:", 4) == 0)) {
		free(clean);
		return snprintf(why, size, "a component whose name holds a"
		    " number that is redacted"), -1;
	}
	if (!it->kept_first[0] && (it->kept_redacted.cards != before.cards ||
	    it->kept_redacted.ssns != before.ssns ||
	    it->kept_redacted.codes != before.codes))
		snprintf(it->kept_first, sizeof(it->kept_first), "%.*s",
		    name_hit ? 0 : (int)n, line);
	if (!it->kept_first[0] && name_hit)
		snprintf(it->kept_first, sizeof(it->kept_first),
		    "a property's name");
	if (!name_hit) {	/* a name that held a number: dropped whole */
		strbuf_add(b, mark, strlen(mark));
		strbuf_add(b, clean, strlen(clean));
		strbuf_add(b, "\n", 1);
	}
	free(clean);
	return 0;
}

char *
cal_sync_extra_redact(const char *extra)
{
	struct strbuf b = { 0 };

	if (extra == NULL)
		return NULL;
	strbuf_add(&b, "", 0);
	for (const char *p = extra; *p; ) {
		size_t n = strcspn(p, "\n"), skip;
		char *line, *clean;
		int name_hit;

		/* The calendar's own lines keep their mark. */
		skip = *p == *OUTER_BEFORE || *p == *OUTER_AFTER;
		line = xstrndup(p + skip, n - skip);
		clean = item_kept_redact(line, NULL, &name_hit);
		if (!name_hit || strncasecmp(line, "BEGIN:", 6) == 0 ||
		    strncasecmp(line, "END:", 4) == 0) {
			strbuf_add(&b, p, skip);
			strbuf_add(&b, clean, strlen(clean));
			strbuf_add(&b, "\n", 1);
		}
		free(clean);
		free(line);
		p += n + (p[n] == '\n');
	}
	return b.s;
}

/*
 * Some of the item's own standard lines are kept as well, as the client
 * wrote them, for calllog to write the item back the way the client made
 * it (DESIGN.md: a client's SUMMARY of a call and a DTSTART it set are
 * kept; an all-day DUE stays all-day): a call's SUMMARY of the client's,
 * a DUE or DTSTART that is a date, a VTODO's DTSTART, and for a note
 * without DTSTART the call's start as X-CALLLOG-STARTED.  They are the
 * item's lines of extra (no mark), outside its components (an alarm's
 * own SUMMARY is not the item's).
 */
const char *
item_kept_find(const char *extra, const char *name, size_t *len)
{
	int depth = 0;

	for (const char *p = extra; p && *p; ) {
		size_t n = strcspn(p, "\n");
		const char *value;
		size_t nl = item_line_name(p, &value);

		if (*p != *OUTER_BEFORE && *p != *OUTER_AFTER) {
			if (strncasecmp(p, "BEGIN:", 6) == 0)
				depth++;
			else if (strncasecmp(p, "END:", 4) == 0)
				depth -= depth > 0;
			else if (depth == 0 && nl == strlen(name) &&
			    strncasecmp(p, name, nl) == 0) {
				*len = n;
				return p;
			}
		}
		p += n + (p[n] == '\n');
	}
	return NULL;
}

int
item_kept_own(const char *line, int kind)
{
	const char *value;
	size_t n = item_line_name(line, &value);

	if (n == 7 && strncasecmp(line, "SUMMARY", 7) == 0)
		return KEPT_SUMMARY;
	/* A case's DUE is its follow-up; on a journal entry (no DUE in
	 * RFC 5545) it is only the client's line, kept as it stands. */
	if (n == 3 && strncasecmp(line, "DUE", 3) == 0)
		return kind == SYNC_CASE ? KEPT_DUE : 0;
	if (n == 7 && strncasecmp(line, "DTSTART", 7) == 0)
		return kind == SYNC_CASE ? 0 : KEPT_DTSTART; /* the client's */
	if (n == strlen(XPREFIX "STARTED") &&
	    strncasecmp(line, XPREFIX "STARTED", n) == 0)
		return KEPT_STARTED;
	return 0;
}

char *
item_kept_value(const char *extra, const char *name)
{
	size_t n;
	const char *line = item_kept_find(extra, name, &n), *value;
	char *copy;
	struct strbuf b = { 0 };

	if (line == NULL)
		return NULL;
	copy = xstrndup(line, n);
	item_line_name(copy, &value);
	strbuf_add(&b, "", 0);
	for (const char *p = value; p && *p; p++)
		if (*p == '\\' && p[1]) {
			p++;
			strbuf_add(&b, *p == 'n' || *p == 'N' ? "\n" : p, 1);
		} else
			strbuf_add(&b, p, 1);
	free(copy);
	return b.s;
}

int
item_kept_date(const char *extra, const char *name, time_t t)
{
	char *v = item_kept_value(extra, name), day[9];
	struct tm tm;
	int same;

	if (v == NULL || t == 0)
		return free(v), 0;
	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	/* 09:00 is what calllog reads a date as: another time that day was
	 * set here, and a date would lose it. */
	same = strlen(v) == 8 && strcmp(v, day) == 0 && tm.tm_hour == 9 &&
	    tm.tm_min == 0 && tm.tm_sec == 0;
	free(v);
	return same;
}
