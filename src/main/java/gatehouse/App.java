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
import gatehouse.web.Paths;
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
        var account = new AccountController(services.accounts(), services.sessionLists(), pages, cookies, clock,
                services.deviceNames());
        var settings = new SettingsController(services.accounts(), pages, cookies);
        var operator = new OperatorEndpoints(services, pages);
        var admin = new AdminController(services.members(), services.auditDao(), pages, clock);
        var memberDetail = new MemberDetailController(services.members(), services.accounts(), services.secondFactors(),
                services.sessionLists(), services.auditDao(), services.deviceNames(), pages, clock);

        // OpenID Connect provider: other applications log members in through Gatehouse.
        String issuer = config.server().publicUrl();
        var discovery = new DiscoveryController(issuer, services.keys().algorithm().getName());
        var authorize = new AuthorizeController(services.clients(), services.grants(), services.oidcDao(),
                services.sessionDao(), services.refreshTokens(), cookies, pages, services.audit(), clock, issuer);
        var oidcToken = new TokenController(services.grants(), services.oidcTokens(), services.clients(), clock, issuer);
        var userInfo = new UserInfoController(services.oidcTokens(), services.sessionValidity(), services.grants(),
                services.accounts());
        var oidcLogout = new LogoutController(services.oidcTokens(), services.clients(), services.accounts(), cookies, pages);
        var loginFormTarget = new LoginFormTarget(services.clients());
        var clientPages = new ClientPagesController(services.clients(), pages);
        var applications = new ApplicationsController(services.oidcDao(), services.refreshTokens(), services.audit(), pages, clock);

        // The JSON API: a second front end over the same services.
        var jsonBody = new JsonBody(json);
        var apiErrors = new ApiErrors(errors, pages);
        var apiAuth = new ApiAuthController(services.accounts(), services.twoStepLogin(), services.refreshTokens(), services.renewal(),
                services.accessTokens(), jsonBody);
        var apiMe = new ApiMeController(services.accounts(), services.sessionLists(), jsonBody, clock);
        var apiAdmin = new ApiAdminController(services.members(), jsonBody);
        var apiClients = new ApiClientsController(services.clients(), jsonBody);
        var openApi = new OpenApiController();
        var cors = new Cors(config.server().corsOrigins());

        // The pages and the API of one action draw on one bucket per client IP.
        var rateLimits = new RateLimits(Map.of(
                Paths.LOGIN, "login", Paths.API_LOGIN, "login",
                Paths.LOGIN_SECOND_FACTOR, "login", Paths.API_LOGIN_SECOND_FACTOR, "login",
                Paths.SIGNUP, "signup", Paths.API_SIGNUP, "signup",
                Paths.API_REFRESH, "refresh"),
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

            routes.get(Paths.HEALTH, system::health, ANONYMOUS);
            routes.get(Paths.READY, system::ready, ANONYMOUS);
            routes.get(Paths.JWKS, system::jwks, ANONYMOUS);
            routes.get(Paths.FAVICON, system::favicon, ANONYMOUS);
            routes.post(Paths.LANGUAGE, system::switchLanguage, ANONYMOUS);

            routes.get(Paths.HOME, account::home, ANONYMOUS);
            routes.get(Paths.SIGNUP, account::showSignup, ANONYMOUS);
            routes.post(Paths.SIGNUP, account::signup, ANONYMOUS);
            routes.get(Paths.LOGIN, login::showPassword, ANONYMOUS);
            routes.post(Paths.LOGIN, login::submitPassword, ANONYMOUS);
            routes.post(Paths.LOGOUT, account::logout, MEMBER);
            routes.get(Paths.ME, account::showMe, MEMBER);
            routes.get(Paths.LOGIN_SECOND_FACTOR, login::showSecondFactor, ANONYMOUS);
            routes.post(Paths.LOGIN_SECOND_FACTOR, login::submitSecondFactor, ANONYMOUS);
            routes.get(Paths.SECOND_FACTOR, secondFactorSettings::show, MEMBER);
            routes.post(Paths.SECOND_FACTOR, secondFactorSettings::activate, MEMBER);
            routes.post(Paths.DISABLE_SECOND_FACTOR, secondFactorSettings::disable, MEMBER);
            routes.post(Paths.RECOVERY_CODES, secondFactorSettings::renewRecoveryCodes, MEMBER);

            routes.get(Paths.SETTINGS, settings::showEdit, MEMBER);
            routes.post(Paths.SETTINGS, settings::edit, MEMBER);
            routes.post(Paths.PASSWORD, settings::changePassword, MEMBER);
            routes.post(Paths.REVOKE_SESSION, settings::revokeSession, MEMBER);
            routes.post(Paths.REVOKE_OTHER_SESSIONS, settings::revokeOthers, MEMBER);
            routes.post(Paths.DELETE_ACCOUNT, settings::deleteAccount, MEMBER);

            routes.get(Paths.ADMIN_USERS, admin::listUsers, ADMIN);
            routes.get(Paths.ADMIN_MEMBER, memberDetail::show, ADMIN);
            routes.get(Paths.ADMIN_DELETE, admin::confirmDelete, ADMIN);
            routes.post(Paths.ADMIN_DELETE, admin::delete, ADMIN);
            routes.post(Paths.ADMIN_ROLE, admin::changeRole, ADMIN);
            routes.post(Paths.ADMIN_UNLOCK, admin::unlock, ADMIN);
            routes.post(Paths.ADMIN_REVOKE_SESSIONS, admin::revokeSessions, ADMIN);
            routes.get(Paths.ADMIN_AUDIT, admin::auditLog, ADMIN);
            routes.get(Paths.ADMIN_CLIENTS, clientPages::list, ADMIN);
            routes.post(Paths.ADMIN_CLIENTS, clientPages::register, ADMIN);
            routes.post(Paths.ADMIN_CLIENT_SECRET, clientPages::rotateSecret, ADMIN);
            routes.post(Paths.ADMIN_CLIENT_DELETE, clientPages::delete, ADMIN);
            routes.get(Paths.APPLICATIONS, applications::list, MEMBER);
            routes.post(Paths.WITHDRAW_APPLICATION, applications::withdraw, MEMBER);

            routes.get(Paths.OIDC_DISCOVERY, discovery::show, ANONYMOUS);
            routes.get(Paths.OIDC_AUTHORIZE, authorize::authorize, ANONYMOUS);
            routes.post(Paths.OIDC_CONSENT, authorize::consent, MEMBER);
            routes.post(Paths.OIDC_TOKEN, oidcToken::token, ANONYMOUS);
            routes.post(Paths.OIDC_REVOKE, oidcToken::revoke, ANONYMOUS);
            routes.post(Paths.OIDC_INTROSPECT, oidcToken::introspect, ANONYMOUS);
            routes.get(Paths.OIDC_USERINFO, userInfo::show, ANONYMOUS);
            routes.post(Paths.OIDC_USERINFO, userInfo::show, ANONYMOUS);
            routes.get(Paths.OIDC_LOGOUT, oidcLogout::request, ANONYMOUS);
            routes.post(Paths.OIDC_LOGOUT, oidcLogout::confirm, ANONYMOUS);
            routes.post(Paths.ADMIN_RESET_SECOND_FACTOR, secondFactorAdmin::reset, ADMIN);

            routes.get(Paths.OPENAPI, openApi::show, ANONYMOUS);
            routes.post(Paths.API_SIGNUP, apiAuth::signup, ANONYMOUS);
            routes.post(Paths.API_LOGIN, apiAuth::login, ANONYMOUS);
            routes.post(Paths.API_LOGIN_SECOND_FACTOR, apiAuth::loginSecondFactor, ANONYMOUS);
            routes.post(Paths.API_REFRESH, apiAuth::refresh, ANONYMOUS);
            routes.post(Paths.API_LOGOUT, apiAuth::logout, ANONYMOUS);
            routes.get(Paths.API_ME, apiMe::show, MEMBER);
            routes.patch(Paths.API_ME, apiMe::update, MEMBER);
            routes.delete(Paths.API_ME, apiMe::delete, MEMBER);
            routes.get(Paths.API_SESSIONS, apiMe::sessions, MEMBER);
            routes.delete(Paths.API_SESSION, apiMe::endSession, MEMBER);
            routes.get(Paths.API_USERS, apiAdmin::list, ADMIN);
            routes.get(Paths.API_USER, apiAdmin::show, ADMIN);
            routes.delete(Paths.API_USER, apiAdmin::delete, ADMIN);
            routes.put(Paths.API_USER_ROLE, apiAdmin::changeRole, ADMIN);
            routes.post(Paths.API_CLIENTS, apiClients::register, ADMIN);
            routes.get(Paths.API_CLIENTS, apiClients::list, ADMIN);
            routes.get(Paths.API_CLIENT, apiClients::show, ADMIN);
            routes.delete(Paths.API_CLIENT, apiClients::delete, ADMIN);
            routes.post(Paths.API_CLIENT_SECRET, apiClients::rotateSecret, ADMIN);
        });
    }
}
