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

/* What the options say, read by args_bind. */
struct dossier_opts {
	const char *format, *output, *bundle;
};

static const struct opt dossier_opts[] = {
	{ "format", 'f', OPT_VALUE, "FORMAT",
	    "html, md or txt; default: -o's extension or txt",
	    OPT_TO(OPT_STRING, struct dossier_opts, format) },
	{ "output", 'o', OPT_VALUE, "FILE",
	    "write to FILE (0600), replacing it atomically",
	    OPT_TO(OPT_STRING, struct dossier_opts, output) },
	{ "bundle", 0, OPT_VALUE | OPT_RAW, "FILE.zip",
	    "one zip of the dossier (HTML, PDF) and its exhibits",
	    OPT_TO(OPT_STRING, struct dossier_opts, bundle) },
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
choose_format(const struct dossier_opts *o)
{
	const char *fmt = o->format, *out = o->output, *dot;
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
	const struct dossier_opts *o = a->bound;
	struct dossier d;
	render_fn render;
	long long id;
	int rc;

	if (o->bundle && (o->output || o->format))
		return error("--bundle writes the dossier as HTML and PDF into "
		    "the zip; give it without -o or --format"), CMD_USAGE;
	if ((render = choose_format(o)) == NULL || (o->output &&
	    outfile_check(ctx->st, o->output) == -1) ||
	    (o->bundle && outfile_check(ctx->st, o->bundle) == -1))
		return CMD_USAGE;
	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &id)) != CMD_OK)
		return rc;
	rc = dossier_load(ctx->st, id, ctx->now, &d);
	if (rc == 1)
		return error("no case %lld; 'calllog open' lists the cases",
		    id), CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	if (o->bundle) {
		if ((rc = dossier_bundle(ctx->st, &d, o->bundle)) == 0)
			fprintf(ctx->out, "wrote %s: the dossier and %zu "
			    "exhibit%s\n", o->bundle, d.nexhibits,
			    d.nexhibits == 1 ? "" : "s");
	} else if (o->output)
		rc = write_to_file(ctx->st, &d, render, o->output);
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
	.bound_size = sizeof(struct dossier_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DATA,
	.run = run_dossier,
};
