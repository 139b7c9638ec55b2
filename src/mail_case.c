/*
 * mail_case.c: which case an email is about, when `calllog mail` is not
 * told (DESIGN.md, Evidence).  A reference number a case's calls carry,
 * found in the message, names its case; failing that, the organization's
 * name or alias in the sender's name, the sender's domain or the subject
 * names its unresolved cases.  One candidate is taken; several are asked
 * about on a terminal and refused off one, since filing a bank's letter
 * on the wrong case is worse than asking.  And whether the case holds the
 * message already (mail_not_recorded): mailed twice, it would count as
 * two contacts.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd.h"
#include "mail_case.h"
#include "mailmsg.h"
#include "model.h"
#include "orgmatch.h"
#include "sha256.h"
#include "store.h"
#include "util.h"

#define PICK_MAX 16

struct pick {
	long long ids[PICK_MAX];
	char *refs[PICK_MAX];	/* the reference that named ids[i] */
	int n;
	char **orgs;		/* organizations named in the message */
	size_t norgs;
};

static int
word_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Whether needle is in hay as a word of its own, case-insensitively. */
static int
has_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n < 3)
		return 0;
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0 &&
		    (p == hay || !word_char(p[-1])) && !word_char(p[n]))
			return 1;
	return 0;
}

static void
add_case(struct pick *pk, long long id, const char *ref)
{
	int i;

	for (i = 0; i < pk->n; i++)
		if (pk->ids[i] == id)
			return;
	if (pk->n == PICK_MAX)
		return;
	/* In id order, so the candidates are listed as `cases` numbers them. */
	for (i = pk->n; i > 0 && pk->ids[i - 1] > id; i--) {
		pk->ids[i] = pk->ids[i - 1];
		pk->refs[i] = pk->refs[i - 1];
	}
	pk->refs[i] = ref ? xstrdup(ref) : NULL;
	pk->ids[i] = id;
	pk->n++;
}

static int
ref_case(long long case_id, const char *ref, void *arg)
{
	add_case(arg, case_id, ref);
	return 0;
}

/*
 * Every reference number of the journal's calls that the text holds as
 * words of its own.  The text is not searched once per reference (a
 * journal of years holds a million); its words are looked up instead, by
 * the index search uses, compared as search compares them (any case,
 * spaces and dashes aside): each run of up to REF_GROUPS groups of
 * letters and digits apart by a dash or a space, with a digit in it.
 */
#define REF_GROUPS 4
#define REF_SPAN 64

static int
refs_in(struct store *st, const char *hay, struct pick *pk)
{
	for (const char *p = hay; *p; p++) {
		const char *q = p;
		int digit = 0, groups = 0;

		if (!isalnum((unsigned char)*p) ||
		    (p > hay && word_char(p[-1])))
			continue;
		while (groups < REF_GROUPS && q - p < REF_SPAN) {
			while (isalnum((unsigned char)*q) && q - p < REF_SPAN)
				digit |= isdigit((unsigned char)*q++);
			groups++;
			if (word_char(*q))
				break;	/* not a word's end */
			if (digit && q - p >= 4) {
				char *cand = xstrndup(p, (size_t)(q - p));
				int rc = store_ref_cases_each(st, cand, ref_case,
				    pk);

				free(cand);
				if (rc == -1)
					return -1;
			}
			if ((*q != '-' && *q != ' ') ||
			    !isalnum((unsigned char)q[1]))
				break;
			q++;
		}
	}
	return 0;
}

/* Whether a label of addr's domain is the name, both squashed to their
 * letters and digits: "American Express" is "americanexpress.com",
 * "Sparkasse Koeln" is "sparkasse-koeln.de". */
static int
domain_names(const char *addr, const char *name)
{
	const char *at = strrchr(addr, '@');
	char sq[LIMIT_NAME + 1];
	size_t n = 0;

	for (const char *p = name; *p && n < LIMIT_NAME; p++)
		if (isalnum((unsigned char)*p))
			sq[n++] = (char)tolower((unsigned char)*p);
	sq[n] = '\0';
	if (at == NULL || n < 3)
		return 0;
	for (const char *l = at + 1; *l; ) {
		size_t len = strcspn(l, "."), k = 0, i;

		for (i = 0; i < len && k <= n; i++)
			if (isalnum((unsigned char)l[i]) &&
			    tolower((unsigned char)l[i]) != sq[k++])
				break;
		if (i == len && k == n)
			return 1;
		l += len + (l[len] == '.');
	}
	return 0;
}

static int
by_org(struct cl_case *c, void *arg)
{
	struct pick *pk = arg;

	if (c->status == STATUS_RESOLVED)
		return 0;
	for (size_t i = 0; i < pk->norgs; i++)
		if (strcasecmp(c->org, pk->orgs[i]) == 0)
			add_case(pk, c->id, NULL);
	return 0;
}

/* Every organization whose name or alias the message's sender or
 * subject carries. */
