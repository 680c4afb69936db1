#!/usr/bin/env node
// Writes a seeded secret-detection corpus and its labels.
//
//   node test-fixtures/secrets/generate.mjs [OUT_DIR]
//
// OUT_DIR defaults to test-fixtures/secrets/corpus (next to this script). The output is the
// same on every run: all values come from a small seeded PRNG, never from Math.random. Secret
// values are built at run time in the documented shape of each credential (prefix, length,
// alphabet); this file holds only prefixes, so it contains no credential-shaped literal.
// labels.json lists every planted secret (by pattern id of crates/drift-analysis/src/security/
// packs/secrets.toml) and every decoy, with exact 1-based line numbers.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SEED = 20240611;

// ------------------------------------------------------------------------------------ PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (n) => Math.floor(rand() * n);

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const B64URL = ALNUM + "_-";
const B32 = UPPER + "234567";
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const DJANGO = LOWER + DIGITS + "!@#$%^&*(-_=+)";
const URI_SAFE = ALNUM + "-_~";
const PUNCT_PW = ALNUM + "!#^*-_+=@~";
const WP_SALT = ALNUM + "!@#$%^&*()-_ []{}<>~+=,.;:/?|";

function str(alphabet, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
  return s;
}
function entropy(s) {
  const counts = new Map();
  for (const c of s) counts.set(c, (counts.get(c) || 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}
// A random string that has a digit and at least `minH` bits of entropy per character.
function strong(alphabet, n, minH = 3.5, first = ALNUM) {
  for (;;) {
    const s = first[int(first.length)] + str(alphabet, n - 1);
    if (/[0-9]/.test(s) && entropy(s) >= minH) return s;
  }
}
const hex = (n) => str(HEX, n);
const digits = (n) => String(1 + int(9)) + str(DIGITS, n - 1);
const bytes = (n) => Buffer.from(Array.from({ length: n }, () => int(256)));
const b64 = (n) => str(B64, n);
const b64url = (text) => Buffer.from(text).toString("base64url");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(4)]}${hex(3)}-${hex(12)}`;
const pw = (n = 18) => strong(URI_SAFE, n, 3.5);
function punctuated(n) {
  for (;;) {
    const v = strong(PUNCT_PW, n, 4.0);
    if (/[!#^*_@~-]/.test(v)) return v;
  }
}
function jwt(payload) {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  return `${head}.${b64url(JSON.stringify(payload))}.${bytes(32).toString("base64url")}`;
}
function pemBody(lines) {
  const out = [];
  for (let i = 0; i < lines; i++) out.push(str(B64, 64));
  out.push(str(B64, 20 + int(40)) + "==");
  return out;
}

// ------------------------------------------------------------------ values per pattern id
const G = {
  "aws-access-key-id": () => "AKIA" + str(B32, 16),
  "aws-secret-access-key": () => b64(40),
  "aws-session-token": () => "IQoJb3JpZ2luX2Vj" + b64(340) + "==",
  "azure-storage-account-key": () => b64(86) + "==",
  "azure-sas-token": () =>
    (b64(43) + "=").replace(/[+/=]/g, (c) => ({ "+": "%2B", "/": "%2F", "=": "%3D" })[c]),
  "azure-cosmosdb-key": () => b64(86) + "==",
  "azure-service-bus-key": () => b64(43) + "=",
  "azure-ad-client-secret": () => strong(ALNUM, 3, 0) + int(10) + "Q~" + strong(ALNUM + "_~.-", 34, 3.5),
  "gcp-service-account-key": () => hex(40),
  "google-api-key": () => "AIzaSy" + str(B64URL, 33),
  "google-oauth-client-secret": () => "GOCSPX-" + str(B64URL, 28),
  "digitalocean-token": () => "dop_v1_" + hex(64),
  "alibaba-access-key-id": () => "LTAI5t" + str(ALNUM, 18),
  "ibm-cloud-api-key": () => str(B64URL, 44),
  "oracle-cloud-auth-token": () => strong(ALNUM + "()<>[]{}#;:+-_.", 20, 3.8),
  "tencent-cloud-secret-id": () => "AKID" + str(ALNUM, 32),
  "scaleway-secret-key": uuid,
  "linode-api-token": () => hex(64),
  "vultr-api-key": () => str(UPPER + DIGITS, 36),
  "heroku-api-key": uuid,
  "cloudflare-api-token": () => str(B64URL, 40),
  "cloudflare-global-api-key": () => hex(37),
  "fastly-api-token": () => str(B64URL, 32),
  "netlify-access-token": () => "nfp_" + str(ALNUM, 36),
  "vercel-token": () => str(ALNUM, 24),
  "databricks-token": () => "dapi" + hex(32),
  "github-pat": () => "ghp_" + str(ALNUM, 36),
  "github-token": () => "gho_" + str(ALNUM, 36),
  "github-fine-grained-pat": () => "github_pat_11" + str(UPPER + DIGITS, 20) + "_" + str(ALNUM, 59),
  "gitlab-pat": () => "glpat-" + str(B64URL, 20),
  "gitlab-deploy-token": () => "gldt-" + str(B64URL, 20),
  "gitlab-runner-token": () => "glrt-" + str(B64URL, 20),
  "bitbucket-app-password": () => "ATBB" + str(ALNUM, 32),
  "atlassian-api-token": () => "ATATT3xFfGF0" + str(B64URL, 170) + "=" + hex(8).toUpperCase(),
  "stripe-live-secret-key": () => "sk_live_51" + str(ALNUM, 97),
  "stripe-restricted-key": () => "rk_live_51" + str(ALNUM, 97),
  "stripe-publishable-key": () => "pk_live_51" + str(ALNUM, 97),
  "stripe-test-secret-key": () => "sk_test_51" + str(ALNUM, 97),
  "stripe-webhook-secret": () => "whsec_" + str(ALNUM, 32),
  "square-access-token": () => "EAAA" + str(B64URL, 60),
  "square-oauth-secret": () => "sq0csp-" + str(B64URL, 43),
  "braintree-access-token": () => `access_token$production$${str(LOWER + DIGITS, 16)}$${hex(32)}`,
  "adyen-api-key": () => "AQE" + b64(140) + "=",
  "razorpay-key-id": () => "rzp_live_" + str(ALNUM, 14),
  "shopify-access-token": () => "shpat_" + hex(32),
  "shopify-shared-secret": () => "shpss_" + hex(32),
  "coinbase-api-secret": () => b64(64),
  "plaid-secret": () => hex(30),
  "npm-access-token": () => "npm_" + str(ALNUM, 36),
  "pypi-upload-token": () => "pypi-AgEIcHlwaS5vcmc" + str(B64URL, 160),
  "nuget-api-key": () => "oy2" + str(LOWER + DIGITS, 43),
  "rubygems-api-key": () => "rubygems_" + hex(48),
  "dockerhub-pat": () => "dckr_pat_" + str(B64URL, 27),
  "crates-io-api-token": () => "cio" + str(ALNUM, 32),
  "artifactory-api-key": () => "AKCp" + str(ALNUM, 69),
  "packagist-token": () => "packagist_ort_" + str(ALNUM, 68),
  "postgres-uri": pw,
  "mysql-uri": pw,
  "mongodb-uri": pw,
  "redis-uri": pw,
  "amqp-uri": pw,
  "mssql-uri": pw,
  "jdbc-password": pw,
  "adonet-connection-string": pw,
  "snowflake-credential": pw,
  "private-key-rsa": () => "RSA PRIVATE KEY",
  "private-key-ec": () => "EC PRIVATE KEY",
  "private-key-dsa": () => "DSA PRIVATE KEY",
  "private-key-openssh": () => "OPENSSH PRIVATE KEY",
  "private-key-pgp": () => "PGP PRIVATE KEY BLOCK",
  "private-key-pkcs8": () => "PRIVATE KEY",
  "private-key-encrypted": () => "ENCRYPTED PRIVATE KEY",
  "private-key-putty": () => "ssh-ed25519",
  "age-secret-key": () => "AGE-SECRET-KEY-1" + str(BECH32, 58),
  "slack-bot-token": () => `xoxb-${digits(12)}-${digits(13)}-${str(ALNUM, 24)}`,
  "slack-user-token": () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`,
  "slack-app-token": () => `xapp-1-A${str(UPPER + DIGITS, 10)}-${digits(13)}-${hex(64)}`,
  "slack-webhook-url": () =>
    `https://hooks.slack.com/services/T${str(UPPER + DIGITS, 10)}/B${str(UPPER + DIGITS, 10)}/${str(ALNUM, 24)}`,
  "discord-bot-token": () =>
    `${Buffer.from(digits(18)).toString("base64")}.${str(B64URL, 6)}.${str(B64URL, 38)}`,
  "discord-webhook-url": () => `https://discord.com/api/webhooks/${digits(19)}/${str(B64URL, 68)}`,
  "telegram-bot-token": () => `${digits(10)}:AA${str(B64URL, 33)}`,
  "twilio-api-key": () => "SK" + hex(32),
  "twilio-auth-token": () => hex(32),
  "sendgrid-api-key": () => `SG.${str(B64URL, 22)}.${str(B64URL, 43)}`,
  "mailgun-api-key": () => "key-" + hex(32),
  "mailchimp-api-key": () => `${hex(32)}-us${1 + int(20)}`,
  "postmark-server-token": uuid,
  "microsoft-teams-webhook": () =>
    `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${hex(32)}/${uuid()}`,
  "zulip-api-key": () => str(ALNUM, 32),
  "intercom-access-token": () => Buffer.from(`tok:${uuid()}:1:0`).toString("base64"),
  jwt: () => jwt({ sub: `svc-${digits(6)}`, iss: "https://auth.acme.io", iat: 1717000000 + int(1e6) }),
  "bearer-token-header": () => strong(ALNUM, 40, 4.0),
  "url-basic-auth": pw,
  "oauth-client-secret": () => strong(HEX, 40, 3.5),
  "okta-api-token": () => "00" + str(B64URL, 40),
  "auth0-client-secret": () => str(B64URL, 64),
  "supabase-service-role-key": () =>
    jwt({ iss: "supabase", ref: str(LOWER, 20), role: "service_role", iat: 1700000000, exp: 2015000000 }),
  "supabase-access-token": () => "sbp_" + hex(40),
  "clerk-secret-key": () => "sk_live_" + str(ALNUM, 48),
  "firebase-cloud-messaging-key": () => `AAAA${str(B64URL, 7)}:APA91b${str(B64URL, 134)}`,
  "openai-api-key": () => `sk-${str(ALNUM, 20)}T3BlbkFJ${str(ALNUM, 20)}`,
  "openai-project-key": () => "sk-proj-" + str(B64URL, 156),
  "anthropic-api-key": () => "sk-ant-api03-" + str(B64URL, 93) + "AA",
  "huggingface-token": () => "hf_" + str(UPPER + LOWER, 34),
  "cohere-api-key": () => str(ALNUM, 40),
  "replicate-api-token": () => "r8_" + str(ALNUM, 37),
  "groq-api-key": () => "gsk_" + str(ALNUM, 52),
  "perplexity-api-key": () => "pplx-" + str(ALNUM, 48),
  "mistral-api-key": () => str(ALNUM, 32),
  "pinecone-api-key": () => `pcsk_${str(ALNUM, 5)}_${str(ALNUM, 63)}`,
  "algolia-admin-key": () => hex(32),
  "mapbox-secret-token": () =>
    `sk.${b64url(JSON.stringify({ u: "acme-maps", a: str(LOWER + DIGITS, 25) }))}.${str(B64URL, 22)}`,
  "sentry-dsn": () => hex(32),
  "sentry-auth-token": () =>
    "sntrys_" + b64url(JSON.stringify({ iat: 1717000000, url: "https://sentry.io", org: "acme" })) + "_" + str(B64URL, 43),
  "datadog-api-key": () => hex(32),
  "newrelic-api-key": () => "NRAK-" + str(UPPER + DIGITS, 27),
  "grafana-token": () => `glsa_${str(ALNUM, 32)}_${hex(8)}`,
  "honeycomb-api-key": () => str(ALNUM, 32),
  "pagerduty-api-key": () => "u+" + str(B64URL, 18),
  "linear-api-key": () => "lin_api_" + str(ALNUM, 40),
  "notion-token": () => `ntn_${digits(11)}${str(ALNUM, 35)}`,
  "airtable-pat": () => `pat${str(ALNUM, 14)}.${hex(64)}`,
  "asana-pat": () => `2/${digits(16)}/${digits(16)}:${hex(32)}`,
  "figma-pat": () => "figd_" + str(B64URL, 40),
  "dropbox-token": () => "sl." + str(B64URL, 138),
  "box-developer-token": () => str(ALNUM, 32),
  "contentful-pat": () => "CFPAT-" + str(B64URL, 43),
  "sanity-token": () => "sk" + str(ALNUM, 170),
  "typeform-pat": () => "tfp_" + str(B64URL, 44) + "_" + str(ALNUM, 14),
  "postman-api-key": () => `PMAK-${hex(24)}-${hex(34)}`,
  "shippo-api-token": () => "shippo_live_" + hex(40),
  "easypost-api-key": () => "EZAK" + str(ALNUM, 54),
  "twitch-oauth-token": () => str(LOWER + DIGITS, 30),
  "twitter-bearer-token": () =>
    "A".repeat(21) + str(ALNUM, 20) + "%2B" + str(ALNUM, 30) + "%3D" + str(ALNUM, 40),
  "facebook-access-token": () => "EAACEdEose0cBA" + str(ALNUM, 160),
  "linkedin-client-secret": () => str(ALNUM, 16),
  "zendesk-api-token": () => str(ALNUM, 40),
  "hubspot-private-app-token": () => "pat-na1-" + uuid(),
  "segment-write-key": () => str(ALNUM, 32),
  "mixpanel-api-secret": () => hex(32),
  "amplitude-api-key": () => hex(32),
  "launchdarkly-sdk-key": () => "sdk-" + uuid(),
  "sumologic-access-key": () => str(ALNUM, 64),
  "splunk-hec-token": uuid,
  "vault-token": () => "hvs.CAESI" + str(B64URL, 86),
  "vault-legacy-token": () => "s." + str(ALNUM, 24),
  "terraform-cloud-token": () => `${str(ALNUM, 14)}.atlasv1.${str(B64URL, 67)}`,
  "pulumi-access-token": () => "pul-" + hex(40),
  "doppler-token": () => "dp.pt." + str(ALNUM, 43),
  "onepassword-service-account-token": () =>
    "ops_" +
    Buffer.from(JSON.stringify({ signInAddress: "acme.1password.com", userAuth: { method: "SRPg-4096", alg: "PBES2g-HS256", iterations: 650000, salt: str(B64URL, 22) }, email: `${str(LOWER, 12)}@1passwordserviceaccounts.com`, srpX: hex(64), muk: { alg: "A256GCM", kid: "mp", k: str(B64URL, 43) }, secretKey: str(UPPER + DIGITS, 34), deviceUuid: str(LOWER + DIGITS, 26) })).toString("base64").replace(/=+$/, ""),
  "kubernetes-secret-data": () => Buffer.from(strong(PUNCT_PW, 24, 3.8)).toString("base64"),
  "docker-config-auth": () => Buffer.from(`ci-bot:${strong(PUNCT_PW, 20, 3.8)}`).toString("base64"),
  "django-secret-key": () => "django-insecure-" + str(DJANGO, 50),
  "rails-secret-key-base": () => hex(128),
  "flask-secret-key": () => hex(48),
  "laravel-app-key": () => bytes(32).toString("base64"),
  "symfony-app-secret": () => hex(32),
  "express-session-secret": () => strong(PUNCT_PW, 32, 4.0),
  "nextauth-secret": () => bytes(32).toString("base64"),
  "jwt-secret": () => strong(ALNUM, 48, 4.0),
  "wordpress-auth-salt": () => strong(WP_SALT, 64, 4.5),
  "generic-password-assignment": () => strong(PUNCT_PW, 18, 3.5),
  // Punctuation keeps these out of the base64-shaped rule, which would otherwise take the span.
  "generic-secret-assignment": () => punctuated(32),
  "generic-token-assignment": () => punctuated(40),
  "generic-constant-secret": () => strong(PUNCT_PW, 20, 3.5),
  "generic-yaml-secret": () => strong(ALNUM + "_+=@^~-", 20, 3.8),
  "generic-env-secret": () => strong(ALNUM + "_+=@^~-", 20, 3.8),
  "generic-xml-secret": () => strong(ALNUM, 24, 3.8),
  "generic-hex-key": () => hex(64),
  "generic-base64-secret": () => strong(B64, 40, 4.5),
};

