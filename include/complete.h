/*
 * complete: the shell completion helper, `calllog __complete WORD...`
 * (cmd_complete.c), and the candidates it reads from the journal
 * (complete_data.c).
 */
#ifndef CALLLOG_COMPLETE_H
#define CALLLOG_COMPLETE_H

struct store;

struct completion {
	const char *cur;	/* what the word being completed holds */
	const char *prefix;	/* printed before each value ("--reason=") */
	const char *db;		/* --db on the command line, or NULL */
	const char *org;	/* --org on the command line, or NULL */
	struct store *st;	/* the journal, once opened */
	int tried;		/* whether opening it was tried */
};

enum complete_cases { COMPLETE_OPEN, COMPLETE_CLOSED, COMPLETE_ALL };

/* Print value (and what it is, when not NULL) when it starts with cur. */
void complete_offer(struct completion *c, const char *value,
    const char *what);

/* From the journal, when it exists (nothing otherwise): case ids with
 * their organization and title; organizations; the numbers of the
 * directory for org and purpose (NULL: any); the purposes filed for
 * org. */
void complete_cases(struct completion *c, enum complete_cases which);
void complete_orgs(struct completion *c);
void complete_numbers(struct completion *c, const char *org,
    const char *purpose);
void complete_purposes(struct completion *c, const char *org);

/* Close the journal, when it was opened. */
void complete_close(struct completion *c);

/* `calllog __complete WORD...`: WORDs are the words after "calllog".
 * Returns an exit code. */
int complete_main(int argc, char **argv);

#endif
