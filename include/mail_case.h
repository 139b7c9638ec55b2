/*
 * mail_case: the case an email is about when `calllog mail` is given no
 * --case (src/mail_case.c): a reference number of a case's calls found in
 * the message, else the organization's name or alias in its sender or
 * subject.  Several candidates are asked about when can_ask, else
 * refused, listing them.
 */
#ifndef CALLLOG_MAIL_CASE_H
#define CALLLOG_MAIL_CASE_H

struct mail_msg;
struct store;

/* hay: the message's subject and text, searched for reference numbers.
 * Returns CMD_OK with *id, and in *ref (the caller frees; NULL when the
 * organization picked the case) the reference number that named it; or
 * the exit code after reporting.  Reads in a transaction of its own,
 * ended before it asks. */
int mail_pick_case(struct store *st, const struct mail_msg *m,
    const char *hay, int can_ask, long long *id, char **ref);

/* CMD_OK when case id holds no exhibit on a call with the bytes of kept
 * (the message as it is kept); else the exit code, after reporting
 * where it was recorded. */
int mail_not_recorded(struct store *st, const char *kept, long long id);

#endif
