-- Device tokens (OWASP "device cookies"): a browser or API client that has logged in as a member holds a
-- signed token naming one of these rows. Its failed logins count here, against that device only, so that
-- guessing from elsewhere (which counts against credentials.failed_logins) cannot lock the member out.
CREATE TABLE login_devices (
    id            CHAR(36)    NOT NULL,
    user_id       CHAR(36)    NOT NULL,
    failed_logins INT         NOT NULL,
    locked_until  DATETIME(6) NULL,
    created_at    DATETIME(6) NOT NULL,
    last_login_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX login_devices_user_id ON login_devices (user_id);

-- The device a login waiting for its second factor came from: its code attempts count against that device.
ALTER TABLE login_challenges ADD COLUMN device_id CHAR(36) NULL;