// ---------------------------------------------------------------------------- file builder
const files = [];
const labels = { secrets: [], decoys: [] };
const used = new Set();

class File {
  constructor(path) {
    this.path = path;
    this.lines = [];
    files.push(this);
  }
  // Plain lines; a string with newlines is split.
  l(...texts) {
    for (const t of texts) this.lines.push(...t.split("\n"));
    return this;
  }
  // One line holding a true secret of pattern `kind`; `make` receives a fresh value.
  s(kind, make, value) {
    if (!(kind in G)) throw new Error(`no generator for ${kind}`);
    const text = make(value ?? G[kind]());
    if (text.includes("\n")) throw new Error(`secret line for ${kind} spans lines`);
    this.lines.push(text);
    used.add(kind);
    labels.secrets.push({ file: this.path, line: this.lines.length, kind });
    return this;
  }
  // One line that a good detector must not report.
  d(what, text) {
    if (text.includes("\n")) throw new Error(`decoy line spans lines: ${what}`);
    this.lines.push(text);
    labels.decoys.push({ file: this.path, line: this.lines.length, what });
    return this;
  }
}
const f = (path) => new File(path);
const sha1 = () => hex(40);
const sha256 = () => hex(64);

// ================================================================================== Python
f("backend/settings/base.py")
  .l(`"""Shared Django settings for the orders service."""`, "from pathlib import Path", "import os", "")
  .l("BASE_DIR = Path(__file__).resolve().parent.parent", "")
  .s("django-secret-key", (v) => `SECRET_KEY = '${v}'`)
  .l("DEBUG = True", 'ALLOWED_HOSTS = ["localhost", "127.0.0.1"]', "")
  .l("DATABASES = {", '    "default": {', '        "ENGINE": "django.db.backends.postgresql",')
  .l('        "NAME": "orders",', '        "USER": "orders_app",')
  .s("generic-password-assignment", (v) => `        "PASSWORD": "${v}",`)
  .l('        "HOST": "db.internal",', '        "PORT": "5432",', "    }", "}", "")
  .d("validator class names under a password setting", "AUTH_PASSWORD_VALIDATORS = [")
  .l('    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},', "]", "")
  .l('EMAIL_HOST = "smtp.mailgun.org"', 'EMAIL_HOST_USER = "postmaster@mg.acme.io"')
  .d("environment lookup with empty default", 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")')
  .s("generic-constant-secret", (v) => `SMTP_RELAY_PASSWORD = os.environ.get("SMTP_RELAY_PASSWORD", "${v}")`)
  .s("mailgun-api-key", (v) => `MAILGUN_API_KEY = "${v}"`)
  .s("sentry-dsn", (v) => `SENTRY_DSN = "https://${v}@o${digits(6)}.ingest.sentry.io/${digits(7)}"`)
  .l("")
  .s("aws-access-key-id", (v) => `AWS_ACCESS_KEY_ID = "${v}"`)
  .s("aws-secret-access-key", (v) => `AWS_SECRET_ACCESS_KEY = "${v}"`)
  .l('AWS_STORAGE_BUCKET_NAME = "orders-media"', "")
  .l("CACHES = {", '    "default": {', '        "BACKEND": "django_redis.cache.RedisCache",')
  .s("redis-uri", (v) => `        "LOCATION": "redis://:${v}@cache.internal:6379/1",`)
  .l("    }", "}")
  .d("password-less redis URL", 'CELERY_RESULT_BACKEND = "redis://localhost:6379/0"');

f("backend/settings/production.py")
  .l("import os", "", "from .base import *  # noqa: F401,F403", "from .secrets import get_password", "")
  .d("SECRET_KEY from the environment", 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]')
  .d("password from a function call", 'DATABASES["default"]["PASSWORD"] = get_password("orders-db")')
  .l("DEBUG = False", 'ALLOWED_HOSTS = ["orders.acme.io"]')
  .d("secure cookie flag, not a secret", "SESSION_COOKIE_SECURE = True")
  .d("password reset timeout number", "PASSWORD_RESET_TIMEOUT = 259200")
  .l("", "if os.environ.get(\"LEGACY_SIGNING\") == \"1\":", "    # Sessions issued by the 2019 deployment are still valid for a few weeks.")
  .s("django-secret-key", (v) => `    SECRET_KEY = "${v}"`, str(DJANGO, 50));

f("backend/app/flask_app.py")
  .l("from flask import Flask", "import keyring", "", "app = Flask(__name__)")
  .s("flask-secret-key", (v) => `app.secret_key = b"${v}"`)
  .s("postgres-uri", (v) => `app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg2://orders:${v}@db.internal/orders"`)
  .s("mysql-uri", (v) => `app.config["REPORTING_DB"] = "mysql://report:${v}@mysql.internal:3306/reports"`)
  .s("mongodb-uri", (v) => `MONGO_URI = "mongodb+srv://svc:${v}@cluster0.ab1cd.mongodb.net/app?retryWrites=true"`)
  .s("amqp-uri", (v) => `BROKER_URL = "amqps://worker:${v}@mq.internal:5671/orders"`)
  .d("non-secret config value", 'app.config["SESSION_TYPE"] = "redis"')
  .l("", "", "def get_password(name):")
  .d("keyring lookup", '    return keyring.get_password("orders", name)')
  .l("", "", "def is_private_key(pem: str) -> bool:")
  .d("PEM header inside a string comparison", '    return pem.startswith("-----BEGIN RSA PRIVATE KEY-----")')
  .l("", "", '@app.route("/health")', "def health():", '    return {"ok": True}');

f("backend/app/integrations.py")
  .l('"""Clients for third-party services: AI models, SMS, e-mail and chat."""', "import os", "")
  .l("from anthropic import Anthropic", "from groq import Groq", "from openai import OpenAI", "from pinecone import Pinecone")
  .l("from sendgrid import SendGridAPIClient", "from slack_sdk import WebClient", "")
  .s("openai-project-key", (v) => `OPENAI_API_KEY = "${v}"`)
  .s("openai-api-key", (v) => `LEGACY_OPENAI_KEY = "${v}"`)
  .s("anthropic-api-key", (v) => `anthropic_client = Anthropic(api_key="${v}")`)
  .s("huggingface-token", (v) => `HF_TOKEN = "${v}"`)
  .s("cohere-api-key", (v) => `COHERE_API_KEY = "${v}"`)
  .s("replicate-api-token", (v) => `os.environ.setdefault("REPLICATE_API_TOKEN", "${v}")`)
  .s("groq-api-key", (v) => `groq = Groq(api_key="${v}")`)
  .s("perplexity-api-key", (v) => `PPLX_KEY = "${v}"`)
  .s("mistral-api-key", (v) => `MISTRAL_API_KEY = "${v}"`)
  .s("pinecone-api-key", (v) => `pc = Pinecone(api_key="${v}")`)
  .l("")
  .d("key read from the environment", 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])')
  .d("token budget, not a token", "max_tokens = 1024")
  .d("model name", 'MODEL = "gpt-4o-mini"')
  .l("")
  .s("twilio-api-key", (v) => `TWILIO_API_KEY = "${v}"`)
  .s("twilio-auth-token", (v) => `TWILIO_AUTH_TOKEN = "${v}"`)
  .s("sendgrid-api-key", (v) => `sg = SendGridAPIClient("${v}")`)
  .s("mailchimp-api-key", (v) => `MAILCHIMP_KEY = "${v}"`)
  .s("postmark-server-token", (v) => `POSTMARK_SERVER_TOKEN = "${v}"`)
  .s("slack-bot-token", (v) => `slack = WebClient(token="${v}")`)
  .s("slack-user-token", (v) => `SLACK_USER_TOKEN = "${v}"`)
  .s("slack-app-token", (v) => `SLACK_APP_TOKEN = "${v}"`)
  .s("slack-webhook-url", (v) => `ALERTS_WEBHOOK = "${v}"`)
  .s("telegram-bot-token", (v) => `TELEGRAM_URL = "https://api.telegram.org/bot${v}/sendMessage"`)
  .s("zulip-api-key", (v) => `ZULIP_API_KEY = "${v}"`)
  .s("microsoft-teams-webhook", (v) => `TEAMS_WEBHOOK_URL = "${v}"`)
  .s("discord-webhook-url", (v) => `DISCORD_WEBHOOK = "${v}"`)
  .l("")
  .d("webhook URL from the environment", 'SLACK_WEBHOOK_URL = os.getenv("SLACK_WEBHOOK_URL")')
  .d("message id UUID", `LAST_MESSAGE_ID = "${uuid()}"`)
  .d("AWS pagination token", `LAST_PAGE = {"NextToken": "${Buffer.from(JSON.stringify({ offset: 100 + int(900), shard: digits(12) })).toString("base64")}"}`)
  .d("AWS idempotency token", `create_args = {"ClientToken": "${uuid()}", "IdempotencyToken": "${uuid()}"}`);

