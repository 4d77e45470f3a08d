-- Failed sends someone has to deal with, counted per client (by hand: Prisma cannot express partial
-- indexes). The dashboards and the clients page count them per client; the partial indexes above
-- include 'blocked' (texts to a contact who opted out, listed in a tab of their own), so a count
-- without them had to read every row's status from the table: at 1M texts, 30,000 failures read one
-- by one, ~20 s for an agency of 50 clients. This one has exactly that predicate and the client first,
-- so each client's count is an index-only scan.
CREATE INDEX "Message_failed_to_resolve" ON "Message"("clientId") WHERE "status" IN ('failed', 'undelivered') AND "resolvedAt" IS NULL;
