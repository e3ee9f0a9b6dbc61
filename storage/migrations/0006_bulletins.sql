-- Law-dissemination bulletins: who opted in to what, each bulletin with its per-recipient
-- deliveries, and each ward's citizen-reception schedule and dialogue sessions.

-- A citizen's opt-in: scope 'ward' (key = ward code) or 'topic' (key = FAQ topic id). Only the
-- chat id is kept: it is all that sending needs.
CREATE TABLE subscriptions (
    scope      TEXT NOT NULL CHECK (scope IN ('ward', 'topic')),
    key        TEXT NOT NULL,
    chat_id    INTEGER NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (scope, key, chat_id)
) WITHOUT ROWID;
CREATE INDEX subscriptions_chat ON subscriptions (chat_id);

-- One bulletin. Recipients are taken from `subscriptions` in chat id order, a chunk at a time:
-- `cursor` is the last chat id queued, so a restart continues after it. The counters are
-- updated in the transactions that queue messages and record their outcomes.
CREATE TABLE bulletins (
    id                 INTEGER PRIMARY KEY,
    target_kind        TEXT NOT NULL CHECK (target_kind IN ('ward', 'province', 'topic')),
    target_key         TEXT NOT NULL,
    text               TEXT NOT NULL,
    photo              TEXT,  -- the channel's file reference of the photo, if any
    link               TEXT,
    created_by         INTEGER NOT NULL,
    admin_chat_id      INTEGER NOT NULL,
    status             TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'done')),
    planned            INTEGER NOT NULL,
    created_at         REAL NOT NULL,
    finished_at        REAL,
    cursor             INTEGER,
    fed_all            INTEGER NOT NULL DEFAULT 0,
    queued             INTEGER NOT NULL DEFAULT 0,
    sent               INTEGER NOT NULL DEFAULT 0,
    failed             INTEGER NOT NULL DEFAULT 0,
    blocked            INTEGER NOT NULL DEFAULT 0,
    progress_outbox_id INTEGER,  -- the admin's progress message, edited as sending goes on
    reported_done      INTEGER NOT NULL DEFAULT 0,
    reported_at        REAL NOT NULL
);
CREATE INDEX bulletins_sending ON bulletins (status, id);

-- One row per bulletin and recipient, written in the transaction that queues its message: the
-- primary key makes a second message to the same chat impossible, whatever happens.
CREATE TABLE bulletin_deliveries (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins (id),
    chat_id     INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'sent', 'failed', 'blocked')),
    PRIMARY KEY (bulletin_id, chat_id)
) WITHOUT ROWID;

-- Bulletin messages ride in the outbox like any other, in a low-priority lane.
ALTER TABLE outbox ADD COLUMN bulletin_id INTEGER REFERENCES bulletins (id);

-- Each ward's citizen-reception schedule (lịch tiếp công dân), as the ward words it.
CREATE TABLE reception_schedules (
    ward_code  TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    updated_by INTEGER NOT NULL,
    updated_at REAL NOT NULL
);

-- Upcoming dialogue sessions (đối thoại) between ward leaders and citizens; local time.
CREATE TABLE dialogue_sessions (
    id        INTEGER PRIMARY KEY,
    ward_code TEXT NOT NULL,
    starts_at TEXT NOT NULL,  -- 'YYYY-MM-DD HH:MM', Asia/Ho_Chi_Minh
    place     TEXT NOT NULL,
    subject   TEXT NOT NULL
);
CREATE INDEX dialogue_sessions_ward ON dialogue_sessions (ward_code, starts_at);
