package gatehouse.audit;

/** The kinds of security event the audit log records. */
public enum AuditEvent {
    SIGNUP,
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    LOGOUT,
    REFRESH_REUSE,
    PASSWORD_CHANGE,
    PROFILE_UPDATE,
    ROLE_CHANGE,
    SESSIONS_REVOKED,
    ACCOUNT_DELETED,
    MEMBER_IMPORTED,
    AUTHSYSTEM_IMPORT
}
