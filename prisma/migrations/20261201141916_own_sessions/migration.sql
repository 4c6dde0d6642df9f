-- Sessions of our own (app/utils/session.server.ts): the id column now holds
-- the SHA-256 of the cookie's token. Rows written by Lucia hold the raw token,
-- which would still work as a cookie if the table leaked and can't be hashed in
-- SQL on every database, so they are ended here: staff sign in once again.
DELETE FROM "Session";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "lastSeenAt" DATETIME;
