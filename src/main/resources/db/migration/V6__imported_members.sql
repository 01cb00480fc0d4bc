-- Members brought over from the original AuthSystem by `import-authsystem`. The row makes the import
-- idempotent (a second run finds the member here) and holds the original bcrypt hash until the member's
-- first login, when it is checked the original way, replaced by a peppered hash, and set to NULL.
-- weak_password_accepted_at: when a legacy password that falls short of today's rules was accepted; the
-- member must change it while credentials.password_changed_at is older than this.
CREATE TABLE imported_members (
    user_id                   CHAR(36)    NOT NULL,
    imported_at               DATETIME(6) NOT NULL,
    legacy_password_hash      VARCHAR(60) NULL,
    weak_password_accepted_at DATETIME(6) NULL,
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
