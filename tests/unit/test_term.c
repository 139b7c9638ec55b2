/*
 * test_term.c: term_escape and the guarded stream escape what could drive
 * a terminal, keep everything else, and pass calllog's own colours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "term.h"

static const struct {
	const char *in;
	int keep_layout;
	const char *want;
} cases[] = {
	{ "plain text, café ✓ 日本", 0, "plain text, café ✓ 日本" },
	{ "\033]0;pwned\007", 0, "\\x1b]0;pwned\\x07" },
	{ "a\033[2Jb", 1, "a\\x1b[2Jb" },
	{ "back\bspace\rover\x7f", 0, "back\\x08space\\rover\\x7f" },
	{ "csi \302\23331m osc \302\235 nel \302\205", 0,
	    "csi \\u009b31m osc \\u009d nel \\u0085" },
	{ "\342\200\256exe.txt \342\200\252\342\200\254 \342\201\246x\342\201\251",
	    0, "\\u202eexe.txt \\u202a\\u202c \\u2066x\\u2069" },
	{ "line one\nline two\tcol", 0, "line one\\nline two\\tcol" },
	{ "line one\nline two\tcol", 1, "line one\nline two\tcol" },
	{ "bad \377 byte \300\200", 0, "bad \\xff byte \\xc0\\x80" },
	{ "cut \342\200", 0, "cut \\xe2\\x80" },
	{ "", 0, "" },
};

/* What the guarded stream writes for what is given, in pieces of n. */
static char *
guarded(const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len), *g = term_guard(mem, 0);

	for (size_t i = 0, all = strlen(s); i < all; i += n) {
		size_t k = all - i < n ? all - i : n;

		fwrite(s + i, 1, k, g);
		fflush(g);	/* each piece reaches the cookie alone */
	}
	fclose(g);
	fclose(mem);
	return buf;
}

int
main(void)
{
	char name[160], *got;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = term_escape(cases[i].in, cases[i].keep_layout);
		snprintf(name, sizeof(name), "term_escape case %zu", i);
		is_str(got, cases[i].want, name);
		free(got);
	}
	/* Cut anywhere, a character or a colour mark is escaped as whole. */
	for (size_t n = 1; n <= 4; n++) {
		got = guarded("\342\200\256 \302\233 " TERM_SGR("31") "red"
		    TERM_SGR("") " \033[31m é", n);
		snprintf(name, sizeof(name), "guard, written %zu bytes a time",
		    n);
		is_str(got, "\\u202e \\u009b \033[31mred\033[m \\x1b[31m é",
		    name);
		free(got);
	}
	got = guarded("\377[31x and \377", 64);
	is_str(got, "\\xff[31x and \\xff", "a mark that is not one is escaped");
	free(got);
	return tap_done();
}
