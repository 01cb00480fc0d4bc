-- Members brought over from the original AuthSystem by `import-authsystem`.

-- Which members were imported, so that a second run skips them. No foreign key, like audit_events: the
-- row outlives a member who deletes their account, so a later run does not bring the account back.
-- weak_password_accepted_at: when a legacy password that falls short of today's rules was accepted; the
-- member must change it while credentials.password_changed_at is older than this.
CREATE TABLE imported_members (
    user_id                   CHAR(36)    NOT NULL,
    imported_at               DATETIME(6) NOT NULL,
    weak_password_accepted_at DATETIME(6) NULL,
    PRIMARY KEY (user_id)
);

-- The original's bcrypt hash (prefix read as $2a$), until the member's first login checks it and
-- replaces it with a peppered hash in credentials; the row is deleted then, and with the member.
CREATE TABLE legacy_credentials (
    user_id       CHAR(36)    NOT NULL,
    password_hash VARCHAR(60) NOT NULL,
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
