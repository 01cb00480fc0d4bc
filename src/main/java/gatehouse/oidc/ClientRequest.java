package gatehouse.oidc;

import java.util.List;

/**
 * What an administrator registers: from the API's JSON or the admin page's form.
 *
 * @param type {@code confidential} or {@code public}
 * @param alwaysIssueRefreshToken issue refresh tokens even when {@code offline_access} is not asked for
 */
public record ClientRequest(String name, String type, List<String> redirectUris, List<String> postLogoutRedirectUris,
                            List<String> scopes, Boolean alwaysIssueRefreshToken) {}
