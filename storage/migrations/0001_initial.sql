-- Core schema: durable inbox/outbox, tickets with an append-only history, intake drafts.

-- Every update Telegram delivered, stored before it is confirmed. The payload is cleared once handled
-- (privacy: keep only what the workflow needs); the id stays so a repeat delivery is dropped.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    payload     TEXT,
    received_at REAL NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX inbox_pending ON inbox (status, update_id);

CREATE TABLE ward_groups (
    ward_code TEXT PRIMARY KEY,
    chat_id   INTEGER NOT NULL,
    bound_by  INTEGER NOT NULL,
    bound_at  REAL NOT NULL
);
CREATE INDEX ward_groups_chat ON ward_groups (chat_id);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    source_key      TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    ward_code       TEXT NOT NULL,
    category        TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          TEXT NOT NULL,
    citizen_chat_id INTEGER NOT NULL,
    contact_name    TEXT,
    contact_phone   TEXT,
    contact_address TEXT,
    created_at      REAL NOT NULL,
    updated_at      REAL NOT NULL,
    due_date        TEXT NOT NULL,
    handler_id      INTEGER,
    handler_name    TEXT,
    reopened        INTEGER NOT NULL DEFAULT 0,
    rating          TEXT
);
CREATE INDEX tickets_citizen ON tickets (citizen_chat_id, created_at);
CREATE INDEX tickets_ward_status ON tickets (ward_code, status, due_date);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    kind        TEXT NOT NULL,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    caption     TEXT
);
CREATE INDEX attachments_ticket ON attachments (ticket_id);

CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    at         REAL NOT NULL,
    actor      TEXT NOT NULL CHECK (actor IN ('citizen', 'officer', 'admin', 'system')),
    actor_id   INTEGER,
    actor_name TEXT,
    action     TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;

-- Which chat message belongs to which ticket, and what a reply to it means.
CREATE TABLE message_links (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    purpose    TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX message_links_ticket ON message_links (ticket_id, purpose);

-- One conversation state per chat: an intake draft or a pending question (e.g. a reason).
CREATE TABLE chat_states (
    chat_id    INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    state      TEXT NOT NULL,
    data       TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX chat_states_age ON chat_states (updated_at);

-- Every message the bot owes someone, written in the same transaction as the change that caused it.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    method      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    ticket_id   INTEGER REFERENCES tickets (id),
    link        TEXT,
    on_success  TEXT,
    on_failure  TEXT,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  REAL NOT NULL,
    created_at  REAL NOT NULL,
    sent_at     REAL,
    message_id  INTEGER,
    error       TEXT,
    -- Set while a call is in flight. Still set after a crash means Telegram may or may not have
    -- the message (the Bot API has no idempotency key): it is sent again and flagged ambiguous.
    sending_at  REAL,
    ambiguous   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (status, chat_id, id);
