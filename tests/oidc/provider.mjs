// A real OpenID Connect provider (the npm package oidc-provider) for medflow's tests, on 127.0.0.1.
//
// Env: REDIRECT_URI (medflow's callback), CLIENT_ID, CLIENT_SECRET. For the refusal tests it can
// misbehave like a broken or hostile provider: TAMPER_CLAIMS (JSON merged into every ID token,
// re-signed with the provider's own key), BAD_SIGNATURE=1 (tampered token, signature left as it
// was), CLOCK_OFFSET (seconds added to the provider's clock) with IDTOKEN_TTL (seconds) for
// ID tokens that have expired when they arrive.
// Prints "READY <issuer>" on stdout once it listens on a free port.
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const env = process.env;
if (env.CLOCK_OFFSET) {
  const realNow = Date.now;
  Date.now = () => realNow() + Number(env.CLOCK_OFFSET) * 1000;
}
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
const tamper = env.TAMPER_CLAIMS ? JSON.parse(env.TAMPER_CLAIMS) : null;

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());

function tampered(jwt) {
  const [header, payload, signature] = jwt.split('.');
  const body = `${header}.${b64({ ...unb64(payload), ...tamper })}`;
  const resigned = crypto.sign('sha256', Buffer.from(body), privateKey).toString('base64url');
  return `${body}.${env.BAD_SIGNATURE === '1' ? signature : resigned}`;
}

function page(title, body) {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:26rem;margin:3rem auto}label,input,button{display:block;
width:100%;margin:.4rem 0;font-size:1rem}input,button{padding:.5rem}</style></head><body>${body}</body></html>`;
}

function readForm(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
  });
}

async function interaction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(page('Kommunens log-in', `<h1>Testkommunens log-in</h1>
<form method="post"><label for="login">E-mail</label><input id="login" name="login" type="email" required autofocus>
<label for="password">Adgangskode</label><input id="password" name="password" type="password" required>
<button type="submit">Log ind hos kommunen</button></form><p>Klient: ${details.params.client_id}</p>`));
    return;
  }
  const form = await readForm(req);
  await provider.interactionFinished(req, res, { login: { accountId: form.get('login') } },
    { mergeWithLastSubmission: false });
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: env.CLIENT_ID || 'medflow',
      client_secret: env.CLIENT_SECRET || 'medflow-test-secret',
      redirect_uris: [env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [signingKey] },
    ...(env.IDTOKEN_TTL ? { ttl: { IdToken: Number(env.IDTOKEN_TTL) } } : {}),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false, // like Entra ID and AD FS, put the e-mail in the ID token itself
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, i) => `/interaction/${i.uid}` },
    // A first-party application: no consent screen, the grant covers what was asked for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ')
        : 'openid email profile');
      await grant.save();
      return grant;
    },
    async findAccount(ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true, name: id }) };
    },
  });
  if (tamper) {
    const issue = provider.IdToken.prototype.issue;
    provider.IdToken.prototype.issue = async function issueTampered(options) {
      const jwt = await issue.call(this, options);
      return options?.use === 'idtoken' ? tampered(jwt) : jwt;
    };
  }
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((err) => { res.statusCode = 500; res.end(String(err)); });
    } else {
      callback(req, res);
    }
  });
  process.stdout.write(`READY ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
