-- 009_ledger: ids never reused, a ledger of credits, and notes
-- (DESIGN.md, "Correcting the record"; "Money and promises").
--
-- Ids: a rowid table gives a new row max(id) + 1, so deleting the newest
-- case or call handed its number to the next one, and "call 15" in a
-- dossier or a history line could later mean another call.  AUTOINCREMENT
-- keeps the highest number ever used in sqlite_sequence; an undone delete
-- writes its own id back.  It can only be declared when a table is
-- created, so cases and calls are rebuilt (store.c runs migrations with
-- foreign keys off, so the rebuild cascades nothing, and checks them
-- before it commits), with the same columns in the same order, and their
-- indexes and triggers (002 to 008) are created again as they were.  The
-- high-water mark starts past every id the history names, so a number
-- deleted before this migration is not given out again either.
--
-- Ledger: a credit may be negative (a credit reversed) but never zero, on
-- a call or on a note; the case's credited is the exact sum of both.
--
-- Notes: what the person saw or received that is not a contact (a credit
-- on a statement, a letter's arrival).  In the timeline and the history,
-- never counted as a call: the figures of 004 read calls only.

PRAGMA legacy_alter_table = ON;

CREATE TABLE cases_new (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	uuid             TEXT NOT NULL UNIQUE,
	org              TEXT NOT NULL,
	reason           TEXT NOT NULL CHECK (reason IN ('lost-card', 'billing',
	                     'account', 'activation', 'fraud', 'travel',
	                     'rewards', 'business', 'general')),
	title            TEXT,
	account          TEXT CHECK (account IS NULL OR
	                     (length(account) BETWEEN 1 AND 4
	                      AND account NOT GLOB '*[^0-9]*')),
	status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
	                     'waiting', 'escalated', 'resolved')),
	priority         TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN
	                     ('high', 'normal', 'low')),
	opened_at        INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	next_followup_at INTEGER,
	followup_seq     INTEGER NOT NULL DEFAULT 0,
	escalation       TEXT NOT NULL DEFAULT 'none' CHECK (escalation IN
	                     ('none', 'supervisor', 'complaint', 'regulator')),
	stage_at         INTEGER NOT NULL,
	resolved_at      INTEGER,
	resolution       TEXT,
	ncalls           INTEGER NOT NULL DEFAULT 0,
	stage_calls      INTEGER NOT NULL DEFAULT 0,
	last_call_at     INTEGER,
	last_number      TEXT,
	last_rep         TEXT,
	last_promise     TEXT,
	last_promised_by INTEGER,
	refs             TEXT,
	amount           INTEGER,
	currency         TEXT CHECK (currency IS NULL OR
	                     (length(currency) = 3
	                      AND currency NOT GLOB '*[^A-Z]*')),
	merchant         TEXT,
	charged_at       INTEGER,
	credited         INTEGER NOT NULL DEFAULT 0
);

INSERT INTO cases_new SELECT * FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;

CREATE TABLE calls_new (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	uuid             TEXT NOT NULL UNIQUE,
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	started_at       INTEGER NOT NULL,
	channel          TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN
	                     ('phone', 'chat', 'message', 'letter', 'in-person')),
	direction        TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN
	                     ('outbound', 'inbound')),
	number           TEXT,
	department       TEXT,
	ivr              TEXT,
	rep              TEXT,
	hold_seconds     INTEGER CHECK (hold_seconds IS NULL OR hold_seconds >= 0),
	duration_seconds INTEGER CHECK (duration_seconds IS NULL OR
	                     duration_seconds >= 0),
	outcome          TEXT CHECK (outcome IS NULL OR outcome IN ('resolved',
	                     'follow-up', 'callback', 'transferred', 'dropped',
	                     'escalated', 'info')),
	promise          TEXT,
	promised_by      INTEGER,
	notes            TEXT,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	-- Minor units; negative: a credit reversed.
	credited         INTEGER CHECK (credited IS NULL OR credited <> 0),
	promise_status   TEXT CHECK (promise_status IS NULL OR
	                     promise_status IN ('kept', 'broken', 'withdrawn')),
	promise_marked_at INTEGER,
	promise_note     TEXT
);

INSERT INTO calls_new SELECT * FROM calls;
DROP TABLE calls;
ALTER TABLE calls_new RENAME TO calls;

-- The indexes and triggers the rebuilt tables had, as 002-008 made them.
CREATE INDEX calls_case ON calls (case_id, started_at);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_promise ON calls (case_id, started_at)
	WHERE promise IS NOT NULL OR promised_by IS NOT NULL;
