-- Web chat: the sites allowed to embed a chat inbox's widget. Empty means the server-wide CHAT_ORIGINS.
ALTER TABLE "inboxes" ADD COLUMN "allowed_origins" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
