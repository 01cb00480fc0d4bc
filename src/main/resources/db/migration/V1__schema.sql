-- Gatehouse schema. Portable between H2 (MODE=MariaDB) and MariaDB: CHAR(36) UUIDs,
-- DATETIME(6) holding UTC set by the application's clock, cascading foreign keys.

-- Who a member is to the system: identity, role and the timestamps the system keeps.
CREATE TABLE users (
    id            CHAR(36)    NOT NULL,
    username      VARCHAR(20) NOT NULL,
    role          VARCHAR(10) NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    updated_at    DATETIME(6) NOT NULL,
    last_login_at DATETIME(6) NULL,
    PRIMARY KEY (id)
);
-- User names are stored lower-case, so this index is case-insensitive on both databases.
CREATE UNIQUE INDEX users_username ON users (username);
CREATE INDEX users_created_at ON users (created_at);
CREATE INDEX users_last_login_at ON users (last_login_at);

-- What a member tells about themselves (the original's sign-up fields). The rules count characters
-- (50, 30, 200) and the application enforces them; the columns are twice as wide because H2 measures
-- VARCHAR in UTF-16 units, where one emoji takes two.
CREATE TABLE profiles (
    user_id            CHAR(36)     NOT NULL,
    name               VARCHAR(100) NOT NULL,
    nickname           VARCHAR(60)  NOT NULL,
    introduction       VARCHAR(400) NULL,
    phone              VARCHAR(20)  NULL,
    birthday           DATE         NULL,
    gender             VARCHAR(11)  NOT NULL,
    privacy_consent    BOOLEAN      NOT NULL,
    privacy_consent_at DATETIME(6)  NULL,
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX profiles_name ON profiles (name);
CREATE INDEX profiles_nickname ON profiles (nickname);

-- Kept apart from the profile, as in the original: the password hash and the throttling state.
CREATE TABLE credentials (
    user_id             CHAR(36)     NOT NULL,
    password_hash       VARCHAR(100) NOT NULL,
    password_changed_at DATETIME(6)  NOT NULL,
    failed_logins       INT          NOT NULL,
    locked_until        DATETIME(6)  NULL,
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- A login session: one refresh-token family. current_hash is the only token that may rotate;
-- previous_hash may be presented again within the grace period after rotated_at.
CREATE TABLE sessions (
    id            CHAR(36)     NOT NULL,
    user_id       CHAR(36)     NOT NULL,
    current_hash  CHAR(64)     NOT NULL,
    previous_hash CHAR(64)     NULL,
    rotated_at    DATETIME(6)  NULL,
    user_agent    VARCHAR(255) NULL,
    ip            VARCHAR(45)  NULL,
    created_at    DATETIME(6)  NOT NULL,
    last_used_at  DATETIME(6)  NOT NULL,
    expires_at    DATETIME(6)  NOT NULL,
    revoked_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Every refresh token ever issued, by SHA-256 hash only, so that the reuse of a rotated one
-- can be traced to its family and the family revoked.
CREATE TABLE refresh_tokens (
    token_hash CHAR(64)    NOT NULL,
    session_id CHAR(36)    NOT NULL,
    issued_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (token_hash),
    FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);

-- The security event log. No foreign keys: events outlive the members they name.
CREATE TABLE audit_events (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at      DATETIME(6)  NOT NULL,
    type             VARCHAR(40)  NOT NULL,
    actor_id         CHAR(36)     NULL,
    actor_username   VARCHAR(20)  NULL,
    subject_id       CHAR(36)     NULL,
    subject_username VARCHAR(20)  NULL,
    ip               VARCHAR(45)  NULL,
    detail           VARCHAR(255) NULL,
    PRIMARY KEY (id)
);
CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX audit_events_subject_id ON audit_events (subject_id);
CREATE INDEX audit_events_type ON audit_events (type);
