-- 010_attachments: files kept with a case (DESIGN.md, "Evidence").
--
-- A file's bytes live inside the journal, so backup, export and
-- `delete --purge` reach them: once per content in `blobs`, keyed by the
-- SHA-256 of the bytes, and named by any number of `attachments`.  An
-- attachment is a change like any other (the history triggers below);
-- its bytes are not copied into the history: a removed attachment's blob
-- stays while any attachment or any recorded version of one names it, so
-- undo can bring it back, and a purge (store_purge.c) drops the blobs
-- nothing names any more.

CREATE TABLE blobs (
	id               INTEGER PRIMARY KEY,
	sha256           TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64
	                     AND sha256 NOT GLOB '*[^0-9a-f]*'),
	size             INTEGER NOT NULL CHECK (size > 0),
	data             BLOB NOT NULL
);

CREATE TABLE attachments (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	uuid             TEXT NOT NULL UNIQUE,
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	call_id          INTEGER REFERENCES calls (id) ON DELETE CASCADE,
	name             TEXT NOT NULL,
	media_type       TEXT NOT NULL,
	size             INTEGER NOT NULL CHECK (size > 0),
	sha256           TEXT NOT NULL REFERENCES blobs (sha256),
	added_at         INTEGER NOT NULL,
	note             TEXT
);

CREATE INDEX attachments_case ON attachments (case_id, added_at);
CREATE INDEX attachments_call ON attachments (call_id);
CREATE INDEX attachments_sha ON attachments (sha256);

-- A call moved to another case takes its files with it.
CREATE TRIGGER attachments_follow_call AFTER UPDATE OF case_id ON calls
    WHEN OLD.case_id <> NEW.case_id BEGIN
	UPDATE attachments SET case_id = NEW.case_id WHERE call_id = NEW.id;
END;

-- change_rows' list of tables is a CHECK: rebuilt, as 009 did (the
-- legacy rename leaves the triggers that write to it alone).
PRAGMA legacy_alter_table = ON;

CREATE TABLE change_rows_new (
	id               INTEGER PRIMARY KEY,
	change_id        INTEGER NOT NULL REFERENCES changes (id)
	                     ON DELETE CASCADE,
	tbl              TEXT NOT NULL CHECK (tbl IN ('cases', 'calls',
	                     'call_refs', 'case_events', 'notes',
	                     'attachments')),
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

PRAGMA legacy_alter_table = OFF;

INSERT INTO sqlite_sequence (name, seq)
	SELECT 'attachments', 0
	WHERE 'attachments' NOT IN (SELECT name FROM sqlite_sequence);

CREATE TRIGGER attachments_history_ai AFTER INSERT ON attachments
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, new)
	VALUES ((SELECT change_id FROM change_state), 'attachments', NEW.id,
	    NULL, NEW.case_id, 'insert',
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id',
		NEW.case_id, 'call_id', NEW.call_id, 'name', NEW.name,
		'media_type', NEW.media_type, 'size', NEW.size, 'sha256',
		NEW.sha256, 'added_at', NEW.added_at, 'note', NEW.note));
END;

CREATE TRIGGER attachments_history_au AFTER UPDATE ON attachments
    WHEN (SELECT change_id FROM change_state) IS NOT 0
    AND (OLD.id IS NOT NEW.id
	    OR OLD.uuid IS NOT NEW.uuid
	    OR OLD.case_id IS NOT NEW.case_id
	    OR OLD.call_id IS NOT NEW.call_id
	    OR OLD.name IS NOT NEW.name
	    OR OLD.media_type IS NOT NEW.media_type
	    OR OLD.size IS NOT NEW.size
	    OR OLD.sha256 IS NOT NEW.sha256
	    OR OLD.added_at IS NOT NEW.added_at
	    OR OLD.note IS NOT NEW.note) BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old,
	    new)
	VALUES ((SELECT change_id FROM change_state), 'attachments', OLD.id,
	    NULL, OLD.case_id, 'update',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id',
		OLD.case_id, 'call_id', OLD.call_id, 'name', OLD.name,
		'media_type', OLD.media_type, 'size', OLD.size, 'sha256',
		OLD.sha256, 'added_at', OLD.added_at, 'note', OLD.note),
	    json_object('id', NEW.id, 'uuid', NEW.uuid, 'case_id',
		NEW.case_id, 'call_id', NEW.call_id, 'name', NEW.name,
		'media_type', NEW.media_type, 'size', NEW.size, 'sha256',
		NEW.sha256, 'added_at', NEW.added_at, 'note', NEW.note));
END;

CREATE TRIGGER attachments_history_bd BEFORE DELETE ON attachments
    WHEN (SELECT change_id FROM change_state) IS NOT 0 BEGIN
	INSERT INTO changes (at, command)
	    SELECT CAST(strftime('%s', 'now') AS INTEGER), '(outside calllog)'
	    WHERE (SELECT change_id FROM change_state) IS NULL;
	UPDATE change_state SET change_id = last_insert_rowid()
	    WHERE change_id IS NULL;
	INSERT INTO change_rows (change_id, tbl, row_id, pos, case_id, op, old)
	VALUES ((SELECT change_id FROM change_state), 'attachments', OLD.id,
	    NULL, OLD.case_id, 'delete',
	    json_object('id', OLD.id, 'uuid', OLD.uuid, 'case_id',
		OLD.case_id, 'call_id', OLD.call_id, 'name', OLD.name,
		'media_type', OLD.media_type, 'size', OLD.size, 'sha256',
		OLD.sha256, 'added_at', OLD.added_at, 'note', OLD.note));
END;
