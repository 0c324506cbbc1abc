import type { FastifyServerOptions } from "fastify";
import type { Config } from "../../config.ts";

/**
 * Structured JSON logs with the request id on every line. Requests are logged by method and
 * path only (query strings can hold names or e-mail addresses); secrets are redacted.
 */
export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions["logger"]> {
  return {
    ...(stream ? { stream } : {}),
    level: config.logLevel,
    redact: {
      paths: ["req.headers.authorization", "req.headers.cookie", "res.headers['set-cookie']", "password", "*.password", "*.passwordHash", "*.token", "*.email"],
      censor: "[redacted]",
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split("?")[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
