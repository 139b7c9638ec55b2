/*
 * cmd_dossier.c: `calllog dossier ID`, the record of one case for escalating
 * it, as plain text, Markdown or a printable HTML file.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "outfile.h"
#include "lookup.h"
#include "dossier.h"
#include "util.h"

enum { O_FORMAT, O_OUTPUT, O_BUNDLE };

static const struct opt dossier_opts[] = {
	[O_FORMAT] = { "format", 'f', OPT_VALUE, "FORMAT",
	    "html, md or txt; default: -o's extension or txt", OPT_AS_TEXT },
	[O_OUTPUT] = { "output", 'o', OPT_VALUE, "FILE",
	    "write to FILE (0600), replacing it atomically", OPT_AS_TEXT },
	[O_BUNDLE] = { "bundle", 0, OPT_VALUE | OPT_RAW, "FILE.zip",
	    "one zip of the dossier (HTML, PDF) and its exhibits",
	    OPT_AS_TEXT },
	OPT_END
};

typedef int (*render_fn)(const struct dossier *, FILE *);

static const struct {
	const char *name;
	render_fn render;
} formats[] = {
	{ "html", dossier_write_html },
	{ "htm", dossier_write_html },
	{ "md", dossier_write_md },
	{ "markdown", dossier_write_md },
	{ "txt", dossier_write_txt },
	{ "text", dossier_write_txt },
};

static render_fn
format_named(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcasecmp(name, formats[i].name) == 0)
			return formats[i].render;
	return NULL;
}

/*
 * The renderer asked for: --format, else the extension of -o's file
 * (a file without one gets text), else text.  NULL after reporting.
 */
static render_fn
choose_format(const struct args *a)
{
	const char *fmt = arg(a, O_FORMAT), *out = arg(a, O_OUTPUT), *dot;
	const char *base = out ? strrchr(out, '/') : NULL;
	render_fn r;

	if (fmt) {
		if ((r = format_named(fmt)) == NULL)
			error("unknown format '%s'; use html, md or txt", fmt);
		return r;
	}
	if (out == NULL)
		return dossier_write_txt;
	base = base ? base + 1 : out;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return dossier_write_txt;
	if ((r = format_named(dot + 1)) == NULL)
		error("cannot tell the format of '%s' from its name; give "
		    "--format html, md or txt", out);
	return r;
}

/* Render into memory and replace path with it, so that a failure leaves
 * the old file whole and a reader never sees half a dossier. */
static int
write_to_file(struct store *st, const struct dossier *d, render_fn render,
    const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int rc;

	if (fp == NULL)
		return error("cannot buffer the dossier: out of memory");
	rc = render(d, fp);
	if (fclose(fp) != 0 || rc != 0)
		rc = error("cannot buffer the dossier: out of memory");
	else
		rc = outfile_write(st, path, buf, len);
	free(buf);
	return rc;
}

static int
run_dossier(struct ctx *ctx, struct args *a)
{
	struct dossier d;
	render_fn render;
	long long id;
	int rc;

	if (arg(a, O_BUNDLE) && (arg(a, O_OUTPUT) || arg(a, O_FORMAT)))
		return error("--bundle writes the dossier as HTML and PDF into "
		    "the zip; give it without -o or --format"), CMD_USAGE;
	if ((render = choose_format(a)) == NULL || (arg(a, O_OUTPUT) &&
	    outfile_check(ctx->st, arg(a, O_OUTPUT)) == -1) ||
	    (arg(a, O_BUNDLE) && outfile_check(ctx->st, arg(a, O_BUNDLE))
	    == -1))
		return CMD_USAGE;
	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &id)) != CMD_OK)
		return rc;
	rc = dossier_load(ctx->st, id, ctx->now, &d);
	if (rc == 1)
		return error("no case %lld; 'calllog open' lists the cases",
		    id), CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	if (arg(a, O_BUNDLE)) {
		if ((rc = dossier_bundle(ctx->st, &d, arg(a, O_BUNDLE))) == 0)
			fprintf(ctx->out, "wrote %s: the dossier and %zu "
			    "exhibit%s\n", arg(a, O_BUNDLE), d.nexhibits,
			    d.nexhibits == 1 ? "" : "s");
	} else if (arg(a, O_OUTPUT))
		rc = write_to_file(ctx->st, &d, render, arg(a, O_OUTPUT));
	else
		rc = render(&d, ctx->out);
	dossier_clear(&d);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_dossier = {
	.name = "dossier",
	.synopsis = "ID [--format html|md|txt] [-o FILE] [--bundle FILE.zip]",
	.summary = "the case's record, for escalating it",
	.opts = dossier_opts,
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DATA,
	.run = run_dossier,
};
