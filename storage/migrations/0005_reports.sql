-- Period reports: one row of facts per ticket kept by triggers, the working-day calendar, a
-- pseudonym for FAQ askers (distinct citizens reached), and files the outbox sends.

-- Days are local days in Vietnam, numbered from 1970-01-01: unix time + 25200 s (UTC+7;
-- Asia/Ho_Chi_Minh has had no daylight saving since 1975), divided by 86400.
-- working_days.n counts the working days from a fixed origin up to and including `day`, so the
-- working days from receipt to an answer are n(answer day) - n(receipt day). The bot fills it
-- from its WorkingCalendar (holidays, Tết, local days off); a day missing from it leaves the
-- figure NULL until the next report fills it in.
CREATE TABLE working_days (
    day INTEGER PRIMARY KEY,
    n   INTEGER NOT NULL
);

-- What a report counts, per ticket, as of now. Each outcome is stored as the day it happened
-- (NULL: not happened), so "as of the end of the period" is one comparison per figure. Reopening
-- clears the outcome; a later outcome replaces it. Rows are clustered by month of receipt and
-- ward, and a covering index orders what reports add up by month, kind and field, so a report
-- that reads facts reads only its period and groups by ward, and by kind and field, without
-- sorting (a report on whole months for all wards reads the monthly totals further down).
-- The packed columns serve reports on tickets whose outcomes all happened by the end of the
-- period (`settled_day` at the latest), nearly all of them: pairs of 0/1 figures (and of
-- working-day sums) in one integer, low 32 bits and high 32 bits, so one SUM adds two figures;
-- a period's sums stay far below 2^31 per figure. (Plain columns kept by a trigger rather than
-- generated ones, because SQLite reads generated columns from the table, not from an index.)
CREATE TABLE report_facts (
    created_month  INTEGER NOT NULL,  -- YYYYMM of receipt
    kind           TEXT NOT NULL,
    origin_ward    TEXT NOT NULL,     -- the ward it was filed with (a transfer changes the ticket's)
    category       TEXT NOT NULL,
    created_day    INTEGER NOT NULL,
    ticket_id      INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
    due_day        INTEGER NOT NULL,
    reply_day      INTEGER,           -- first answered, resolved or declined
    reply_wd       INTEGER,           -- working days from receipt to that first reply
    resolved_day   INTEGER,
    declined_day   INTEGER,
    close_wd       INTEGER,           -- working days from receipt to resolution (resolved only)
    ontime_day     INTEGER,           -- closing day, when on or before the due day
    late_day       INTEGER,           -- closing day, when after it
    closed_due_day INTEGER,           -- MAX(closing day, due day + 1): closed and past due by then
    transfer_day   INTEGER,           -- first transfer (to another ward or upwards)
    rated_day      INTEGER,
    satisfied_day  INTEGER,
    -- Kept by report_facts_pack from the columns above:
    settled_day    INTEGER NOT NULL DEFAULT 0,  -- the last of the outcome days
    resolved_declined   INTEGER NOT NULL DEFAULT 0,
    ontime_late         INTEGER NOT NULL DEFAULT 0,
    transferred_replied INTEGER NOT NULL DEFAULT 0,
    rated_satisfied     INTEGER NOT NULL DEFAULT 0,
    counted        INTEGER NOT NULL DEFAULT 0,  -- replies, resolutions with working days counted
    working_days   INTEGER NOT NULL DEFAULT 0,  -- working days to reply, to resolution
    open_due_day   INTEGER,                     -- the due day while neither resolved nor declined
    PRIMARY KEY (created_month, origin_ward, kind, category, created_day, ticket_id)
) WITHOUT ROWID;
CREATE INDEX report_facts_fields ON report_facts (created_month, kind, category, settled_day,
    resolved_declined, ontime_late, transferred_replied, rated_satisfied, counted, working_days,
    open_due_day);
-- Tickets with an outcome after a report's period: the few a report counts one by one.
CREATE INDEX report_facts_settled ON report_facts (settled_day);
-- Facts whose working days are still to count (a day the calendar did not hold yet): few, so a
-- report fills them in without reading the others.
CREATE INDEX report_facts_uncounted ON report_facts (ticket_id)
WHERE (reply_day IS NOT NULL AND reply_wd IS NULL)
   OR (resolved_day IS NOT NULL AND close_wd IS NULL);

CREATE TRIGGER report_facts_ticket AFTER INSERT ON tickets
BEGIN
    INSERT INTO report_facts (created_month, kind, origin_ward, category, created_day, ticket_id,
                              due_day, open_due_day)
    VALUES (CAST(strftime('%Y%m', NEW.created_at + 25200, 'unixepoch') AS INTEGER), NEW.kind,
            NEW.ward_code, NEW.category, CAST((NEW.created_at + 25200) / 86400 AS INTEGER), NEW.id,
            CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER),
            CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER));
