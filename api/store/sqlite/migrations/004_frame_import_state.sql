-- A large frame import writes its households in many short transactions so the server keeps
-- answering requests meanwhile. Until the last step the frame is pending and invisible:
-- import_heartbeat_at holds the last time the import was seen working (a crashed import's rows are
-- removed once it is stale). NULL means the frame is complete.
ALTER TABLE frames ADD COLUMN import_heartbeat_at TEXT;
CREATE INDEX frames_pending ON frames (import_heartbeat_at) WHERE import_heartbeat_at IS NOT NULL;
