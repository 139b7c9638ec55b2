/*
 * shortname: what an organization may be called in a table too narrow for
 * its name — the one the configuration gives ([short-names]), else the
 * longest of its aliases in the journal ("amex" for American Express),
 * never one as wide as the name itself.
 *
 *	struct short_names *sn = short_names_load(st, &cfg);
 *	const char *s = short_name_for(sn, "American Express");  // "amex"
 *	short_names_release(sn);
 */
#ifndef CALLLOG_SHORTNAME_H
#define CALLLOG_SHORTNAME_H

#include "config.h"
#include "store.h"

struct short_names;

/* Read the aliases from st and the configured names from cfg.  Returns
 * the set, or NULL after reporting a database error. */
struct short_names *short_names_load(struct store *st,
    const struct config *cfg);

/* The short name of org (any case), or NULL when it has none narrower
 * than itself.  The string belongs to s. */
const char *short_name_for(const struct short_names *s, const char *org);

void short_names_release(struct short_names *s);	/* accepts NULL */

#endif
