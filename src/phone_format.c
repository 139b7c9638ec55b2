/*
 * phone_format.c: a stored number (E.164, an extension as RFC 3966's
 * ";ext=") shown back the way people write it: 1-800-528-2122 in the
 * NANP, "+44 2079460000" elsewhere, split after the country calling code.
 * phone.c reads what people type.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"

/*
 * Two-digit country calling codes of the ITU E.164 assignment.  Of the
 * rest, 1 and 7 are one digit long and everything else three.
 */
static const char two_digit_cc[] =
    "20" "27" "30" "31" "32" "33" "34" "36" "39" "40" "41"
    "43" "44" "45" "46" "47" "48" "49" "51" "52" "53" "54" "55" "56" "57"
    "58" "60" "61" "62" "63" "64" "65" "66" "81" "82" "84" "86" "90" "91"
    "92" "93" "94" "95" "98";

/* Length of the country calling code that starts the digits d. */
static size_t
cc_length(const char *d)
{
	size_t i;

	if (d[0] == '1' || d[0] == '7')
		return 1;
	for (i = 0; i < sizeof(two_digit_cc) - 1; i += 2)
		if (d[0] == two_digit_cc[i] && d[1] == two_digit_cc[i + 1])
			return 2;
	return 3;
}

void
phone_format(const char *stored, char out[PHONE_BUFSZ])
{
	char e164[PHONE_BUFSZ];
	const char *d, *ext;
	size_t n, ccl;

	if (stored == NULL) {
		out[0] = '\0';
		return;
	}
	if ((ext = phone_split(stored, e164)) != NULL &&
	    strspn(ext, "0123456789") == strlen(ext)) {
		phone_format(e164, out);
		n = strlen(out);
		snprintf(out + n, PHONE_BUFSZ - n, " ext. %s", ext);
		return;
	}
	snprintf(e164, sizeof(e164), "%s", stored);
	d = e164 + 1;
	n = e164[0] == '+' ? strspn(d, "0123456789") : 0;
	if (n < 2 || n > 15 || d[n] != '\0' || d[0] == '0' ||
	    (ccl = cc_length(d)) >= n) {
		/* Not ours: perhaps typed before normalising existed.  Show
		 * it rather than lose it. */
		snprintf(out, PHONE_BUFSZ, "%s", e164);
		return;
	}
	if (d[0] == '1' && n == 11)
		snprintf(out, PHONE_BUFSZ, "1-%.3s-%.3s-%.4s", d + 1, d + 4,
		    d + 7);
	else
		snprintf(out, PHONE_BUFSZ, "+%.*s %s", (int)ccl, d, d + ccl);
}

