-- Routing: which chat handles which tickets, who the officers are, and what reminders went out.

-- One row per rule. '' in ward_code, category or kind means "any". Roles, most specific first:
-- 'denunciation' (tố cáo only: the designated handlers), 'category', 'kind', 'ward',
-- 'fallback' (wards nobody has bound), 'supervisor' (escalations and transfers upwards).
CREATE TABLE routes (
    id        INTEGER PRIMARY KEY,
    role      TEXT NOT NULL
              CHECK (role IN ('denunciation', 'category', 'kind', 'ward', 'fallback', 'supervisor')),
    ward_code TEXT NOT NULL DEFAULT '',
    category  TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL DEFAULT '',
    chat_id   INTEGER NOT NULL,
    thread_id INTEGER,
    forum     INTEGER NOT NULL DEFAULT 0,  -- the chat has topics: each ticket gets its own
    bound_by  INTEGER NOT NULL,
    bound_at  REAL NOT NULL,
    UNIQUE (role, ward_code, category, kind)
);
CREATE INDEX routes_chat ON routes (chat_id);

INSERT INTO routes (role, ward_code, chat_id, bound_by, bound_at)
    SELECT 'ward', ward_code, chat_id, bound_by, bound_at FROM ward_groups;

-- The chat a ticket was routed to: its card lives there and officer actions come from there.
ALTER TABLE tickets ADD COLUMN group_chat_id INTEGER;
-- Its own topic there, when that group is a forum (cleared when the topic is found deleted).
ALTER TABLE tickets ADD COLUMN thread_id INTEGER;
UPDATE tickets SET group_chat_id = (
    SELECT chat_id FROM ward_groups g WHERE g.ward_code = tickets.ward_code
);
CREATE INDEX tickets_group_status ON tickets (group_chat_id, status, due_date);
-- Who handles which tickets: the open load per officer.
CREATE INDEX tickets_handler_status ON tickets (handler_id, status);

DROP TABLE ward_groups;

-- Officers registered in a group (from inside it, so membership is evident); `left_at` is set
-- when Telegram reports that they left or were removed.
CREATE TABLE officers (
    chat_id       INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    name          TEXT NOT NULL,
    username      TEXT,
    registered_at REAL NOT NULL,
    left_at       REAL,
    PRIMARY KEY (chat_id, user_id)
);

-- Reminders already sent, so a restart neither loses nor repeats one.
CREATE TABLE escalations (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    level     INTEGER NOT NULL,
    at        REAL NOT NULL,
    PRIMARY KEY (ticket_id, level)
);
CREATE TABLE digests (
    chat_id INTEGER NOT NULL,
    day     TEXT NOT NULL,
    at      REAL NOT NULL,
    PRIMARY KEY (chat_id, day)
);
