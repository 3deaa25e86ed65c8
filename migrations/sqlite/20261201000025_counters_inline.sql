-- Nothing to do on SQLite: its counters are row triggers with their statements written out
-- already. The PostgreSQL half writes out what its statement triggers did through one shared
-- function (issue 12). Kept as a file so both databases carry the same migration numbers.
SELECT 1;
