-- Internal notes are messages that are never sent; a wrap-up stores its disposition on the conversation.
-- AlterEnum
ALTER TYPE "message_direction" ADD VALUE 'internal';

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "disposition" TEXT,
ADD COLUMN     "wrap_up_notes" TEXT;