END;

CREATE TRIGGER report_facts_pack AFTER UPDATE OF due_day, reply_day, reply_wd, resolved_day,
    declined_day, close_wd, ontime_day, late_day, transfer_day, rated_day, satisfied_day
    ON report_facts
BEGIN
    UPDATE report_facts SET
        settled_day = max(coalesce(NEW.reply_day, 0), coalesce(NEW.resolved_day, 0),
            coalesce(NEW.declined_day, 0), coalesce(NEW.transfer_day, 0),
            coalesce(NEW.rated_day, 0)),
        resolved_declined = (NEW.resolved_day IS NOT NULL)
            | ((NEW.declined_day IS NOT NULL) << 32),
        ontime_late = (NEW.ontime_day IS NOT NULL) | ((NEW.late_day IS NOT NULL) << 32),
        transferred_replied = (NEW.transfer_day IS NOT NULL)
            | ((NEW.reply_day IS NOT NULL) << 32),
        rated_satisfied = (NEW.rated_day IS NOT NULL) | ((NEW.satisfied_day IS NOT NULL) << 32),
        counted = (NEW.reply_wd IS NOT NULL)
            | ((NEW.close_wd IS NOT NULL AND NEW.resolved_day IS NOT NULL) << 32),
        working_days = coalesce(NEW.reply_wd, 0)
            | (coalesce(CASE WHEN NEW.resolved_day IS NOT NULL THEN NEW.close_wd END, 0) << 32),
        open_due_day = CASE WHEN NEW.resolved_day IS NULL AND NEW.declined_day IS NULL
            THEN NEW.due_day END
    WHERE ticket_id = NEW.ticket_id;
END;

CREATE TRIGGER report_facts_due AFTER UPDATE OF due_date ON tickets
BEGIN
    UPDATE report_facts SET
        due_day = CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER),
        ontime_day = CASE WHEN coalesce(resolved_day, declined_day)
            <= CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER)
            THEN coalesce(resolved_day, declined_day) END,
        late_day = CASE WHEN coalesce(resolved_day, declined_day)
            > CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER)
            THEN coalesce(resolved_day, declined_day) END,
        closed_due_day = max(coalesce(resolved_day, declined_day),
            CAST(julianday(NEW.due_date) - 2440587.5 AS INTEGER) + 1)
    WHERE ticket_id = NEW.id;
END;

CREATE TRIGGER report_facts_rating AFTER UPDATE OF rating ON tickets
BEGIN
    UPDATE report_facts SET
        rated_day = CASE WHEN NEW.rating IS NOT NULL
            THEN CAST((NEW.updated_at + 25200) / 86400 AS INTEGER) END,
        satisfied_day = CASE WHEN NEW.rating = 'satisfied'
            THEN CAST((NEW.updated_at + 25200) / 86400 AS INTEGER) END
    WHERE ticket_id = NEW.id;
END;

CREATE TRIGGER report_facts_reply AFTER INSERT ON ticket_events
WHEN NEW.action IN ('answered', 'resolved', 'declined')
BEGIN
    UPDATE report_facts SET
        reply_day = CAST((NEW.at + 25200) / 86400 AS INTEGER),
        reply_wd = (SELECT n FROM working_days
                    WHERE day = CAST((NEW.at + 25200) / 86400 AS INTEGER))
                 - (SELECT n FROM working_days WHERE day = report_facts.created_day)
    WHERE ticket_id = NEW.ticket_id AND reply_day IS NULL;
END;

CREATE TRIGGER report_facts_closed AFTER INSERT ON ticket_events
WHEN NEW.action IN ('resolved', 'declined')
BEGIN
    UPDATE report_facts SET
        resolved_day = CASE WHEN NEW.action = 'resolved'
            THEN CAST((NEW.at + 25200) / 86400 AS INTEGER) END,
        declined_day = CASE WHEN NEW.action = 'declined'
            THEN CAST((NEW.at + 25200) / 86400 AS INTEGER) END,
        close_wd = CASE WHEN NEW.action = 'resolved' THEN
            (SELECT n FROM working_days WHERE day = CAST((NEW.at + 25200) / 86400 AS INTEGER))
            - (SELECT n FROM working_days WHERE day = report_facts.created_day) END,
        ontime_day = CASE WHEN CAST((NEW.at + 25200) / 86400 AS INTEGER) <= due_day
            THEN CAST((NEW.at + 25200) / 86400 AS INTEGER) END,
        late_day = CASE WHEN CAST((NEW.at + 25200) / 86400 AS INTEGER) > due_day
            THEN CAST((NEW.at + 25200) / 86400 AS INTEGER) END,
        closed_due_day = max(CAST((NEW.at + 25200) / 86400 AS INTEGER), due_day + 1)
    WHERE ticket_id = NEW.ticket_id;
