// A relying party built on openid-client, driven by OpenIdClientTest over standard input and output:
// it prints the authorization URL, reads the callback URL that the (test's) browser was sent to, then
// exchanges the code, lets the library validate the ID token, refreshes, reads userinfo and revokes.
import * as oidc from 'openid-client';
import * as readline from 'node:readline';

const [issuer, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (object) => console.log(JSON.stringify(object));

// Plain http is only for this test against 127.0.0.1; the library refuses it otherwise.
const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined,
    { execute: [oidc.allowInsecureRequests] });
const verifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const nonce = oidc.randomNonce();
const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile phone offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
});
say({ authorizationUrl: url.href });

const callback = (await lines.next()).value;
const tokens = await oidc.authorizationCodeGrant(config, new URL(callback),
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
const claims = tokens.claims();
const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
await oidc.tokenRevocation(config, refreshed.refresh_token);
let afterRevocation;
try {
    await oidc.refreshTokenGrant(config, refreshed.refresh_token);
    afterRevocation = 'accepted';
} catch (e) {
    afterRevocation = e.error ?? String(e);
}
say({
    issuer: config.serverMetadata().issuer,
    claims,
    userinfo,
    refreshedSub: refreshed.claims()?.sub,
    refreshRotated: refreshed.refresh_token !== tokens.refresh_token,
    afterRevocation,
});
process.exit(0);
