/*
 * fuzz_syncfolder.c: whole folders through `calllog sync`, in process, as
 * a CalDAV server or a shared calendar could leave them (DESIGN.md, "DIR
 * is untrusted").
 *
 * The input is a folder (fuzz_input.h): files, removals of calllog's
 * files and symbolic links, by directive lines such as "%%FILE a.ics";
 * @CASE1@, @CASE2@, @CALL1@ and @CALL2@ stand for the uuids of the
 * journal's records: "Refund" (its call: CALL1) and "Lost bag" (CALL2).
 * DIR holds <uuid>.ics for each, as calllog's first sync wrote them.
 *
 * Each run copies that journal and DIR (made once, the journal's notes
 * holding card numbers only as typed, that is redacted), applies the
 * input, runs sync twice (the second a minute later), and aborts when:
 *   1. a card number of the input (or of the secret) is in the journal's
 *      files (.db, -wal), in what either sync wrote to standard error or
 *      output, or in a file of DIR calllog wrote: one that is new after a
 *      sync, or whose bytes it changed (name or content).  Files calllog
 *      left as the input wrote them are the client's, not calllog's;
 *   2. the second sync changes DIR (names, kinds, bytes, link targets)
 *      or the journal's records or history (`export`, `history`, asked
 *      when the journal's bytes changed): the first settled everything;
 *   2b. the second sync writes to the journal at all ("writes nothing");
 *   2w. the second sync warns though the first succeeded: a skipped item
 *      is warned of once per version of its file;
 *   3. a link's target outside DIR is opened (inotify), or the secret's
 *      text reaches anything of 1;
 *   4. the first sync deletes here every record the journal knew (the
 *      four above), which needs --force-delete.
 * Crashes, sanitizer reports and leaks (LeakSanitizer) are libFuzzer's.
 *
 * One file: build-fuzz/fuzz_syncfolder FILE.  FUZZ_SYNCFOLDER_VERBOSE=1
 * shows both syncs' output and keeps the journal after each as
 * run/journal-after-N.db; the work directory (under /dev/shm when it can)
 * is named on standard error at start and kept when a check fails.
 * FUZZ_SYNCFOLDER_OFF="2w 4" turns checks off, to look past a class of
 * failure already reported; every check is on unless it says so.
 */
#define _GNU_SOURCE		/* memmem */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_cards.h"
#include "fuzz_folder.h"
#include "fuzz_input.h"
#include "fuzz_run.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INPUT_MAX (32 * 1024)
#define SECRET_MARK "OUTSIDE-SECRET-7f3a9c"
#define SECRET_CARD "4000 0566 5566 5556"
#define T_SEED "2026-11-20T10:00:00Z"
#define T_SYNC1 "2026-11-21T09:00:00Z"
#define T_SYNC2 "2026-11-21T09:01:00Z"

static char uuids[4][37];
static struct cards uuid_cards;	/* what a uuid's digits may look like */
static int watch = -1, verbose;

