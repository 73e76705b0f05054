-- Nearly every inbound message updates its conversation (last message, clock state), and none of those columns is
-- indexed: with free room on the page the update is HOT and skips the table's five indexes. At the default
-- fillfactor (100) pages are full, and about half of the router's updates were not HOT
-- (docs/performance.md, "Router intake, profiled"). Applies to pages written from now on.
ALTER TABLE "conversations" SET (fillfactor = 70);
