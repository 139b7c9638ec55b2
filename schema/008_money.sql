-- 008_money: a case's credits added up exactly (DESIGN.md, "Money and
-- promises": sums are exact integers).
--
-- 005_history summed the calls' credits with total(), which adds in
-- floating point: past 2^53 minor units a cent is lost.  sum() over
-- integers adds in 64-bit integers and fails with "integer overflow"
-- instead of rounding, so the command that would overflow changes
-- nothing.  The doors refuse an amount above MONEY_MAX (money.h), so an
-- honest journal never comes near it.  A case without credits has 0.

DROP TRIGGER calls_credited_ai;
DROP TRIGGER calls_credited_ad;
DROP TRIGGER calls_credited_au;

CREATE TRIGGER calls_credited_ai AFTER INSERT ON calls
    WHEN NEW.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = coalesce((SELECT sum(credited) FROM calls
	    WHERE case_id = NEW.case_id), 0) WHERE id = NEW.case_id;
END;

CREATE TRIGGER calls_credited_ad AFTER DELETE ON calls
    WHEN OLD.credited IS NOT NULL BEGIN
	UPDATE cases SET credited = coalesce((SELECT sum(credited) FROM calls
	    WHERE case_id = OLD.case_id), 0) WHERE id = OLD.case_id;
END;

CREATE TRIGGER calls_credited_au AFTER UPDATE OF credited, case_id ON calls
    WHEN OLD.credited IS NOT NEW.credited OR OLD.case_id <> NEW.case_id BEGIN
	UPDATE cases SET credited = coalesce((SELECT sum(credited) FROM calls
	    WHERE case_id = cases.id), 0) WHERE id IN (OLD.case_id,
	    NEW.case_id);
END;

-- The sums total() rounded, added again exactly, where they cannot
-- overflow (no credit above the sum's limit shared by their count); a case
-- whose credits (written before the doors held them) could, keeps its
-- figure, so that the journal still opens.
UPDATE cases SET credited = coalesce((SELECT sum(credited) FROM calls
    WHERE case_id = cases.id), 0)
    WHERE (SELECT coalesce(max(credited), 0) <= 9000000000000000000 /
	max(count(credited), 1) FROM calls WHERE case_id = cases.id);
