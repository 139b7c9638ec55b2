/*
 * sha256.h: the SHA-256 of a stream of bytes, as lower-case hex.  GLib's
 * GChecksum does the work (sha256.c is the only other GLib user besides
 * config.c and notify.c): the store streams a file through it without
 * holding the file.
 */
#ifndef CALLLOG_SHA256_H
#define CALLLOG_SHA256_H

#include <stddef.h>

#define SHA256_HEXSZ 65

struct sha256;

struct sha256 *sha256_new(void);
void sha256_update(struct sha256 *h, const void *p, size_t n);
/* The digest into out, and h is freed. */
void sha256_finish(struct sha256 *h, char out[SHA256_HEXSZ]);
/* h freed without a digest (an error part way). */
void sha256_free(struct sha256 *h);

#endif
