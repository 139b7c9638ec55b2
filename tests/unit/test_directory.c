/*
 * test_directory.c: whom the complaint and regulator steps name, from the
 * shipped directory and the person's own entries.
 */
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "tap.h"

static const struct dir_entry *
regulator_of(const struct directory *d, const char *org)
{
	return directory_regulator(d, org, "1");
}

/* The person's own entry replaces the shipped one with the same
 * organization (any case), purpose and number; the others stay. */
static void
test_merge(void)
{
	struct directory d = { 0 }, mine = { 0 };

	directory_add(&d, &(struct dir_entry){ .org = "Acme Bank",
	    .purpose = "general", .number = "+18005550100", .shipped = 1 });
	directory_add(&d, &(struct dir_entry){ .org = "Acme Bank",
	    .purpose = "fraud", .number = "+18005550199", .shipped = 1 });
	directory_add(&mine, &(struct dir_entry){ .org = "acme bank",
	    .purpose = "general", .number = "+18005550100",
	    .note = "ask for Sam" });
	directory_add(&mine, &(struct dir_entry){ .org = "Acme Bank",
	    .purpose = "billing", .number = "+18005550100" });
	directory_merge(&d, &mine);
	ok(d.n == 3, "merge: the replaced shipped entry is gone, the rest kept");
	ok(d.n == 3 && !strcmp(d.e[0].purpose, "fraud") && d.e[0].shipped,
	    "merge: the shipped entry nobody replaced comes first");
	ok(d.n == 3 && d.e[1].note && !strcmp(d.e[1].note, "ask for Sam") &&
	    !d.e[1].shipped, "merge: then the person's own, in their order");
	directory_clear(&d);
	directory_clear(&mine);
}

int
main(void)
{
	struct directory d = { 0 };
	const struct dir_entry *e;

	test_merge();
	ok(directory_load_shipped(&d) == 0, "the shipped directory loads");
	e = regulator_of(&d, "American Express");
	ok(e != NULL, "a US card issuer has a regulator");
	ok(e && !strcmp(e->org, "Consumer Financial Protection Bureau"),
	    "the CFPB");
	ok(e && !strcmp(e->number, "+18554112372"), "at 1-855-411-2372");
	ok(e && e->note && !strcmp(e->note, "consumerfinance.gov/complaint"),
	    "with its complaint site");
	ok(directory_regulator(&d, "American Express", "44") == NULL,
	    "none shipped for another country");
	ok(directory_complaint_channel(&d, "Some Bank") == NULL,
	    "no complaint channel for an organization without one");

	directory_add(&d, &(struct dir_entry){ .org = "Some Bank",
	    .purpose = "complaint", .number = "+18005550142",
	    .note = "formal complaints" });
	e = directory_complaint_channel(&d, "some bank");
	ok(e && !strcmp(e->number, "+18005550142"),
	    "the person's complaint channel, the name in any case");
	ok(directory_complaint_channel(&d, "Other Bank") == NULL,
	    "belongs to that organization alone");

	directory_add(&d, &(struct dir_entry){ .org = "An Airline",
	    .purpose = "regulator", .number = "+18005550177" });
	e = regulator_of(&d, "An Airline");
	ok(e && !strcmp(e->number, "+18005550177"),
	    "an organization's own regulator comes first");
	e = regulator_of(&d, "Some Bank");
	ok(e && !strcmp(e->org, "Consumer Financial Protection Bureau"),
	    "and is not anyone else's");

	directory_add(&d, &(struct dir_entry){ .org = "Some Bank",
	    .purpose = "complaint", .number = "+18005550199", .shipped = 1 });
	e = directory_complaint_channel(&d, "Some Bank");
	ok(e && !strcmp(e->number, "+18005550142"),
	    "the person's own before a shipped one");

	{
		char *p = purpose_canonical("complaints");

		ok(!strcmp(p, "complaint"), "'complaints' is the purpose "
		    "complaint");
		free(p);
		p = purpose_canonical("regulator");
		ok(!strcmp(p, "regulator"), "regulator is a purpose");
		free(p);
	}
	directory_clear(&d);
	return tap_done();
}
