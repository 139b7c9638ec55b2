/*
 * suggest: "did you mean" for a mistyped command or option name.
 */
#ifndef CALLLOG_SUGGEST_H
#define CALLLOG_SUGGEST_H

#include <stddef.h>

/*
 * The names among the n in names that word is probably a typing slip
 * for: those it starts (an unfinished name), else those nearest to it by
 * edit distance (a letter added, left out, changed or two swapped), when
 * that is at most a third of the word, at least 1.  Writes them into buf
 * as "'add'" or "'add' or 'show'" (each with prefix before it, such as
 * "--") and returns how many there were; 0 leaves buf empty.
 */
int suggest_names(const char *word, const char *const *names, size_t n,
    const char *prefix, char *buf, size_t size);

#endif
