/*
 * purpose: what a number in the directory is for, and the words people
 * use for it.  One table maps the purposes, the reasons for calling and
 * their synonyms ("dispute", "disputes", "charge", "billing") to one
 * canonical purpose, so that `numbers ORG PURPOSE`, `numbers add`, `prep
 * REASON` and `call ORG REASON` agree on which numbers serve what.
 */
#ifndef CALLLOG_PURPOSE_H
#define CALLLOG_PURPOSE_H

/*
 * A purpose as a person types it: a purpose, a reason or a synonym, in
 * any case, singular or plural ("Disputes", "lost card", "stolen"), or an
 * unambiguous prefix of one ("road"), gives the canonical name
 * ("billing", "lost-stolen", "roadside"); anything else is kept as typed,
 * lower-cased and trimmed, so people can file numbers under purposes of
 * their own ("claims").  Returns a string the caller frees.
 */
char *purpose_canonical(const char *s);

/* Whether s is one of the table's purposes or words (not only a prefix):
 * 1 yes, 0 a purpose of the person's own. */
int purpose_known(const char *s);

/* Whether two purposes, as stored or typed, are the same one: the same
 * canonical purpose, or the same words but for case and plurals. */
int purpose_same(const char *a, const char *b);

/* Does stored purpose p answer to what the person typed: the same
 * purpose, or typed is a prefix of p? */
int purpose_matches(const char *p, const char *typed);

/* The directory purpose that serves a reason for calling (enum reason). */
const char *purpose_for_reason(int reason);

/*
 * The reason for calling that a word names through the table ("disputes"
 * is billing, "stolen card" lost-card), or -1 when it names none (then
 * enum_parse's prefixes and errors apply).  Says nothing.
 */
int purpose_reason(const char *s);

/*
 * Parse a reason as prep and call take it: a word of the table, else a
 * reason's name, alias or prefix (enum_parse).  Returns the reason, or -1
 * after reporting.
 */
int purpose_parse_reason(const char *s);

#endif
