/*
 * edit_form.c: rendering a case or a call as "field: value" lines, and
 * turning the lines a person changed into options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_form.h"
#include "money.h"
#include "policy.h"
#include "util.h"
#include "when.h"

static const char *const case_fields[] = {
	"org", "reason", "title", "account", "priority", "amount", "merchant",
	"charged", NULL
};

static const char *const call_fields[] = {
	"number", "department", "rep", "ref", "when", "duration", "hold",
	"ivr", "channel", "outcome", "promise", "promised-by", "credited",
	"note", NULL
};

static void
put(struct strbuf *b, const char *field, const char *value)
{
	char *line = xasprintf("%s: %s\n", field, value ? value : "");

	strbuf_addstr(b, line);
	free(line);
}

static void
put_time(struct strbuf *b, const char *field, time_t t, int date_only)
{
	char when[WHEN_BUFSZ] = "";

	if (t && date_only)
		when_format_date(t, when);
	else if (t)
		when_format_local(t, when);
	put(b, field, when);
}

static void
put_secs(struct strbuf *b, const char *field, long secs)
{
	char d[WHEN_BUFSZ] = "";

	if (secs >= 0)
		when_format_duration(secs, d);
	put(b, field, d);
}

static void
put_money(struct strbuf *b, const char *field, long long v, const char *cur)
{
	char m[MONEY_BUFSZ], line[MONEY_BUFSZ + 8] = "";

	if (v) {
		money_format(v, cur, m);
		snprintf(line, sizeof(line), "%s %s", m, cur[0] ? cur : "");
	}
	put(b, field, line);
}

static void
render_case(struct strbuf *b, const struct cl_case *c)
{
	put(b, "org", c->org);
	put(b, "reason", enum_name(&reason_names, c->reason));
	put(b, "title", c->title);
	put(b, "account", c->account);
	put(b, "priority", enum_name(&priority_names, c->priority));
	put_money(b, "amount", c->amount, c->currency);
	put(b, "merchant", c->merchant);
	put_time(b, "charged", c->charged_at, 1);
}

static void
render_call(struct strbuf *b, const struct cl_call *k)
{
	const char *p = k->notes;

	put(b, "number", k->number);
	put(b, "department", k->department);
	put(b, "rep", k->rep);
	for (size_t i = 0; i < k->nrefs; i++)
		put(b, "ref", k->refs[i]);
	if (k->nrefs == 0)
		put(b, "ref", "");
	put_time(b, "when", k->started, 0);
	put_secs(b, "duration", k->duration);
	put_secs(b, "hold", k->hold);
	put(b, "ivr", k->ivr);
	put(b, "channel", enum_name(&channel_names, k->channel));
	put(b, "outcome", enum_name(&outcome_names, k->outcome));
	put(b, "promise", k->promise);
	/* A deadline given as a date reads back as one, the end of the day
	 * (an editor's "23:59" would move it by 59 seconds). */
	put_time(b, "promised-by", k->promised_by,
	    policy_date_only(k->promised_by));
	put_money(b, "credited", k->credited, k->currency);
	/* Each line of the notes on a line of its own. */
	do {
		size_t n = p ? strcspn(p, "\n") : 0;
		char *line = p ? xstrndup(p, n) : NULL;

		put(b, "note", line);
		free(line);
		p = p && p[n] ? p + n + 1 : NULL;
	} while (p);
}

char *
edit_form_render(const struct cl_case *c, const struct cl_call *k,
    const char *error)
{
	struct strbuf b = { 0 };
	char *head;

	if (error)
		head = xasprintf("# error: %s\n# Correct the field and save, or "
		    "quit without saving to leave the record as it was.\n",
		    error);
	else
		head = xstrdup("");
	strbuf_addstr(&b, head);
	free(head);
	head = xasprintf("# calllog edit: %s %lld.  Change the values after "
	    "the colons; an empty value\n# clears the field.  Lines starting "
	    "with # are ignored.  Quit without\n# saving to change nothing.\n",
	    k ? "call" : "case", k ? k->id : c->id);
	strbuf_addstr(&b, head);
	free(head);
	if (k)
		render_call(&b, k);
	else
		render_case(&b, c);
	return b.s;
}

/* The lines of field in form, joined by newlines, or NULL when the form
 * has none.  Sets *bad to a line that is not a known field. */
static char *
field_lines(const char *form, const char *field, const char *const *known,
    const char **bad)
{
	char *out = NULL;
	size_t flen = strlen(field);

	for (const char *p = form; *p; ) {
		size_t n = strcspn(p, "\n");
		const char *colon = memchr(p, ':', n);

		if (n > 0 && *p != '#') {
			int ok = 0;

			for (int i = 0; colon && known[i]; i++)
				if ((size_t)(colon - p) == strlen(known[i]) &&
				    !strncmp(p, known[i], strlen(known[i])))
					ok = 1;
			if (!ok && *bad == NULL)
				*bad = p;
			if (ok && (size_t)(colon - p) == flen &&
			    !strncmp(p, field, flen)) {
				const char *v = colon + 1 + (colon[1] == ' ');
				char *val = xstrndup(v, n - (size_t)(v - p));
				char *t = out ? xasprintf("%s\n%s", out, val) :
				    xstrdup(val);

				free(val);
				free(out);
				out = t;
			}
		}
		p += n + (p[n] == '\n');
	}
	return out;
}

char **
edit_form_diff(const char *before, const char *after, int is_call, int *n)
{
	const char *const *known = is_call ? call_fields : case_fields;
	const char *bad = NULL, *ignore = NULL;
	char **v = xcalloc(1, sizeof(*v));

	*n = 0;
	for (int i = 0; known[i]; i++) {
		char *was = field_lines(before, known[i], known, &ignore);
		char *now = field_lines(after, known[i], known, &bad);
		int same = (was == NULL && now == NULL) ||
		    (was && now && strcmp(was, now) == 0);

		if (!same) {
			/* Every line of the field: a repeated one (ref,
			 * note) is replaced as a whole. */
			const char *p = now ? now : "";

			do {
				size_t len = strcspn(p, "\n");

				v = xrealloc(v, (size_t)(*n + 2) * sizeof(*v));
				v[(*n)++] = xasprintf("--%s=%.*s", known[i],
				    (int)len, p);
				v[*n] = NULL;
				p += len + (p[len] == '\n');
			} while (*p);
		}
		free(was);
		free(now);
	}
	if (bad) {
		error("form line '%.*s' is not 'field: value' with a field of "
		    "the form", (int)strcspn(bad, "\n"), bad);
		edit_form_free(v);
		return NULL;
	}
	return v;
}

void
edit_form_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
