/*
 * jsonw: a streaming JSON writer, so listings of any size are printed in
 * constant memory, with stable two-space indentation.
 *
 *	struct jsonw j;
 *	jsonw_init(&j, stdout);
 *	jsonw_array_begin(&j);
 *	  jsonw_object_begin(&j);
 *	  jsonw_key(&j, "id"); jsonw_int(&j, 1);
 *	  jsonw_object_end(&j);
 *	jsonw_end(&j, rc == 0);	// closes the array, or leaves it open
 *
 * Strings must be valid UTF-8 (calllog validates all input); control
 * characters are escaped.  Nesting is limited to JSONW_DEPTH levels.
 */
#ifndef CALLLOG_JSONW_H
#define CALLLOG_JSONW_H

#include <stdio.h>
#include <time.h>

#define JSONW_DEPTH 16

struct jsonw {
	FILE *fp;
	int depth;
	int count[JSONW_DEPTH];	/* members written at each level */
	char closer[JSONW_DEPTH];	/* '}' or ']' for each open level */
	int after_key;
};

void jsonw_init(struct jsonw *j, FILE *fp);
void jsonw_object_begin(struct jsonw *j);
void jsonw_object_end(struct jsonw *j);
void jsonw_array_begin(struct jsonw *j);
void jsonw_array_end(struct jsonw *j);
void jsonw_key(struct jsonw *j, const char *key);
void jsonw_string(struct jsonw *j, const char *s);	/* NULL: null */
void jsonw_int(struct jsonw *j, long long v);
void jsonw_bool(struct jsonw *j, int v);
void jsonw_null(struct jsonw *j);
void jsonw_time(struct jsonw *j, time_t t);	/* ISO 8601 UTC; 0: null */
/*
 * End the document: with ok, close every level still open and write the
 * final newline; without, write nothing more, so that a listing that
 * failed midway is never a well-formed document a script could take for
 * the whole (a truncated one is invalid JSON).
 */
void jsonw_end(struct jsonw *j, int ok);

/* Shorthands for a key and its value. */
void jsonw_kstring(struct jsonw *j, const char *key, const char *s);
void jsonw_kint(struct jsonw *j, const char *key, long long v);
void jsonw_kint_opt(struct jsonw *j, const char *key, long long v); /* <0: null */
void jsonw_kbool(struct jsonw *j, const char *key, int v);
void jsonw_ktime(struct jsonw *j, const char *key, time_t t);

#endif