f("tests/test_auth.py")
  .l("import pytest", "", "from app.auth import login", "", "")
  .l("@pytest.fixture", "def user(db):")
  .d("test fixture password (low entropy)", `    password = "${"pass" + "word" + "123"}"  # fixture user, never deployed`)
  .l('    return db.create_user(email="a@example.com", password=password)', "", "")
  .l("def test_login_rejects_bad_token(client, user):")
  .d("test token without digits", '    token = "test-token"')
  .l("    assert client.get(\"/me\", headers={\"Authorization\": token}).status_code == 401")
  .d("unsigned JWT shape placeholder", '    FAKE_JWT = "header.payload.signature"')
  .l("", "", "PROXIES = [")
  .d("tuple of scheme, user, field name, host", '    ("http", "joe", "password", "proxy.internal:3128"),')
  .l("]");

// ============================================================================== JavaScript
f("bot/index.js")
  .l('const { Client, GatewayIntentBits } = require("discord.js");', "")
  .l("const client = new Client({ intents: [GatewayIntentBits.Guilds] });")
  .l('client.once("ready", () => console.log(`Logged in as ${client.user.tag}`));', "")
  .s("discord-bot-token", (v) => `client.login("${v}");`);

f("web/src/config.js")
  .l("// Browser configuration, bundled at build time.", "export const config = {")
  .s("stripe-publishable-key", (v) => `  stripeKey: "${v}",`)
  .s("google-api-key", (v) => `  firebase: { apiKey: "${v}", authDomain: "acme-shop.firebaseapp.com", projectId: "acme-shop" },`)
  .s("mapbox-secret-token", (v) => `  mapboxToken: "${v}",`)
  .s("algolia-admin-key", (v) => `  algoliaAdminKey: "${v}",`)
  .s("segment-write-key", (v) => `  segmentWriteKey: "${v}",`)
  .s("mixpanel-api-secret", (v) => `  mixpanelApiSecret: "${v}",`)
  .s("amplitude-api-key", (v) => `  amplitudeSecretKey: "${v}",`)
  .s("launchdarkly-sdk-key", (v) => `  launchDarklySdkKey: "${v}",`)
  .d("process.env reference", "  apiKey: process.env.STRIPE_PUBLIC_KEY,")
  .d("angle-bracket placeholder", '  token: "<YOUR-TOKEN>",')
  .d("CSS colour", '  primaryColor: "#1a73e8",')
  .d("request UUID", `  requestId: "${uuid()}",`)
  .d("field label", '  password: "Password",')
  .l("};");

