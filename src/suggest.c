/*
 * suggest.c: which known name a mistyped one was meant to be, so that an
 * error can offer it instead of sending the person to the help.
 */
#include <stdio.h>
#include <string.h>

#include "suggest.h"

/* Longest name compared; longer words are not typing slips of ours. */
#define NAME_MAX_LEN 32

/*
 * Optimal string alignment distance: insertions, deletions, changes and
 * swaps of two neighbours each cost one ("ad" -> "add", "shwo" -> "show").
 * Returns NAME_MAX_LEN + 1 for words too long to compare.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];

	if (la > NAME_MAX_LEN || lb > NAME_MAX_LEN)
		return NAME_MAX_LEN + 1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

int
suggest_names(const char *word, const char *const *names, size_t n,
    const char *prefix, char *buf, size_t size)
{
	size_t len = strlen(word), best = len / 3 > 1 ? len / 3 : 1;
	size_t used = 0;
	int found = 0, prefixes = 0, total = 0;

	*buf = '\0';
	/* An unfinished name wins over a near one. */
	for (size_t i = 0; len > 0 && i < n; i++)
		prefixes += strncmp(names[i], word, len) == 0;
	if (!prefixes) {
		size_t min = (size_t)-1;

		for (size_t i = 0; i < n; i++) {
			size_t d = distance(word, names[i]);

			if (d < min)
				min = d;
		}
		if (min > best)
			return 0;
		best = min;
	}
	for (size_t i = 0; i < n; i++) {
		int hit = prefixes ? strncmp(names[i], word, len) == 0 :
		    distance(word, names[i]) == best;

		if (hit)
			total++;
	}
	for (size_t i = 0; i < n; i++) {
		int hit = prefixes ? strncmp(names[i], word, len) == 0 :
		    distance(word, names[i]) == best;
		int w;

		if (!hit || used >= size)
			continue;
		/* "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
		w = snprintf(buf + used, size - used, "%s'%s%s'",
		    found == 0 ? "" : found + 1 == total ? " or " : ", ",
		    prefix, names[i]);
		if (w < 0 || (size_t)w >= size - used) {
			buf[used] = '\0';
			break;
		}
		used += (size_t)w;
		found++;
	}
	return found;
}
