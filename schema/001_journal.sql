-- 001_journal: the journal's data model (DESIGN.md, "Data model").
--
-- Times are UTC seconds since the epoch.  Every row a user could want on
-- another device carries a uuid and an updated_at, so calendar export and a
-- later sync never have to guess.  Enumerations are stored as their names,
-- checked here so that no writer can store a value the reader cannot show.

CREATE TABLE cases (
	id               INTEGER PRIMARY KEY,
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
	-- Bumped whenever next_followup_at moves, for iCalendar SEQUENCE.
	followup_seq     INTEGER NOT NULL DEFAULT 0,
	escalation       TEXT NOT NULL DEFAULT 'none' CHECK (escalation IN
	                     ('none', 'supervisor', 'complaint', 'regulator')),
	-- When the current escalation stage began: opening, the last escalation
	-- or the last reopening.  The policy counts days and calls from here.
	stage_at         INTEGER NOT NULL,
	resolved_at      INTEGER,
	resolution       TEXT
);

-- `open`: unresolved cases by next follow-up.
CREATE INDEX cases_open ON cases (next_followup_at)
	WHERE status <> 'resolved';
CREATE INDEX cases_org ON cases (org COLLATE NOCASE);

CREATE TABLE calls (
	id               INTEGER PRIMARY KEY,
	uuid             TEXT NOT NULL UNIQUE,
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	started_at       INTEGER NOT NULL,
	channel          TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN
	                     ('phone', 'chat', 'message', 'letter', 'in-person')),
	direction        TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN
	                     ('outbound', 'inbound')),
	number           TEXT,		-- E.164
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
	updated_at       INTEGER NOT NULL
);

-- `show` (a case's timeline) and the per-case aggregates of `open`.
CREATE INDEX calls_case ON calls (case_id, started_at);
-- `log` and `log --since`: newest first.
CREATE INDEX calls_started ON calls (started_at);

-- A call can carry several reference numbers; their order is kept.
CREATE TABLE call_refs (
	call_id          INTEGER NOT NULL REFERENCES calls (id)
	                     ON DELETE CASCADE,
	pos              INTEGER NOT NULL,
	ref              TEXT NOT NULL,
	PRIMARY KEY (call_id, pos)
) WITHOUT ROWID;

CREATE INDEX call_refs_ref ON call_refs (ref COLLATE NOCASE);

-- What happened to a case apart from calls: escalations, resolution,
-- reopening, rescheduled follow-ups.  The timeline of `show` and the
-- escalation history of a dossier come from here.
CREATE TABLE case_events (
	id               INTEGER PRIMARY KEY,
	uuid             TEXT NOT NULL UNIQUE,
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	at               INTEGER NOT NULL,
	kind             TEXT NOT NULL CHECK (kind IN ('escalate', 'resolve',
	                     'reopen', 'followup')),
	level            TEXT CHECK (level IS NULL OR level IN ('supervisor',
	                     'complaint', 'regulator')),
	due_at           INTEGER,
	note             TEXT,
	updated_at       INTEGER NOT NULL
);

CREATE INDEX case_events_case ON case_events (case_id, at);

-- The directory of numbers the person added; the shipped directory is data
-- installed beside the binary.
CREATE TABLE directory (
	id               INTEGER PRIMARY KEY,
	uuid             TEXT NOT NULL UNIQUE,
	org              TEXT NOT NULL,
	purpose          TEXT NOT NULL,
	number           TEXT NOT NULL,	-- E.164
	note             TEXT,
	updated_at       INTEGER NOT NULL,
	UNIQUE (org, purpose, number)
);

-- Short names that answer for an organization ("amex").
CREATE TABLE org_aliases (
	alias            TEXT PRIMARY KEY COLLATE NOCASE,
	org              TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO org_aliases (alias, org) VALUES
	('amex', 'American Express'),
	('axp', 'American Express');

-- Which reminder was delivered for which due time, so each is sent once;
-- a rescheduled follow-up has a new due time and so is a new reminder.
CREATE TABLE reminders_sent (
	case_id          INTEGER NOT NULL REFERENCES cases (id)
	                     ON DELETE CASCADE,
	kind             TEXT NOT NULL CHECK (kind IN ('followup', 'promise',
	                     'escalation')),
	due_at           INTEGER NOT NULL,
	sent_at          INTEGER NOT NULL,
	PRIMARY KEY (case_id, kind, due_at)
) WITHOUT ROWID;
