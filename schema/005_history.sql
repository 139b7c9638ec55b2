-- 005_history: putting the record right (DESIGN.md, "Correcting the
-- record"; "Money and promises").
--
-- Money: a case's amount in dispute is kept in minor units (cents) with
-- its ISO 4217 currency, never as a float; a credit confirmed on a call is
-- in the case's currency.  A promise made on a call can be marked by hand
-- (kept, broken, withdrawn); unmarked, its status is derived (policy).
--
-- History: every command that writes is one row of `changes`; triggers
-- copy the old and new stored values of every row it touches into
-- `change_rows` as JSON, so that `history` can show them and `undo` can
-- put them back, whatever command made the change.  A command opens its
-- change by setting change_state.change_id (store.c) and sets it back to
-- NULL when it commits.  A write by anything else (sqlite3 by hand) finds
-- NULL and opens a change of its own, "(outside calllog)", so the history
-- still ends in the journal as it is; undo sets 0, and records nothing.
-- The derived figures of 004_summary are not recorded: they follow the
-- calls.

ALTER TABLE cases ADD COLUMN amount INTEGER;		-- minor units
ALTER TABLE cases ADD COLUMN currency TEXT CHECK (currency IS NULL OR
    (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'));
ALTER TABLE cases ADD COLUMN merchant TEXT;
ALTER TABLE cases ADD COLUMN charged_at INTEGER;	-- the transaction date

ALTER TABLE calls ADD COLUMN credited INTEGER CHECK (credited IS NULL OR
    credited > 0);					-- minor units
ALTER TABLE calls ADD COLUMN promise_status TEXT CHECK (promise_status IS
    NULL OR promise_status IN ('kept', 'broken', 'withdrawn'));
ALTER TABLE calls ADD COLUMN promise_marked_at INTEGER;
ALTER TABLE calls ADD COLUMN promise_note TEXT;

CREATE TABLE changes (
	id               INTEGER PRIMARY KEY,
	at               INTEGER NOT NULL,
	command          TEXT NOT NULL,
	-- What the command said it did ("deleted call 4"), for undo's report.
	summary          TEXT,
	undone_at        INTEGER,
	-- The old values were removed for good (--purge): nothing to undo.
	purged           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE change_rows (
	id               INTEGER PRIMARY KEY,
	change_id        INTEGER NOT NULL REFERENCES changes (id)
	                     ON DELETE CASCADE,
	tbl              TEXT NOT NULL CHECK (tbl IN ('cases', 'calls',
	                     'call_refs', 'case_events')),
	row_id           INTEGER NOT NULL,	-- call_refs: the call's id
	pos              INTEGER,		-- call_refs: the position
	case_id          INTEGER,		-- for `history ID`
	op               TEXT NOT NULL CHECK (op IN ('insert', 'update',
	                     'delete')),
	old              TEXT,			-- JSON of the stored columns
	new              TEXT
);

CREATE INDEX change_rows_change ON change_rows (change_id, id);
CREATE INDEX change_rows_row ON change_rows (tbl, row_id);
CREATE INDEX change_rows_case ON change_rows (case_id);

CREATE TABLE change_state (
	one              INTEGER PRIMARY KEY CHECK (one = 1),
	change_id        INTEGER
);

INSERT INTO change_state (one, change_id) VALUES (1, NULL);

CREATE TRIGGER cases_history_ai AFTER INSERT ON cases
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'cases', NEW.id, NULL,
	    NEW.id, 'insert',
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'org', NEW.org,
		'reason', NEW.reason, 'title', NEW.title,
		'account', NEW.account, 'status', NEW.status,
		'priority', NEW.priority, 'opened_at', NEW.opened_at,
		'updated_at', NEW.updated_at,
		'next_followup_at', NEW.next_followup_at,
		'followup_seq', NEW.followup_seq,
		'escalation', NEW.escalation, 'stage_at', NEW.stage_at,
		'resolved_at', NEW.resolved_at, 'resolution', NEW.resolution,
		'amount', NEW.amount, 'currency', NEW.currency,
		'merchant', NEW.merchant, 'charged_at', NEW.charged_at));
END;

CREATE TRIGGER cases_history_au AFTER UPDATE ON cases
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.uuid IS NOT NEW.uuid
	    OR OLD.org IS NOT NEW.org
	    OR OLD.reason IS NOT NEW.reason
	    OR OLD.title IS NOT NEW.title
	    OR OLD.account IS NOT NEW.account
	    OR OLD.status IS NOT NEW.status
	    OR OLD.priority IS NOT NEW.priority
	    OR OLD.opened_at IS NOT NEW.opened_at
	    OR OLD.updated_at IS NOT NEW.updated_at
	    OR OLD.next_followup_at IS NOT NEW.next_followup_at
	    OR OLD.followup_seq IS NOT NEW.followup_seq
	    OR OLD.escalation IS NOT NEW.escalation
	    OR OLD.stage_at IS NOT NEW.stage_at
	    OR OLD.resolved_at IS NOT NEW.resolved_at
	    OR OLD.resolution IS NOT NEW.resolution
	    OR OLD.amount IS NOT NEW.amount
	    OR OLD.currency IS NOT NEW.currency
	    OR OLD.merchant IS NOT NEW.merchant
	    OR OLD.charged_at IS NOT NEW.charged_at) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'cases', OLD.id, NULL,
	    OLD.id, 'update',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'org', OLD.org,
		'reason', OLD.reason, 'title', OLD.title,
		'account', OLD.account, 'status', OLD.status,
		'priority', OLD.priority, 'opened_at', OLD.opened_at,
		'updated_at', OLD.updated_at,
		'next_followup_at', OLD.next_followup_at,
		'followup_seq', OLD.followup_seq,
		'escalation', OLD.escalation, 'stage_at', OLD.stage_at,
		'resolved_at', OLD.resolved_at, 'resolution', OLD.resolution,
		'amount', OLD.amount, 'currency', OLD.currency,
		'merchant', OLD.merchant, 'charged_at', OLD.charged_at),
		json_object('id', NEW.id, 'uuid', NEW.uuid, 'org', NEW.org,
		'reason', NEW.reason, 'title', NEW.title,
		'account', NEW.account, 'status', NEW.status,
		'priority', NEW.priority, 'opened_at', NEW.opened_at,
		'updated_at', NEW.updated_at,
		'next_followup_at', NEW.next_followup_at,
		'followup_seq', NEW.followup_seq,
		'escalation', NEW.escalation, 'stage_at', NEW.stage_at,
		'resolved_at', NEW.resolved_at, 'resolution', NEW.resolution,
		'amount', NEW.amount, 'currency', NEW.currency,
		'merchant', NEW.merchant, 'charged_at', NEW.charged_at));
