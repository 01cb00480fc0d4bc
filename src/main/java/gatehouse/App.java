package gatehouse;

import static gatehouse.domain.Role.ADMIN;
import static gatehouse.domain.Role.ANONYMOUS;
import static gatehouse.domain.Role.MEMBER;

import com.fasterxml.jackson.databind.ObjectMapper;
import gatehouse.account.AccountController;
import gatehouse.account.SettingsController;
import gatehouse.admin.AdminController;
import gatehouse.admin.MemberDetailController;
import gatehouse.api.ApiAdminController;
import gatehouse.api.ApiAuthController;
import gatehouse.api.ApiClientsController;
import gatehouse.api.ApiErrors;
import gatehouse.api.ApiMeController;
import gatehouse.api.Cors;
import gatehouse.api.JsonBody;
import gatehouse.api.OpenApiController;
import gatehouse.config.Config;
import gatehouse.oidc.ApplicationsController;
import gatehouse.oidc.AuthorizeController;
import gatehouse.oidc.ClientPagesController;
import gatehouse.oidc.DiscoveryController;
import gatehouse.oidc.LoginFormTarget;
import gatehouse.oidc.LogoutController;
import gatehouse.oidc.TokenController;
import gatehouse.oidc.UserInfoController;
import gatehouse.secondfactor.AdminSecondFactorGate;
import gatehouse.admin.SecondFactorAdminController;
import gatehouse.secondfactor.SecondFactorController;
import gatehouse.login.LoginController;
import gatehouse.web.AccessLog;
import gatehouse.web.Auth;
import gatehouse.web.ClientAddress;
import gatehouse.web.Cookies;
import gatehouse.web.Csrf;
import gatehouse.web.Errors;
import gatehouse.web.Json;
import gatehouse.web.Languages;
import gatehouse.web.Pages;
import gatehouse.web.RateLimits;
import gatehouse.web.RequestIds;
import gatehouse.web.SecurityHeaders;
import gatehouse.web.SystemController;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** Builds the Javalin application from its parts; the one route table, each route with its role. */
public final class App {

    private App() {}

