/*
 * lookup: the one place where what a person types to name a case or an
 * organization finds it (DESIGN.md, "Interface contract" and "Correcting
 * the record").  Both return a command's exit code (cmd.h) after
 * reporting any problem, so every command words them alike.
 */
#ifndef CALLLOG_LOOKUP_H
#define CALLLOG_LOOKUP_H

struct store;

/*
 * A case by its local id ("12", "#12": digits alone are always a local
 * id) or by its uuid or a unique prefix of it, at least 4 characters.
 * what names the argument in messages ("case", "--case").  Returns CMD_OK
 * with *id set (the case may still not exist when given by local id),
 * CMD_USAGE for a malformed or ambiguous reference, CMD_FAIL when no
 * uuid matches or the database fails.
 */
int lookup_case(struct store *st, const char *text, const char *what,
    long long *id);

/*
 * An organization as the journal knows it: a known name or alias, or a
 * unique prefix of one, gives its stored spelling in *out.  A name close
 * to a known one is refused ("did you mean ...?") unless new_org; an
 * ambiguous prefix is refused listing the candidates.  Anything else is a
 * new organization, *out as given.  The caller frees *out.
 */
int lookup_org(struct store *st, const char *given, int new_org,
    char **out);

/*
 * lookup_org for a case whose organization is own (edit): a name that is
 * a near miss of own and of no other known organization is own's spelling
 * put right, and is taken as given.  own may be NULL.
 */
int lookup_org_for(struct store *st, const char *given, int new_org,
    const char *own, char **out);

#endif