/* The journal and folder every run starts from; the records' uuids. */
static void
make_template(void)
{
	char *db = path("run/journal.db"), *dir = path("run/dir");
	char *out = path("run/out"), *err = path("run/err"), *p;
	struct folder f;
	struct cards cs = { 0 };

	/* Made where each run syncs: the journal knows the folder by its
	 * path, and every run must find it known, its files calllog's. */
	if (mkdir(dir, 0700) == -1)
		die("cannot make %s: %s", dir, strerror(errno));
	setenv("CALLLOG_DB", db, 1);
	if (cli(T_SEED, out, err, "add", "--org", "amex", "--reason",
	    "billing", "--title", "Refund", "--ref", "SUP-88", "--note",
	    "paid with 4111 1111 1111 1111, CVV 123", "--amount", "418.20",
	    "--promise", "credit in 5 days", "--promised-by", "2026-11-25",
	    NULL) != 0 || cli(T_SEED, out, err, "add", "--org", "Delta",
	    "--reason", "travel", "--title", "Lost bag", "--note",
	    "SSN 123-45-6789, card 5555-5555-5555-4444", NULL) != 0 ||
	    cli(T_SEED, out, err, "sync", dir, NULL) != 0)
		die("cannot make the template journal (see %s)%s", err, "");
	folder_read(&f, dir);
	for (int i = 0; i < f.n; i++) {
		const char *t = f.e[i].data;
		int k = strstr(t, "BEGIN:VTODO") ? strstr(t, "SUMMARY:Refund") ?
		    0 : 1 : 2;

		if (k < 2)
			memcpy(uuids[k], f.e[i].name, 36);
	}
	for (int i = 0; i < f.n; i++)
		if (strstr(f.e[i].data, "BEGIN:VJOURNAL"))
			memcpy(uuids[strstr(f.e[i].data, uuids[0]) ? 2 : 3],
			    f.e[i].name, 36);
	for (int k = 0; k < 4; k++) {
		if (strlen(uuids[k]) != 36)
			die("the template has no %s%s", tokens[k], "");
		cards_collect(&uuid_cards, uuids[k], 36);
	}
	for (int i = 0; i < f.n; i++) {
		p = xasprintf("%s/tmpl/dir/%s", root, f.e[i].name);
		write_whole(p, f.e[i].data, f.e[i].len);
		free(p);
	}
	folder_clear(&f);
	p = path("run/journal.db-wal");
	if (access(p, F_OK) == 0)
		die("the template journal left %s%s", p, "");
	free(p);
	copy_file(db, (p = path("tmpl/journal.db")));
	free(p);
	/* The harness's own check of its ruler: typed cards were redacted. */
	cards_collect(&cs, "4111 1111 1111 1111 5555-5555-5555-4444", 39);
	if (cs.n != 2)
		die("the detector misses the template's cards%s%s", "", "");
	if (scan_file(&cs, db) >= 0)
		die("the template journal holds a card as typed%s%s", "", "");
	free(db), free(dir), free(out), free(err);
}

static int
rm_any(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

/* At a clean exit (not after a failed check: its files are evidence). */
static void
cleanup(void)
{
	nftw(root, rm_any, 16, FTW_DEPTH | FTW_PHYS);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	static const char *const dirs[] = { "tmpl", "tmpl/dir", "outside",
	    "run", "cfg", "data", "state", "cache" };
	char *p, *q;

	(void)argc, (void)argv;
	verbose = getenv("FUZZ_SYNCFOLDER_VERBOSE") != NULL;
	snprintf(root, sizeof(root), "%s/calllog-fuzz-XXXXXX", base);
	if (mkdtemp(root) == NULL)
		die("cannot make a directory in %s: %s", base, strerror(errno));
	fprintf(stderr, "fuzz_syncfolder: work directory %s\n", root);
	atexit(cleanup);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		p = path(dirs[i]);
		if (mkdir(p, 0700) == -1)
			die("cannot make %s: %s", p, strerror(errno));
		free(p);
	}
	setenv("HOME", root, 1);
	for (int i = 0; i < 4; i++) {
		static const char *const v[] = { "XDG_CONFIG_HOME",
		    "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" };

		setenv(v[i], (p = path(dirs[4 + i])), 1);
		free(p);
	}
	setenv("TZ", "UTC", 1);
	setenv("NO_COLOR", "1", 1);
	unsetenv("CALLLOG_PAGER");
	make_template();
	/* Outside DIR: what its links lead to, watched for any opening. */
	p = path("outside/secret.ics");
	q = xasprintf("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
	    "BEGIN:VJOURNAL\r\nUID:outside-1\r\nRELATED-TO:%s\r\n"
	    "DTSTAMP:20261120T100000Z\r\nDTSTART:20261120T100000Z\r\n"
	    "DESCRIPTION:" SECRET_MARK " card " SECRET_CARD "\r\n"
	    "END:VJOURNAL\r\nEND:VCALENDAR\r\n", uuids[0]);
	write_whole(p, q, strlen(q));
	free(p), free(q);
	p = path("tmpl/journal.db"), q = path("outside/other.db");
	copy_file(p, q);
	free(q);
	q = path("outside");
	if ((watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1 ||
	    inotify_add_watch(watch, q, IN_OPEN | IN_ACCESS) == -1)
		die("cannot watch %s: %s", q, strerror(errno));
	free(p), free(q);
	setenv("CALLLOG_DB", (p = path("run/journal.db")), 1);
	free(p);
	return 0;
}

static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag;
	return ftw->level > 0 ? remove(p) : 0;
}

