-- 011: a call keeps the follow-up asked for on it (add --follow-up), so
-- deleting or moving a call can work its cases' next follow-up out again
-- exactly, from the calls that remain (DESIGN.md, "Correcting the
-- record"; src/case_replay.c).  NULL: none was asked for, and the policy's
-- rule (a promise's deadline, else the default wait) decides.  Calls
-- recorded before keep NULL: what they asked for was never stored.

ALTER TABLE calls ADD COLUMN follow_up_at INTEGER;

-- The history records the new column as 009 records the others.
DROP TRIGGER calls_history_ai;
DROP TRIGGER calls_history_au;
DROP TRIGGER calls_history_bd;
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
		'promise_note', NEW.promise_note,
		'follow_up_at', NEW.follow_up_at));
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
	    OR OLD.promise_note IS NOT NEW.promise_note
	    OR OLD.follow_up_at IS NOT NEW.follow_up_at) BEGIN
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
		'promise_note', OLD.promise_note,
		'follow_up_at', OLD.follow_up_at), json_object('id', NEW.id,
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
		'promise_note', NEW.promise_note,
		'follow_up_at', NEW.follow_up_at));
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
		'promise_note', OLD.promise_note,
		'follow_up_at', OLD.follow_up_at));
END;
