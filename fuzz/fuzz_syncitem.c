/*
 * fuzz_syncitem.c: cal_sync_read and sync_rec_check on arbitrary files, as
 * `calllog sync` meets them in a folder someone else writes to.  Nothing
 * read may crash or leak; and an item that passes the checks, written
 * back by cal_sync_write, reads back as the same record with the same
 * lines of other clients (what the next sync on another device sees).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "syncrec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cal_sync_item a, b;
	char why[128], *text, *extra = NULL, *extra2 = NULL, *again;
	char fa[17], fb[17];
	int redacted = 0;

	if (memchr(data, 0, size) || (text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (cal_sync_read(text, &a, &extra, why, sizeof(why)) == -1) {
		free(text);
		return 0;
	}
	free(text);
	if (a.kind < 0) {
		sync_rec_clear(&a.rec);
		free(extra);
		return 0;
	}
	memcpy(a.rec.uuid, "00000000-0000-4000-8000-000000000000",
	    UUID_BUFSZ);
	if (sync_rec_check(&a.rec, &redacted, why, sizeof(why)) == 0) {
		if ((again = cal_sync_write(&a.rec, a.uid, a.sequence + 1,
		    extra)) == NULL)
			abort();
		if (cal_sync_read(again, &b, &extra2, why, sizeof(why)) == -1) {
			fprintf(stderr, "own item unreadable (%s):\n%s", why,
			    again);
			abort();
		}
		memcpy(b.rec.uuid, a.rec.uuid, UUID_BUFSZ);
		sync_rec_fingerprint(&a.rec, fa);
		sync_rec_fingerprint(&b.rec, fb);
		if (b.kind != a.kind || strcmp(fa, fb) != 0 ||
		    (extra == NULL) != (extra2 == NULL) ||
		    (extra && strcmp(extra, extra2) != 0)) {
			char *ea = sync_rec_encode(&a.rec);
			char *eb = sync_rec_encode(&b.rec);

			fprintf(stderr, "round trip differs:\n%s @%lld\n%s @%lld\n"
			    "extra:\n%s---\n%s---\nitem:\n%s", ea,
			    (long long)a.rec.updated, eb,
			    (long long)b.rec.updated, extra ? extra : "",
			    extra2 ? extra2 : "", again);
			abort();
		}
		sync_rec_clear(&b.rec);
		free(extra2);
		free(again);
	}
	sync_rec_clear(&a.rec);
	free(extra);
	return 0;
}
