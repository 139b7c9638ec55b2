/*
 * store_dir.h: the person's own directory of numbers, what calls to a
 * number taught, and an organization's name as the journal spells it
 * (store_dir.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_DIR_H
#define CALLLOG_STORE_DIR_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

/*
 * Organization name as the journal already spells it: an alias ("amex")
 * or a case-insensitive match of an existing case's organization gives the
 * stored spelling; anything else is returned as given.  The caller frees
 * *out.
 */
int store_org_canonical(struct store *st, const char *org, char **out);

struct directory;
struct dir_entry;

/* Append the person's own directory entries to d. */
int store_directory_load(struct store *st, struct directory *d);

/* The shipped directory with the person's own merged in (directory_merge):
 * what every command that offers a number reads. */
int store_directory_merged(struct store *st, struct directory *d);

/* Add (or update the note of) a number in the person's directory. */
int store_directory_add(struct store *st, const struct dir_entry *e,
    time_t now);

/* Remove the person's numbers for org and purpose (only number, when not
 * NULL).  Returns how many were removed, or -1. */
int store_directory_remove(struct store *st, const char *org,
    const char *purpose, const char *number);

/* What calls to a number taught: call_clear-free, free(ivr) after use. */
struct number_stats {
	int calls;
	time_t last_call;
	char *ivr;		/* the newest IVR path recorded; NULL: none */
	long median_hold;	/* seconds; -1: never recorded */
};

int store_number_stats(struct store *st, const char *e164,
    struct number_stats *out);
#endif
