"use strict";
/**
 * Runtime configuration for the billing engine (CommonJS module).
 */
const path = require("path");
const fs = require("fs");
const { promisify } = require("util");

const readFile = promisify(fs.readFile);

const DEFAULTS = Object.freeze({
  maxRetries: 3,
  timeoutMs: 15000,
  ledgerDir: path.join(__dirname, "ledger"),
  webhookSecret: "",
  features: { dunning: true, prorate: false },
});

const TAX_RATES = {
  default: 0.19,
  reduced: 0.07,
  "export": 0,
  at: 0.2,
  ch: 0.081,
};

class ConfigError extends Error {
  constructor(key, reason) {
    super(`invalid config key "${key}": ${reason}`);
    this.key = key;
  }
}

function fromEnv(env) {
  const overrides = {};
  if (env.BILLING_MAX_RETRIES !== undefined) {
    const n = parseInt(env.BILLING_MAX_RETRIES, 10);
    if (Number.isNaN(n) || n < 0) {
      throw new ConfigError("maxRetries", "must be a non-negative integer");
    }
    overrides.maxRetries = n;
  }
  if (env.BILLING_TIMEOUT_MS) {
    overrides.timeoutMs = Number(env.BILLING_TIMEOUT_MS);
  }
  if (env.BILLING_WEBHOOK_SECRET) {
    overrides.webhookSecret = env.BILLING_WEBHOOK_SECRET.trim();
  }
  return overrides;
}

async function loadFile(file) {
  try {
    const text = await readFile(file, "utf8");
    return JSON.parse(text);
  } catch (err) {
    if (err.code === "ENOENT") {
      return {};
    }
    throw new ConfigError(file, err.message);
  } finally {
    module.exports.lastLoadedAt = Date.now();
  }
}

function merge(...layers) {
  return layers.reduce(
    (acc, layer) => ({
      ...acc,
      ...layer,
      features: { ...acc.features, ...(layer.features || {}) },
    }),
    {},
  );
}

const config = merge(DEFAULTS, fromEnv(process.env));

module.exports = config;
module.exports.default = config;
module.exports.TAX_RATES = TAX_RATES;
module.exports.ConfigError = ConfigError;
module.exports.loadFile = loadFile;
module.exports.merge = merge;
exports.lastLoadedAt = null;
