/*
 * cmd_mail.c: `calllog mail FILE.eml|- [--case ID]`, an email from the
 * organization into the case's timeline (DESIGN.md, Evidence): a contact
 * by message, inbound, at the message's Date, its sender as the
 * representative and its subject and text as the notes, redacted; the
 * message itself kept as an exhibit on that call.  One change: undo
 * removes the call and the exhibit together.
 *
 * The message is read and parsed (mailmsg.c) before the journal is
 * opened for writing, and the case is picked (mail_case.c) in a read
 * transaction, so neither a large message nor a person choosing between
 * cases holds the write lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_rules.h"
#include "cmd.h"
#include "exhibit.h"
#include "lookup.h"
#include "mail_case.h"
#include "mailmsg.h"
#include "redact.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct mail_opts {
	const char *kase;	/* an id or uuid: lookup_case reads it */
	int reopen;
};

static const struct opt mail_opts[] = {
	{ "case", 'c', OPT_VALUE | OPT_RAW, "ID",
	    "the case the message is about (else found from the message)",
	    OPT_TO(OPT_STRING, struct mail_opts, kase) },
	{ "reopen", 0, 0, NULL, "the message reopens a resolved case",
	    OPT_TO(OPT_BOOL, struct mail_opts, reopen) },
	OPT_END
};

/* The message as read, and what will be stored of it. */
struct mail_in {
	const char *file;	/* as given; "-" standard input */
	char *raw;		/* the message's bytes, NUL-terminated */
	size_t len;
	struct mail_msg m;
	char *notes;		/* redacted */
	char *rep;		/* redacted */
	char *kept;		/* the exhibit: the .eml, redacted */
	char *kept_name;
	const char *kept_type;
	struct redact_counts redacted;
};

static void
too_large(const char *file, size_t max)
{
	char size[EXHIBIT_SIZE_BUFSZ];

	exhibit_size((long long)max, size);
	error("%s is larger than %s, the largest attachment kept ([attach] "
	    "max_size); nothing was recorded", file, size);
}

