/*
 * edit_form: a case or a call as a form a person edits in $EDITOR, and
 * the form read back as the options `edit` takes, so a form is checked by
 * exactly the rules the options are.
 *
 *	title: Skyline Tickets charge
 *	amount: 418.20 USD
 *	note: first line of the notes
 *	note: second line
 */
#ifndef CALLLOG_EDIT_FORM_H
#define CALLLOG_EDIT_FORM_H

#include "model.h"

/* The form of case c or call k (the other NULL), with a comment header;
 * error, when not NULL, heads it.  The caller frees. */
char *edit_form_render(const struct cl_case *c, const struct cl_call *k,
    const char *error);

/*
 * The options that turn the form before into the form after: for each
 * field whose lines differ, "--field=value" (each line of a repeated
 * field), so fields left alone are not given at all.  Returns a
 * NULL-terminated array of strings (argv style, after argv[0]) the caller
 * frees with edit_form_free, and *n its length; NULL after reporting a
 * line that is not "field: value" or names no field.
 */
char **edit_form_diff(const char *before, const char *after, int is_call,
    int *n);
void edit_form_free(char **v);

#endif
