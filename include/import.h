/*
 * import: reading the records of an export file (xfer.h) out of its
 * parsed JSON, each value checked as `add` checks what it is given, and
 * every problem named by its place in the file: "cases[3].calls[0].rep".
 */
#ifndef CALLLOG_IMPORT_H
#define CALLLOG_IMPORT_H

#include <jansson.h>

#include "redact.h"
#include "util.h"
#include "xfer.h"

struct import_reader {
	const char *file;		/* the file, as messages name it */
	struct redact_counts *redacted;	/* NULL: only check; else free text
					   is redacted, counted here, and
					   written back into the parsed
					   file, so later passes read it
					   redacted */
	char first_redacted[96];	/* where the first redaction was */
	const char *currency;		/* of money in a record that has no
					   currency of its own (a call's
					   credit: its case's); "": none */
};

/* Report "import FILE: PATH.KEY: message" as one line and return -1; path
 * may be "" and key NULL. */
int import_error(const struct import_reader *r, const char *path,
    const char *key, const char *fmt, ...) CL_PRINTF(4, 5);

/*
 * Read the JSON object v, found at path ("cases[2]"), into the zeroed
 * record rec by table f: every field of the table present, no other, each
 * of its type and within add's limits.  XF_LIST fields are only checked
 * to be arrays.  Strings are copied into rec, which the caller clears,
 * after a failure too.  Returns 0, or -1 after reporting the first
 * problem.
 */
int import_record(struct import_reader *r, const char *path, json_t *v,
    const struct xfer_field *f, void *rec);

/* One member v of a record at path into rec by its field f (import_value.c;
 * a null where f allows one is import_record's), an amount in the currency
 * cur.  Returns 0, or -1 after reporting. */
int import_value_read(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec, const char *cur);

/* The export file (import_file.c): read and parsed into *doc, "-" being
 * standard input, CMD_FAIL when it cannot be read, CMD_USAGE when it is
 * not JSON; then its format and version checked before anything else is
 * read, CMD_USAGE when they are not this calllog's.  Both report. */
int import_load(struct import_reader *r, const char *file, json_t **doc);
int import_header(struct import_reader *r, json_t *doc);

/*
 * What the records of a file must not share, and what they refer to,
 * gathered while reading it and checked at the end.  Each key is a string
 * (the add function takes ownership) in a namespace of its own kind, and
 * path names its record in messages.
 */
struct import_keys {
	struct import_key *v;
	size_t n, cap;
};

enum {
	KEY_UNIQUE,	/* no other record has it: what names it ("uuid") */
	KEY_DEFINES,	/* a record others may refer to */
	KEY_REFERS	/* needs a KEY_DEFINES: what says what is missing */
};

void import_keys_add(struct import_keys *k, int role, char *key,
    const char *path, const char *field, const char *what);

/* Returns 0, or -1 after reporting the first problem in file order. */
int import_keys_check(const struct import_reader *r, struct import_keys *k);
void import_keys_clear(struct import_keys *k);

/*
 * One attachment of an export file (import_attach.c), at path, v, of the
 * case now case_id whose calls (in the file) are calls: in the first
 * pass (REDACT) its text is redacted, in the second (CHECK) everything is
 * checked, its bytes against its size and SHA-256, in the third (WRITE)
 * it is stored.  *id and uuid (UUID_BUFSZ) get the file's, for the
 * caller's checks of uniqueness.  CMD_OK, CMD_USAGE or CMD_FAIL, after
 * reporting.
 */
enum { IMPORT_ATTACH_REDACT, IMPORT_ATTACH_CHECK, IMPORT_ATTACH_WRITE };
struct store;
int import_attachment(struct import_reader *rd, struct store *st,
    const char *path, json_t *v, json_t *calls, long long case_id, int mode,
    int keep_ids, long long max, long long *id, char *uuid);

#endif