/* All of fd, at most max bytes; NULL after reporting. */
static char *
read_all(int fd, const char *file, size_t max, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap + 1);
	ssize_t r;

	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(buf);
				too_large(file, max);
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		if ((r = read(fd, buf + n, cap - n)) == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return error("cannot read %s: %s", file, strerror(errno)),
			    NULL;
		}
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The message's bytes; CMD_OK, or the exit code after reporting. */
static int
load(struct mail_in *in, size_t max)
{
	struct stat sb;
	int fd = STDIN_FILENO, rc = CMD_OK;

	if (strcmp(in->file, "-") != 0 &&
	    (fd = open(in->file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return error("cannot open %s: %s", in->file, strerror(errno)),
		    CMD_FAIL;
	rc = CMD_USAGE;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		error("%s is a directory, not a message; give the .eml file "
		    "the mail program saved", in->file);
	else if (fstat(fd, &sb) == 0 && (S_ISCHR(sb.st_mode) ||
	    S_ISBLK(sb.st_mode)) && fd != STDIN_FILENO)
		error("%s is a device, not a message", in->file);
	else if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size > max)
		too_large(in->file, max);
	else {
		rc = CMD_OK;
		if (fd != STDIN_FILENO)
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if ((in->raw = read_all(fd, in->file, max, &in->len)) == NULL)
			rc = CMD_USAGE;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

/* A string cut to at most max bytes at a character's start. */
static void
cut_utf8(char *s, size_t max, const char *more)
{
	size_t n = strlen(s), keep = max - strlen(more);

	if (n <= max)
		return;
	while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
		keep--;
	strcpy(s + keep, more);
}

/* "statement.pdf (application/pdf, 45 KB)" for each file in the message. */
static void
list_files(struct strbuf *b, const struct mail_msg *m)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		char size[EXHIBIT_SIZE_BUFSZ], *s;

		exhibit_size((long long)m->files[i].size, size);
		s = xasprintf("%s%s (%s, %s)", i ? ", " : "\n\n"
		    "Attached to the message: ", m->files[i].name,
		    m->files[i].type, size);

		strbuf_addstr(b, s);
		free(s);
	}
}

/*
 * What is stored: notes and representative redacted, and the exhibit.
 * The .eml is redacted as text, which reaches its headers and plain
 * parts; a card number the text held inside a base64 or quoted-printable
 * part would stay in the original, so then the exhibit is the message's
 * text as read instead, and the command says so.
 */
static void
prepare(struct mail_in *in)
{
	struct strbuf b = { 0 };
	struct redact_counts raw = { 0, 0, 0 };

	strbuf_addstr(&b, "Email: ");
	strbuf_addstr(&b, *in->m.subject ? in->m.subject : "(no subject)");
	if (*in->m.text)
		strbuf_addstr(&b, "\n\n"), strbuf_addstr(&b, in->m.text);
	list_files(&b, &in->m);
	in->notes = redact_text(b.s, &in->redacted);
	cut_utf8(in->notes, LIMIT_NOTE, "\n[... the rest is in the kept "
	    "message]");
	in->rep = redact_text(*in->m.from_name ? in->m.from_name :
	    in->m.from_addr, &in->redacted);
	cut_utf8(in->rep, LIMIT_NAME, "...");
	in->kept = redact_text(in->raw, &raw);
	in->kept_type = "message/rfc822";
	if (raw.cards + raw.ssns + raw.codes < in->redacted.cards +
	    in->redacted.ssns + in->redacted.codes) {
		char *s = xasprintf("From: %s <%s>\nSubject: %s\n\n%s",
		    in->m.from_name, in->m.from_addr, in->m.subject, b.s);

		free(in->kept);
		in->kept = redact_text(s, NULL);
		free(s);
		free(in->kept_name);
		in->kept_name = xstrdup("message.txt");
		in->kept_type = "text/plain";
	}
	free(b.s);
}

/* Record the call on case id and keep the exhibit with it. */
static int
record(struct ctx *ctx, const struct args *a, struct mail_in *in,
    long long id, const char *ref, struct cl_call *k, long long *att)
{
	struct cl_case c = { 0 };
	struct case_effects fx = { 0 };
	struct case_change ch = { .kind = CHANGE_CALL, .call = k,
	    .reopen = ((const struct mail_opts *)a->bound)->reopen };
	struct cl_attachment x = { 0 };
	struct attach_src src = { in->kept, -1, (long long)strlen(in->kept) };
	char msg[256];
	int rc = store_case_get(ctx->st, id, &c), rule;

	if (rc != 0) {
		if (rc == 1)
			error("no case %lld; 'calllog cases' lists the cases", id);
		case_clear(&c);
		return CMD_FAIL;
	}
	if ((rc = mail_not_recorded(ctx->st, in->kept, c.id)) != CMD_OK) {
		case_clear(&c);
		return rc;
	}
	k->case_id = c.id;
	k->created = k->updated = ctx->now;
	if (ref)
		call_add_ref(k, ref);
	rc = CMD_FAIL;
	if ((rule = case_apply(&c, &ch, &ctx->cfg.policy, ctx->now, &fx))) {
		case_rule_message(rule, &c, msg, sizeof(msg));
		error("%s", msg);
		rc = case_rule_is_usage(rule) ? CMD_USAGE : CMD_FAIL;
		goto out;
	}
	if (store_call_insert(ctx->st, k) == -1)
		goto out;
	for (int i = 0; i < fx.nev; i++)
		if (store_event_insert(ctx->st, &fx.ev[i]) == -1)
			goto out;
	if (store_case_update(ctx->st, &c) == -1)
		goto out;
	x.case_id = c.id, x.call_id = k->id, x.added = ctx->now;
	x.name = xstrdup(in->kept_name);
	x.media_type = xstrdup(in->kept_type);
	if (store_attach(ctx->st, &x, &src) == -1)
		goto out;
	*att = x.id;
	snprintf(msg, sizeof(msg), "recorded email as call %lld on case %lld",
	    k->id, c.id);
	if (store_change_describe(ctx->st, msg) == 0)
		rc = CMD_OK;
out:
	attachment_clear(&x);
	case_effects_clear(&fx);
	case_clear(&c);
	return rc;
}

/* The case: --case, else found from the message (mail_case.c). */
static int
which_case(struct ctx *ctx, const struct args *a, struct mail_in *in,
    long long *id, char **ref)
{
	const struct mail_opts *o = a->bound;
	int can_ask, rc;
	char *hay;

	*ref = NULL;
	if (o->kase)
		return lookup_case(ctx->st, o->kase, "--case", id);
	can_ask = strcmp(in->file, "-") != 0 && isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO);
	hay = xasprintf("%s\n%s", in->m.subject, in->m.text);
	cut_utf8(hay, LIMIT_NOTE, "");
	rc = mail_pick_case(ctx->st, &in->m, hay, can_ask, id, ref);
	free(hay);
	return rc;
}

static void
report(struct ctx *ctx, const struct mail_in *in, const struct cl_call *k,
    long long att)
{
	char when[WHEN_BUFSZ];

	when_format_local(k->started, when);
	fprintf(ctx->out, "recorded email from %s%s%s%s of %s as call %lld on "
	    "case %lld\n", in->m.from_name, *in->m.from_name ? " <" : "",
	    in->m.from_addr, *in->m.from_name ? ">" : "", when, k->id,
	    k->case_id);
	fprintf(ctx->out, "kept %s as attachment %lld%s\n", in->kept_name,
	    att, strcmp(in->kept_name, "message.txt") ? "" : " (its encoded "
	    "text held what is redacted above, so its redacted text is kept, "
	    "not the original)");
	for (size_t i = 0; i < in->m.nfiles; i++) {
		char size[EXHIBIT_SIZE_BUFSZ];

		exhibit_size((long long)in->m.files[i].size, size);
		fprintf(ctx->out, "in the message: %s (%s, %s)\n",
		    in->m.files[i].name, in->m.files[i].type, size);
	}
}

static int
run_mail(struct ctx *ctx, struct args *a)
{
	struct mail_in in = { .file = a->pos[0] };
	struct cl_call k = { .channel = CHANNEL_MESSAGE,
	    .direction = DIRECTION_INBOUND, .outcome = OUTCOME_NONE,
	    .hold = -1, .duration = -1 };
	struct redact_counts named = { 0 };	/* of the file's name */
	char err[MAIL_ERRSZ], *ref = NULL;
	long long id = 0, att = 0;
	int rc;

	/* The exhibit's name first: a name unfit to show refuses early. */
	in.kept_name = strcmp(in.file, "-") == 0 ? xstrdup("message.eml") :
	    exhibit_name(in.file, &named);
	if (in.kept_name == NULL)
		return CMD_USAGE;
	if ((rc = load(&in, (size_t)ctx->cfg.attach_max)) != CMD_OK)
		goto out;
	if (memchr(in.raw, '\0', in.len) || mail_parse(in.raw, in.len,
	    (size_t)ctx->cfg.attach_max, &in.m, err) == -1) {
		error("%s is not a message calllog can record: %s; nothing was "
		    "recorded", in.file, memchr(in.raw, '\0', in.len) ?
		    "it holds NUL bytes, which no mail program writes" : err);
		rc = CMD_USAGE;
		goto out;
	}
	prepare(&in);
	/* Counted after prepare, which weighs the message's own. */
	redact_add(&in.redacted, &named);
	if ((rc = which_case(ctx, a, &in, &id, &ref)) != CMD_OK)
		goto out;
	rc = CMD_FAIL;
	if (store_begin(ctx->st, 1) == -1)
		goto out;
	k.started = in.m.date;
	k.notes = in.notes, in.notes = NULL;
	k.rep = in.rep, in.rep = NULL;
	if ((rc = record(ctx, a, &in, id, ref, &k, &att)) == CMD_OK) {
		report(ctx, &in, &k, att);
		redact_report(&in.redacted, "the message");
	}
out:
	free(ref);
	call_clear(&k);
	mail_msg_clear(&in.m);
	free(in.raw);
	free(in.notes);
	free(in.rep);
	free(in.kept);
	free(in.kept_name);
	return rc;
}

const struct cmd cmd_mail = {
	.name = "mail",
	.synopsis = "FILE.eml|- [--case ID] [--reopen]",
	.summary = "record an email from the organization, keeping the message",
	.opts = mail_opts,
	.bound_size = sizeof(struct mail_opts),
	.min_args = 1, .max_args = 1,
	.raw_pos = 1u << 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB | CMD_BEGINS,
	.run = run_mail,
};
