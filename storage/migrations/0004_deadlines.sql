-- Legal clocks (content/deadlines.toml). A ticket's first clock runs from the day its current
-- ward received it; for kinds with a second clock (khiếu nại, tố cáo) acceptance (thụ lý) starts
-- that one. due_date stays the end of the clock running now, so queues and reminders read it
-- directly; complex cases and extensions are in ticket_events, with their reasons.

-- The local date (Asia/Ho_Chi_Minh, UTC+7 all year) the current ward received the ticket: the
-- filing day, or the day it was transferred in.
ALTER TABLE tickets ADD COLUMN received_on TEXT NOT NULL DEFAULT '';
UPDATE tickets SET received_on = date(created_at, 'unixepoch', '+7 hours');
-- The local date of acceptance (thụ lý); NULL until then.
ALTER TABLE tickets ADD COLUMN accepted_on TEXT;
-- Marked a complex case (khiếu nại: 45 days instead of 30).
ALTER TABLE tickets ADD COLUMN is_complex INTEGER NOT NULL DEFAULT 0 CHECK (is_complex IN (0, 1));
-- Extensions granted on the clock running now (tố cáo: at most 2 of 30 days).
ALTER TABLE tickets ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions >= 0);
