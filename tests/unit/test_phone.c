/*
 * test_phone.c: phone_normalize and phone_format against the numbers people
 * actually type, the shipped directory, and the mistakes they make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "phone.h"
#include "tap.h"

struct valid {
	const char	*in;
	const char	*cc;
	const char	*want;
};

static const struct valid valid[] = {
	/* Vanity numbers, in any case, with the tail after a full number. */
	{ "1-800-AXP-EARN", "1", "+18002973276" },
	{ "1-800-axp-earn", "1", "+18002973276" },
	{ "1-800-Axp-Earn", "1", "+18002973276" },
	{ "1-800-FLOWERS", "1", "+18003569377" },
	{ "1-800-FLOWERS-NOW", "1", "+18003569377" },
	{ "800-flowers", "1", "+18003569377" },
	{ "+1 800 FLOWERS NOW", "1", "+18003569377" },
	/* How the same number gets written. */
	{ "(800) 528-2122", "1", "+18005282122" },
	{ "800.528.2122", "1", "+18005282122" },
	{ "800/528/2122", "1", "+18005282122" },
	{ "+1 800 528 2122", "1", "+18005282122" },
	{ "1 (800) 528-2122", "1", "+18005282122" },
	{ "8005282122", "1", "+18005282122" },
	{ "18005282122", "1", "+18005282122" },
	{ "  800 528 2122\t", "1", "+18005282122" },
	{ "800-528-2122", NULL, "+18005282122" },
	/* International prefixes. */
	{ "011 44 20 7946 0958", "1", "+442079460958" },
	{ "00 33 1 42 68 53 00", "1", "+33142685300" },
	{ "+44 20 7946 0958", "1", "+442079460958" },
	{ "+353 1 234 5678", "1", "+35312345678" },
	{ "+1 800 528 2122", "44", "+18005282122" },
	{ "00 1 800 528 2122", "44", "+18005282122" },
	/* National numbers outside the NANP, with or without the trunk 0. */
	{ "020 7946 0958", "44", "+442079460958" },
	{ "20 7946 0958", "44", "+442079460958" },
	{ "01 42 68 53 00", "33", "+33142685300" },
	/* Nottingham: 011 is international only in the NANP. */
	{ "0115 496 0123", "44", "+441154960123" },
	/* Extensions, however they are written: RFC 3966's form. */
	{ "800-528-2122,123", "1", "+18005282122;ext=123" },
	{ "800-528-2122,,5", "1", "+18005282122;ext=5" },
	{ "800-528-2122 , , 5", "1", "+18005282122;ext=5" },
	{ "800-528-2122;5", "1", "+18005282122;ext=5" },
	{ "800-528-2122 x123", "1", "+18005282122;ext=123" },
	{ "800-528-2122X123", "1", "+18005282122;ext=123" },
	{ "800-528-2122 ext. 5", "1", "+18005282122;ext=5" },
	{ "800-528-2122 EXT 5", "1", "+18005282122;ext=5" },
	{ "(800) 528-2122 Ext: 5", "1", "+18005282122;ext=5" },
	{ "800-528-2122 extension 12345678", "1", "+18005282122;ext=12345678" },
	{ "800-528-2122 #77", "1", "+18005282122;ext=77" },
	{ "1-800-FLOWERS x5 ", "1", "+18003569377;ext=5" },
	{ "+18005282122;ext=5", "1", "+18005282122;ext=5" },
	{ "020 7946 0958 ext 204", "44", "+442079460958;ext=204" },
};

/* The shipped directory (DESIGN.md): as written, stored, shown. */
static const char *const directory[][2] = {
	{ "1-800-528-2122", "+18005282122" },
	{ "1-800-528-4800", "+18005284800" },
	{ "1-855-693-2213", "+18556932213" },
	{ "1-855-407-0445", "+18554070445" },
	{ "1-800-297-2977", "+18002972977" },
	{ "1-800-297-3276", "+18002973276" },
	{ "1-855-327-1403", "+18553271403" },
	{ "1-630-694-9750", "+16306949750" },
	{ "1-623-492-5450", "+16234925450" },
	{ "1-800-419-2122", "+18004192122" },
};

struct invalid {
	const char	*in;
	const char	*cc;
	const char	*why;
};

static const struct invalid invalid[] = {
	{ "12345", "1", "too short" },
	{ "800-528-212", "1", "nine digits" },
	{ "1-800-528-21222", "1", "twelve digits" },
	{ "(080) 528-2122", "1", "area code starting with 0" },
	{ "180-528-2122", "1", "area code starting with 1" },
	{ "1-180-528-2122", "1", "area code starting with 1 after the 1" },
	{ "800-128-2122", "1", "exchange starting with 1" },
	{ "800-028-2122", "1", "exchange starting with 0" },
	{ "800-528-2122#", "1", "a '#'" },
	{ "*67 800 528 2122", "1", "a '*'" },
	{ "800-528-2122 x123456789", "1", "an extension of 9 digits" },
	{ "800-528-2122 ext 5a", "1", "an extension with a letter" },
	{ "ext 5", "1", "an extension alone" },
	{ "1-800-XEROX x12", "1", "an incomplete vanity number" },
	{ "1-800-FLOWERS1", "1", "digits after a vanity number" },
	{ "800 528 2122 \xe2\x9c\x93", "1", "a non-ASCII character" },
	{ "", "1", "empty" },
	{ "   ", "1", "blank" },
	{ "--", "1", "no digits" },
	{ "+1234567890123456", "1", "16 international digits" },
	{ "+1234567", "1", "7 international digits" },
	{ "+0441234567", "1", "international starting with 0" },
	{ "00 0 44 20 7946", "1", "international after 00 starting with 0" },
	{ "+1 800 528 212", "1", "international +1 that is not NANP" },
	{ "+1 180 528 2122", "1", "international +1 with area code 1" },
	{ "800+5282122", "1", "'+' in the middle" },
	{ "++18005282122", "1", "two '+'" },
	{ "(+1) 800 528 2122", "1", "'+' after a parenthesis" },
	{ "12345", "44", "too short outside the NANP" },
	{ "0 1234 5678 9012 345", "44", "too long outside the NANP" },
	{ "020 7946 0958", "", "empty country code" },
	{ "020 7946 0958", "4a", "country code with a letter" },
	{ "020 7946 0958", "0", "country code 0" },
};