END;

CREATE TRIGGER report_facts_reopened AFTER INSERT ON ticket_events
WHEN NEW.action = 'reopened'
BEGIN
    UPDATE report_facts SET resolved_day = NULL, declined_day = NULL, close_wd = NULL,
        ontime_day = NULL, late_day = NULL, closed_due_day = NULL
    WHERE ticket_id = NEW.ticket_id;
END;

CREATE TRIGGER report_facts_transferred AFTER INSERT ON ticket_events
WHEN NEW.action = 'transferred'
BEGIN
    UPDATE report_facts SET transfer_day = CAST((NEW.at + 25200) / 86400 AS INTEGER)
    WHERE ticket_id = NEW.ticket_id AND transfer_day IS NULL;
END;

-- The packed figures added up per month of receipt, by ward and by kind and field, kept by
-- triggers as facts change: a report on whole months reads these few rows, then corrects them
-- for the tickets with an outcome after its cut-off day and counts the overdue ones.
CREATE TABLE report_ward_months (
    created_month       INTEGER NOT NULL,
    origin_ward         TEXT NOT NULL,
    n                   INTEGER NOT NULL DEFAULT 0,
    resolved_declined   INTEGER NOT NULL DEFAULT 0,
    ontime_late         INTEGER NOT NULL DEFAULT 0,
    transferred_replied INTEGER NOT NULL DEFAULT 0,
    rated_satisfied     INTEGER NOT NULL DEFAULT 0,
    counted             INTEGER NOT NULL DEFAULT 0,
    working_days        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (created_month, origin_ward)
) WITHOUT ROWID;
CREATE TABLE report_field_months (
    created_month       INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    category            TEXT NOT NULL,
    n                   INTEGER NOT NULL DEFAULT 0,
    resolved_declined   INTEGER NOT NULL DEFAULT 0,
    ontime_late         INTEGER NOT NULL DEFAULT 0,
    transferred_replied INTEGER NOT NULL DEFAULT 0,
    rated_satisfied     INTEGER NOT NULL DEFAULT 0,
    counted             INTEGER NOT NULL DEFAULT 0,
    working_days        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (created_month, kind, category)
) WITHOUT ROWID;
-- Open tickets by month and due day: the overdue ones a report on whole months counts.
CREATE INDEX report_facts_open_wards ON report_facts (created_month, origin_ward, open_due_day,
    settled_day) WHERE open_due_day IS NOT NULL;
CREATE INDEX report_facts_open_fields ON report_facts (created_month, kind, category,
    open_due_day, settled_day) WHERE open_due_day IS NOT NULL;

CREATE TRIGGER report_months_new AFTER INSERT ON report_facts
BEGIN
    INSERT INTO report_ward_months (created_month, origin_ward, n)
    VALUES (NEW.created_month, NEW.origin_ward, 1)
    ON CONFLICT (created_month, origin_ward) DO UPDATE SET n = n + 1;
    INSERT INTO report_field_months (created_month, kind, category, n)
    VALUES (NEW.created_month, NEW.kind, NEW.category, 1)
    ON CONFLICT (created_month, kind, category) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_months_changed AFTER UPDATE OF resolved_declined, ontime_late,
    transferred_replied, rated_satisfied, counted, working_days ON report_facts
BEGIN
    UPDATE report_ward_months SET
        resolved_declined = resolved_declined + NEW.resolved_declined - OLD.resolved_declined,
        ontime_late = ontime_late + NEW.ontime_late - OLD.ontime_late,
        transferred_replied = transferred_replied + NEW.transferred_replied
            - OLD.transferred_replied,
        rated_satisfied = rated_satisfied + NEW.rated_satisfied - OLD.rated_satisfied,
        counted = counted + NEW.counted - OLD.counted,
        working_days = working_days + NEW.working_days - OLD.working_days
    WHERE created_month = NEW.created_month AND origin_ward = NEW.origin_ward;
    UPDATE report_field_months SET
        resolved_declined = resolved_declined + NEW.resolved_declined - OLD.resolved_declined,
        ontime_late = ontime_late + NEW.ontime_late - OLD.ontime_late,
        transferred_replied = transferred_replied + NEW.transferred_replied
            - OLD.transferred_replied,
        rated_satisfied = rated_satisfied + NEW.rated_satisfied - OLD.rated_satisfied,
        counted = counted + NEW.counted - OLD.counted,
        working_days = working_days + NEW.working_days - OLD.working_days
    WHERE created_month = NEW.created_month AND kind = NEW.kind AND category = NEW.category;
END;

-- Tickets filed before this migration: their facts from their history. The ward they were
-- filed with is not recorded for those transferred before now; their current ward stands in.
INSERT INTO report_facts (created_month, kind, origin_ward, category, created_day, ticket_id,
                          due_day, open_due_day)
