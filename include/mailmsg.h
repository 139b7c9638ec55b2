/*
 * mailmsg: an email message (RFC 5322, MIME) read into what `calllog mail`
 * records (DESIGN.md, Evidence): its date, sender, subject, message-id,
 * its text as UTF-8, and the files attached to it.  src/mailmsg.c is the
 * only includer of GMime; src/mailhtml.c turns an HTML-only message into
 * text.  Pure: bytes in, a struct or an error message out, nothing printed
 * and nothing stored, so the fuzzer (fuzz/fuzz_mail.c) runs it as is.
 *
 * What is refused, rather than guessed: a message without a Date (or one
 * that cannot be read), without a sender, not a message at all, over
 * max bytes (the attachments' limit), nested deeper than MAIL_MAX_DEPTH or with more than
 * MAIL_MAX_PARTS parts; a text part in a charset iconv does not know, or
 * whose bytes are not that charset (a part declared us-ascii, or with no
 * charset, is read as UTF-8 and refused when it is not; an HTML part
 * without one takes its <meta>'s, as browsers do); a base64 part that
 * is truncated or holds other characters.  A person can see what is wrong
 * with the file; a journal that silently kept mojibake could not.
 */
#ifndef CALLLOG_MAILMSG_H
#define CALLLOG_MAILMSG_H

#include <stddef.h>
#include <time.h>

#define MAIL_MAX_DEPTH 8	/* multiparts and forwarded messages within */
#define MAIL_MAX_PARTS 256
#define MAIL_ERRSZ 256

/* A file attached to the message, for the report. */
struct mail_file {
	char *name;		/* as the message names it; "(no name)" */
	char *type;		/* "application/pdf" */
	size_t size;		/* decoded bytes */
};

struct mail_msg {
	time_t date;		/* UTC seconds */
	char *from_addr;	/* "alerts@chase.com" */
	char *from_name;	/* display name, decoded; "" when none */
	char *subject;		/* decoded, one line; "" when none */
	char *message_id;	/* without <>; "" when none */
	char *fwd_from_addr;	/* the first forwarded message's sender, */
	char *fwd_from_name;	/* as from_*; NULL when none is forwarded */
	char *text;		/* UTF-8, no NUL, no control characters but
				   newline and tab; "" when the message has
				   no text */
	struct mail_file *files;
	size_t nfiles;
};

/*
 * Read the len bytes of buf, at most max, as one message into *out.  Returns 0, or -1
 * with a one-line reason in err (MAIL_ERRSZ bytes; "it has no Date
 * header"), phrased to follow the file's name, *out then empty.
 */
int mail_parse(const char *buf, size_t len, size_t max,
    struct mail_msg *out, char err[MAIL_ERRSZ]);
void mail_msg_clear(struct mail_msg *m);

/*
 * The readable text of an HTML document (len bytes of UTF-8): tags
 * dropped (and what script, style and head hold), entities decoded,
 * blocks and line breaks kept as line breaks, runs of blanks made one.
 * Newly allocated; never fails.
 */
char *mail_html_text(const char *html, size_t len);

/* The charset an HTML document without one in its header names in its
 * <meta> (charset=NAME within its first KB), as browsers read it, copied
 * to out (size bytes); NULL when none. */
const char *mail_html_charset(const char *html, size_t len, char *out,
    size_t size);

/* Text made fit to store (UTF-8 already): CR LF and lone CR become LF,
 * NUL and other control characters (C0 but tab and newline, DEL, C1)
 * are dropped, in place; returns the new length. */
size_t mail_text_clean(char *s, size_t len);

#endif
