-- The profile rules count characters (code points), but H2 measures VARCHAR in UTF-16 units, so a
-- name of 50 emoji (100 units) failed to insert there. The columns are widened to twice the rule;
-- the application enforces the limits on both databases (MariaDB's utf8mb4 counts characters).
ALTER TABLE profiles MODIFY name VARCHAR(100) NOT NULL;
ALTER TABLE profiles MODIFY nickname VARCHAR(60) NOT NULL;
ALTER TABLE profiles MODIFY introduction VARCHAR(400) NULL;
