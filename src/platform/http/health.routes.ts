import type { FastifyPluginAsync } from "fastify";
import type pg from "pg";

/** GET /health: 200 when PostgreSQL answers, 503 otherwise; for load balancers and monitors. */
export const healthRoutes: FastifyPluginAsync<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get("/health", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await pool.query("select 1");
      return reply.header("cache-control", "no-store").send({ status: "ok", database: "up" });
    } catch {
      return reply.code(503).header("cache-control", "no-store").send({ status: "unavailable", database: "down" });
    }
  });
};
