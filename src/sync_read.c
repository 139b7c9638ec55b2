/*
 * sync_read.c: a changed file of the folder read into the sync: parsed
 * (ical.h), its files taken out (sync_attach_read.c), checked and
 * redacted like typed input, each refusal said once per version of the
 * file.  The folder is untrusted: a file that is not a regular one, too
 * large, or whose name or UID holds what calllog does not keep is not
 * taken.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "redact.h"
#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/* An item with its attachments: at most SYNC_ATTACH_ITEM_MAX bytes of
 * files, as base64 (4/3) folded (76/75), beside its fields and 64 KiB
 * of a client's lines (sync_attach.c). */
#define ICS_MAX (2 * 1024 * 1024)

/* Remember the entry name, as it is now, as no item of calllog's: it is
 * not read again until it changes. */
static int
remember_other(struct sync *s, const char *name, const char *uid,
    long long mtime, long long size, long long inode)
{
	struct sync_item it = { .name = (char *)name, .uid = (char *)uid,
	    .kind = -1, .mtime = mtime, .size = size, .inode = inode };

	return store_sync_put(s->st, s->dir, &it, NULL, NULL);
}

/* Whether a UID holds what redaction takes out of text (a card number). */
static int
uid_holds_number(const char *uid)
{
	struct redact_counts c = { 0 };

	free(redact_text(uid, &c));
	return redact_any(&c);
}

/* A file read: its name, its version (said once per version), and the
 * path messages show. */
struct file_at {
	struct sync *s;
	const char *name, *path;
	long long mtime, size, inode;
	int failed;
};

/* Say of the file what fmt says, once per version of it: 0, or -1. */
#define SAY(f, ...) sync_warn((f)->s, (f)->name, (f)->mtime, (f)->size, \
	(f)->inode, __VA_ARGS__)

/* A field of a file that failed its check, said (never its value). */
static void
field_warn(void *arg, const char *why)
{
	struct file_at *f = arg;

	if (SAY(f, "%s: %s: not taken from the folder", f->path, why) == -1)
		f->failed = 1;
}

static void
drop_item(struct remote *rm)
{
	sync_rec_clear(&rm->item.rec);
	free(rm->extra);
}

/* The item read from f into rm (its text parsed), checked: 0 kept, 1
 * skipped (said), 2 another client's (remembered), -1 failed. */
static int
take_item(struct file_at *f, const struct sync_item *old, struct remote *rm)
{
	struct sync *s = f->s;
	char why[128];
	int redacted = 0, rc;

	/* Another client's item that became one of calllog's (a note given
	 * a case by RELATED-TO) is read as a new one. */
	if (old && old->kind < 0 && rm->item.kind >= 0)
		old = NULL;
	if (rm->item.reminder) {
		drop_item(rm);
		return error("'%s' holds the reminders of `ical --vdir` (%s);"
		    " give sync a folder of its own", s->fo.shown, f->path);
	}
	if (uid_holds_number(rm->item.uid)) {
		/* The journal keeps a UID to know its item again: a card
		 * number in one would be kept with it, and redacting it would
		 * make it another item's.  The item is skipped (another
		 * client's is remembered without its UID), said once, by the
		 * file's name redacted. */
		if (rm->item.kind >= 0) {
			drop_item(rm);
			return SAY(f, "%s: skipped: its UID holds a number "
			    "calllog does not keep", f->path) == -1 ? -1 : 1;
		}
		rm->item.uid[0] = '\0';
	}
	if (rm->item.kind < 0 || (old && old->kind != rm->item.kind)) {
		if (old && old->kind >= 0) {
			drop_item(rm);
			return SAY(f, "%s: skipped: no longer a calllog %s",
			    f->path, sync_kind_name(old->kind)) == -1 ? -1 : 1;
		}
		/* Another client's item: left alone, not read again until
		 * it changes. */
		rc = remember_other(s, f->name, rm->item.uid, f->mtime,
		    f->size, f->inode);
		drop_item(rm);
		return rc == -1 ? -1 : 2;
	}
	if (old)
		memcpy(rm->item.rec.uuid, old->rec, UUID_BUFSZ);
	else if (sync_uuid_valid(rm->item.uid))
		memcpy(rm->item.rec.uuid, rm->item.uid, UUID_BUFSZ);
	else		/* the same on every device */
		uuid_from_name(rm->item.uid, rm->item.rec.uuid);
	rc = sync_rec_check_each(&rm->item.rec, &redacted, &rm->bad,
	    field_warn, f, why, sizeof(why));
	if (rc == -1 || f->failed) {
		drop_item(rm);
		if (f->failed)
			return -1;
		return SAY(f, "%s: skipped: %s", f->path, why) == -1 ? -1 : 1;
	}
	if (redact_any(&rm->item.kept_redacted)) {
		char *where = xasprintf("%s (%s)", f->path,
		    rm->item.kept_first);

		if ((rc = sync_warn_due(s, f->name, f->mtime, f->size,
		    f->inode)) == 1)
			redact_report(&rm->item.kept_redacted, where);
		free(where);
		redacted = 1;
		if (rc == -1) {
			drop_item(rm);
			return -1;
		}
	}
	/* Another client's clock may be ahead; its entry is no later than
	 * now, or it would win every merge to come. */
	if (rm->item.foreign && rm->item.rec.updated > s->now)
		rm->item.rec.updated = s->now;
	rm->redacted |= redacted;
	rm->owned = old != NULL;
	return 0;
}