    /** The server over {@code services}: builds only the web layer (controllers, before-handlers, routes). */
    public static Javalin create(Services services) {
        Config config = services.config();
        Clock clock = services.clock();
        ObjectMapper json = Json.mapper();
        var client = new ClientAddress(config.server().trustedProxies());
        var cookies = new Cookies(clock, config.auth().deviceTokenLife());
        var auth = new Auth(services.accessTokens(), services.renewal(), services.sessionValidity(), cookies);
        var csrf = new Csrf(services.pepper(), cookies, TokenController.CLIENT_ENDPOINTS);
        var pages = new Pages(new Languages(), csrf);
        var errors = new Errors(pages, json, cookies);
        var accessLog = new AccessLog();

        var system = new SystemController(services.database(), services.keys(), cookies);
        boolean adminNeedsSecondFactor = config.auth().adminSecondFactorRequired();
        var login = new LoginController(services.twoStepLogin(), services.accessTokens(), pages, cookies);
        var secondFactorSettings = new SecondFactorController(services.secondFactors(), services.accounts(),
                services.refreshTokens(), services.accessTokens(), pages, cookies, adminNeedsSecondFactor);
        var secondFactorAdmin = new SecondFactorAdminController(services.secondFactors());
        var adminGate = new AdminSecondFactorGate(adminNeedsSecondFactor);
        var account = new AccountController(services.accounts(), services.sessionListDao(), pages, cookies, clock,
                services.deviceNames());
        var settings = new SettingsController(services.accounts(), pages, cookies);
        var operator = new OperatorEndpoints(services, pages);
        var admin = new AdminController(services.members(), services.auditDao(), pages, clock);
        var memberDetail = new MemberDetailController(services.members(), services.accounts(), services.secondFactors(),
                services.sessionDao(), services.auditDao(), services.deviceNames(), pages, clock);
        services.deviceNames().warmUpInBackground();

        // OpenID Connect provider: other applications log members in through Gatehouse.
        var jdbi = services.database().jdbi();
        String issuer = config.server().publicUrl();
        var discovery = new DiscoveryController(issuer, services.keys().algorithm().getName());
        var authorize = new AuthorizeController(services.clients(), services.grants(), jdbi, services.refreshTokens(),
                cookies, pages, services.audit(), clock, issuer);
        var oidcToken = new TokenController(services.grants(), services.oidcTokens(), services.clients(), clock, issuer);
        var userInfo = new UserInfoController(services.oidcTokens(), services.sessionValidity(), services.grants(),
                services.accounts());
        var oidcLogout = new LogoutController(services.oidcTokens(), services.clients(), services.accounts(), cookies, pages);
        var loginFormTarget = new LoginFormTarget(services.clients());
        var clientPages = new ClientPagesController(services.clients(), pages);
        var applications = new ApplicationsController(jdbi, services.sessionValidity(), services.audit(), pages, clock);

        // The JSON API: a second front end over the same services.
        var jsonBody = new JsonBody(json);
        var apiErrors = new ApiErrors(errors, pages);
        var apiAuth = new ApiAuthController(services.accounts(), services.twoStepLogin(), services.refreshTokens(), services.renewal(),
                services.accessTokens(), jsonBody);
        var apiMe = new ApiMeController(services.accounts(), services.sessionDao(), jsonBody, clock);
        var apiAdmin = new ApiAdminController(services.members(), jsonBody);
        var apiClients = new ApiClientsController(services.clients(), jsonBody);
        var openApi = new OpenApiController();
        var cors = new Cors(config.server().corsOrigins());

        // The pages and the API of one action draw on one bucket per client IP.
        var rateLimits = new RateLimits(Map.of(
                AccountController.LOGIN, "login", ApiAuthController.LOGIN, "login",
                LoginController.SECOND_FACTOR, "login", ApiAuthController.LOGIN_SECOND_FACTOR, "login",
                AccountController.SIGNUP, "signup", ApiAuthController.SIGNUP, "signup",
                ApiAuthController.REFRESH, "refresh"),
                config.server().rateLimitBurst(), config.server().rateLimitPerMinute(), clock);

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = 64 * 1024;
            // On SIGTERM, refuse new connections but let requests in flight finish (for up to 20 s); idle
            // keep-alive connections are closed after 200 ms instead of Jetty's 1 s, which every stop waited for.
            cfg.jetty.modifyServer(server -> {
                var graceful = new GracefulHandler();
                graceful.setShutdownIdleTimeout(200);
                server.insertHandler(graceful);
                server.setStopTimeout(Duration.ofSeconds(20).toMillis());
            });
            cfg.contextResolver.ip = client::ip;
            cfg.contextResolver.scheme = client::scheme;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(ANONYMOUS);
            });
            cfg.requestLogger.http((ctx, ms) -> {
                operator.recordRequest(ctx, ms);
                accessLog.request(RequestIds.of(ctx), ctx.method().name(), ctx.path(), ctx.statusCode(),
                        Math.round(ms), ctx.ip());
            });

            var routes = cfg.routes;
            routes.before(ctx -> {
                RequestIds.assign(ctx);
                SecurityHeaders.apply(ctx);
                cors.handle(ctx);
                loginFormTarget.apply(ctx);
            });
            // Each step stops the request by throwing, or by answering it and skipping the later handlers.
            routes.beforeMatched(rateLimits::check);
            routes.beforeMatched(auth::authenticate);
            routes.beforeMatched(adminGate::check);
            routes.beforeMatched(csrf::check);
            errors.register(routes);
            apiErrors.register(routes);
            operator.register(cfg);

            routes.get("/health", system::health, ANONYMOUS);
            routes.get("/ready", system::ready, ANONYMOUS);
            routes.get("/.well-known/jwks.json", system::jwks, ANONYMOUS);
            routes.get("/favicon.ico", system::favicon, ANONYMOUS);
            routes.post("/lang", system::switchLanguage, ANONYMOUS);

            routes.get("/", account::home, ANONYMOUS);
            routes.get(AccountController.SIGNUP, account::showSignup, ANONYMOUS);
            routes.post(AccountController.SIGNUP, account::signup, ANONYMOUS);
            routes.get(AccountController.LOGIN, login::showPassword, ANONYMOUS);
            routes.post(AccountController.LOGIN, login::submitPassword, ANONYMOUS);
            routes.post(AccountController.LOGOUT, account::logout, MEMBER);
            routes.get(AccountController.ME, account::showMe, MEMBER);
            routes.get(LoginController.SECOND_FACTOR, login::showSecondFactor, ANONYMOUS);
            routes.post(LoginController.SECOND_FACTOR, login::submitSecondFactor, ANONYMOUS);
            routes.get(SecondFactorController.PATH, secondFactorSettings::show, MEMBER);
            routes.post(SecondFactorController.PATH, secondFactorSettings::activate, MEMBER);
            routes.post(SecondFactorController.DISABLE, secondFactorSettings::disable, MEMBER);
            routes.post(SecondFactorController.RECOVERY_CODES, secondFactorSettings::renewRecoveryCodes, MEMBER);

            routes.get(SettingsController.EDIT, settings::showEdit, MEMBER);
            routes.post(SettingsController.EDIT, settings::edit, MEMBER);
            routes.post(SettingsController.PASSWORD, settings::changePassword, MEMBER);
            routes.post(SettingsController.REVOKE_SESSION, settings::revokeSession, MEMBER);
            routes.post(SettingsController.REVOKE_OTHERS, settings::revokeOthers, MEMBER);
            routes.post(SettingsController.DELETE, settings::deleteAccount, MEMBER);

            routes.get(AdminController.USERS, admin::listUsers, ADMIN);
            routes.get(MemberDetailController.PATH, memberDetail::show, ADMIN);
            routes.get(AdminController.DELETE, admin::confirmDelete, ADMIN);
            routes.post(AdminController.DELETE, admin::delete, ADMIN);
            routes.post(AdminController.ROLE, admin::changeRole, ADMIN);
            routes.post(AdminController.UNLOCK, admin::unlock, ADMIN);
            routes.post(AdminController.REVOKE_SESSIONS, admin::revokeSessions, ADMIN);
            routes.get(AdminController.AUDIT, admin::auditLog, ADMIN);
            routes.get(ClientPagesController.CLIENTS, clientPages::list, ADMIN);
            routes.post(ClientPagesController.CLIENTS, clientPages::register, ADMIN);
            routes.post(ClientPagesController.SECRET, clientPages::rotateSecret, ADMIN);
            routes.post(ClientPagesController.DELETE, clientPages::delete, ADMIN);
            routes.get(ApplicationsController.APPLICATIONS, applications::list, MEMBER);
            routes.post(ApplicationsController.WITHDRAW, applications::withdraw, MEMBER);

            routes.get(DiscoveryController.PATH, discovery::show, ANONYMOUS);
            routes.get(AuthorizeController.AUTHORIZE, authorize::authorize, ANONYMOUS);
            routes.post(AuthorizeController.CONSENT, authorize::consent, MEMBER);
            routes.post(TokenController.TOKEN, oidcToken::token, ANONYMOUS);
            routes.post(TokenController.REVOKE, oidcToken::revoke, ANONYMOUS);
            routes.post(TokenController.INTROSPECT, oidcToken::introspect, ANONYMOUS);
            routes.get(UserInfoController.USERINFO, userInfo::show, ANONYMOUS);
            routes.post(UserInfoController.USERINFO, userInfo::show, ANONYMOUS);
            routes.get(LogoutController.LOGOUT, oidcLogout::request, ANONYMOUS);
            routes.post(LogoutController.LOGOUT, oidcLogout::confirm, ANONYMOUS);
            routes.post(SecondFactorAdminController.RESET, secondFactorAdmin::reset, ADMIN);

            routes.get(OpenApiController.PATH, openApi::show, ANONYMOUS);
            routes.post(ApiAuthController.SIGNUP, apiAuth::signup, ANONYMOUS);
            routes.post(ApiAuthController.LOGIN, apiAuth::login, ANONYMOUS);
            routes.post(ApiAuthController.LOGIN_SECOND_FACTOR, apiAuth::loginSecondFactor, ANONYMOUS);
            routes.post(ApiAuthController.REFRESH, apiAuth::refresh, ANONYMOUS);
            routes.post(ApiAuthController.LOGOUT, apiAuth::logout, ANONYMOUS);
            routes.get(ApiMeController.ME, apiMe::show, MEMBER);
            routes.patch(ApiMeController.ME, apiMe::update, MEMBER);
            routes.delete(ApiMeController.ME, apiMe::delete, MEMBER);
            routes.get(ApiMeController.SESSIONS, apiMe::sessions, MEMBER);
            routes.delete(ApiMeController.SESSION, apiMe::endSession, MEMBER);
            routes.get(ApiAdminController.USERS, apiAdmin::list, ADMIN);
            routes.get(ApiAdminController.USER, apiAdmin::show, ADMIN);
            routes.delete(ApiAdminController.USER, apiAdmin::delete, ADMIN);
            routes.put(ApiAdminController.ROLE, apiAdmin::changeRole, ADMIN);
            routes.post(ApiClientsController.CLIENTS, apiClients::register, ADMIN);
            routes.get(ApiClientsController.CLIENTS, apiClients::list, ADMIN);
            routes.get(ApiClientsController.CLIENT, apiClients::show, ADMIN);
            routes.delete(ApiClientsController.CLIENT, apiClients::delete, ADMIN);
            routes.post(ApiClientsController.SECRET, apiClients::rotateSecret, ADMIN);
        });
    }
}