/* An empty run/ directory, then the template's journal and DIR in it. */
static void
fresh_run(void)
{
	char *run = path("run"), *dir = path("run/dir");
	char *db = path("tmpl/journal.db"), *to = path("run/journal.db");
	struct folder f;

	nftw(run, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(dir, 0700) == -1)
		die("cannot make %s: %s", dir, strerror(errno));
	copy_file(db, to);
	/* The journal synced, under a second name in outside/: a link to it
	 * leads there, and its opening through the link is seen by the
	 * watch (the store's own, through run/, is not). */
	free(db);
	db = path("outside/journal.db");
	unlink(db);
	if (link(to, db) == -1)
		die("cannot link %s: %s", db, strerror(errno));
	free(db), free(to);
	folder_read(&f, (db = path("tmpl/dir")));
	for (int i = 0; i < f.n; i++) {
		to = xasprintf("%s/%s", dir, f.e[i].name);
		write_whole(to, f.e[i].data, f.e[i].len);
		free(to);
	}
	folder_clear(&f);
	free(db), free(run), free(dir);
}

/* The input's directives made real in run/dir. */
static void
apply(const struct item *it, int n)
{
	static const char *const to[] = { "secret", "db", "journal", "outside" };
	static const char *const rel[] = { "outside/secret.ics",
	    "outside/other.db", "outside/journal.db", "outside" };

	for (int i = 0; i < n; i++) {
		char *p = xasprintf("%s/run/dir/%s", root, it[i].name), *t;
		int k = 0;

		if (i > 0 || it[i].blen > 0)
			unlink(p);
		if (it[i].kind == 'F' && (i > 0 || it[i].blen > 0))
			write_whole(p, it[i].body, it[i].blen);
		else if (it[i].kind == 'L') {
			while (k < 3 && strncmp(it[i].to, to[k], strlen(to[k])))
				k++;
			if (symlink((t = path(rel[k])), p) == -1)
				die("cannot link %s: %s", p, strerror(errno));
			free(t);
		}
		free(p);
	}
}

/* What the watch on outside/ saw opened or read since last asked (only
 * links lead there): the name of the first, "" when nothing. */
static const char *
outside_opened(void)
{
	static char name[256];
	char buf[4096] __attribute__((aligned(8)));
	ssize_t r;

	name[0] = '\0';
	while ((r = read(watch, buf, sizeof(buf))) > 0) {
		const struct inotify_event *ev = (const void *)buf;

		if (name[0] == '\0')
			snprintf(name, sizeof(name), "%s", ev->len ? ev->name :
			    "outside/ itself");
	}
	return name;
}

struct state {
	int rc;
	struct folder f;
	char *db, *wal, *out, *err;
	size_t dblen, wallen, outlen, errlen;
};