f("web/src/server.ts")
  .l('import express from "express";', 'import session from "express-session";', 'import okta from "@okta/okta-sdk-nodejs";', "")
  .l("const app = express();")
  .s("express-session-secret", (v) => `app.use(session({ secret: "${v}", resave: false, saveUninitialized: false }));`)
  .s("jwt-secret", (v) => `const JWT_SECRET: string = "${v}";`)
  .s("okta-api-token", (v) => `const oktaHeaders = { Authorization: "SSWS ${v}" };`)
  .s("auth0-client-secret", (v) => `const AUTH0_CLIENT_SECRET = "${v}";`)
  .s("supabase-service-role-key", (v) => `const SUPABASE_SERVICE_ROLE_KEY = "${v}";`)
  .s("clerk-secret-key", (v) => `const CLERK_SECRET_KEY = "${v}";`)
  .s("supabase-access-token", (v) => `const SUPABASE_ACCESS_TOKEN = "${v}";`)
  .s("oauth-client-secret", (v) => `const githubOAuth = { clientId: "Iv1.${hex(16)}", clientSecret: "${v}" };`)
  .d("session secret from process.env", "const secret = process.env.SESSION_SECRET;")
  .l("", 'app.post("/token", (req, res) => {')
  .d("password read from the request", "  const password = req.body.password;")
  .d("token_type bearer field", '  res.json({ access_token: issue(password), token_type: "bearer", expires_in: 3600 });')
  .l("});", "", "app.listen(3000);");

f("web/src/lib/integrations.ts")
  .l('import { Client } from "@notionhq/client";', 'import { LinearClient } from "@linear/sdk";', 'import { Dropbox } from "dropbox";', "")
  .s("github-pat", (v) => `const GITHUB_TOKEN = "${v}";`)
  .s("github-token", (v) => `const APP_USER_TOKEN = "${v}";`)
  .s("github-fine-grained-pat", (v) => `const ghFine = "${v}";`)
  .s("linear-api-key", (v) => `export const linear = new LinearClient({ apiKey: "${v}" });`)
  .s("notion-token", (v) => `export const notion = new Client({ auth: "${v}" });`)
  .s("airtable-pat", (v) => `const AIRTABLE_PAT = "${v}";`)
  .s("figma-pat", (v) => `const figmaHeaders = { "X-Figma-Token": "${v}" };`)
  .s("contentful-pat", (v) => `const CONTENTFUL_MANAGEMENT_TOKEN = "${v}";`)
  .s("typeform-pat", (v) => `const TYPEFORM_TOKEN = "${v}";`)
  .s("postman-api-key", (v) => `const postmanHeaders = { "X-Api-Key": "${v}" };`)
  .s("hubspot-private-app-token", (v) => `const hubspot = new Hubspot.Client({ accessToken: "${v}" });`)
  .s("intercom-access-token", (v) => `const INTERCOM_TOKEN = "${v}";`)
  .s("asana-pat", (v) => `const ASANA_PAT = "${v}";`)
  .s("sanity-token", (v) => `const SANITY_API_TOKEN = "${v}";`)
  .s("dropbox-token", (v) => `export const dbx = new Dropbox({ accessToken: "${v}" });`)
  .s("jwt", (v) => `const SERVICE_JWT = "${v}";`)
  .s("bearer-token-header", (v) => `const res = await fetch(url, { headers: { Authorization: "Bearer ${v}" } });`)
  .l("")
  .d("token from a function", "const token = await getAccessToken();")
  .d("template-literal bearer", "const headers = { Authorization: `Bearer ${token}` };")
  .d("highlighter rule token name", 'const rules = [{ regex: /(secret)(\\d+)/, token: "keyword.secret-$1", next: "@pop" }];');

