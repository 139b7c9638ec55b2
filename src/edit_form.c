/*
 * edit_form.c: rendering a case or a call as "field: value" lines, and
 * turning the lines a person changed into options.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_form.h"
#include "field.h"
#include "money.h"
#include "policy.h"
#include "util.h"
#include "when.h"
#include "xfer.h"

/*
 * The form's fields are the record's declared fields that have an option
 * (field.h), each read at its offset in the record by the export's table
 * (xfer.h), so a field given an option is on the form at once.  A case's
 * come in the declaration's order.  A call's keep the order its form has
 * always had — who was reached, when and how long, what came of it —
 * and a field not in call_order follows them in the declaration's order.
 */
static const int call_order[] = {
	KF_NUMBER, KF_DEPARTMENT, KF_REP, KF_REFS, KF_STARTED, KF_DURATION,
	KF_HOLD, KF_IVR, KF_CHANNEL, KF_OUTCOME, KF_PROMISE, KF_PROMISED_BY,
	KF_CREDITED, KF_NOTES
};
#define NCALL_ORDER ((int)(sizeof(call_order) / sizeof(call_order[0])))

struct form {
	int n;
	const struct xfer_field *f[SYNC_FIELDS_MAX];
};

/* The export field that holds declaration d. */
static const struct xfer_field *
xfer_of(const struct xfer_field *table, const struct field *d)
{
	for (const struct xfer_field *f = table; f->key; f++)
		if (f->decl == d)
			return f;
	fatal("internal error: field %s has no export field", d->name);
}

static void
form_add(struct form *fm, const struct xfer_field *table,
    const struct field *d)
{
	for (int i = 0; i < fm->n; i++)
		if (fm->f[i]->decl == d)
			return;
	if (d->option)
		fm->f[fm->n++] = xfer_of(table, d);
}

static void
form_fields(int is_call, struct form *fm)
{
	const struct field_kind *k = &field_kinds[is_call ? SYNC_CALL :
	    SYNC_CASE];
	const struct xfer_field *table = is_call ? xfer_call_fields :
	    xfer_case_fields;

	fm->n = 0;
	for (int i = 0; is_call && i < NCALL_ORDER; i++)
		form_add(fm, table, &k->fields[call_order[i]]);
	for (int i = 0; i < k->nfields; i++)
		form_add(fm, table, &k->fields[i]);
}

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

/* How a time reads on the form: a date given as one (--charged) as a
 * date; a deadline as a date when it is the end of a day, as it reads
 * back (an editor's "23:59" would move it by 59 seconds); any other as a
 * date and a time. */
static int
date_only(const struct field *d, time_t t)
{
	if (d == &field_case[CF_CHARGED])
		return 1;
	return d == &field_call[KF_PROMISED_BY] && policy_date_only(t);
}

/* Each line of text on a line of its own, the field's name on each. */
static void
put_lines(struct strbuf *b, const char *field, const char *p)
{
	do {
		size_t n = p ? strcspn(p, "\n") : 0;
		char *line = p ? xstrndup(p, n) : NULL;

		put(b, field, line);
		free(line);
		p = p && p[n] ? p + n + 1 : NULL;
	} while (p);
}

#define AT(T, rec, f) ((const T *)(const void *)((const char *)(rec) + \
    (f)->offset))

/* Field f of rec; money in currency cur. */
static void
render_field(struct strbuf *b, const struct xfer_field *f, const void *rec,
    const char *cur)
{
	const char *name = f->decl->option;

	switch (f->type) {
	case XF_ENUM:
		put(b, name, enum_name(f->names, *AT(int, rec, f)));
		break;
	case XF_TIME:
		put_time(b, name, *AT(time_t, rec, f),
		    date_only(f->decl, *AT(time_t, rec, f)));
		break;
	case XF_SECONDS:
		put_secs(b, name, *AT(long, rec, f));
		break;
	case XF_MONEY:
		put_money(b, name, *AT(long long, rec, f), cur);
		break;
	case XF_TEXT:
		put_lines(b, name, *AT(char *, rec, f));
		break;
	case XF_REFS: {
		const struct cl_call *k = rec;

		for (size_t i = 0; i < k->nrefs; i++)
			put(b, name, k->refs[i]);
		if (k->nrefs == 0)
			put(b, name, "");
		break;
	}
	case XF_LINE:
	case XF_PHONE:
	case XF_ACCOUNT:
		put(b, name, *AT(char *, rec, f));
		break;
	default:
		fatal("internal error: the edit form cannot show %s", name);
	}
}

char *
edit_form_render(const struct cl_case *c, const struct cl_call *k,
    const char *error)
{
	struct strbuf b = { 0 };
	struct form fm;
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
	form_fields(k != NULL, &fm);
	for (int i = 0; i < fm.n; i++)
		render_field(&b, fm.f[i], k ? (const void *)k : (const void *)c,
		    k ? k->currency : c->currency);
	return b.s;
}

/* The lines of field in form, joined by newlines, or NULL when the form
 * has none.  Sets *bad to a line that is not a known field. */
static char *
field_lines(const char *form, const char *field, const struct form *known,
    const char **bad)
{
	char *out = NULL;
	size_t flen = strlen(field);

	for (const char *p = form; *p; ) {
		size_t n = strcspn(p, "\n");
		const char *colon = memchr(p, ':', n);

		if (n > 0 && *p != '#') {
			int ok = 0;

			for (int i = 0; colon && i < known->n; i++) {
				const char *o = known->f[i]->decl->option;

				if ((size_t)(colon - p) == strlen(o) &&
				    !strncmp(p, o, strlen(o)))
					ok = 1;
			}
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
	struct form known;
	const char *bad = NULL, *ignore = NULL;
	char **v = xcalloc(1, sizeof(*v));

	form_fields(is_call, &known);
	*n = 0;
	for (int i = 0; i < known.n; i++) {
		const char *o = known.f[i]->decl->option;
		char *was = field_lines(before, o, &known, &ignore);
		char *now = field_lines(after, o, &known, &bad);
		int same = (was == NULL && now == NULL) ||
		    (was && now && strcmp(was, now) == 0);

		if (!same) {
			/* Every line of the field: a repeated one (ref,
			 * note) is replaced as a whole. */
			const char *p = now ? now : "";

			do {
				size_t len = strcspn(p, "\n");

				v = xrealloc(v, (size_t)(*n + 2) * sizeof(*v));
				v[(*n)++] = xasprintf("--%s=%.*s", o,
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
