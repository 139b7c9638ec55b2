-- 003_speed: indexes the benchmark (bench/) found missing at 100,000
-- cases and 1,000,000 calls.

-- `search`: a reference number typed without its dashes or spaces is
-- looked up as replace(replace(ref, '-', ''), ' ', '') (store_search.c);
-- without this index every search read all of call_refs.
CREATE INDEX call_refs_bare ON call_refs
	(replace(replace(ref, '-', ''), ' ', '') COLLATE NOCASE);

-- The newest call of a case with a promise (CASE_COLUMNS in
-- store_case.c): a quarter of calls have one, so this reads one index
-- entry instead of every call of the case.
CREATE INDEX calls_promise ON calls (case_id, started_at)
	WHERE promise IS NOT NULL OR promised_by IS NOT NULL;

-- `open`: unresolved cases in the order they are listed, so that
-- `open --limit N` reads N cases, not all of them and a sort.
CREATE INDEX cases_urgent ON cases
	(next_followup_at IS NULL, next_followup_at, id DESC)
	WHERE status <> 'resolved';