static const char *const formats[][2] = {
	{ "+18002973276", "1-800-297-3276" },
	{ "+442079460958", "+44 2079460958" },
	{ "+33142685300", "+33 142685300" },
	{ "+35312345678", "+353 12345678" },
	{ "+79161234567", "+7 9161234567" },
	{ "+4930123456", "+49 30123456" },
	{ "+861012345678", "+86 1012345678" },
	{ "+2025551234", "+20 25551234" },
	{ "+12345", "+1 2345" },
	/* Not E.164: shown as stored. */
	{ "8002973276", "8002973276" },
	{ "unknown", "unknown" },
	{ "", "" },
	{ "+", "+" },
	{ "+0441234567", "+0441234567" },
	{ "+1800abc", "+1800abc" },
	{ "+1234567890123456", "+1234567890123456" },
	{ "01234567890123456789012345678901234567890123456789",
	    "01234567890123456789012345678901234567890123456" },
};

/*
 * Call phone_normalize with standard error captured into msg, so that the
 * test checks the message instead of spilling it into the TAP stream.
 */
static int
normalize_quietly(const char *in, const char *cc, char out[PHONE_BUFSZ],
    char *msg, size_t msgsz)
{
	FILE *f;
	int rc, saved;

	msg[0] = '\0';
	fflush(stderr);
	if ((f = tmpfile()) == NULL || (saved = dup(2)) == -1) {
		perror("test_phone");
		exit(2);
	}
	dup2(fileno(f), 2);
	rc = phone_normalize(in, cc, out);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	if (fgets(msg, (int)msgsz, f) == NULL)
		msg[0] = '\0';
	fclose(f);
	return rc;
}

int
main(void)
{
	char out[PHONE_BUFSZ], msg[512], name[160];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		snprintf(name, sizeof(name), "normalizes '%s' (cc %s)",
		    valid[i].in, valid[i].cc ? valid[i].cc : "default");
		if (phone_normalize(valid[i].in, valid[i].cc, out) == -1)
			strcpy(out, "(error)");
		is_str(out, valid[i].want, name);
	}

	for (i = 0; i < sizeof(directory) / sizeof(directory[0]); i++) {
		char shown[PHONE_BUFSZ];

		snprintf(name, sizeof(name), "directory number %s normalizes",
		    directory[i][0]);
		if (phone_normalize(directory[i][0], "1", out) == -1)
			strcpy(out, "(error)");
		is_str(out, directory[i][1], name);
		snprintf(name, sizeof(name), "directory number %s shows back",
		    directory[i][0]);
		phone_format(out, shown);
		is_str(shown, directory[i][0], name);
	}

	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		snprintf(name, sizeof(name), "rejects %s: '%s'", invalid[i].why,
		    invalid[i].in);
		rc = normalize_quietly(invalid[i].in, invalid[i].cc, out, msg,
		    sizeof(msg));
		is_long(rc, -1, name);
		snprintf(name, sizeof(name), "one 'calllog:' line for %s",
		    invalid[i].why);
		ok(strncmp(msg, "calllog: ", 9) == 0 &&
		    strchr(msg, '\n') == msg + strlen(msg) - 1, name);
	}

	normalize_quietly("12345", "1", out, msg, sizeof(msg));
	is_str(msg, "calllog: cannot read phone number '12345': too few "
	    "digits; give 10 digits like 1-800-528-2122, or +country code and "
	    "number\n", "a short number's message names it and says what to "
	    "do");
	normalize_quietly("", "1", out, msg, sizeof(msg));
	is_str(msg, "calllog: empty phone number; give 10 digits like "
	    "1-800-528-2122, or +country code and number\n",
	    "an empty number's message says what to do");
	normalize_quietly("800-528-2122 x123456789", "1", out, msg, sizeof(msg));
	ok(strstr(msg, "extension") != NULL,
	    "an extension is called an extension");
	normalize_quietly("1-800-FLOWERS-NOW 5", "1", out, msg, sizeof(msg));
	ok(strstr(msg, "ext") != NULL,
	    "digits after a number point to how an extension is written");
	{
		char e164[PHONE_BUFSZ], shown[PHONE_BUFSZ];

		is_str(phone_split("+18005282122;ext=5", e164), "5",
		    "phone_split gives the extension");
		is_str(e164, "+18005282122", "... and the number alone");
		ok(phone_split("+18005282122", e164) == NULL,
		    "no extension: NULL");
		phone_format("+18005282122;ext=5", shown);
		is_str(shown, "1-800-528-2122 ext. 5", "shown with its extension");
		phone_format("+442079460958;ext=204", shown);
		is_str(shown, "+44 2079460958 ext. 204",
		    "an international number with its extension");
	}
	normalize_quietly("180-528-2122", "1", out, msg, sizeof(msg));
	ok(strstr(msg, "area code") != NULL, "a bad area code is named");

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		snprintf(name, sizeof(name), "formats '%.40s'", formats[i][0]);
		phone_format(formats[i][0], out);
		is_str(out, formats[i][1], name);
	}
	phone_format(NULL, out);
	is_str(out, "", "formats NULL as nothing");

	return tap_done();
}