END;

CREATE TRIGGER cases_history_bd BEFORE DELETE ON cases
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'cases', OLD.id, NULL,
	    OLD.id, 'delete',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'org', OLD.org,
		'reason', OLD.reason, 'title', OLD.title,
		'account', OLD.account, 'status', OLD.status,
		'priority', OLD.priority, 'opened_at', OLD.opened_at,
		'updated_at', OLD.updated_at,
		'next_followup_at', OLD.next_followup_at,
		'followup_seq', OLD.followup_seq,
		'escalation', OLD.escalation, 'stage_at', OLD.stage_at,
		'resolved_at', OLD.resolved_at, 'resolution', OLD.resolution,
		'amount', OLD.amount, 'currency', OLD.currency,
		'merchant', OLD.merchant, 'charged_at', OLD.charged_at));
END;

CREATE TRIGGER calls_history_ai AFTER INSERT ON calls
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'calls', NEW.id, NULL,
	    NEW.case_id, 'insert',
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id', NEW.case_id,
		'started_at', NEW.started_at, 'channel', NEW.channel,
		'direction', NEW.direction, 'number', NEW.number,
		'department', NEW.department, 'ivr', NEW.ivr, 'rep', NEW.rep,
		'hold_seconds', NEW.hold_seconds,
		'duration_seconds', NEW.duration_seconds,
		'outcome', NEW.outcome, 'promise', NEW.promise,
		'promised_by', NEW.promised_by, 'notes', NEW.notes,
		'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
		'credited', NEW.credited,
		'promise_status', NEW.promise_status,
		'promise_marked_at', NEW.promise_marked_at,
		'promise_note', NEW.promise_note));
