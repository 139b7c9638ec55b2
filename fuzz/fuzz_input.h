/*
 * fuzz_input.h: fuzz_syncfolder's input, a folder written as directives,
 * each on a line of its own beginning with "%%" (a trailing "%%" is
 * allowed) — plain text, so that libFuzzer's mutations of one item, of
 * its lines and of the folder's shape all stay meaningful:
 *
 *   %%FILE name      the lines up to the next directive are file DIR/name
 *   %%DEL name       DIR/name is removed (one calllog wrote)
 *   %%LINK name to   DIR/name is a symbolic link to: secret (a file
 *                    outside DIR holding a card number), db (a copy of a
 *                    journal outside DIR), journal (the journal synced,
 *                    by its second name in that directory), outside (the
 *                    directory holding them)
 *
 * What comes before the first directive is the file DIR/item.ics, so any
 * iCalendar item (fuzz/corpus/syncitem) is an input too.  @CASE1@,
 * @CASE2@, @CALL1@ and @CALL2@ anywhere stand for the uuids of the
 * journal's records.  A name keeps [A-Za-z0-9._-] and 12 characters,
 * unless it is a record's (<uuid> or <uuid>.ics): no card number fits in
 * it, so none reaches a warning by a file's name.  At most ITEMS_MAX
 * directives; the lines of any further one belong to the one before.
 */
#ifndef CALLLOG_FUZZ_INPUT_H
#define CALLLOG_FUZZ_INPUT_H

#include <stdint.h>
#include <string.h>

#include "util.h"

#define ITEMS_MAX 16

static const char *const tokens[4] = { "@CASE1@", "@CASE2@", "@CALL1@",
    "@CALL2@" };

/* One directive of the input. */
struct item {
	char kind;		/* 'F' file, 'D' delete, 'L' link */
	char name[48], to[16];
	const char *body;
	size_t blen;
};

/* The input with the records' uuids for their tokens (len in *len). */
static inline char *
substitute(const uint8_t *data, size_t size, char uuids[4][37],
    size_t *len)
{
	struct strbuf b = { NULL, 0, 0 };

	strbuf_add(&b, "", 0);
	for (size_t i = 0; i < size; ) {
		int k = 0;

		while (k < 4 && (size - i < strlen(tokens[k]) || memcmp(data + i,
		    tokens[k], strlen(tokens[k])) != 0))
			k++;
		if (k < 4) {
			strbuf_add(&b, uuids[k], 36);
			i += strlen(tokens[k]);
		} else
			strbuf_add(&b, (const char *)data + i++, 1);
	}
	*len = b.len;
	return b.s;
}

/* A file name from the n bytes at s: a record's own, or a short tame
 * one. */
static inline void
take_name(const char *s, size_t n, char uuids[4][37], char *out)
{
	size_t o = 0;

	while (n && (s[n - 1] == '%' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	while (n && *s == ' ')
		s++, n--;
	for (int k = 0; k < 4; k++)
		if ((n == 36 || (n == 40 && !memcmp(s + 36, ".ics", 4))) &&
		    !memcmp(s, uuids[k], 36)) {
			memcpy(out, s, n);
			out[n] = '\0';
			return;
		}
	for (size_t i = 0; i < n && o < 12; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-", s[i]) && s[i])
			out[o++] = s[i];
	out[o] = '\0';
	if (!strcmp(out, "") || !strcmp(out, ".") || !strcmp(out, ".."))
		strcpy(out, "item.ics");
}

/* The directives of in (len bytes), after it[0] (the text before the
 * first, as item.ics); returns how many, at most ITEMS_MAX. */
static inline int
parse(const char *in, size_t len, char uuids[4][37], struct item *it)
{
	struct item *cur = &it[0];
	size_t i = 0;
	int n = 1;

	*cur = (struct item){ .kind = 'F', .name = "item.ics", .body = in };
	while (i < len) {
		const char *nl = memchr(in + i, '\n', len - i), *w, *e, *sp;
		size_t end = nl ? (size_t)(nl - in) + 1 : len;

		if (len - i < 2 || memcmp(in + i, "%%", 2) != 0 ||
		    n == ITEMS_MAX) {
			cur->blen = (size_t)(in + end - cur->body);
			i = end;
			continue;
		}
		cur = &it[n++];
		memset(cur, 0, sizeof(*cur));
		w = in + i + 2;
		e = in + (nl ? end - 1 : end);
		cur->kind = e - w >= 4 && !memcmp(w, "FILE", 4) ? 'F' :
		    e - w >= 3 && !memcmp(w, "DEL", 3) ? 'D' : 'L';
		while (w < e && *w != ' ')
			w++;
		if (cur->kind == 'L' && w < e && (sp = memrchr(w + 1, ' ',
		    (size_t)(e - w - 1))) != NULL) {
			size_t tl = (size_t)(e - sp - 1);

			memcpy(cur->to, sp + 1, tl > 15 ? 15 : tl);
			e = sp;
		}
		take_name(w, (size_t)(e - w), uuids, cur->name);
		cur->body = in + end;
		i = end;
	}
	return n;
}

#endif
