-- 002_search: the full-text index behind `calllog search`.
--
-- One row per call, its rowid the call's id, holding what a person
-- remembers of it: its reference numbers, its case's title and
-- organization, the representative, department, IVR path, promise and
-- notes.  The column order is the order of the bm25() weights in
-- store_search.c.  unicode61 with remove_diacritics 2 folds case and
-- accents beyond ASCII, so "credit" finds "Crédit" and "ÉCOLE" "école".
--
-- Triggers keep the index in step with every writer (add, and any later
-- import or edit), so no C code has to remember it.  Stale rows cannot
-- show: the search joins back to calls and cases.

CREATE VIRTUAL TABLE call_search USING fts5 (
	refs, title, org, rep, department, ivr, promise, notes,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- A call's reference numbers as one text, in their recorded order.
CREATE VIEW call_search_source (id, refs, title, org, rep, department, ivr,
    promise, notes) AS
	SELECT k.id,
	    (SELECT group_concat(ref, ' ') FROM (SELECT ref FROM call_refs r
	        WHERE r.call_id = k.id ORDER BY pos)),
	    c.title, c.org, k.rep, k.department, k.ivr, k.promise, k.notes
	FROM calls k JOIN cases c ON c.id = k.case_id;

INSERT INTO call_search (rowid, refs, title, org, rep, department, ivr,
    promise, notes)
	SELECT id, refs, title, org, rep, department, ivr, promise, notes
	FROM call_search_source;

CREATE TRIGGER call_search_insert AFTER INSERT ON calls BEGIN
	INSERT INTO call_search (rowid, refs, title, org, rep, department, ivr,
	    promise, notes)
		SELECT id, refs, title, org, rep, department, ivr, promise,
		    notes
		FROM call_search_source WHERE id = new.id;
END;

-- Columns the index does not hold (durations, outcome, times) change
-- nothing in it.
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

CREATE TRIGGER call_search_ref_insert AFTER INSERT ON call_refs BEGIN
	UPDATE call_search SET refs = (SELECT refs FROM call_search_source
	    WHERE id = new.call_id) WHERE rowid = new.call_id;
END;

CREATE TRIGGER call_search_ref_update AFTER UPDATE ON call_refs BEGIN
	UPDATE call_search SET refs = (SELECT refs FROM call_search_source
	    WHERE id = old.call_id) WHERE rowid = old.call_id;
	UPDATE call_search SET refs = (SELECT refs FROM call_search_source
	    WHERE id = new.call_id) WHERE rowid = new.call_id;
END;

CREATE TRIGGER call_search_ref_delete AFTER DELETE ON call_refs BEGIN
	UPDATE call_search SET refs = (SELECT refs FROM call_search_source
	    WHERE id = old.call_id) WHERE rowid = old.call_id;
END;

-- Every update of a case names its title and org, so only a real change
-- rewrites its calls' rows.
CREATE TRIGGER call_search_case_update AFTER UPDATE OF title, org ON cases
    WHEN old.title IS NOT new.title OR old.org IS NOT new.org BEGIN
	UPDATE call_search SET title = new.title, org = new.org
	    WHERE rowid IN (SELECT id FROM calls WHERE case_id = new.id);
END;