END;

CREATE TRIGGER calls_history_au AFTER UPDATE ON calls
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.uuid IS NOT NEW.uuid
	    OR OLD.case_id IS NOT NEW.case_id
	    OR OLD.started_at IS NOT NEW.started_at
	    OR OLD.channel IS NOT NEW.channel
	    OR OLD.direction IS NOT NEW.direction
	    OR OLD.number IS NOT NEW.number
	    OR OLD.department IS NOT NEW.department
	    OR OLD.ivr IS NOT NEW.ivr
	    OR OLD.rep IS NOT NEW.rep
	    OR OLD.hold_seconds IS NOT NEW.hold_seconds
	    OR OLD.duration_seconds IS NOT NEW.duration_seconds
	    OR OLD.outcome IS NOT NEW.outcome
	    OR OLD.promise IS NOT NEW.promise
	    OR OLD.promised_by IS NOT NEW.promised_by
	    OR OLD.notes IS NOT NEW.notes
	    OR OLD.created_at IS NOT NEW.created_at
	    OR OLD.updated_at IS NOT NEW.updated_at
	    OR OLD.credited IS NOT NEW.credited
	    OR OLD.promise_status IS NOT NEW.promise_status
	    OR OLD.promise_marked_at IS NOT NEW.promise_marked_at
	    OR OLD.promise_note IS NOT NEW.promise_note) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'calls', OLD.id, NULL,
	    OLD.case_id, 'update',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id', OLD.case_id,
		'started_at', OLD.started_at, 'channel', OLD.channel,
		'direction', OLD.direction, 'number', OLD.number,
		'department', OLD.department, 'ivr', OLD.ivr, 'rep', OLD.rep,
		'hold_seconds', OLD.hold_seconds,
		'duration_seconds', OLD.duration_seconds,
		'outcome', OLD.outcome, 'promise', OLD.promise,
		'promised_by', OLD.promised_by, 'notes', OLD.notes,
		'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
		'credited', OLD.credited,
		'promise_status', OLD.promise_status,
		'promise_marked_at', OLD.promise_marked_at,
		'promise_note', OLD.promise_note), json_object('id', NEW.id,
		'uuid', NEW.uuid, 'case_id', NEW.case_id,
		'started_at', NEW.started_at, 'channel', NEW.channel,
		'direction', NEW.direction, 'number', NEW.number,
		'department', NEW.department, 'ivr', NEW.ivr, 'rep', NEW.rep,
		'hold_seconds', NEW.hold_seconds,
		'duration_seconds', NEW.duration_seconds,
		'outcome', NEW.outcome, 'promise', NEW.promise,
		'promised_by', NEW.promised_by, 'notes', NEW.notes,
		'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
		'credited', NEW.credited,
		'promise_status', NEW.promise_status,
		'promise_marked_at', NEW.promise_marked_at,
		'promise_note', NEW.promise_note));
END;

CREATE TRIGGER calls_history_bd BEFORE DELETE ON calls
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'calls', OLD.id, NULL,
	    OLD.case_id, 'delete',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id', OLD.case_id,
		'started_at', OLD.started_at, 'channel', OLD.channel,
		'direction', OLD.direction, 'number', OLD.number,
		'department', OLD.department, 'ivr', OLD.ivr, 'rep', OLD.rep,
		'hold_seconds', OLD.hold_seconds,
		'duration_seconds', OLD.duration_seconds,
		'outcome', OLD.outcome, 'promise', OLD.promise,
		'promised_by', OLD.promised_by, 'notes', OLD.notes,
		'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
		'credited', OLD.credited,
		'promise_status', OLD.promise_status,
		'promise_marked_at', OLD.promise_marked_at,
		'promise_note', OLD.promise_note));
END;

