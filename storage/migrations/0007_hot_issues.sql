-- Hot issues (nắm tình hình nhân dân): who follows which ticket, which tickets were merged into
-- which, and the alerts groups got about similar tickets (so a restart never repeats one).

-- Citizens told about a ticket they did not file: they chose to follow it at intake, or their
-- own ticket was merged into it.
CREATE TABLE followers (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    chat_id   INTEGER NOT NULL,
    via       TEXT NOT NULL CHECK (via IN ('intake', 'merge')),
    since     REAL NOT NULL,
    PRIMARY KEY (ticket_id, chat_id)
);
CREATE INDEX followers_chat ON followers (chat_id, since);

-- A ticket closed as a duplicate (status 'merged'), and the ticket it was merged into.
CREATE TABLE merges (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
    into_id   INTEGER NOT NULL REFERENCES tickets (id),
    at        REAL NOT NULL
);
CREATE INDEX merges_into ON merges (into_id);

-- An alert a group got about similar tickets of one ward, and the tickets it has counted. The
-- alert message is edited as more arrive; `notified` is the count the group was last notified
-- of with a message of its own.
CREATE TABLE hot_issues (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL,
    ward_code  TEXT NOT NULL,
    outbox_id  INTEGER REFERENCES outbox (id),  -- set once the alert is queued
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    notified   INTEGER NOT NULL
);
CREATE TABLE hot_issue_tickets (
    issue_id  INTEGER NOT NULL REFERENCES hot_issues (id),
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (issue_id, ticket_id)
);
CREATE INDEX hot_issue_tickets_ticket ON hot_issue_tickets (ticket_id);

-- Recent tickets of a ward: where similar ones are looked for.
CREATE INDEX tickets_ward_created ON tickets (ward_code, created_at);
