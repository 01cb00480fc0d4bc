-- The member list's default order (newest first, the id breaking ties) straight from one index, so that a
-- page's ids are found without sorting every member (AdminDao.PAGE_OF_ALL). MariaDB's users_created_at
-- already carries the id (InnoDB appends the primary key); H2's does not.
CREATE INDEX users_created_at_id ON users (created_at, id);
