-- Failed sends someone has to deal with, counted per client (by hand: Prisma cannot express partial
-- indexes). The dashboards and the clients page count them per client; the partial indexes above
-- include 'blocked' (texts to a contact who opted out, listed in a tab of their own), so a count
-- without them had to read every row's status from the table: at 1M texts, 30,000 failures read one
-- by one, ~20 s for an agency of 50 clients. This one has exactly that predicate and the client first,
-- so each client's count is an index-only scan.
CREATE INDEX "Message_failed_to_resolve" ON "Message"("clientId") WHERE "status" IN ('failed', 'undelivered') AND "resolvedAt" IS NULL;

-- One client's failed sends, newest first (the Failed sends page), read from the index alone: with
-- the row's id in the index, the planner no longer prefers the agency index (createdAt DESC), which it
-- costs as cheap when time and table order correlate but which reads every client's failures and
-- filters out the others' (10,000 rows, 0.4–1.6 s, for one client's 200 at 1M texts; now under 1 ms).
DROP INDEX "Message_failed_unresolved";
CREATE INDEX "Message_failed_unresolved" ON "Message"("clientId", "createdAt" DESC) INCLUDE ("id") WHERE "status" IN ('failed', 'undelivered', 'blocked') AND "resolvedAt" IS NULL;
