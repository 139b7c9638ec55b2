-- 012_sync_warned: the version of a folder's file that `calllog sync`
-- already warned of (DESIGN.md, "Sync across devices": a skipped item is
-- warned of once per version of its file, not on every run; a cron line
-- printed the same lines every few minutes).
--
-- The file is known by a hash of its name (a server's name may hold what
-- calllog does not keep), its version by the modification time, size and
-- inode it had, as sync_items tells an unchanged file.  A row goes when
-- its file no longer warns.
CREATE TABLE sync_warned (
	dir           INTEGER NOT NULL REFERENCES sync_dirs (id)
	                  ON DELETE CASCADE,
	name          TEXT NOT NULL,		-- FNV-1a of the name, in hex
	version       TEXT NOT NULL,		-- "mtime size inode"
	PRIMARY KEY (dir, name)
) WITHOUT ROWID;
