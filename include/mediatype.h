/*
 * mediatype.h: a file's media type read from its bytes (libmagic), never
 * from its name: a receipt.pdf that is a script is no PDF.
 */
#ifndef CALLLOG_MEDIATYPE_H
#define CALLLOG_MEDIATYPE_H

#include <stddef.h>

/* The media type ("image/png") of the first n bytes of a file, newly
 * allocated; "application/octet-stream" when libmagic cannot tell. */
char *mediatype_of(const void *head, size_t n);

/* Enough of a file's start for mediatype_of. */
#define MEDIATYPE_HEAD (256 * 1024)

#endif
