/*
 * exhibit.h: what the attachment commands and the dossier share about a
 * kept file: its name as a person gave it, and its size in words.
 */
#ifndef CALLLOG_EXHIBIT_H
#define CALLLOG_EXHIBIT_H

#include <stddef.h>

#include "redact.h"

#define EXHIBIT_SIZE_BUFSZ 32

/* The base name of path as calllog keeps it: checked as the declared
 * field_attachment_name (UTF-8, no control character, at most LIMIT_NAME
 * bytes), not empty, "." or "..", with no C1 control character either,
 * and redacted like a note (removals counted in *rc, which may be NULL).
 * Newly allocated; NULL with why filled, never with the name, when none
 * can be kept.  Quiet: the sync folder's door says it once per file. */
char *exhibit_name_check(const char *path, struct redact_counts *rc,
    char *why, size_t size);

/* The same, a refusal reported as one error naming path (redacted). */
char *exhibit_name(const char *path, struct redact_counts *rc);

/* "512 bytes", "12.3 KB", "20.0 MB" (powers of 1024). */
void exhibit_size(long long n, char out[EXHIBIT_SIZE_BUFSZ]);

#endif
