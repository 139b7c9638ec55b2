/*
 * lookup.c: case references and organization names, resolved against the
 * journal.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lookup.h"
#include "orgmatch.h"
#include "store.h"
#include "util.h"

#define UUID_CANDIDATES 5

static int
all_digits(const char *s)
{
	if (*s == '#')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int
uuid_like(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!isxdigit((unsigned char)*s) && *s != '-')
			return 0;
	return n >= 4 && n < UUID_BUFSZ;
}

int
lookup_case(struct store *st, const char *text, const char *what,
    long long *id)
{
	long long ids[UUID_CANDIDATES];
	char prefix[UUID_BUFSZ], list[160] = "";
	size_t len = 0;
	int n;

	if (all_digits(text) || !uuid_like(text))
		return parse_id(text, what, id) == 0 ? CMD_OK : CMD_USAGE;
	for (n = 0; text[n]; n++)
		prefix[n] = (char)tolower((unsigned char)text[n]);
	prefix[n] = '\0';
	if ((n = store_case_uuid_prefix(st, prefix, ids, UUID_CANDIDATES)) < 0)
		return CMD_FAIL;
	if (n == 0)
		return error("no case has a uuid starting '%s'; 'calllog cases' "
		    "lists the cases", text), CMD_FAIL;
	if (n == 1) {
		*id = ids[0];
		return CMD_OK;
	}
	for (int i = 0; i < n && len < sizeof(list) - 24; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%lld",
		    i ? ", " : "", ids[i]);
	return error("%s '%s' is the start of several cases' uuids (cases %s%s);"
	    " give more of it, or the case id", what, text, list,
	    n == UUID_CANDIDATES ? ", ..." : ""), CMD_USAGE;
}

/* "'A', 'B' or 'C'", the candidates of an ambiguous prefix. */
static char *
candidates(const struct org_name *v, const size_t *hits, size_t n)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s%s'%s'", s, i == 0 ? "" :
		    i + 1 == n ? " or " : ", ", v[hits[i]].org);

		free(s);
		s = t;
	}
	return s;
}

/*
 * Whether given, a near miss of the case's own organization own, is near
 * no other known one: then it is that name put right, not a typo.  Sets
 * *other to the index in v of the other organization it is a near miss
 * of, when there is one.
 */
static int
fixes_own(const char *given, const char *own, const struct org_name *v,
    size_t n, size_t *other)
{
	struct org_name *rest = xcalloc(n ? n : 1, sizeof(*rest));
	size_t *idx = xcalloc(n ? n : 1, sizeof(*idx));
	size_t m = 0, hits[8], nhits;
	int kind;

	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].org, own) != 0) {
			idx[m] = i;
			rest[m++] = v[i];
		}
	kind = org_match(given, rest, m, hits, 8, &nhits);
	if (kind == ORG_TYPO)
		*other = idx[hits[0]];
	free(rest);
	free(idx);
	return kind == ORG_NEW;
}

struct own_count {
	const char *own;
	int n;
};

static int
count_own(struct cl_case *c, void *arg)
{
	struct own_count *oc = arg;

	oc->n += strcmp(c->org, oc->own) == 0;
	return 0;
}

/* How many cases are filed under exactly own, or -1. */
static int
own_cases(struct store *st, const char *own)
{
	struct case_filter f = { .org = own };
	struct own_count oc = { .own = own };

	return store_cases_each(st, &f, count_own, &oc) == 0 ? oc.n : -1;
}

int
lookup_org(struct store *st, const char *given, int new_org, char **out)
{
	return lookup_org_for(st, given, new_org, NULL, out);
}

int
lookup_org_for(struct store *st, const char *given, int new_org,
    const char *own, char **out)
{
	struct org_name *v;
	size_t n, hits[8], nhits;
	int kind, rc = CMD_OK;
	char *list;

	*out = NULL;
	if (store_org_names(st, &v, &n) == -1)
		return CMD_FAIL;
	kind = org_match(given, v, n, hits, 8, &nhits);
	/* "Delta Air Lines" on a case filed as "Delta Air Lnes" is the
	 * correction edit exists for.  A name other cases are filed under
	 * too is the one to keep: a near miss of it is still a typo. */
	if (kind == ORG_TYPO && own && strcmp(v[hits[0]].org, own) == 0 &&
	    own_cases(st, own) == 1) {
		size_t other = hits[0];

		if (fixes_own(given, own, v, n, &other))
			kind = ORG_NEW;
		hits[0] = other;
	}
	/* --new-org: the name as given, unless it is already known exactly
	 * (then the journal's spelling, so the cases still file together). */
	if (new_org && kind != ORG_EXACT)
		kind = ORG_NEW;
	switch (kind) {
	case ORG_EXACT:
	case ORG_PREFIX:
		*out = xstrdup(v[hits[0]].org);
		break;
	case ORG_AMBIGUOUS:
		if (new_org) {
			*out = xstrdup(given);
			break;
		}
		list = candidates(v, hits, nhits);
		rc = (error("organization '%s' could be %s; give more of the "
		    "name, or --new-org for a new organization", given, list),
		    CMD_USAGE);
		free(list);
		break;
	case ORG_TYPO:
		if (new_org) {
			*out = xstrdup(given);
			break;
		}
		rc = (error("no organization '%s'; did you mean '%s'? Give "
		    "--new-org to open a case with a new organization", given,
		    v[hits[0]].org), CMD_USAGE);
		break;
	default:
		*out = xstrdup(given);
	}
	org_names_free(v, n);
	return rc;
}
