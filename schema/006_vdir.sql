-- What `calllog ical --vdir` last wrote to each file of a vdir, so that a
-- change someone else made there (a calendar client, a phone through
-- vdirsyncer) is noticed and read back into the journal instead of being
-- overwritten.  A file is calllog's by its name and UID, never its PRODID,
-- which calendar clients replace when they save.
CREATE TABLE vdir_files (
	dir           TEXT NOT NULL,	-- the folder, resolved by realpath
	name          TEXT NOT NULL,	-- the file's name in it
	case_uuid     TEXT NOT NULL,	-- no foreign key: a file outlives its case
	kind          TEXT NOT NULL CHECK (kind IN ('followup', 'escalation')),
	hash          TEXT,		-- FNV-1a of the bytes written; NULL when
					-- adopted from an older calllog
	due_at        INTEGER NOT NULL,	-- the due time written
	sequence      INTEGER NOT NULL,	-- the SEQUENCE written
	level         TEXT CHECK (level IS NULL OR level IN ('supervisor',
	                  'complaint', 'regulator')),	-- escalation asked for
	dismissed_due INTEGER,		-- deleted or cancelled while due then:
					-- not written again until it moves
	PRIMARY KEY (dir, name)
) WITHOUT ROWID;
