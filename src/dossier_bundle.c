/*
 * dossier_bundle.c: `dossier ID --bundle FILE.zip`, one file to upload to
 * a complaint form: the dossier as HTML (and as PDF, printed by headless
 * Chromium when it is installed) and every exhibit under its number,
 * exhibits/01-receipt.pdf, which the HTML links to.  The zip is written
 * as a stream and replaces FILE atomically; an exhibit goes from the
 * journal into it a chunk at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "dossier.h"
#include "outfile.h"
#include "util.h"

#define CHROMIUM_SECONDS 120
#define PDF_MAX (64L * 1024 * 1024)

/* CALLLOG_CHROMIUM names the browser ("" or "none": make no PDF), else
 * the first chromium on PATH.  NULL when there is none. */
static char *
find_chromium(void)
{
	static const char *const names[] = { "chromium", "chromium-browser",
	    "google-chrome" };
	const char *env = getenv("CALLLOG_CHROMIUM"), *path = getenv("PATH");

	if (env)
		return *env && strcmp(env, "none") ? xstrdup(env) : NULL;
	for (size_t i = 0; path && i < sizeof(names) / sizeof(*names); i++) {
		const char *p = path;

		while (*p) {
			size_t n = strcspn(p, ":");
			char *f = xasprintf("%.*s/%s", (int)n, n ? p : ".",
			    names[i]);

			if (access(f, X_OK) == 0)
				return f;
			free(f);
			p += n + (p[n] == ':');
		}
	}
	return NULL;
}

/* Run argv, its output discarded, for at most CHROMIUM_SECONDS: a
 * browser that hangs must not hang the command.  0 when it exited 0. */
static int
run_bounded(char *const argv[])
{
	pid_t pid = fork();
	int status = 0;

	if (pid == -1)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	for (int i = 0; i < CHROMIUM_SECONDS * 10; i++) {
		struct timespec ts = { 0, 100000000 };
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
			    0 : -1;
		if (r == -1 && errno != EINTR)
			return -1;
		nanosleep(&ts, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

/* The HTML printed to PDF by headless Chromium, newly allocated (*n
 * bytes), or NULL, said on standard error: the bundle is whole without. */
static char *
print_pdf(const char *html, size_t len, size_t *n)
{
	char *chromium = find_chromium(), *dir, *in, *out, *prof, *url, *pdf;
	const char *tmp = getenv("TMPDIR");
	struct stat sb;

	if (chromium == NULL) {
		warning("%s: the bundle holds the dossier as HTML only",
		    getenv("CALLLOG_CHROMIUM") ? "CALLLOG_CHROMIUM turns the "
		    "PDF off" : "no chromium found (install it for a PDF too)");
		return NULL;
	}
	dir = xasprintf("%s/calllog-bundle-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		warning("cannot make a folder to print the PDF in (%s): the "
		    "bundle holds the dossier as HTML only", strerror(errno));
		free(dir);
		free(chromium);
		return NULL;
	}
	in = xasprintf("%s/dossier.html", dir);
	out = xasprintf("--print-to-pdf=%s/dossier.pdf", dir);
	prof = xasprintf("--user-data-dir=%s/profile", dir);
	url = xasprintf("file://%s", in);
	pdf = NULL;
	if (write_file_atomic(in, html, len, 0600) == 0) {
		char *argv[] = { chromium, "--headless", "--no-sandbox",
		    "--disable-gpu", "--no-first-run", "--disable-quic",
		    "--disable-background-networking",
		    "--disable-component-update", "--disable-sync",
		    "--no-pdf-header-footer", prof, out, url, NULL };

		if (run_bounded(argv) == 0) {
			pdf = read_file(out + strlen("--print-to-pdf="),
			    PDF_MAX);
			if (pdf && stat(out + strlen("--print-to-pdf="),
			    &sb) == 0)
				*n = (size_t)sb.st_size;
		}
	}
	if (pdf == NULL)
		warning("%s could not print the dossier to PDF: the bundle "
		    "holds it as HTML only", chromium);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	free(in);
	free(out);
	free(prof);
	free(url);
	free(chromium);
	return pdf;
}

struct job {
	struct store *st;
	const struct dossier *d;
	const char *html, *pdf;
	size_t hlen, plen;
};

static int
fill(int fd, void *arg)
{
	const struct job *j = arg;
	struct bundle *b = bundle_open(fd);
	int rc;

	if (b == NULL)
		return -1;
	rc = bundle_add(b, "dossier.html", j->html, j->hlen, j->d->now);
	if (rc == 0 && j->pdf)
		rc = bundle_add(b, "dossier.pdf", j->pdf, j->plen, j->d->now);
	for (size_t i = 0; rc == 0 && i < j->d->nexhibits; i++) {
		const struct dossier_exhibit *x = &j->d->exhibits[i];

		rc = bundle_add_blob(b, x->file, j->st, x->a.sha256, x->a.size,
		    x->a.added);
	}
	return bundle_close(b, rc == 0) == 0 && rc == 0 ? 0 : -1;
}

int
dossier_bundle(struct store *st, struct dossier *d, const char *dest)
{
	struct job j = { st, d, NULL, NULL, 0, 0 };
	char *html = NULL, *pdf;
	size_t hlen = 0;
	FILE *fp;
	int rc;

	for (size_t i = 0; i < d->nexhibits; i++)
		d->exhibits[i].file = xasprintf("exhibits/%02d-%s",
		    d->exhibits[i].number, d->exhibits[i].a.name);
	if ((fp = open_memstream(&html, &hlen)) == NULL)
		return error("cannot buffer the dossier: out of memory");
	rc = dossier_write_html(d, fp);
	if (fclose(fp) != 0 || rc != 0) {
		free(html);
		return error("cannot buffer the dossier: out of memory");
	}
	pdf = print_pdf(html, hlen, &j.plen);
	j.html = html;
	j.hlen = hlen;
	j.pdf = pdf;
	rc = outfile_stream(st, dest, fill, &j);
	free(html);
	free(pdf);
	return rc;
}
