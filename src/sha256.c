/*
 * sha256.c: SHA-256 through GLib's GChecksum, which the binary links
 * already (config.c); one module holds the GLib include so the rest of the
 * code stays plain C.
 */
#include <glib.h>
#include <string.h>

#include "sha256.h"

struct sha256 *
sha256_new(void)
{
	return (struct sha256 *)g_checksum_new(G_CHECKSUM_SHA256);
}

void
sha256_update(struct sha256 *h, const void *p, size_t n)
{
	const guchar *b = p;

	/* gssize bounds one call; a file's chunk is far below it. */
	while (n > 0) {
		size_t k = n > (size_t)G_MAXSSIZE ? (size_t)G_MAXSSIZE : n;

		g_checksum_update((GChecksum *)h, b, (gssize)k);
		b += k;
		n -= k;
	}
}

void
sha256_finish(struct sha256 *h, char out[SHA256_HEXSZ])
{
	const gchar *hex = g_checksum_get_string((GChecksum *)h);

	memcpy(out, hex, SHA256_HEXSZ - 1);
	out[SHA256_HEXSZ - 1] = '\0';
	g_checksum_free((GChecksum *)h);
}

void
sha256_free(struct sha256 *h)
{
	g_checksum_free((GChecksum *)h);
}
