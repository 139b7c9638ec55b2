/*
 * phone: telephone numbers as typed by people, stored as E.164.
 *
 * Numbers are normalised before storage so that "1-800-AXP-EARN",
 * "(800) 297-3276" and "+1 800 297 3276" are the same number, and shown in
 * the national format of the North American Numbering Plan, or in
 * international form for other countries.
 */
#ifndef CALLLOG_PHONE_H
#define CALLLOG_PHONE_H

#include <stddef.h>

/* Room for the longest stored or display form, extension included, with
 * the NUL. */
#define PHONE_BUFSZ 48

/* Most digits of an extension. */
#define PHONE_EXT_MAX 8

/*
 * Normalise a number into E.164 ("+18002973276").  Letters are mapped as
 * on a phone keypad; spaces, dashes, dots, slashes and parentheses are
 * ignored.  A leading "+", "00" or "011" introduces an international number,
 * kept as given (8 to 15 digits).  Otherwise the number is national to
 * country calling code cc ("1" for the NANP): for the NANP, 10 digits, or 11
 * starting with 1, with area code and exchange not starting with 0 or 1.
 * Letters after a complete vanity number are ignored ("1-800-FLOWERS-NOW").
 *
 * An extension may follow the number, after "ext", "ext.", "extension",
 * "x", "#", one or more "," (a dialer's pause) or ";" (its wait): up to
 * PHONE_EXT_MAX digits, kept as RFC 3966 writes it ("+18005550100;ext=5"),
 * so that the stored number stays one string.
 *
 * Returns 0 and fills out, or -1 after reporting through error() a message
 * that names the input.
 */
int phone_normalize(const char *in, const char *cc, char out[PHONE_BUFSZ]);

/*
 * A stored number's parts: the E.164 number alone into e164 (when not
 * NULL), and its extension's digits as the return value, or NULL when it
 * has none (a pointer into stored).
 */
const char *phone_split(const char *stored, char e164[PHONE_BUFSZ]);

/*
 * Display form of an E.164 number: "1-800-297-3276" in the NANP, else
 * "+44 2079460958" (country code guessed from the ITU table's lengths),
 * with its extension as " ext. 5".  Anything that is not E.164 is copied
 * as is.
 */
void phone_format(const char *e164, char out[PHONE_BUFSZ]);

#endif