CREATE TRIGGER call_refs_history_ai AFTER INSERT ON call_refs
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'call_refs', NEW.call_id, NEW.pos,
	    (SELECT case_id FROM calls WHERE id = NEW.call_id), 'insert',
	    json_object('call_id', NEW.call_id, 'pos', NEW.pos, 'ref', NEW.ref));
END;

CREATE TRIGGER call_refs_history_au AFTER UPDATE ON call_refs
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.call_id IS NOT NEW.call_id
	    OR OLD.pos IS NOT NEW.pos
	    OR OLD.ref IS NOT NEW.ref) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'call_refs', OLD.call_id, OLD.pos,
	    (SELECT case_id FROM calls WHERE id = OLD.call_id), 'update',
	    json_object('call_id', OLD.call_id, 'pos', OLD.pos, 'ref', OLD.ref),
		json_object('call_id', NEW.call_id, 'pos', NEW.pos,
		'ref', NEW.ref));
END;

CREATE TRIGGER call_refs_history_bd BEFORE DELETE ON call_refs
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'call_refs', OLD.call_id, OLD.pos,
	    (SELECT case_id FROM calls WHERE id = OLD.call_id), 'delete',
	    json_object('call_id', OLD.call_id, 'pos', OLD.pos, 'ref', OLD.ref));
END;

CREATE TRIGGER case_events_history_ai AFTER INSERT ON case_events
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'case_events', NEW.id, NULL,
	    NEW.case_id, 'insert',
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id', NEW.case_id,
		'at', NEW.at, 'kind', NEW.kind, 'level', NEW.level,
		'due_at', NEW.due_at, 'note', NEW.note,
		'updated_at', NEW.updated_at));
END;

CREATE TRIGGER case_events_history_au AFTER UPDATE ON case_events
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.uuid IS NOT NEW.uuid
	    OR OLD.case_id IS NOT NEW.case_id
	    OR OLD.at IS NOT NEW.at
	    OR OLD.kind IS NOT NEW.kind
	    OR OLD.level IS NOT NEW.level
	    OR OLD.due_at IS NOT NEW.due_at
	    OR OLD.note IS NOT NEW.note
	    OR OLD.updated_at IS NOT NEW.updated_at) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'case_events', OLD.id, NULL,
	    OLD.case_id, 'update',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id', OLD.case_id,
		'at', OLD.at, 'kind', OLD.kind, 'level', OLD.level,
		'due_at', OLD.due_at, 'note', OLD.note,
		'updated_at', OLD.updated_at), json_object('id', NEW.id,
		'uuid', NEW.uuid, 'case_id', NEW.case_id, 'at', NEW.at,
		'kind', NEW.kind, 'level', NEW.level, 'due_at', NEW.due_at,
		'note', NEW.note, 'updated_at', NEW.updated_at));
END;

CREATE TRIGGER case_events_history_bd BEFORE DELETE ON case_events
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'case_events', OLD.id, NULL,
	    OLD.case_id, 'delete',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id', OLD.case_id,
		'at', OLD.at, 'kind', OLD.kind, 'level', OLD.level,
		'due_at', OLD.due_at, 'note', OLD.note,
		'updated_at', OLD.updated_at));
END;

-- The credits confirmed on a case's calls, added up, kept on the case row
-- like the figures of 004_summary (and, like them, never recorded in the
-- history: they follow the calls).
ALTER TABLE cases ADD COLUMN credited INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER calls_credited_ai AFTER INSERT ON calls
    WHEN NEW.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT total(credited) FROM calls
	    WHERE case_id = NEW.case_id) WHERE id = NEW.case_id;
END;

CREATE TRIGGER calls_credited_ad AFTER DELETE ON calls
    WHEN OLD.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT total(credited) FROM calls
	    WHERE case_id = OLD.case_id) WHERE id = OLD.case_id;
END;

CREATE TRIGGER calls_credited_au AFTER UPDATE OF credited, case_id ON calls
    WHEN OLD.credited IS NOT NEW.credited OR OLD.case_id <> NEW.case_id BEGIN
	UPDATE cases SET credited = (SELECT total(credited) FROM calls
	    WHERE case_id = cases.id) WHERE id IN (OLD.case_id, NEW.case_id);
END;