SELECT CAST(strftime('%Y%m', created_at + 25200, 'unixepoch') AS INTEGER), kind, ward_code,
       category, CAST((created_at + 25200) / 86400 AS INTEGER), id,
       CAST(julianday(due_date) - 2440587.5 AS INTEGER),
       CAST(julianday(due_date) - 2440587.5 AS INTEGER)
FROM tickets;
UPDATE report_facts SET reply_day = (
    SELECT CAST((MIN(at) + 25200) / 86400 AS INTEGER) FROM ticket_events e
    WHERE e.ticket_id = report_facts.ticket_id AND e.action IN ('answered', 'resolved', 'declined')
), transfer_day = (
    SELECT CAST((MIN(at) + 25200) / 86400 AS INTEGER) FROM ticket_events e
    WHERE e.ticket_id = report_facts.ticket_id AND e.action = 'transferred'
);
UPDATE report_facts SET
    resolved_day = CASE WHEN t.status = 'resolved' THEN t.closed END,
    declined_day = CASE WHEN t.status = 'declined' THEN t.closed END,
    ontime_day = CASE WHEN t.closed <= report_facts.due_day THEN t.closed END,
    late_day = CASE WHEN t.closed > report_facts.due_day THEN t.closed END,
    closed_due_day = max(t.closed, report_facts.due_day + 1),
    rated_day = t.rated, satisfied_day = CASE WHEN t.rating = 'satisfied' THEN t.rated END
FROM (
    SELECT tickets.id, tickets.status, tickets.rating,
           (SELECT CAST((MAX(at) + 25200) / 86400 AS INTEGER) FROM ticket_events e
            WHERE e.ticket_id = tickets.id AND e.action = tickets.status) AS closed,
           CASE WHEN tickets.rating IS NOT NULL THEN
               (SELECT CAST((MAX(at) + 25200) / 86400 AS INTEGER) FROM ticket_events e
                WHERE e.ticket_id = tickets.id AND e.action = 'rated') END AS rated
    FROM tickets
) AS t
WHERE t.id = report_facts.ticket_id;

-- FAQ askers as a keyed hash of their chat, so a report can count distinct citizens reached
-- without the log saying who asked. The key never leaves this database: pseudonymous, not
-- anonymous (whoever holds the database and a chat id can test it).
CREATE TABLE pseudonym_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);
INSERT INTO pseudonym_key (id, key) VALUES (1, randomblob(32));
-- 64 bits of the hash: enough to count a million askers without a collision in practice.
ALTER TABLE faq_queries ADD COLUMN asker INTEGER;
-- What a report counts about the FAQ, read from the index alone.
CREATE INDEX faq_queries_report ON faq_queries (at, decision, feedback, entry_id, asker);

-- The FAQ log counted per local day by what decides a report's figures (a missing entry or
-- feedback is ''), kept by triggers: a report adds up days, not questions.
CREATE TABLE faq_daily (
    day      INTEGER NOT NULL,
    decision TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    feedback TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (day, decision, entry_id, feedback)
) WITHOUT ROWID;
INSERT INTO faq_daily (day, decision, entry_id, feedback, n)
SELECT CAST((at + 25200) / 86400 AS INTEGER), decision, coalesce(entry_id, ''),
       coalesce(feedback, ''), COUNT(*)
FROM faq_queries GROUP BY 1, 2, 3, 4;

CREATE TRIGGER faq_daily_new AFTER INSERT ON faq_queries
BEGIN
    INSERT INTO faq_daily (day, decision, entry_id, feedback, n)
    VALUES (CAST((NEW.at + 25200) / 86400 AS INTEGER), NEW.decision,
            coalesce(NEW.entry_id, ''), coalesce(NEW.feedback, ''), 1)
    ON CONFLICT (day, decision, entry_id, feedback) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER faq_daily_feedback AFTER UPDATE OF feedback ON faq_queries
BEGIN
    UPDATE faq_daily SET n = n - 1
    WHERE day = CAST((OLD.at + 25200) / 86400 AS INTEGER) AND decision = OLD.decision
      AND entry_id = coalesce(OLD.entry_id, '') AND feedback = coalesce(OLD.feedback, '');
    INSERT INTO faq_daily (day, decision, entry_id, feedback, n)
    VALUES (CAST((NEW.at + 25200) / 86400 AS INTEGER), NEW.decision,
            coalesce(NEW.entry_id, ''), coalesce(NEW.feedback, ''), 1)
    ON CONFLICT (day, decision, entry_id, feedback) DO UPDATE SET n = n + 1;
END;

-- Files the outbox sends (a report's chart, its workbook), kept with the call until it is done.
CREATE TABLE outbox_files (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id),
    filename  TEXT NOT NULL,
    data      BLOB NOT NULL
);