/* The item of file f's text into rm, the files it carries into took:
 * 0, 1 skipped (said), -1 failed.  The text stays the caller's. */
static int
parse_item(struct file_at *f, const struct sync_item *old, char *text,
    struct remote *rm, struct remote *took)
{
	char why[128];

	/* The files the item carries come out of its text first: they are
	 * checked on their own, never as a client's kept lines. */
	sync_attach_free(took);
	took->redacted = 0;
	sync_attach_take(f->s, text, took);
	if (cal_sync_read(text, &rm->item, &rm->extra, why,
	    sizeof(why)) == -1) {
		sync_attach_free(took);
		return SAY(f, "%s: skipped: %s", f->path, why) == -1 ? -1 : 1;
	}
	if (sync_read_bare(f->s, old, text, rm) == -1) {
		drop_item(rm);
		sync_attach_free(took);
		return -1;
	}
	return 0;
}

void
sync_remote_free(struct remote *rm)
{
	free(rm->name);
	free(rm->extra);
	sync_attach_free(rm);
	sync_rec_clear(&rm->item.rec);
}

/* A new slot at the end of s->rm, zeroed; counted once it is kept. */
static struct remote *
new_remote(struct sync *s)
{
	if (s->cap_rm == s->nrm) {
		s->cap_rm = s->cap_rm ? s->cap_rm * 2 : 64;
		s->rm = xrealloc(s->rm, s->cap_rm * sizeof(*s->rm));
	}
	return memset(&s->rm[s->nrm], 0, sizeof(*s->rm));
}

/* What the item's files brought that was not taken, or was redacted:
 * said once per version of the file, like all else said of it.  An item
 * kept may still be skipped later (a call whose case is not here yet),
 * and is then read again on every run. */
static int
say_files(struct file_at *f, const struct remote *took)
{
	int rc;

	if (!sync_attach_news(took))
		return 0;
	if ((rc = sync_warn_due(f->s, f->name, f->mtime, f->size,
	    f->inode)) == 1)
		sync_attach_report(took, f->path);
	return rc == -1 ? -1 : 0;
}

/* A file not read: its name holds a number (new files only), or it
 * could not be opened as a regular file.  1 when it is not, 0 or -1
 * when it was said (s->skipped counted), 2 when said and to be noted
 * bad. */
static int
refuse_file(struct file_at *f, const struct sync_item *old, char **text)
{
	struct sync *s = f->s;
	int e;

	if (old == NULL && strcmp(f->path + strlen(s->fo.shown) + 1, f->name)) {
		/* The journal keeps a file's name to know it again; one that
		 * holds a card number is not kept. */
		s->skipped++;
		return SAY(f, "%s: skipped: its name holds a number calllog "
		    "does not keep", f->path);
	}
	if ((*text = folder_text(&s->fo, f->name, ICS_MAX)) != NULL)
		return 1;
	e = errno;
	if (SAY(f, "%s: skipped: %s", f->path, read_file_at_why(e)) == -1)
		return -1;
	if (old == NULL && (e == ELOOP || e == EINVAL)) {
		/* Remembered as no item of calllog's, so that it is said
		 * once, not on every run. */
		s->skipped++;
		return remember_other(s, f->name, "", f->mtime, f->size,
		    f->inode);
	}
	return 2;
}

/* Read the folder's file name, changed since the sync state's old (NULL:
 * new to it), into s->rm; said once per version of the file and skipped
 * when it cannot be.  A symbolic link is never followed (folder_text). */
int
sync_read_file(struct sync *s, const char *name, long long mtime,
    long long size, long long inode, const struct sync_item *old)
{
	struct remote *rm, took = { 0 };	/* took: the item's files */
	struct file_at f = { s, name, NULL, mtime, size, inode, 0 };
	char *text = NULL, *path;
	int rc;

	sync_warn_changed(s, name);
	f.path = path = folder_shown_path(&s->fo, name);
	if ((rc = refuse_file(&f, old, &text)) == 2)
		goto bad;
	if (rc != 1)
		return free(path), rc;
	rm = new_remote(s);
	rc = parse_item(&f, old, text, rm, &took);
	free(text);
	if (rc == 0 && (rc = take_item(&f, old, rm)) != 0)
		sync_attach_free(&took);
	if (rc == -1 || rc == 2)
		return free(path), rc == -1 ? -1 : 0;
	if (rc == 1)
		goto bad;
	rm->name = xstrdup(name);
	rm->mtime = mtime;
	rm->size = size;
	rm->inode = inode;
	rm->att = took.att;
	rm->natt = took.natt;
	rm->redacted |= took.redacted;
	s->nrm++;
	rc = say_files(&f, &took);
	free(path);
	return rc;
bad:
	free(path);
	s->skipped++;
	if (old)
		sync_note_bad(s, old->name);
	return 0;
}
