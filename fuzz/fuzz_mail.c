/*
 * fuzz_mail.c: mail_parse (src/mailmsg.c, GMime) on arbitrary bytes, as
 * `calllog mail` hands it a file.  No crash, leak or undefined behaviour;
 * a message read has a sender and valid UTF-8 text, subject and names with
 * no NUL and no control character but newline and tab in the text (what
 * the journal's checks accept); a refused one says why; and the HTML
 * reader, on the same bytes as text, gives valid UTF-8 too.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mailmsg.h"

/* Valid UTF-8 with no control character (but newline and tab when
 * multiline). */
static void
fit_text(const char *s, int multiline)
{
	size_t n = strlen(s);

	if (!utf8_valid(s, n))
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 || c == 0x7f) && !(multiline &&
		    (c == '\n' || c == '\t')))
			abort();
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail_msg m;
	char err[MAIL_ERRSZ], *s;

	if (mail_parse((const char *)data, size, 1 << 20, &m, err) == 0) {
		if (*m.from_addr == '\0')
			abort();
		fit_text(m.from_addr, 0);
		fit_text(m.from_name, 0);
		fit_text(m.subject, 0);
		fit_text(m.message_id, 0);
		fit_text(m.text, 1);
		for (size_t i = 0; i < m.nfiles; i++) {
			fit_text(m.files[i].name, 0);
			fit_text(m.files[i].type, 0);
		}
		mail_msg_clear(&m);
	} else if (err[0] == '\0' || m.text != NULL) {
		abort();
	}
	if ((s = fuzz_text(data, size)) != NULL) {
		char *t = mail_html_text(s, strlen(s));

		if (!utf8_valid(t, strlen(t)))
			abort();
		free(t);
		free(s);
	}
	return 0;
}
