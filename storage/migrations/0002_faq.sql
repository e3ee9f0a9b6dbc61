-- The FAQ: every published version kept whole (rollback is a copy), the active one marked,
-- uploads waiting for an admin's confirmation, draft entries, and what citizens ask.

CREATE TABLE faq_versions (
    id         INTEGER PRIMARY KEY,
    created_at REAL NOT NULL,
    created_by INTEGER,
    source     TEXT NOT NULL,
    content    TEXT NOT NULL,
    entries    INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX faq_versions_one_active ON faq_versions (active) WHERE active = 1;

CREATE TABLE faq_pending (
    chat_id    INTEGER PRIMARY KEY,
    created_at REAL NOT NULL,
    source     TEXT NOT NULL,
    content    TEXT NOT NULL
);

CREATE TABLE faq_drafts (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at REAL NOT NULL
);

-- No chat or user id: what people ask is kept, who asked is not (only a resulting ticket).
CREATE TABLE faq_queries (
    id         INTEGER PRIMARY KEY,
    at         REAL NOT NULL,
    normalized TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('answer', 'suggest', 'none', 'browse')),
    entry_id   TEXT,
    score      REAL NOT NULL,
    version    INTEGER,
    feedback   TEXT,
    ticket_id  INTEGER REFERENCES tickets (id)
);
CREATE INDEX faq_queries_at ON faq_queries (at);
