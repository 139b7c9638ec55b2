/*
 * mailmsg_int.h: what the two files that read an email with GMime share
 * (mailmsg.c walks the message, mailmsg_part.c makes a part's bytes
 * text); with them, the only includer of GMime.
 */
#ifndef CALLLOG_MAILMSG_INT_H
#define CALLLOG_MAILMSG_INT_H

#include <gmime/gmime.h>

#include "mailmsg.h"
#include "util.h"

/* Say in err why the message is refused; returns -1. */
int mail_fail(char err[MAIL_ERRSZ], const char *fmt, ...) CL_PRINTF(2, 3);

/* The part's bytes, transfer encoding undone (caller unrefs); NULL after
 * mail_fail when its base64 is not whole. */
GByteArray *mail_part_bytes(GMimePart *part, char err[MAIL_ERRSZ]);

/* The bytes b, in charset (NULL: UTF-8), as UTF-8 fit to store (caller
 * g_frees); NULL after mail_fail when they do not convert. */
char *mail_part_text(const GByteArray *b, const char *charset,
    char err[MAIL_ERRSZ]);

#endif