f("web/package-lock.json")
  .l("{", '  "name": "acme-web",', '  "version": "1.4.0",', '  "lockfileVersion": 3,', '  "packages": {')
  .l('    "node_modules/react": {', '      "version": "18.3.1",', '      "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz",')
  .d("sha512 integrity", `      "integrity": "sha512-${bytes(64).toString("base64")}",`)
  .l("    },", '    "node_modules/acme-utils": {', '      "version": "0.3.2",')
  .d("git dependency pinned by SHA", `      "resolved": "git+ssh://git@github.com/acme/utils.git#${sha1()}",`)
  .d("sha512 integrity", `      "integrity": "sha512-${bytes(64).toString("base64")}",`)
  .l("    },", '    "node_modules/left-pad": {', '      "version": "1.3.0",')
  .d("sha1 integrity", `      "integrity": "sha1-${bytes(20).toString("base64")}",`)
  .l("    }", "  }", "}");

f("web/public/index.html")
  .l("<!doctype html>", '<html lang="en">', "<head>", '  <meta charset="utf-8">', "  <title>Acme Shop</title>")
  .d("subresource integrity hash", `  <script src="https://cdn.acme.io/app.js" integrity="sha384-${bytes(48).toString("base64")}" crossorigin="anonymous"></script>`)
  .l("  <style>", "    :root {")
  .d("CSS hex colour", "      --brand: #0a84ff;")
  .d("CSS hex colour", "      --brand-dark: #0060df;")
  .l("    }", "    .hero {")
  .d("data: URI background", `      background-image: url("data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#eee"/></svg>').toString("base64")}");`)
  .d("CSS hex colour", "      color: #ffffff;")
  .l("    }", "  </style>")
  .l("</head>", "<body>", '  <form method="post" action="/login">', '    <label for="email">E-mail</label>', '    <input id="email" name="email" type="email">')
  .d("password input field", '    <input id="password" name="password" type="password" placeholder="Password">')
  .l("  </form>")
  .d("data: URI image", `  <img alt="" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42${str(B64, 20)}AAAAAElFTkSuQmCC">`)
  .l("</body>", "</html>");

// =================================================================================== JVM
f("services/billing/src/main/java/com/acme/billing/PaymentGateways.java")
  .l("package com.acme.billing;", "", "import com.braintreegateway.BraintreeGateway;", "import org.springframework.beans.factory.annotation.Value;", "")
  .l("public final class PaymentGateways {")
  .s("stripe-live-secret-key", (v) => `    private static final String STRIPE_SECRET = "${v}";`)
  .s("stripe-restricted-key", (v) => `    private static final String STRIPE_REPORTING_KEY = "${v}";`)
  .s("stripe-test-secret-key", (v) => `    static final String STRIPE_TEST_KEY = "${v}";`)
  .s("stripe-webhook-secret", (v) => `    private static final String WEBHOOK_SIGNING_SECRET = "${v}";`)
  .s("square-access-token", (v) => `    private static final String SQUARE_TOKEN = "${v}";`)
  .s("square-oauth-secret", (v) => `    private static final String SQUARE_APP_SECRET = "${v}";`)
  .s("adyen-api-key", (v) => `    private static final String ADYEN_API_KEY = "${v}";`)
  .s("plaid-secret", (v) => `    private static final String PLAID_SECRET = "${v}";`)
  .s("coinbase-api-secret", (v) => `    private static final String COINBASE_API_SECRET = "${v}";`)
  .d("header name constant", '    private static final String HEADER_API_KEY = "X-Api-Key";')
  .l("")
  .d("Spring property placeholder", '    @Value("${stripe.secret-key}") private String stripeSecretKey;')
  .l("")
  .l("    BraintreeGateway gateway() {")
  .s("braintree-access-token", (v) => `        return new BraintreeGateway("${v}");`)
  .l("    }", "")
  .l("    String appSecret() {")
  .d("System.getenv lookup", '        String secret = System.getenv("APP_SECRET");')
  .l("        return secret;", "    }", "}");

f("services/billing/src/main/resources/application.properties")
  .l("spring.application.name=billing")
  .s("jdbc-password", (v) => `spring.datasource.url=jdbc:postgresql://db.internal:5432/billing?user=billing&password=${v}`)
  .s("generic-env-secret", (v) => `spring.datasource.password=${v}`)
  .d("property placeholder", "spring.mail.password=${MAIL_PASSWORD}")
  .l("server.port=8080")
  .d("list of endpoint names", "management.endpoints.web.exposure.include=health,info");

f("services/billing/src/main/resources/application.yml")
  .l("spring:", "  datasource:", "    url: jdbc:mysql://mysql.internal:3306/billing", "    username: billing")
  .s("generic-yaml-secret", (v) => `    password: ${v}`)
  .l("  rabbitmq:", "    host: mq.internal", "    username: billing")
  .d("environment placeholder", "    password: ${RABBITMQ_PASSWORD}")
  .l("app:", "  security:")
  .s("generic-hex-key", (v) => `    encryption-key: ${v}`)
  .d("token lifetime number", "    token-ttl: 3600");

f("android/app/src/main/kotlin/com/acme/shop/AppConfig.kt")
  .l("package com.acme.shop", "", "object AppConfig {")
  .s("firebase-cloud-messaging-key", (v) => `    const val FCM_SERVER_KEY = "${v}"`)
  .s("google-oauth-client-secret", (v) => `    const val GOOGLE_CLIENT_SECRET = "${v}"`)
  .s("facebook-access-token", (v) => `    const val FB_DEBUG_TOKEN = "${v}"`)
  .s("twitter-bearer-token", (v) => `    const val TWITTER_BEARER = "${v}"`)
  .s("generic-password-assignment", (v) => `    val keystorePassword: String = "${v}"`)
  .d("BuildConfig reference", "    val apiKey = BuildConfig.MAPS_API_KEY")
  .d("preference key name", '    const val PREFS_PASSWORD_KEY = "pref_password"')
  .l("}");

// ==================================================================================== Go
f("cmd/provisioner/main.go")
  .l("package main", "", "import (", '\t"fmt"', '\t"os"', ")", "")
  .l("const (")
  .s("digitalocean-token", (v) => `\tdoToken       = "${v}"`)
  .s("linode-api-token", (v) => `\tlinodeToken   = "${v}"`)
  .s("vultr-api-key", (v) => `\tvultrApiKey   = "${v}"`)
  .s("scaleway-secret-key", (v) => `\tscwSecretKey  = "${v}"`)
  .s("pulumi-access-token", (v) => `\tpulumiToken   = "${v}"`)
  .s("doppler-token", (v) => `\tdopplerToken  = "${v}"`)
  .s("vault-token", (v) => `\tvaultToken    = "${v}"`)
  .s("terraform-cloud-token", (v) => `\ttfcToken      = "${v}"`)
  .s("gitlab-pat", (v) => `\tgitlabToken   = "${v}"`)
  .s("gitlab-deploy-token", (v) => `\tdeployToken   = "${v}"`)
  .s("gitlab-runner-token", (v) => `\trunnerToken   = "${v}"`)
  .l(")", "", "func main() {")
  .d("os.Getenv lookup", '\ttoken := os.Getenv("DO_TOKEN")')
  .d("git SHA in a comment", `\t// pinned at ${sha1()}`)
  .d("UUID literal", `\tid := "${uuid()}"`)
  .l("\tfmt.Println(token, id)", "}");

