/*
 * test_purpose.c: the one table of purposes, reasons and their words:
 * synonyms, plurals, case, prefixes, and purposes of the person's own.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "purpose.h"
#include "tap.h"

static void
canon(const char *typed, const char *want)
{
	char name[160], *got = purpose_canonical(typed);

	snprintf(name, sizeof(name), "'%s' is the purpose '%s'", typed, want);
	is_str(got, want, name);
	free(got);
}

static void
reason(const char *typed, int want)
{
	char name[160];

	snprintf(name, sizeof(name), "'%s' names reason %d", typed, want);
	is_long(purpose_reason(typed), want, name);
}

int
main(void)
{
	/* Synonyms of reasons and purposes, one canonical purpose each. */
	canon("billing", "billing");
	canon("dispute", "billing");
	canon("Disputes", "billing");
	canon("CHARGES", "billing");
	canon("charge", "billing");
	canon("chargebacks", "billing");
	canon("lost", "lost-stolen");
	canon("stolen", "lost-stolen");
	canon("lost-card", "lost-stolen");
	canon("Lost Card", "lost-stolen");
	canon("lost_cards", "lost-stolen");
	canon("lost or stolen", "lost-stolen");
	canon("fraud", "fraud");
	canon("Unauthorized charges", "fraud");
	canon("complaint", "complaint");
	canon("complaints", "complaint");
	canon("Formal Complaint", "complaint");
	canon("points", "rewards");
	canon("reward", "rewards");
	canon("corporate", "business");
	canon("business", "business");
	canon("collect", "international");
	canon("activate", "activation");
	canon("customer service", "general");
	canon("inquiries", "general");
	/* Prefixes, when they name one purpose only. */
	canon("road", "roadside");
	canon("intern", "international");
	canon("disp", "billing");
	/* Purposes of the person's own are kept, lower-cased and trimmed. */
	canon("Claims", "claims");
	canon("  Pharmacy Line ", "pharmacy line");
	canon("c", "c");

	ok(purpose_known("Disputes"), "a plural synonym is known");
	ok(!purpose_known("road"), "a prefix is not a known word");
	ok(!purpose_known("claims"), "the person's own purpose is not known");

	ok(purpose_same("billing", "disputes"), "billing and disputes are one");
	ok(purpose_same("disputes", "Charge"), "as stored and as typed");
	ok(purpose_same("claims", "Claim"), "one's own: singular and plural");
	ok(purpose_same("lost-stolen", "lost card"), "lost card is lost-stolen");
	ok(!purpose_same("billing", "fraud"), "billing is not fraud");
	ok(!purpose_same("claims", "claimant"), "different words differ");
	ok(purpose_same("business", "Businesses"), "business keeps its s, businesses lose theirs");
	ok(!purpose_same("address", "addres"), "address is no plural of addres");

	ok(purpose_matches("roadside", "road"), "a prefix matches");
	ok(purpose_matches("billing", "DISPUTES"), "a synonym matches");
	ok(!purpose_matches("general", "disputes"), "general is not billing");

	is_str(purpose_for_reason(REASON_BILLING), "billing",
	    "billing calls go to the billing line");
	is_str(purpose_for_reason(REASON_LOST_CARD), "lost-stolen",
	    "a lost card to the lost or stolen line");
	is_str(purpose_for_reason(REASON_ACCOUNT), "account", "account");
	is_str(purpose_for_reason(REASON_GENERAL), "general", "general");

	reason("disputes", REASON_BILLING);
	reason("Stolen Card", REASON_LOST_CARD);
	reason("lost-card", REASON_LOST_CARD);
	reason("unauthorised", REASON_FRAUD);
	reason("roadside", -1);
	reason("claims", -1);
	is_long(purpose_parse_reason("bill"), REASON_BILLING,
	    "a word of the table first");
	is_long(purpose_parse_reason("acc"), REASON_ACCOUNT,
	    "then a reason's prefix");
	return tap_done();
}
