-- 007_sync: what `calllog sync DIR` last agreed with each folder it keeps
-- equal to the journal (DESIGN.md, "Sync across devices").
--
-- One row per item of the folder: the file (its name, and the modification
-- time, size and inode it had when calllog last wrote or read it, so that
-- an unchanged file is never read again), the record it carries (by uuid:
-- a case, a call or a case event; no foreign key, since an item outlives
-- the record on the other side until the deletion travels), and the
-- record's fields as both sides last agreed (base: the three-way merge
-- starts from it; fp: its fingerprint, to tell a changed record without
-- reading the base).  extra is what calllog does not know in the item,
-- kept as the client wrote it so that it survives calllog's rewrites.
-- Items that are no record of calllog's (kind 'other') are remembered so
-- that they are not read again until they change.
CREATE TABLE sync_dirs (
	id            INTEGER PRIMARY KEY,
	path          TEXT NOT NULL UNIQUE	-- resolved by realpath
);

CREATE TABLE sync_items (
	dir           INTEGER NOT NULL REFERENCES sync_dirs (id)
	                  ON DELETE CASCADE,
	name          TEXT NOT NULL,		-- the file's name in the folder
	uid           TEXT NOT NULL,		-- the item's UID
	rec           TEXT,			-- the record's uuid; NULL: other
	kind          TEXT NOT NULL CHECK (kind IN ('case', 'call', 'event',
	                  'other')),
	mtime         INTEGER NOT NULL,		-- nanoseconds
	size          INTEGER NOT NULL,
	inode         INTEGER NOT NULL,
	sequence      INTEGER NOT NULL DEFAULT 0,
	fp            TEXT,			-- fingerprint of base
	base          TEXT,			-- NULL: purged, or other
	extra         TEXT,
	PRIMARY KEY (dir, name)
) WITHOUT ROWID;

CREATE UNIQUE INDEX sync_items_rec ON sync_items (dir, rec);
