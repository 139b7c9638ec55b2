/*
 * vdir_read.c: the reading back of `ical --vdir`: each remembered file
 * that someone else changed or deleted is read, and what the person did
 * (completed, moved, cancelled, deleted) applied to its case through the
 * case rules before vdir.c rewrites the folder.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_rules.h"
#include "cmd.h"
#include "field.h"
#include "ical.h"
#include "store.h"
#include "util.h"
#include "vdir_int.h"
#include "when.h"

/* FNV-1a: enough to notice a change, which is all the hash is for. */
void
vdir_hash(const char *text, char out[17])
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

char *
vdir_path(const struct mirror *m, const char *name)
{
	return xasprintf("%s/%s", m->fo.shown, name);
}

/*
 * Apply a change a calendar made to case c through the case rules, as the
 * command that makes the same change would, and record it.  Returns 0 when
 * applied, 1 when the rules refused it (said on the report), -1 on
 * failure.
 */
static int
change_case(struct mirror *m, struct cl_case *c, struct case_change *ch)
{
	struct case_effects fx;
	char msg[256];
	int rule, rc = 0;

	if ((rule = case_apply(c, ch, &m->ctx->cfg.policy, m->ctx->now, &fx))) {
		case_rule_message(rule, c, msg, sizeof(msg));
		fprintf(m->ctx->out, "%s; the calendar's change is not "
		    "applied\n", msg);
		return 1;
	}
	for (int i = 0; rc == 0 && i < fx.nev; i++)
		rc = store_event_insert(m->ctx->st, &fx.ev[i]);
	if (rc == 0)
		rc = store_case_update(m->ctx->st, c);
	snprintf(msg, sizeof(msg), "read back from a calendar: case %lld",
	    c->id);
	if (rc == 0)
		rc = store_change_describe(m->ctx->st, msg);
	case_effects_clear(&fx);
	return rc;
}

/*
 * Apply what a client did to the item in file f, read as rd, to its case.
 * A follow-up completed is done: the next one moves one default interval
 * on.  A moved due time reschedules the follow-up.  An escalation
 * completed escalates the case to the level it asked for.  A cancelled
 * item is dismissed like a deleted file.  Returns 0, or -1 on failure.
 */
static int
apply(struct mirror *m, struct vdir_file *f, const struct cal_read *rd)
{
	struct ctx *ctx = m->ctx;
	struct case_change ch = { .kind = CHANGE_FOLLOWUP };
	char when[WHEN_BUFSZ], why[FIELD_WHY_BUFSZ];
	struct cl_case c;
	int rc;

	if ((rc = store_case_get_uuid(ctx->st, f->case_uuid, &c)) != 0)
		return rc == 1 ? 0 : -1;	/* a case deleted since */
	rc = 0;
	if (rd->completed && f->escalation) {
		ch = (struct case_change){ .kind = CHANGE_ESCALATE,
		    .level = f->level, .note = "marked done in a calendar" };
		if (f->level > c.escalation &&
		    (rc = change_case(m, &c, &ch)) == 0)
			fprintf(ctx->out, "case %lld: escalated to %s (marked "
			    "done in a calendar)\n", c.id,
			    enum_name(&level_names, f->level));
	} else if (rd->completed) {
		ch.due = ctx->now + ctx->cfg.policy.followup_secs;
		ch.note = "follow-up done (completed in a calendar)";
		if ((rc = change_case(m, &c, &ch)) == 0) {
			when_format_local(ch.due, when);
			fprintf(ctx->out, "case %lld: follow-up done in a "
			    "calendar; next follow-up %s\n", c.id, when);
		}
	} else if (rd->cancelled) {
		f->dismissed_due = f->due;
		fprintf(ctx->out, "case %lld: %s reminder cancelled in a "
		    "calendar; dismissed until its time changes\n", c.id,
		    f->escalation ? "escalation" : "follow-up");
	} else if (rd->due && rd->due != f->due && f->escalation)
		fprintf(ctx->out, "case %lld: the escalation deadline follows "
		    "the case's calls; its moved time is not applied\n", c.id);
	else if (rd->due && rd->due != f->due && rd->due != c.next_followup) {
		ch.due = rd->due;
		ch.note = "moved in a calendar";
		if (field_check_num(SYNC_CASE, CF_FOLLOWUP, rd->due, why,
		    sizeof(why)) == -1)
			fprintf(ctx->out, "case %lld: the calendar's new "
			    "follow-up time %s; not applied\n", c.id, why);
		else if ((rc = change_case(m, &c, &ch)) == 0) {
			when_format_local(rd->due, when);
			fprintf(ctx->out, "case %lld: follow-up moved in a "
			    "calendar to %s\n", c.id, when);
		}
	}
	case_clear(&c);
	return rc == -1 ? -1 : 0;
}

/* Read back each remembered file that someone else changed or deleted. */
int
vdir_read_back(struct mirror *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct vdir_file *f = &m->f[i];
		char *path = vdir_path(m, f->name), hash[17];
		char *text = folder_text(&m->fo, f->name, ICS_MAX);
		struct cal_read rd;
		time_t dismissed = f->dismissed_due;
		int rc = 0, e = text ? 0 : errno;

		if (text == NULL && e != ENOENT) {
			m->s[i].unreadable = 1;
			warning("cannot read '%s' (%s); left as it is until it"
			    " can be read", path, read_file_at_why(e));
		} else if (text == NULL && f->dismissed_due != f->due) {
			/* Deleted: dismissed until its due time changes. */
			struct cl_case c = { 0 };

			f->dismissed_due = f->due;
			if ((rc = store_case_get_uuid(m->ctx->st, f->case_uuid,
			    &c)) == 0)
				fprintf(m->ctx->out, "case %lld: %s reminder "
				    "deleted from the calendar; dismissed until "
				    "its time changes\n", c.id, f->escalation ?
				    "escalation" : "follow-up");
			case_clear(&c);
			rc = rc == -1 ? -1 : 0;
		} else if (text && (vdir_hash(text, hash), !*f->hash ||
		    strcmp(hash, f->hash) != 0)) {
			if (cal_read_item(text, &rd) == -1) {
				m->s[i].unreadable = 1;
				if (rd.bad)	/* named, never quoted */
					warning("'%s': bad %s; left as it is"
					    " until it is mended", path,
					    rd.bad);
				else
					warning("cannot read '%s' as iCalendar;"
					    " left as it is until it can be"
					    " read", path);
			} else {
				m->s[i].foreign = 1;
				m->s[i].disk_seq = rd.sequence;
				rc = apply(m, f, &rd);
				/* Dismissed as the client left it: the same
				 * file is not read back again next time. */
				if (f->dismissed_due != dismissed)
					memcpy(f->hash, hash, sizeof(f->hash));
			}
		}
		m->s[i].dismissed = f->dismissed_due != dismissed;
		free(text);
		free(path);
		if (rc == -1)
			return -1;
	}
	return 0;
}