/* A sync at now, then what it left: DIR, the journal, its streams. */
static void
sync_once(const char *now, struct state *s, int nth)
{
	char *dir = path("run/dir"), *db = path("run/journal.db");
	char *wal = path("run/journal.db-wal");
	char *out = xasprintf("%s/run/out%d", root, nth);
	char *err = xasprintf("%s/run/err%d", root, nth);
	int rc = s->rc = cli(now, out, err, "sync", dir, NULL);

	folder_read(&s->f, dir);
	s->db = read_whole(db, &s->dblen);
	s->wal = read_whole(wal, &s->wallen);
	s->out = read_whole(out, &s->outlen);
	s->err = read_whole(err, &s->errlen);
	if (verbose) {
		fprintf(stderr, "--- sync %d: exit %d, journal %zu bytes "
		    "(-wal %zu)\n%s%s", nth, rc, s->dblen, s->wallen, s->out,
		    s->err);
		free(out);
		out = xasprintf("%s/run/journal-after-%d.db", root, nth);
		if (s->db != NULL)
			write_whole(out, s->db, s->dblen);
	}
	free(dir), free(db), free(wal), free(out), free(err);
}

static void
state_clear(struct state *s)
{
	folder_clear(&s->f);
	free(s->db), free(s->wal), free(s->out), free(s->err);
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return (a == NULL) == (b == NULL) && (a == NULL || (alen == blen &&
	    memcmp(a, b, alen) == 0));
}

/* Check 1 and 3's text on bytes the name of which is what. */
static void
check_bytes(const struct cards *cs, const char *what, const char *b,
    size_t len)
{
	int k;

	if (b == NULL)
		return;
	if (on("1") && (k = scan_bytes(cs, b, len)) >= 0)
		die("check 1: the card %s reached %s", cs->d[k], what);
	if (on("3") && memmem(b, len, SECRET_MARK, strlen(SECRET_MARK)))
		die("check 3: the text of a link's target reached %s%s", what,
		    "");
}

/* Check 1 on a sync's state: the files of DIR it wrote are those not
 * as they were before it (in *before); the journal, when not as the sync
 * before (*prev) left it. */
static void
check_state(const struct cards *cs, const struct state *s,
    const struct state *prev, const struct folder *before, int nth)
{
	char what[320];

	/* The journal as the sync before left it was read already. */
	if (prev == NULL || !same(prev->db, prev->dblen, s->db, s->dblen)) {
		snprintf(what, sizeof(what), "the journal after sync %d", nth);
		check_bytes(cs, what, s->db, s->dblen);
	}
	if (prev == NULL || !same(prev->wal, prev->wallen, s->wal,
	    s->wallen)) {
		snprintf(what, sizeof(what), "the journal's -wal after sync %d",
		    nth);
		check_bytes(cs, what, s->wal, s->wallen);
	}
	snprintf(what, sizeof(what), "standard output of sync %d", nth);
	check_bytes(cs, what, s->out, s->outlen);
	snprintf(what, sizeof(what), "standard error of sync %d", nth);
	check_bytes(cs, what, s->err, s->errlen);
	for (int i = 0; i < s->f.n; i++) {
		const struct entry *e = &s->f.e[i], *o = folder_find(before,
		    e->name);

		if (o && o->kind == e->kind && o->len == e->len &&
		    !memcmp(o->data, e->data, e->len))
			continue;
		snprintf(what, sizeof(what), "DIR/%s written by sync %d",
		    e->name, nth);
		check_bytes(cs, what, e->name, strlen(e->name));
		if (e->kind == 'f')
			check_bytes(cs, what, e->data, e->len);
	}
}

/* The journal's records and history as `export` and `history` show them,
 * from the bytes of a journal: which of a write's effects a person sees. */
static char *
exported(const char *db, size_t len, int nth)
{
	char *p = xasprintf("%s/run/export%d.db", root, nth);
	char *out = xasprintf("%s/run/export%d.json", root, nth);
	char *hist = xasprintf("%s/run/history%d.json", root, nth);
	char *err = path("run/export.err"), *a, *b, *all;
	size_t alen, blen;

	write_whole(p, db, len);
	cli(T_SYNC2, out, err, "--db", p, "export", "--format", "json", NULL);
	cli(T_SYNC2, hist, err, "--db", p, "history", "--json", NULL);
	a = read_whole(out, &alen);
	b = read_whole(hist, &blen);
	all = xasprintf("%s\n%s", a ? a : "(none)", b ? b : "(none)");
	free(a), free(b);
	free(p), free(out), free(hist), free(err);
	return all;
}