// ================================================================================== Ruby
f("lib/acme/commerce.rb")
  .l("module Acme", "  module Commerce")
  .s("shopify-access-token", (v) => `    SHOPIFY_ADMIN_TOKEN = "${v}"`)
  .s("shopify-shared-secret", (v) => `    SHOPIFY_API_SECRET = "${v}"`)
  .s("razorpay-key-id", (v) => `    RAZORPAY_KEY_ID = "${v}"`)
  .s("easypost-api-key", (v) => `    EasyPost.api_key = "${v}"`)
  .s("shippo-api-token", (v) => `    Shippo::API.token = "${v}"`)
  .l("", "    def self.client", "      ShopifyAPI::Session.new(")
  .d("ENV.fetch lookup", '        password: ENV.fetch("SHOP_PASSWORD"),')
  .d("credentials lookup", "        api_key: Rails.application.credentials.dig(:shopify, :api_key)")
  .l("      )", "    end", "  end", "end");

f("config/credentials/production.yml")
  .l("# Decrypted view of config/credentials/production.yml.enc (bin/rails credentials:edit).")
  .s("rails-secret-key-base", (v) => `secret_key_base: ${v}`)
  .l("github:")
  .s("github-token", (v) => `  app_token: ${v}`, "ghu_" + str(ALNUM, 36))
  .l("rubygems:")
  .s("rubygems-api-key", (v) => `  api_key: ${v}`);

f("config/database.yml")
  .l("default: &default", "  adapter: postgresql", "  pool: 5", "", "development:", "  <<: *default", "  database: app_dev")
  .d("ERB environment lookup", '  password: <%= ENV["DATABASE_PASSWORD"] %>')
  .l("", "production:", "  <<: *default")
  .s("postgres-uri", (v) => `  url: postgres://app:${v}@pg.internal:5432/app_production`);

// =================================================================================== PHP
f("public/wp-config.php")
  .l("<?php", "define( 'DB_NAME', 'wordpress' );", "define( 'DB_USER', 'wp_admin' );")
  .s("generic-constant-secret", (v) => `define( 'DB_PASSWORD', '${v}' );`)
  .l("define( 'DB_HOST', 'localhost' );", "")
  .s("wordpress-auth-salt", (v) => `define( 'AUTH_KEY',         '${v}' );`)
  .s("wordpress-auth-salt", (v) => `define( 'SECURE_AUTH_SALT', '${v}' );`)
  .d("WordPress sample placeholder", "define( 'LOGGED_IN_KEY',    'put your unique phrase here' );")
  .l("", "/* Acme payments plugin. */")
  .s("generic-constant-secret", (v) => `define( 'ACME_PAYMENTS_API_TOKEN', '${v}' );`)
  .d("getenv lookup", "$smtp_password = getenv('SMTP_PASSWORD');")
  .l("", "$table_prefix = 'wp_';");

// ============================================================================= env files
f(".env")
  .l("APP_NAME=Acme", "APP_ENV=production")
  .s("laravel-app-key", (v) => `APP_KEY=base64:${v}`)
  .s("symfony-app-secret", (v) => `APP_SECRET=${v}`)
  .s("nextauth-secret", (v) => `NEXTAUTH_SECRET=${v}`)
  .s("generic-env-secret", (v) => `DB_PASSWORD=${v}`)
  .s("snowflake-credential", (v) => `SNOWFLAKE_PASSWORD=${v}`)
  .s("vercel-token", (v) => `VERCEL_TOKEN=${v}`)
  .s("netlify-access-token", (v) => `NETLIFY_AUTH_TOKEN=${v}`)
  .s("heroku-api-key", (v) => `HEROKU_API_KEY=${v}`)
  .s("cloudflare-api-token", (v) => `CLOUDFLARE_API_TOKEN=${v}`)
  .s("cloudflare-global-api-key", (v) => `CF_API_KEY=${v}`)
  .s("fastly-api-token", (v) => `FASTLY_API_TOKEN=${v}`)
  .s("datadog-api-key", (v) => `DD_API_KEY=${v}`)
  .s("newrelic-api-key", (v) => `NEW_RELIC_API_KEY=${v}`)
  .s("grafana-token", (v) => `GRAFANA_SERVICE_ACCOUNT_TOKEN=${v}`)
  .s("honeycomb-api-key", (v) => `HONEYCOMB_API_KEY=${v}`)
  .s("pagerduty-api-key", (v) => `PAGERDUTY_TOKEN=${v}`)
  .s("sumologic-access-key", (v) => `SUMO_ACCESS_KEY=${v}`)
  .s("splunk-hec-token", (v) => `SPLUNK_HEC_TOKEN=${v}`)
  .s("sentry-auth-token", (v) => `SENTRY_AUTH_TOKEN=${v}`)
  .s("zendesk-api-token", (v) => `ZENDESK_API_TOKEN=${v}`)
  .s("linkedin-client-secret", (v) => `LINKEDIN_CLIENT_SECRET=${v}`)
  .s("twitch-oauth-token", (v) => `TWITCH_CLIENT_SECRET=${v}`)
  .s("box-developer-token", (v) => `BOX_DEVELOPER_TOKEN=${v}`)
  .s("ibm-cloud-api-key", (v) => `IBMCLOUD_API_KEY=${v}`)
  .s("oracle-cloud-auth-token", (v) => `OCI_AUTH_TOKEN=${v}`)
  .s("alibaba-access-key-id", (v) => `ALIBABA_CLOUD_ACCESS_KEY_ID=${v}`)
  .s("tencent-cloud-secret-id", (v) => `TENCENTCLOUD_SECRET_ID=${v}`)
  .s("databricks-token", (v) => `DATABRICKS_TOKEN=${v}`)
  .s("vault-legacy-token", (v) => `VAULT_TOKEN=${v}`)
  .s("onepassword-service-account-token", (v) => `OP_SERVICE_ACCOUNT_TOKEN=${v}`)
  .s("azure-storage-account-key", (v) => `AZURE_STORAGE_KEY=${v}`)
  .s("azure-cosmosdb-key", (v) => `COSMOS_KEY=${v}`)
  .s("packagist-token", (v) => `COMPOSER_AUTH={"http-basic":{"repo.packagist.com":{"username":"token","password":"${v}"}}}`)
  .d("environment variable reference", "REDIS_PASSWORD=${REDIS_PASSWORD}");

