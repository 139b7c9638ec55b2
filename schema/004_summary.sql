-- 004_summary: the figures every case listing shows, kept on the case row.
--
-- `open`, `ical` and `remind` showed, for each case, its number of calls,
-- its last call, the newest number, representative and promise, and all
-- its reference numbers. Each came from a subquery over the case's calls,
-- whose rows lie scattered through the table by time: about 100,000
-- random page reads for 10,000 open cases (bench/ANALYSIS.md). Triggers
-- now keep them on `cases`, so a listing reads one row per case.
--
-- These columns are derived: export leaves them out, import rebuilds them
-- through the same triggers, and `calllog doctor` checks them against the
-- calls they come from (store_admin.c).

ALTER TABLE cases ADD COLUMN ncalls INTEGER NOT NULL DEFAULT 0;
-- Calls since stage_at, which escalation policy counts (policy.c).
ALTER TABLE cases ADD COLUMN stage_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN last_call_at INTEGER;
-- Newest first by (started_at, id): the tie-break of every call listing.
ALTER TABLE cases ADD COLUMN last_number TEXT;
ALTER TABLE cases ADD COLUMN last_rep TEXT;
ALTER TABLE cases ADD COLUMN last_promise TEXT;
ALTER TABLE cases ADD COLUMN last_promised_by INTEGER;
-- Distinct reference numbers, oldest call first, joined by U+001F, a
-- control character check_line (util.c) keeps out of every reference.
ALTER TABLE cases ADD COLUMN refs TEXT;

-- What the columns should hold, computed from the calls: the triggers
-- copy from it, and `calllog doctor` compares against it. Selecting one
-- case_id from it evaluates only that case's subqueries (the view is
-- flattened into the query).
CREATE VIEW case_summary (case_id, ncalls, stage_calls, last_call_at,
    last_number, last_rep, last_promise, last_promised_by, refs) AS
SELECT c.id,
    (SELECT count(*) FROM calls k WHERE k.case_id = c.id),
    (SELECT count(*) FROM calls k
	WHERE k.case_id = c.id AND k.started_at >= c.stage_at),
    (SELECT max(started_at) FROM calls k WHERE k.case_id = c.id),
    (SELECT number FROM calls k WHERE k.case_id = c.id
	AND number IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1),
    (SELECT rep FROM calls k WHERE k.case_id = c.id
	AND rep IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1),
    (SELECT promise FROM calls k WHERE k.case_id = c.id
	AND (promise IS NOT NULL OR promised_by IS NOT NULL)
	ORDER BY started_at DESC, id DESC LIMIT 1),
    (SELECT promised_by FROM calls k WHERE k.case_id = c.id
	AND (promise IS NOT NULL OR promised_by IS NOT NULL)
	ORDER BY started_at DESC, id DESC LIMIT 1),
    (SELECT group_concat(ref, char(31)) FROM (SELECT DISTINCT r.ref
	FROM calls k JOIN call_refs r ON r.call_id = k.id
	WHERE k.case_id = c.id ORDER BY k.started_at, k.id, r.pos))
FROM cases c;

-- SQLite has no stored procedures; an INSERT into one of these views runs
-- its INSTEAD OF trigger. References change far more often than anything
-- else (one insert each), so they are refreshed on their own.
CREATE VIEW case_summary_refresh (case_id) AS SELECT NULL WHERE 0;
CREATE VIEW case_refs_refresh (case_id) AS SELECT NULL WHERE 0;

CREATE TRIGGER case_summary_refresh INSTEAD OF INSERT ON case_summary_refresh
BEGIN
	UPDATE cases SET (ncalls, stage_calls, last_call_at, last_number,
	    last_rep, last_promise, last_promised_by, refs) =
	    (SELECT ncalls, stage_calls, last_call_at, last_number, last_rep,
		last_promise, last_promised_by, refs
		FROM case_summary WHERE case_id = NEW.case_id)
	    WHERE id = NEW.case_id;
END;

CREATE TRIGGER case_refs_refresh INSTEAD OF INSERT ON case_refs_refresh
BEGIN
	UPDATE cases SET refs = (SELECT refs FROM case_summary
	    WHERE case_id = NEW.case_id)
	    WHERE id = NEW.case_id;
END;

CREATE TRIGGER calls_summary_ai AFTER INSERT ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (NEW.case_id);
END;

CREATE TRIGGER calls_summary_ad AFTER DELETE ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (OLD.case_id);
END;

-- A call moved to another case changes both.
CREATE TRIGGER calls_summary_au AFTER UPDATE OF case_id, started_at, number,
    rep, promise, promised_by ON calls BEGIN
	INSERT INTO case_summary_refresh VALUES (OLD.case_id);
	INSERT INTO case_summary_refresh
	    SELECT NEW.case_id WHERE NEW.case_id <> OLD.case_id;
END;

CREATE TRIGGER call_refs_summary_ai AFTER INSERT ON call_refs BEGIN
	INSERT INTO case_refs_refresh
	    SELECT case_id FROM calls WHERE id = NEW.call_id;
END;

CREATE TRIGGER call_refs_summary_ad AFTER DELETE ON call_refs BEGIN
	INSERT INTO case_refs_refresh
	    SELECT case_id FROM calls WHERE id = OLD.call_id;
END;

CREATE TRIGGER call_refs_summary_au AFTER UPDATE ON call_refs BEGIN
	INSERT INTO case_refs_refresh
	    SELECT case_id FROM calls WHERE id IN (OLD.call_id, NEW.call_id);
END;

-- Escalating or reopening starts a stage: its calls are counted afresh.
CREATE TRIGGER cases_stage_au AFTER UPDATE OF stage_at ON cases
    WHEN OLD.stage_at IS NOT NEW.stage_at BEGIN
	INSERT INTO case_summary_refresh VALUES (NEW.id);
END;

-- Journals from before this migration.
INSERT INTO case_summary_refresh SELECT id FROM cases;
