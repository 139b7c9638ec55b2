/*
 * exhibit.h: what the attachment commands and the dossier share about a
 * kept file: its name as a person gave it, and its size in words.
 */
#ifndef CALLLOG_EXHIBIT_H
#define CALLLOG_EXHIBIT_H

#define EXHIBIT_SIZE_BUFSZ 32

/* The base name of path, checked like a line field: valid UTF-8, no C0 or
 * C1 control characters, at most LIMIT_NAME bytes, not empty, "." or "..".
 * Newly allocated, or NULL after reporting (bad input). */
char *exhibit_name(const char *path);

/* "512 bytes", "12.3 KB", "20.0 MB" (powers of 1024). */
void exhibit_size(long long n, char out[EXHIBIT_SIZE_BUFSZ]);

#endif
