/*
 * view: how cases, calls and events are shown, as JSON (the stable field
 * names of DESIGN.md) and as text for people.
 */
#ifndef CALLLOG_VIEW_H
#define CALLLOG_VIEW_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "jsonw.h"
#include "model.h"
#include "policy.h"

/* The members of a case object (the caller opens and closes it, so that
 * `show` can add its timeline). */
void view_case_members(struct jsonw *j, const struct cl_case *c,
    const struct policy *p, time_t now);

/* A call as a JSON object; with_org adds the case's organization.  The
 * members alone, for listings that add fields of their own (search). */
void view_call_json(struct jsonw *j, const struct cl_call *c, int with_org);
void view_call_members(struct jsonw *j, const struct cl_call *c,
    int with_org);

/* A case event as a JSON object. */
void view_event_json(struct jsonw *j, const struct cl_event *e);
/* A note (id, uuid, at, text, credited in cur's decimals, created). */
void view_note_json(struct jsonw *j, const struct cl_note *n, const char *cur);

/* The case's title, or what its reason means when it has none. */
const char *view_case_title(const struct cl_case *c);

/* Why to escalate, for people: "open 15 days, 3 calls, promise broken". */
void view_escalation_text(unsigned why, const struct cl_case *c,
    time_t now, char *buf, size_t size);

/* The case's promises as the JSON array "promises" (a member): text,
 * by, call, status (policy_promise), marked, marked_at, note. */
void view_promises_json(struct jsonw *j, const struct cl_case *c,
    time_t now);

/* Nonzero when t is a deadline given as a date alone: the last second of
 * a local day (input.c stores it so). */
int view_date_only(time_t t);

/* A deadline for people: a date for one given as a date, else the local
 * time.  buf holds WHEN_BUFSZ bytes. */
void view_format_deadline(time_t t, char *buf);

/* A phone number for people, or "-" when there is none. */
void view_number(const char *e164, char *buf, size_t size);

/* A stored number as JSON members: "number", E.164 alone (null when
 * absent), and "extension", its digits or null. */
void view_number_json(struct jsonw *j, const char *stored);

#endif