f(".env.example")
  .l("# Copy to .env and fill in real values.", "APP_NAME=Acme")
  .d("your_..._here placeholder", "API_KEY=your_api_key_here")
  .d("x-filled Stripe placeholder", "STRIPE_SECRET_KEY=sk_live_" + "x".repeat(24))
  .d("password-less database URL", "DATABASE_URL=postgres://app@localhost:5432/app")
  .d("${VAR} reference", "JWT_SECRET=${JWT_SECRET}")
  .d("angle-bracket placeholder", "GITHUB_TOKEN=<YOUR-TOKEN>")
  .d("changeme", "ADMIN_PASSWORD=changeme")
  .d("x-filled secret", "SESSION_SECRET=" + "x".repeat(24))
  .d("AWS documentation example key", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
  .d("Slack webhook placeholder", "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/" + "X".repeat(24))
  .d("truncated OpenAI placeholder", "OPENAI_API_KEY=sk-...")
  .d("truncated SendGrid placeholder", "SENDGRID_API_KEY=SG.xxxxx")
  .d("password-less redis URL", "REDIS_URL=redis://localhost:6379");

f("config/app.ini")
  .l("[database]", "host = db.internal", "user = reporting")
  .s("generic-env-secret", (v) => `password = ${v}`)
  .l("", "[replica]", "host = db-replica.internal")
  .d("ini interpolation", "password = %(DB_PASS)s")
  .l("", "[auth]")
  .d("template placeholder", "secret = {{ auth_secret }}");

// ============================================================================ containers
f("docker-compose.yml")
  .l("services:", "  web:", "    build: .", "    environment:")
  .s("postgres-uri", (v) => `      DATABASE_URL: postgres://orders:${v}@db:5432/orders`)
  .d("password-less redis URL", "      REDIS_URL: redis://cache:6379/0")
  .l("  db:", "    image: postgres:16", "    environment:", "      POSTGRES_USER: orders")
  .s("generic-yaml-secret", (v) => `      POSTGRES_PASSWORD: ${v}`)
  .l("  worker:", "    build: .", "    environment:")
  .d("compose variable substitution", "      - POSTGRES_PASSWORD=${POSTGRES_PASSWORD}")
  .s("generic-env-secret", (v) => `      - CELERY_BROKER_PASSWORD=${v}`)
  .l("  cache:", "    image: redis:7");

f("Dockerfile")
  .l("FROM node:20-alpine AS build", "WORKDIR /app")
  .s("artifactory-api-key", (v) => `ARG ARTIFACTORY_API_KEY=${v}`)
  .s("npm-access-token", (v) => `RUN echo "//registry.npmjs.org/:_authToken=${v}" > .npmrc`)
  .d("build-arg reference", 'RUN echo "//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}" >> .npmrc')
  .l("COPY package*.json ./", "RUN npm ci", "COPY . .", "RUN npm run build", "", "FROM ruby:3.3-slim")
  .s("generic-hex-key", (v) => `ENV RAILS_MASTER_KEY=${v}`)
  .s("dockerhub-pat", (v) => `RUN echo "${v}" | docker login -u acmebot --password-stdin`)
  .d("plain environment value", "ENV NODE_ENV=production")
  .l('CMD ["bin/rails", "server"]');

f("deploy/k8s/orders.yaml")
  .l("apiVersion: v1", "kind: Secret", "metadata:", "  name: orders-credentials", "type: Opaque", "data:")
  .s("kubernetes-secret-data", (v) => `  DB_PASSWORD: ${v}`)
  .s("kubernetes-secret-data", (v) => `  STRIPE_SECRET_KEY: ${v}`)
  .d("base64 user name under a non-secret key", `  DB_USER: ${Buffer.from("orders").toString("base64")}`)
  .l("---", "apiVersion: v1", "kind: Secret", "metadata:", "  name: registry-pull", "type: kubernetes.io/dockerconfigjson", "data:")
  .s("kubernetes-secret-data", (v) => `  .dockerconfigjson: ${v}`,
    Buffer.from(JSON.stringify({ auths: { "registry.acme.io": { auth: G["docker-config-auth"]() } } })).toString("base64"))
  .l("---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: orders-api", "spec:", "  template:", "    metadata:", "      annotations:")
  .d("config checksum annotation", `        checksum/secret: ${sha256()}`)
  .l("    spec:", "      containers:", "        - name: api")
  .d("image pinned by sha256 digest", `          image: registry.acme.io/orders/api@sha256:${sha256()}`)
  .l("          env:", "            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:", "                  name: orders-credentials")
  .d("secretKeyRef key name", "                  key: DB_PASSWORD");

f("deploy/helm/values.yaml")
  .l("postgresql:", "  auth:", "    username: orders")
  .d("empty password", '    password: ""')
  .d("existing secret name", "    existingSecret: orders-db")
  .l("ingress:", "  annotations:", "    cert-manager.io/cluster-issuer: letsencrypt")
  .l("# Rendered through tpl, so values may refer to other values.", "metrics:")
  .d("Helm template expression", "  password: {{ .Values.postgresql.auth.password | quote }}")
  .d("Helm required expression", '  api-token: "{{ required "apiToken is required" .Values.apiToken }}"');

f("ops/docker/config.json")
  .l("{", '  "auths": {', '    "registry.acme.io": {')
  .s("docker-config-auth", (v) => `      "auth": "${v}"`)
  .l("    },", '    "https://index.docker.io/v1/": {')
  .d("empty auth", '      "auth": ""')
  .l("    }", "  },")
  .d("credential helper name", '  "credsStore": "desktop"')
  .l("}");

// ================================================================================ infra
f("infra/terraform/main.tf")
  .l("terraform {", '  cloud { organization = "acme" }', "}", "", 'provider "aws" {', '  region     = "eu-west-1"')
  .s("aws-access-key-id", (v) => `  access_key = "${v}"`)
  .s("generic-base64-secret", (v) => `  secret_key = "${v}"`)
  .l("}", "", 'provider "azurerm" {', "  features {}", `  client_id     = "${uuid()}"`)
  .s("azure-ad-client-secret", (v) => `  client_secret = "${v}"`)
  .l(`  tenant_id     = "${uuid()}"`, "}", "", 'provider "google" {')
  .d("credentials file reference", '  credentials = file("service-account.json")')
  .l("}", "", 'resource "aws_db_instance" "orders" {', '  engine   = "postgres"')
  .d("variable reference", "  password = var.db_password")
  .l("}", "", 'variable "db_password" {', "  sensitive = true", "}");

f("config/service-account.json")
  .l("{")
  .d("service account type marker", '  "type": "service_account",')
  .l('  "project_id": "acme-prod",')
  .s("gcp-service-account-key", (v) => `  "private_key_id": "${v}",`)
  .s("private-key-pkcs8", (v) => `  "private_key": "-----BEGIN ${v}-----\\n${pemBody(3).join("\\n")}\\n-----END ${v}-----\\n",`)
  .l('  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",', `  "client_id": "${digits(21)}",`)
  .d("OAuth endpoint URL", '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",')
  .l('  "token_uri": "https://oauth2.googleapis.com/token"', "}");

f("scripts/deploy.sh")
  .l("#!/usr/bin/env bash", "set -euo pipefail", "")
  .s("aws-session-token", (v) => `export AWS_SESSION_TOKEN="${v}"`)
  .s("aws-access-key-id", (v) => `export AWS_ACCESS_KEY_ID="${v}"`, "ASIA" + str(B32, 16))
  .s("url-basic-auth", (v) => `git clone https://deploy-bot:${v}@git.acme.io/platform/infra.git`)
  .s("bearer-token-header", (v) => `curl -fsS -H "Authorization: Bearer ${v}" https://api.acme.io/v1/deploys`)
  .s("atlassian-api-token", (v) => `curl -u "ops@acme.io:${v}" https://acme.atlassian.net/rest/api/3/myself`)
  .s("bitbucket-app-password", (v) => `BB_APP_PASSWORD="${v}"`)
  .s("gitlab-runner-token", (v) => `gitlab-runner register --url https://gitlab.acme.io --registration-token ${v}`,
    "GR1348941" + str(B64URL, 20))
  .s("mssql-uri", (v) => `sqlcmd-go --url "sqlserver://reporter:${v}@sql-reports.internal:1433?database=reports"`)
  .d("shell variable credentials", 'curl -u "$USER:$TOKEN" https://api.example.com')
  .d("plain URL", 'export VAULT_ADDR="https://vault.acme.io:8200"');

f(".github/workflows/release.yml")
  .l("name: release", "on:", "  push:", '    tags: ["v*"]', "jobs:", "  publish:", "    runs-on: ubuntu-latest", "    env:")
  .d("GitHub Actions secret expression", "      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}")
  .s("pypi-upload-token", (v) => `      TWINE_PASSWORD: ${v}`)
  .l("    steps:", "      - uses: actions/checkout@v4")
  .s("nuget-api-key", (v) => `      - run: dotnet nuget push out/*.nupkg --api-key ${v} --source https://api.nuget.org/v3/index.json`)
  .s("crates-io-api-token", (v) => `      - run: cargo publish --token ${v}`)
  .l("      - uses: docker/login-action@v3", "        with:", "          username: acmebot")
  .d("GitHub Actions secret expression", "          password: ${{ secrets.DOCKERHUB_TOKEN }}");

f(".pypirc")
  .l("[distutils]", "index-servers =", "    testpypi", "", "[testpypi]", "repository = https://test.pypi.org/legacy/", "username = __token__")
  .s("pypi-upload-token", (v) => `password = ${v}`, "pypi-AgENdGVzdC5weXBpLm9yZw" + str(B64URL, 150));

// ==================================================================================== .NET
f("src/Acme.Api/appsettings.json")
  .l("{", '  "ConnectionStrings": {')
  .s("adonet-connection-string", (v) => `    "Orders": "Server=sql.internal;Database=Orders;User Id=orders_app;Password=${v};TrustServerCertificate=True",`)
  .s("azure-storage-account-key", (v) => `    "Blobs": "DefaultEndpointsProtocol=https;AccountName=acmeblobs;AccountKey=${v};EndpointSuffix=core.windows.net",`)
  .s("azure-service-bus-key", (v) => `    "Bus": "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${v}",`)
  .s("azure-cosmosdb-key", (v) => `    "Cosmos": "AccountEndpoint=https://acme-cosmos.documents.azure.com:443/;AccountKey=${v};",`)
  .d("integrated-security connection string", '    "Local": "Server=(localdb)\\\\mssqllocaldb;Database=Orders;Trusted_Connection=True;"')
  .l("  },")
  .d("log level setting", '  "Logging": { "LogLevel": { "Default": "Information" } },')
  .l('  "Jwt": {', '    "Issuer": "https://auth.acme.io",')
  .s("generic-hex-key", (v) => `    "SigningKey": "${v}"`)
  .l("  }", "}");

f("src/Acme.Api/Services/BlobStore.cs")
  .l("using Azure.Storage.Blobs;", "", "namespace Acme.Api.Services;", "", "public class BlobStore", "{")
  .s("azure-sas-token", (v) => `    private const string ExportsSasUrl = "https://acmeblobs.blob.core.windows.net/exports?sp=r&st=2024-05-01T08:00:00Z&se=2025-05-01T16:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=${v}";`)
  .d("label text", '    private const string PasswordLabel = "Password";')
  .l("", "    public BlobStore(IConfiguration configuration)", "    {")
  .d("configuration lookup", '        var conn = configuration.GetConnectionString("Orders");')
  .l("    }", "}");

f("src/Acme.Legacy/Web.config")
  .l('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>")
  .s("generic-xml-secret", (v) => `    <add key="PaymentsApiKey" value="${v}" />`)
  .d("non-secret app setting", '    <add key="Environment" value="Production" />')
  .l("  </appSettings>", "</configuration>");

f("config/settings.xml")
  .l("<settings>", "  <servers>", "    <server>", "      <id>acme-releases</id>", "      <username>deployer</username>")
  .s("generic-xml-secret", (v) => `      <password>${v}</password>`)
  .l("    </server>", "    <server>", "      <id>acme-snapshots</id>", "      <username>deployer</username>")
  .d("Maven environment property", "      <password>${env.MAVEN_PASSWORD}</password>")
  .d("commented placeholder", "      <!-- <password>your-password-here</password> -->")
  .l("    </server>", "  </servers>", "</settings>");

// ==================================================================================== Rust
f("tools/release/src/lib.rs")
  .l("//! Release tooling configuration.", "use std::env;", "")
  .s("age-secret-key", (v) => `const BACKUP_IDENTITY: &str = "${v}";`)
  .s("generic-token-assignment", (v) => `const WEBHOOK_TOKEN: &str = "${v}";`)
  .s("generic-secret-assignment", (v) => `const SIGNING_SECRET: &str = "${v}";`)
  .d("environment variable name", 'const KEY_ENV: &str = "PAYMENTS_API_KEY";')
  .l("", "pub fn token() -> Result<String, env::VarError> {")
  .d("env::var lookup", '    let token = env::var("GITHUB_TOKEN")?;')
  .l("    Ok(token)", "}");

// ============================================================================ key files
function pemFile(path, kind) {
  const file = f(path);
  const label = G[kind]();
  file.s(kind, () => `-----BEGIN ${label}-----`).l(...pemBody(6), `-----END ${label}-----`);
  return file;
}
pemFile("keys/deploy_rsa", "private-key-rsa");
pemFile("keys/id_ed25519", "private-key-openssh");
{
  const bundle = f("keys/backup-keys.txt");
  bundle.l("Keys exported from the old build server (2021-03-14).", "");
  for (const kind of ["private-key-ec", "private-key-dsa", "private-key-encrypted", "private-key-pgp"]) {
    const label = G[kind]();
    bundle.s(kind, () => `-----BEGIN ${label}-----`).l(...pemBody(4), `-----END ${label}-----`, "");
  }
}
f("keys/deploy.ppk")
  .s("private-key-putty", (v) => `PuTTY-User-Key-File-3: ${v}`)
  .l("Encryption: none", "Comment: deploy@acme", "Public-Lines: 2", ...pemBody(1), "Private-Lines: 1", str(B64, 44), `Private-MAC: ${hex(64)}`);

// ================================================================================== docs
f("docs/SETUP.md")
  .l("# Setting up a development environment", "", "Create an access key in the AWS console; the documentation uses this example:", "")
  .d("AWS documentation example key", "    aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE")
  .l("", "Every API call carries a token:", "")
  .d("header placeholder", "    Authorization: Bearer <token>")
  .l("", "A personal access token looks like this (do not commit real ones):", "")
  .d("x-filled GitHub token placeholder", "    ghp_" + "X".repeat(36))
  .l("")
  .d("documentation credentials in a URL", "    git clone https://user:password@example.com/acme/app.git")
  .d("template placeholder", '    password = "{{ db_password }}"')
  .l("", "The release is built from the commit recorded in `RELEASE`:", "")
  .d("git commit SHA", `    ${sha1()}`)
  .d("sha256 checksum", `    ${sha256()}  acme-cli-linux-amd64.tar.gz`)
  .d("x-filled secret placeholder", "    secret = \"xxxxxxxxxxxxxxxx\"")
  .l("", "Add the deploy key to `~/.ssh/authorized_keys` on the build hosts:", "")
  .d("OpenSSH public key", `    ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${str(B64, 43)} deploy@acme`)
  .l("", "Tokens are verified with the public key and certificate below:", "", "```")
  .d("public key header", "-----BEGIN PUBLIC KEY-----")
  .l(...pemBody(3), "-----END PUBLIC KEY-----")
  .d("certificate header", "-----BEGIN CERTIFICATE-----")
  .l(...pemBody(4), "-----END CERTIFICATE-----", "```");

// ================================================================================ output
const missing = Object.keys(G).filter((k) => !used.has(k));
if (missing.length) throw new Error(`pattern ids without a planted secret: ${missing.join(", ")}`);

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "corpus"));
for (const file of files) {
  const target = join(out, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.lines.join("\n") + "\n");
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "labels.json"), JSON.stringify(labels, null, 2) + "\n");
console.log(
  `wrote ${files.length} files, ${labels.secrets.length} secrets (${used.size} pattern ids), ` +
    `${labels.decoys.length} decoys to ${out}`,
);
