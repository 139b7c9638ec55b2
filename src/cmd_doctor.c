/*
 * cmd_doctor.c: `calllog doctor`, checking that the journal is whole and
 * private, and saying what to do about anything that is not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "store.h"
#include "util.h"

struct findings {
	FILE *out;
	int problems;
};

static void
problem(const char *text, void *arg)
{
	struct findings *f = arg;

	fprintf(f->out, "problem: %s\n", text);
	f->problems++;
}

/* The journal and its WAL hold everything you told your bank: only you
 * should be able to read them. */
static void
check_private(struct findings *f, const char *path, int dir)
{
	struct stat sb;
	char line[1024];

	if (stat(path, &sb) == -1)
		return;		/* -wal and -shm come and go */
	if ((sb.st_mode & 077) == 0) {
		fprintf(f->out, "ok: %s is private (mode %04o)\n", path,
		    (unsigned)(sb.st_mode & 07777));
		return;
	}
	snprintf(line, sizeof(line), "%s is readable by others (mode %04o); "
	    "run: chmod %s '%s'", path, (unsigned)(sb.st_mode & 07777),
	    dir ? "700" : "600", path);
	problem(line, f);
}

/* The call figures kept on each case; checked only on a sound file. */
static void
check_summary(struct store *st, struct findings *f, const char *path)
{
	long long first = 0;
	int n = store_check_summary(st, &first);
	char line[1024];

	if (n == 0) {
		fprintf(f->out, "ok: case figures match their calls\n");
		return;
	}
	if (n < 0) {
		f->problems++;
		return;
	}
	snprintf(line, sizeof(line), "the call figures of %d case%s (case "
	    "%lld first) differ from their calls; run: sqlite3 '%s' 'INSERT "
	    "INTO case_summary_refresh SELECT id FROM cases'", n,
	    n == 1 ? "" : "s", first, path);
	problem(line, f);
}

static void
blob_mismatch(const char *want, const char *found, void *arg)
{
	char line[256];

	snprintf(line, sizeof(line), "the attached file with SHA-256 %.16s... "
	    "reads back as %.16s...: its bytes were changed or damaged; "
	    "restore it from a backup or attach it again", want, found);
	problem(line, arg);
}

/* Every kept file against its hash: a dossier's exhibit is only as good
 * as the proof that it is what was attached. */
static void
check_blobs(struct store *st, struct findings *f)
{
	int n = store_blobs_verify(st, blob_mismatch, f);

	if (n == 0)
		fprintf(f->out, "ok: attached files match their SHA-256\n");
	else if (n < 0)
		f->problems++;
}

static int
run_doctor(struct ctx *ctx, struct args *a)
{
	struct findings f = { .out = ctx->out };
	const char *path = store_path(ctx->st);
	char *dir = xstrdup(path), *slash, *mode, *side;
	int n, v = store_schema_version(ctx->st);

	(void)a;
	fprintf(ctx->out, "journal: %s\n", path);
	if (v == store_schema_latest())
		fprintf(ctx->out, "ok: schema version %d (latest)\n", v);
	else {
		char line[128];

		snprintf(line, sizeof(line), "schema version %d, expected %d", v,
		    store_schema_latest());
		problem(line, &f);
	}
	if ((n = store_check(ctx->st, problem, &f)) == 0)
		fprintf(ctx->out, "ok: integrity and foreign keys\n");
	else if (n < 0)
		f.problems++;
	else
		fprintf(ctx->out, "to repair: restore the latest 'calllog "
		    "backup', or recover with: sqlite3 '%s' .recover\n", path);
	if (n == 0) {
		check_summary(ctx->st, &f, path);
		if ((n = store_check_history(ctx->st, problem, &f)) == 0)
			fprintf(ctx->out, "ok: the history of changes matches "
			    "the journal\n");
		else if (n < 0)
			f.problems++;
		check_blobs(ctx->st, &f);
	}
	mode = store_journal_mode(ctx->st);
	if (strcmp(mode, "wal") == 0)
		fprintf(ctx->out, "ok: journal mode wal\n");
	else
		fprintf(ctx->out, "note: journal mode %s (read-only file?)\n",
		    mode);
	free(mode);
	check_private(&f, path, 0);
	side = xasprintf("%s-wal", path);
	check_private(&f, side, 0);
	free(side);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		check_private(&f, dir, 1);
	}
	free(dir);
	if (f.problems) {
		error("%d problem%s found in '%s'; see above", f.problems,
		    f.problems == 1 ? "" : "s", path);
		return CMD_FAIL;
	}
	fputs("no problems found\n", ctx->out);
	return CMD_OK;
}

const struct cmd cmd_doctor = {
	.name = "doctor",
	.synopsis = "",
	.summary = "check the database; exit 1 on a problem",
	.opts = NULL,
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_EXISTING_DB,
	.run = run_doctor,
};
