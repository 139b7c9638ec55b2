/*
 * fuzz_folder.h: files for fuzz_syncfolder — a folder's entries read as
 * they are (a link is read as a link and never followed: the harness must
 * not open what it checks calllog does not open), whole files written
 * and copied, and bytes scanned for the input's cards (fuzz_cards.h)
 * once made text the way a reader would see them.
 */
#ifndef CALLLOG_FUZZ_FOLDER_H
#define CALLLOG_FUZZ_FOLDER_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_cards.h"
#include "util.h"

#define FOLDER_MAX 256

struct entry {
	char *name;
	char kind;		/* 'f' file, 'l' link, 'o' other */
	char *data;		/* a file's bytes (NUL after), a link's target */
	size_t len;
};

struct folder {
	int n;
	struct entry e[FOLDER_MAX];
};

/* The bytes of the regular file at fd, NUL-terminated, in *len. */
static inline char *
read_fd(int fd, size_t *len)
{
	struct strbuf b = { NULL, 0, 0 };
	char buf[8192];
	ssize_t r;

	strbuf_add(&b, "", 0);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&b, buf, (size_t)r);
	*len = b.len;
	return b.s;
}

/* The bytes of file p (never through a link), or NULL when it is none. */
static inline char *
read_whole(const char *p, size_t *len)
{
	int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char *s;

	if (fd == -1)
		return NULL;
	s = read_fd(fd, len);
	close(fd);
	return s;
}

static inline void
write_whole(const char *p, const char *data, size_t len)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);

	if (fd == -1 || write(fd, data, len) != (ssize_t)len || close(fd)) {
		fprintf(stderr, "fuzz: cannot write %s: %s\n", p,
		    strerror(errno));
		abort();
	}
}

static inline void
copy_file(const char *from, const char *to)
{
	size_t len;
	char *s = read_whole(from, &len);

	if (s == NULL) {
		fprintf(stderr, "fuzz: cannot read %s\n", from);
		abort();
	}
	write_whole(to, s, len);
	free(s);
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* Dir's entries, sorted by name. */
static inline void
folder_read(struct folder *f, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	f->n = 0;
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && f->n < FOLDER_MAX) {
		struct entry *e = &f->e[f->n];
		struct stat sb;
		char buf[4096];
		ssize_t r;
		int fd;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		e->name = xstrdup(de->d_name);
		e->kind = 'o';
		e->data = xstrdup("");
		e->len = 0;
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0
		    && S_ISLNK(sb.st_mode) && (r = readlinkat(dirfd(d),
		    de->d_name, buf, sizeof(buf) - 1)) >= 0) {
			free(e->data);
			e->kind = 'l';
			e->data = xstrndup(buf, (size_t)r);
			e->len = (size_t)r;
		} else if (S_ISREG(sb.st_mode) && (fd = openat(dirfd(d),
		    de->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
			free(e->data);
			e->kind = 'f';
			e->data = read_fd(fd, &e->len);
			close(fd);
		}
		f->n++;
	}
	closedir(d);
	qsort(f->e, (size_t)f->n, sizeof(*f->e), entry_cmp);
}

static inline void
folder_clear(struct folder *f)
{
	for (int i = 0; i < f->n; i++)
		free(f->e[i].name), free(f->e[i].data);
	f->n = 0;
}

/* The entry of f named name, or NULL. */
static inline const struct entry *
folder_find(const struct folder *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->e[i].name, name) == 0)
			return &f->e[i];
	return NULL;
}

/* The first name in which a and b differ, or NULL when they are equal. */
static inline const char *
folder_diff(const struct folder *a, const struct folder *b)
{
	for (int i = 0; i < a->n; i++) {
		const struct entry *o = folder_find(b, a->e[i].name);

		if (o == NULL || o->kind != a->e[i].kind || o->len !=
		    a->e[i].len || memcmp(o->data, a->e[i].data, o->len) != 0)
			return a->e[i].name;
	}
	for (int i = 0; i < b->n; i++)
		if (folder_find(a, b->e[i].name) == NULL)
			return b->e[i].name;
	return NULL;
}

/* The length of the well-formed UTF-8 character at s (n bytes left), or
 * 0 (util.c's utf8_valid would count a journal's pages as coverage). */
static inline NOCOV size_t
utf8_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = *p >= 0xc2 && *p <= 0xdf ? 2 : *p >= 0xe0 && *p <= 0xef ?
	    3 : *p >= 0xf0 && *p <= 0xf4 ? 4 : 0;

	if (w == 0 || w > n)
		return 0;
	for (size_t i = 1; i < w; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0) ||
	    (*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90))
		return 0;	/* overlong, surrogate, past U+10FFFF */
	return w;
}

/*
 * Bytes as text a reader would see: what is not UTF-8 or is a control
 * character (but a tab or line break) becomes '?', so a journal's pages
 * read as their strings; iCalendar's folds are joined and its escapes
 * read (a card split across a fold or an escaped line break is whole).
 * The caller frees.
 */
static inline NOCOV char *
as_text(const char *s, size_t len, size_t *outlen)
{
	char *t = xmalloc(len + 1);	/* never longer than s */
	size_t o = 0;

	for (size_t i = 0; i < len; ) {
		size_t w = 1;
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			w = utf8_width(s + i, len - i); else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			w = 0;
		if (w == 0) {
			t[o++] = '?';
			i++;
			continue;
		}
		if ((c == '\r' || c == '\n') && i + w < len &&
		    (s[i + w] == ' ' || s[i + w] == '\t' ||
		    (c == '\r' && s[i + 1] == '\n' && i + 2 < len &&
		    (s[i + 2] == ' ' || s[i + 2] == '\t')))) {
			i += c == '\r' && s[i + 1] == '\n' ? 3 : 2;
			continue;		/* a fold */
		}
		if (c == '\\' && i + 1 < len && s[i + 1] &&
		    strchr("nN,;\\", s[i + 1])) {
			t[o++] = s[i + 1] == 'n' || s[i + 1] == 'N' ? '\n' :
			    s[i + 1];
			i += 2;
			continue;
		}
		memcpy(t + o, s + i, w);
		o += w;
		i += w;
	}
	t[o] = '\0';
	*outlen = o;
	return t;
}

/* Which of the cards bytes hold (cards_find), read as text. */
static inline NOCOV int
scan_bytes(const struct cards *cs, const char *s, size_t len)
{
	size_t tlen;
	char *t = as_text(s, len, &tlen);
	int k = cards_find(cs, t, tlen);

	free(t);
	return k;
}

/* The same of file p; -1 when it does not exist. */
static inline int
scan_file(const struct cards *cs, const char *p)
{
	size_t len;
	char *s = read_whole(p, &len);
	int k;

	if (s == NULL)
		return -1;
	k = scan_bytes(cs, s, len);
	free(s);
	return k;
}

#endif
