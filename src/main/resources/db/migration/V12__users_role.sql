-- The administrators straight from an index: every start asks whether one exists (the setup link) and the
-- last-administrator rule locks them; without it both read every member.
CREATE INDEX users_role ON users (role);