CREATE TRIGGER call_search_insert AFTER INSERT ON calls BEGIN
	INSERT INTO call_search (rowid, refs, title, org, rep, department, ivr,
	    promise, notes)
		SELECT id, refs, title, org, rep, department, ivr, promise,
		    notes
		FROM call_search_source WHERE id = new.id;
END;
CREATE TRIGGER call_search_update AFTER UPDATE OF id, case_id, rep,
    department, ivr, promise, notes ON calls BEGIN
	DELETE FROM call_search WHERE rowid = old.id;
	INSERT INTO call_search (rowid, refs, title, org, rep, department, ivr,
	    promise, notes)
		SELECT id, refs, title, org, rep, department, ivr, promise,
		    notes
		FROM call_search_source WHERE id = new.id;
END;
CREATE TRIGGER call_search_delete AFTER DELETE ON calls BEGIN
	DELETE FROM call_search WHERE rowid = old.id;
END;
CREATE TRIGGER calls_summary_ai AFTER INSERT ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (NEW.case_id);
END;
CREATE TRIGGER calls_summary_ad AFTER DELETE ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (OLD.case_id);
END;
CREATE TRIGGER calls_summary_au AFTER UPDATE OF case_id, started_at, number,
    rep, promise, promised_by ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (OLD.case_id);
	INSERT INTO case_summary_refresh
	    SELECT NEW.case_id WHERE NEW.case_id <> OLD.case_id;
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
CREATE INDEX cases_open ON cases (next_followup_at)
	WHERE status <> 'resolved';
CREATE INDEX cases_org ON cases (org COLLATE NOCASE);
CREATE INDEX cases_urgent ON cases
	(next_followup_at IS NULL, next_followup_at, id DESC)
	WHERE status <> 'resolved';
CREATE TRIGGER call_search_case_update AFTER UPDATE OF title, org ON cases
    WHEN old.title IS NOT new.title OR old.org IS NOT new.org BEGIN
	UPDATE call_search SET title = new.title, org = new.org
	    WHERE rowid IN (SELECT id FROM calls WHERE case_id = new.id);
END;
CREATE TRIGGER cases_stage_au AFTER UPDATE OF stage_at ON cases
    WHEN OLD.stage_at IS NOT NEW.stage_at BEGIN
	INSERT INTO case_summary_refresh VALUES (NEW.id);
END;
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

CREATE TABLE notes (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	uuid             TEXT NOT NULL UNIQUE,
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	at               INTEGER NOT NULL,	-- when it was seen or received
	text             TEXT NOT NULL,
	credited         INTEGER CHECK (credited IS NULL OR credited <> 0),
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);

CREATE INDEX notes_case ON notes (case_id, at);

-- The history covers notes: change_rows' list of tables is a CHECK, so
-- it is rebuilt too (nothing refers to it, and it has no triggers).
CREATE TABLE change_rows_new (
	id               INTEGER PRIMARY KEY,
	change_id        INTEGER NOT NULL REFERENCES changes (id)
	                     ON DELETE CASCADE,
	tbl              TEXT NOT NULL CHECK (tbl IN ('cases', 'calls',
	                     'call_refs', 'case_events', 'notes')),
	row_id           INTEGER NOT NULL,	-- call_refs: the call's id
	pos              INTEGER,		-- call_refs: the position
	case_id          INTEGER,		-- for `history ID`
	op               TEXT NOT NULL CHECK (op IN ('insert', 'update',
	                     'delete')),
	old              TEXT,			-- JSON of the stored columns
	new              TEXT
);

INSERT INTO change_rows_new SELECT * FROM change_rows;
DROP TABLE change_rows;
ALTER TABLE change_rows_new RENAME TO change_rows;

CREATE INDEX change_rows_change ON change_rows (change_id, id);
CREATE INDEX change_rows_row ON change_rows (tbl, row_id);
CREATE INDEX change_rows_case ON change_rows (case_id);

-- No number the journal ever gave out is given again.
INSERT INTO sqlite_sequence (name, seq)
	SELECT t, 0 FROM (SELECT 'cases' AS t UNION ALL SELECT 'calls'
	    UNION ALL SELECT 'notes')
	WHERE t NOT IN (SELECT name FROM sqlite_sequence);
UPDATE sqlite_sequence SET seq = max(seq,
    coalesce((SELECT max(id) FROM cases), 0),
    coalesce((SELECT max(row_id) FROM change_rows WHERE tbl = 'cases'), 0))
    WHERE name = 'cases';
UPDATE sqlite_sequence SET seq = max(seq,
    coalesce((SELECT max(id) FROM calls), 0),
    coalesce((SELECT max(row_id) FROM change_rows
	WHERE tbl IN ('calls', 'call_refs')), 0))
    WHERE name = 'calls';

