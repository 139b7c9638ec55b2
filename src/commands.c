/*
 * commands.c: the command table, data beneath everything that reads it:
 * main dispatches from it, completion offers it, and help lists it (given
 * it in its context, so that the table, which holds help, and help do not
 * reach into each other).
 */
#include <stddef.h>

#include "cmd.h"

/* The commands, in the order `calllog help` lists them. */
const struct cmd *const commands[] = {
	&cmd_add,
	&cmd_open,
	&cmd_cases,
	&cmd_show,
	&cmd_dossier,
	&cmd_log,
	&cmd_search,
	&cmd_resolve,
	&cmd_reopen,
	&cmd_followup,
	&cmd_escalate,
	&cmd_promise,
	&cmd_note,
	&cmd_attach,
	&cmd_attachments,
	&cmd_attachment,
	&cmd_mail,
	&cmd_edit,
	&cmd_delete,
	&cmd_undo,
	&cmd_history,
	&cmd_remind,
	&cmd_ical,
	&cmd_sync,
	&cmd_numbers,
	&cmd_prep,
	&cmd_call,
	&cmd_doctor,
	&cmd_backup,
	&cmd_export,
	&cmd_import,
	&cmd_config,
	&cmd_help,
	NULL
};
