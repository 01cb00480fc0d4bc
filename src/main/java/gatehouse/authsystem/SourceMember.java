package gatehouse.authsystem;

import java.time.Instant;

/**
 * One member as the original AuthSystem keeps it, joined from its {@code member} and {@code auth} databases.
 * Values are as read; {@code profiles}, {@code details} and {@code passwords} count the rows found for the
 * member in {@code profile}, {@code authenctication} and {@code password} (the original does not enforce one).
 */
record SourceMember(
        String userNo,
        String userId,
        String name,
        String nickname,
        String introduction,
        Instant joined,
        Instant updated,
        String role,
        Integer gatherAgree,
        String cellPhone,
        String birthday,
        Integer sex,
        String passwordHash,
        Instant passwordUpdated,
        int profiles,
        int details,
        int passwords) {}
