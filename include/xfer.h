/*
 * xfer: the fields of calllog's export file, one table per kind of record,
 * so that `export` writes and `import` reads exactly the same names, types
 * and limits.  A field added to a table is exported and imported at once.
 *
 *	{"format": "calllog-export", "version": 1, "exported": TIME,
 *	 "cases": [ {case fields, "calls": [...], "events": [...],
 *	             "notes": [...]} ],
 *	 "directory": [...], "reminders_sent": [...]}
 *
 * Every field is always written and, on import, required; absent values
 * are null.  Times are UTC, "2026-11-20T15:00:00Z".
 */
#ifndef CALLLOG_XFER_H
#define CALLLOG_XFER_H

#include <stddef.h>
#include <time.h>

#include "field.h"
#include "jsonw.h"
#include "model.h"

#define XFER_FORMAT "calllog-export"
#define XFER_VERSION 1

/* What a field holds, and so the C type at its offset in the record. */
enum xfer_type {
	XF_ID,		/* long long, 1 or more */
	XF_UUID,	/* char[UUID_BUFSZ], lower-case 8-4-4-4-12 hex */
	XF_LINE,	/* char *, one line of at most max bytes */
	XF_TEXT,	/* char *, free text (newlines, tabs) of at most max */
	XF_PHONE,	/* char *, E.164 */
	XF_ACCOUNT,	/* char *, one to four digits */
	XF_TIME,	/* time_t, 0 for null */
	XF_ENUM,	/* int, a stored name of names */
	XF_SECONDS,	/* long, a call's hold or length, -1 for null */
	XF_COUNT,	/* int, 0 or more */
	XF_REFS,	/* the refs of a struct cl_call: an array of lines */
	XF_LIST,	/* an array of records the caller reads and writes */
	XF_MONEY,	/* long long minor units, a decimal string ("418.20")
			   with the decimals of the record's XF_CURRENCY, or
			   of its case's; 0: null */
	XF_CURRENCY	/* char[4], an ISO 4217 code; "": null */
};

enum {
	XF_NULL = 1 << 0,	/* may be null */
	XF_OPTIONAL = 1 << 1,	/* may be absent (null): fields added after
				   version 1, so older files still import */
	XF_SIGNED = 1 << 2	/* XF_MONEY: may be negative (a credit
				   reversed, "-200.00") */
};

struct xfer_field {
	const char *key;
	enum xfer_type type;
	unsigned flags;
	size_t offset;
	size_t max;			/* XF_LINE, XF_TEXT without decl: bytes */
	const struct enum_names *names;	/* XF_ENUM */
	int null_value;			/* XF_ENUM with XF_NULL: null's value */
	const struct field *decl;	/* a record's field: what import
					   checks it by (field.h), max unused */
	const char *column;		/* a record's column the journal
					   keeps itself (id, updated_at);
					   a field's is its declaration's */
};

/* The file's own members; its lists are XF_LIST entries. */
struct xfer_header {
	char *format;		/* XFER_FORMAT */
	int version;		/* XFER_VERSION */
	time_t exported;
};

/*
 * The tables, each ended by a NULL key: cases (struct cl_case, its calls
 * and events as XF_LIST entries last), calls (struct cl_call), events
 * (struct event_row), directory entries (struct directory_row) and
 * delivered reminders (struct sent_reminder), the last three from store.h.
 */
extern const struct xfer_field xfer_header_fields[], xfer_case_fields[], xfer_call_fields[],
    xfer_event_fields[], xfer_directory_fields[], xfer_reminder_fields[],
    xfer_note_fields[], xfer_attachment_fields[];

/*
 * An attachment in the file: its own fields (xfer_attachment_fields), and
 * three the attachment modules read and write themselves, never redacted
 * as text would be: "call" (the call's uuid, or null), "sha256" and
 * "data", the bytes as an array of base64 strings (XFER_B64_LINE bytes a
 * string, so neither side holds a large file as one string).
 */
struct cl_attachment_row {
	long long id;
	char uuid[UUID_BUFSZ];
	char *name;
	char *media_type;
	int size;
	time_t added;
	char *note;
};
#define XFER_B64_LINE 3072

/* Write case case_id's attachments as the members of the array open in
 * j (export).  0, or -1 after reporting. */
struct store;
int xfer_write_attachments(struct jsonw *j, struct store *st,
    long long case_id);

/* Write the members of record rec by table f, skipping XF_LIST entries
 * for the caller to write after them.  Its money fields have the
 * decimals of its XF_CURRENCY field, or of cur when it has none (a call's
 * credit is in its case's currency). */
void xfer_write_members(struct jsonw *j, const struct xfer_field *f,
    const void *rec, const char *cur);

/*
 * The same for a writer whose members are a record's fields in the
 * export's form with its own among them (view.c's `show --json`): own is
 * called before each field f, may write members of its own there, and
 * returns XFER_WRITE to have f written as the export writes it, or
 * XFER_SKIP to leave it out.
 */
enum { XFER_WRITE, XFER_SKIP };
typedef int xfer_own_fn(struct jsonw *j, const struct xfer_field *f,
    const void *rec, void *arg);
void xfer_write_members_by(struct jsonw *j, const struct xfer_field *f,
    const void *rec, const char *cur, xfer_own_fn *own, void *arg);

#endif