static int
named_orgs(struct store *st, const struct mail_msg *m, struct pick *pk)
{
	struct org_name *names;
	size_t n;

	if (store_org_names(st, &names, &n) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!has_word(m->from_name, names[i].name) &&
		    !has_word(m->subject, names[i].name) &&
		    !domain_names(m->from_addr, names[i].name) &&
		    !(m->fwd_from_addr && (has_word(m->fwd_from_name,
		    names[i].name) || domain_names(m->fwd_from_addr,
		    names[i].name))))
			continue;
		pk->orgs = xrealloc(pk->orgs, (pk->norgs + 1) *
		    sizeof(*pk->orgs));
		pk->orgs[pk->norgs++] = xstrdup(names[i].org);
	}
	org_names_free(names, n);
	return 0;
}

static int
candidates(struct store *st, const struct mail_msg *m, const char *hay,
    struct pick *pk)
{
	struct case_filter kf = { 0 };

	if (refs_in(st, hay, pk) == -1)
		return -1;
	if (pk->n)
		return 0;
	if (named_orgs(st, m, pk) == -1)
		return -1;
	return pk->norgs ? store_cases_each(st, &kf, by_org, pk) : 0;
}

/* "case 3 (Chase, billing), case 5 (Chase, fraud)" */
static char *
describe(struct store *st, const struct pick *pk)
{
	struct strbuf b = { 0 };

	for (int i = 0; i < pk->n; i++) {
		struct cl_case c = { 0 };

		if (i)
			strbuf_addstr(&b, i == pk->n - 1 ? " or " : ", ");
		if (store_case_get(st, pk->ids[i], &c) == 0) {
			char *s = xasprintf("case %lld (%s, %s)", c.id, c.org,
			    enum_name(&reason_names, c.reason));

			strbuf_addstr(&b, s);
			free(s);
		}
		case_clear(&c);
	}
	return b.s ? b.s : xstrdup("");
}

/* Ask on the terminal which of the candidates; CMD_OK with *id. */
static int
ask(const struct pick *pk, const char *list, long long *id)
{
	char line[64];

	fprintf(stderr, "The message could be about %s.\n", list);
	for (int tries = 0; tries < 3; tries++) {
		long long v;

		fprintf(stderr, "Which case? ");
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL)
			break;
		line[strcspn(line, "\n")] = '\0';
		if (*line == '\0')
			break;
		if (parse_id(line, "case", &v) == 0)
			for (int i = 0; i < pk->n; i++)
				if (pk->ids[i] == v)
					return *id = v, CMD_OK;
		fprintf(stderr, "Answer one of the case numbers above.\n");
	}
	return error("no case chosen; nothing was recorded"), CMD_USAGE;
}

int
mail_pick_case(struct store *st, const struct mail_msg *m, const char *hay,
    int can_ask, long long *id, char **ref)
{
	struct pick pk = { 0 };
	char *list = NULL;
	int rc = CMD_FAIL;

	*ref = NULL;
	/* Read in a transaction of its own, ended before a person is asked,
	 * so that nobody's write waits on the answer. */
	if (store_begin(st, 0) == -1)
		return CMD_FAIL;
	if (candidates(st, m, hay, &pk) == -1) {
		store_commit(st);
		goto out;
	}
	list = describe(st, &pk);
	store_commit(st);
	if (pk.n == 0) {
		error("no case's reference number or organization is in the "
		    "message; give --case ID ('calllog open' lists the cases)");
		rc = CMD_USAGE;
	} else if (pk.n == 1) {
		*id = pk.ids[0];
		rc = CMD_OK;
	} else if (!can_ask) {
		error("the message could be about %s; give --case ID", list);
		rc = CMD_USAGE;
	} else {
		rc = ask(&pk, list, id);
	}
	for (int i = 0; rc == CMD_OK && i < pk.n; i++)
		if (pk.ids[i] == *id && pk.refs[i])
			*ref = xstrdup(pk.refs[i]);
out:
	free(list);
	for (int i = 0; i < pk.n; i++)
		free(pk.refs[i]);
	for (size_t i = 0; i < pk.norgs; i++)
		free(pk.orgs[i]);
	free(pk.orgs);
	return rc;
}

/* The same message mailed twice would count as two contacts. */
struct seen {
	char sha[SHA256_HEXSZ];
	long long call, att;
};

static int
same_bytes(struct cl_attachment *x, void *arg)
{
	struct seen *s = arg;

	if (strcmp(x->sha256, s->sha) != 0 || x->call_id == 0)
		return 0;
	s->call = x->call_id, s->att = x->id;
	return 1;
}

int
mail_not_recorded(struct store *st, const char *kept, long long id)
{
	struct seen s = { "", 0, 0 };
	struct sha256 *h = sha256_new();
	int rc;

	sha256_update(h, kept, strlen(kept));
	sha256_finish(h, s.sha);
	if ((rc = store_attachments_each(st, id, same_bytes, &s)) < 0)
		return CMD_FAIL;
	if (rc == 0)
		return CMD_OK;
	return error("this message is already recorded on case %lld as call "
	    "%lld (attachment %lld); nothing was recorded", id, s.call, s.att),
	    CMD_USAGE;
}
