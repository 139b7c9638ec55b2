/*
 * shortname.c: the short names organizations go by in narrow tables.
 */
#include <stdlib.h>
#include <strings.h>

#include "orgmatch.h"
#include "shortname.h"
#include "util.h"
#include "width.h"

struct short_names {
	struct { char *org, *name; int configured; } *v;
	size_t n;
};

/* Offer name as org's short name: a configured one is kept over any
 * alias, and of aliases the longest (the most telling) wins. */
static void
offer(struct short_names *s, const char *org, const char *name,
    int configured)
{
	size_t i;

	if (strcasecmp(org, name) == 0)
		return;
	for (i = 0; i < s->n && strcasecmp(s->v[i].org, org) != 0; i++)
		;
	if (i < s->n) {
		if (s->v[i].configured || text_width(name) <=
		    text_width(s->v[i].name))
			return;
		free(s->v[i].name);
		s->v[i].name = xstrdup(name);
		return;
	}
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n].org = xstrdup(org);
	s->v[s->n].name = xstrdup(name);
	s->v[s->n].configured = configured;
	s->n++;
}

struct short_names *
short_names_load(struct store *st, const struct config *cfg)
{
	struct short_names *s = xcalloc(1, sizeof(*s));
	struct org_name *names;
	size_t n;

	for (size_t i = 0; i < cfg->nshort_names; i++)
		offer(s, cfg->short_names[i].org, cfg->short_names[i].name, 1);
	if (store_org_names(st, &names, &n) == -1) {
		short_names_release(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		offer(s, names[i].org, names[i].name, 0);
	org_names_free(names, n);
	return s;
}

const char *
short_name_for(const struct short_names *s, const char *org)
{
	for (size_t i = 0; s && org && i < s->n; i++)
		if (strcasecmp(s->v[i].org, org) == 0)
			return text_width(s->v[i].name) < text_width(org) ?
			    s->v[i].name : NULL;
	return NULL;
}

void
short_names_release(struct short_names *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].org);
		free(s->v[i].name);
	}
	free(s->v);
	free(s);
}