-- A case's credits: its calls' and its notes', added as integers (sum()
-- fails on overflow rather than rounding).
CREATE VIEW case_credits (case_id, credited) AS
SELECT c.id, coalesce((SELECT sum(v) FROM (
	SELECT credited AS v FROM calls k
	    WHERE k.case_id = c.id AND k.credited IS NOT NULL
	UNION ALL SELECT credited FROM notes n
	    WHERE n.case_id = c.id AND n.credited IS NOT NULL)), 0)
FROM cases c;

CREATE TRIGGER calls_credited_ai AFTER INSERT ON calls
    WHEN NEW.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = NEW.case_id) WHERE id = NEW.case_id;
END;

CREATE TRIGGER calls_credited_ad AFTER DELETE ON calls
    WHEN OLD.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = OLD.case_id) WHERE id = OLD.case_id;
END;

CREATE TRIGGER calls_credited_au AFTER UPDATE OF credited, case_id ON calls
    WHEN OLD.credited IS NOT NEW.credited OR OLD.case_id <> NEW.case_id BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = cases.id) WHERE id IN (OLD.case_id, NEW.case_id);
END;

CREATE TRIGGER notes_credited_ai AFTER INSERT ON notes
    WHEN NEW.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = NEW.case_id) WHERE id = NEW.case_id;
END;

CREATE TRIGGER notes_credited_ad AFTER DELETE ON notes
    WHEN OLD.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = OLD.case_id) WHERE id = OLD.case_id;
END;

CREATE TRIGGER notes_credited_au AFTER UPDATE OF credited, case_id ON notes
    WHEN OLD.credited IS NOT NEW.credited OR OLD.case_id <> NEW.case_id BEGIN
	UPDATE cases SET credited = (SELECT credited FROM case_credits
	    WHERE case_id = cases.id) WHERE id IN (OLD.case_id, NEW.case_id);
END;

-- The refresh `calllog doctor` names for case figures that do not match
-- their calls puts the credits right too.
DROP TRIGGER case_summary_refresh;

CREATE TRIGGER case_summary_refresh INSTEAD OF INSERT ON case_summary_refresh
BEGIN
	UPDATE cases SET (ncalls, stage_calls, last_call_at, last_number,
	    last_rep, last_promise, last_promised_by, refs, credited) =
	    (SELECT s.ncalls, s.stage_calls, s.last_call_at, s.last_number,
		s.last_rep, s.last_promise, s.last_promised_by, s.refs,
		cr.credited
		FROM case_summary s JOIN case_credits cr
		ON cr.case_id = s.case_id WHERE s.case_id = NEW.case_id)
	    WHERE id = NEW.case_id;
END;

-- The history of notes, as 005_history records every other table's.
CREATE TRIGGER notes_history_ai AFTER INSERT ON notes
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'notes', NEW.id, NULL,
	    NEW.case_id, 'insert',
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id',
		NEW.case_id, 'at', NEW.at, 'text', NEW.text, 'credited',
		NEW.credited, 'created_at', NEW.created_at, 'updated_at',
		NEW.updated_at));
END;

CREATE TRIGGER notes_history_au AFTER UPDATE ON notes
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.id IS NOT NEW.id
	    OR OLD.uuid IS NOT NEW.uuid
	    OR OLD.case_id IS NOT NEW.case_id
	    OR OLD.at IS NOT NEW.at
	    OR OLD.text IS NOT NEW.text
	    OR OLD.credited IS NOT NEW.credited
	    OR OLD.created_at IS NOT NEW.created_at
	    OR OLD.updated_at IS NOT NEW.updated_at) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'notes', OLD.id, NULL,
	    OLD.case_id, 'update',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id',
		OLD.case_id, 'at', OLD.at, 'text', OLD.text, 'credited',
		OLD.credited, 'created_at', OLD.created_at, 'updated_at',
		OLD.updated_at),
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id',
		NEW.case_id, 'at', NEW.at, 'text', NEW.text, 'credited',
		NEW.credited, 'created_at', NEW.created_at, 'updated_at',
		NEW.updated_at));
END;

CREATE TRIGGER notes_history_bd BEFORE DELETE ON notes
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'notes', OLD.id, NULL,
	    OLD.case_id, 'delete',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id',
		OLD.case_id, 'at', OLD.at, 'text', OLD.text, 'credited',
		OLD.credited, 'created_at', OLD.created_at, 'updated_at',
		OLD.updated_at));
END;

PRAGMA legacy_alter_table = OFF;