/* Check 2: the first sync settled everything. */
static void
check_settled(const struct state *s1, const struct state *s2)
{
	const char *name;
	char *a, *b;
	int differ;

	if (on("2") && (name = folder_diff(&s1->f, &s2->f)) != NULL)
		die("check 2: the second sync changed DIR/%s; it said: %s",
		    name, s2->out);
	if ((on("2") || on("2b")) && (!same(s1->db, s1->dblen, s2->db,
	    s2->dblen) || !same(s1->wal, s1->wallen, s2->wal, s2->wallen))) {
		a = exported(s1->db, s1->dblen, 1);
		b = exported(s2->db, s2->dblen, 2);
		differ = strcmp(a, b) != 0;
		free(a), free(b);
		if (differ && on("2"))
			die("check 2: the second sync changed the journal's "
			    "records (run/export1.json, export2.json, history"
			    "1.json, history2.json); it said: %s%s", s2->out,
			    s2->err);
		if (!differ && on("2b"))
			die("check 2b: the second sync wrote to the journal, "
			    "its records and history as they were; it said: "
			    "%s%s", s2->out, s2->err);
	}
	/* A skipped item is warned of once per version of its file. */
	if (on("2w") && s1->rc == 0 && s2->errlen > 0)
		die("check 2w: the second sync, nothing changed, still warns: "
		    "%s%s", s2->err, "");
}

/* Check 4: DIR emptied of every record the journal knew (the template's
 * two cases and two calls) is no licence to delete them all here.  The
 * count is read from the report's own line, which begins with DIR (a
 * record's title, named on a line of its own, cannot). */
static void
check_guard(const struct state *s)
{
	char *dir = path("run/dir"), *head = xasprintf("%s: ", dir);
	const char *p = s->out, *q;
	long n = 0;

	while (p && *p && strncmp(p, head, strlen(head)) != 0)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (p && *p && (q = strstr(p, " added here, ")) != NULL)
		n = strtol(q + strlen(" added here, "), NULL, 10);
	free(dir), free(head);
	if (on("4") && n >= 4)
		die("check 4: a sync without --force-delete deleted every "
		    "record here; it said: %s%s", s->out, "");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct item it[ITEMS_MAX];
	struct cards cs = { 0 };
	struct state s1, s2;
	struct folder before;
	const char *seen;
	char *in, *text;
	size_t len, tlen;
	int n;

	if (size > INPUT_MAX)
		return 0;
	in = substitute(data, size, uuids, &len);
	n = parse(in, len, uuids, it);
	text = as_text(in, len, &tlen);
	cards_collect(&cs, text, tlen);
	cards_collect(&cs, SECRET_CARD, strlen(SECRET_CARD));
	free(text);
	/* A record's uuid, which the input may name, is calllog's to keep,
	 * even when its digits happen to pass for a card's. */
	for (int i = 0; i < cs.n; i++)
		for (int k = 0; k < uuid_cards.n; k++)
			if (strcmp(cs.d[i], uuid_cards.d[k]) == 0) {
				memmove(cs.d[i], cs.d[--cs.n], sizeof(cs.d[i]));
				i--;
				break;
			}
	fresh_run();
	apply(it, n);
	free(in);
	outside_opened();
	folder_read(&before, (text = path("run/dir")));
	free(text);
	sync_once(T_SYNC1, &s1, 1);
	sync_once(T_SYNC2, &s2, 2);
	if (*(seen = outside_opened()) && on("3"))
		die("check 3: %s, outside DIR, was opened (a link was "
		    "followed)%s", seen, "");
	check_state(&cs, &s1, NULL, &before, 1);
	check_state(&cs, &s2, &s1, &s1.f, 2);
	check_guard(&s1);
	check_settled(&s1, &s2);
	state_clear(&s1);
	state_clear(&s2);
	folder_clear(&before);
	return 0;
}
