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
 *	jsonw_array_end(&j);
 *	jsonw_finish(&j);	// the final newline
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
void jsonw_finish(struct jsonw *j);

/* Shorthands for a key and its value. */
void jsonw_kstring(struct jsonw *j, const char *key, const char *s);
void jsonw_kint(struct jsonw *j, const char *key, long long v);
void jsonw_kint_opt(struct jsonw *j, const char *key, long long v); /* <0: null */
void jsonw_kbool(struct jsonw *j, const char *key, int v);
void jsonw_ktime(struct jsonw *j, const char *key, time_t t);

#endif
