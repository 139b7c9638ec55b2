/*
 * edit_file: the file `edit` puts its form in while $VISUAL/$EDITOR runs.
 * The form holds a call's notes, so it lives in a directory of its own
 * (0700, in $TMPDIR), is 0600, is read back within a bound, and is gone
 * when calllog is: on return, and when a signal (HUP, INT, QUIT, TERM)
 * ends calllog while the editor runs.
 *
 *	struct edit_file f;
 *	if (edit_file_open(&f) == -1) ...
 *	rc = edit_file_edit(&f, shown, &after);
 *	edit_file_close(&f);	(re-raises a signal that came meanwhile)
 */
#ifndef CALLLOG_EDIT_FILE_H
#define CALLLOG_EDIT_FILE_H

#include <limits.h>
#include <stddef.h>

struct edit_file {
	char dir[PATH_MAX];
	char path[PATH_MAX];
};

/* Make the private directory and take the signals over.  Returns 0, or
 * -1 after reporting. */
int edit_file_open(struct edit_file *f);

/*
 * Write shown to the form, run the editor on it and read it back into
 * *after (the caller frees).  Returns CMD_OK, CMD_FAIL (the editor failed
 * or was killed, the form was removed, a system error) or CMD_USAGE (the
 * form came back empty, too large, or not text), after reporting; *after
 * is NULL then.
 */
int edit_file_edit(struct edit_file *f, const char *shown, char **after);

/* Whether a signal came that ends calllog (the caller stops editing). */
int edit_file_interrupted(void);

/* Remove the directory and all in it (an editor's swap file too), give
 * the signals back; if one came meanwhile, end calllog by it now. */
void edit_file_close(struct edit_file *f);

#endif
