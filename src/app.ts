import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import type { DatabaseHandle } from "./platform/db/client.ts";
import { loggerOptions } from "./platform/http/logger.ts";
import { answerFrameworkError, httpPlatform, newRequestId } from "./platform/http/http.plugin.tsx";
import { apiDocs } from "./platform/http/openapi.ts";
import { healthRoutes } from "./platform/http/health.routes.ts";
import path from "node:path";
import { LocalFileStore, type FileStore } from "./platform/files/file-store.ts";
import { papersService } from "./modules/papers/papers.service.ts";
import { papersRoutes } from "./modules/papers/papers.routes.tsx";
import { papersApi } from "./modules/papers/papers.api.ts";
import { accountsService } from "./modules/accounts/accounts.service.ts";
import { partnershipsService } from "./modules/partnerships/partnerships.service.ts";
import { organisationsService } from "./modules/organisations/organisations.service.ts";
import { peopleService } from "./modules/people/people.service.ts";
import { bodiesService } from "./modules/bodies/bodies.service.ts";
import { meetingsService } from "./modules/meetings/meetings.service.ts";
import { meetingsRoutes } from "./modules/meetings/meetings.routes.tsx";
import { meetingsApi } from "./modules/meetings/meetings.api.ts";
import { calendarRoutes } from "./modules/meetings/calendar.routes.ts";
import { interestsService } from "./modules/interests/interests.service.ts";
import { attendanceService } from "./modules/attendance/attendance.service.ts";
import { minutesService } from "./modules/minutes/minutes.service.ts";
import { accountsRoutes } from "./modules/accounts/accounts.routes.tsx";
import { accountsApi } from "./modules/accounts/accounts.api.ts";
import { partnershipSettingsRoutes } from "./modules/partnerships/partnerships.routes.tsx";
import { publicSiteRoutes } from "./modules/public-site/public-site.routes.tsx";
import { partnershipsApi } from "./modules/partnerships/partnerships.api.ts";
import { organisationsRoutes } from "./modules/organisations/organisations.routes.tsx";
import { organisationsApi } from "./modules/organisations/organisations.api.ts";
import { peopleRoutes } from "./modules/people/people.routes.tsx";
import { peopleApi } from "./modules/people/people.api.ts";
import { bodiesRoutes } from "./modules/bodies/bodies.routes.tsx";
import { bodiesApi } from "./modules/bodies/bodies.api.ts";
import { actionsService } from "./modules/actions/actions.service.ts";
import { actionsRoutes } from "./modules/actions/actions.routes.tsx";
import { actionsApi } from "./modules/actions/actions.api.ts";
import { interestsRoutes } from "./modules/interests/interests.routes.tsx";
import { interestsApi } from "./modules/interests/interests.api.ts";
import { attendanceRoutes } from "./modules/attendance/attendance.routes.tsx";
import { attendanceApi } from "./modules/attendance/attendance.api.ts";
import { minutesRoutes } from "./modules/minutes/minutes.routes.tsx";
import { minutesApi } from "./modules/minutes/minutes.api.ts";
import { decisionsService } from "./modules/decisions/decisions.service.ts";
import { forwardPlanService } from "./modules/forward-plan/forward-plan.service.ts";
import { decisionsRoutes } from "./modules/decisions/decisions.routes.tsx";
import { decisionsApi } from "./modules/decisions/decisions.api.ts";
import { forwardPlanRoutes } from "./modules/forward-plan/forward-plan.routes.tsx";
import { forwardPlanApi } from "./modules/forward-plan/forward-plan.api.ts";
import { plansService } from "./modules/plans/plans.service.ts";
import { plansRoutes } from "./modules/plans/plans.routes.tsx";
import { plansApi } from "./modules/plans/plans.api.ts";
import { boardUpdatesService } from "./modules/board-updates/board-updates.service.ts";
import { boardUpdatesRoutes } from "./modules/board-updates/board-updates.routes.tsx";
import { boardUpdatesApi } from "./modules/board-updates/board-updates.api.ts";
import { workstreamsService } from "./modules/workstreams/workstreams.service.ts";
import { workstreamsRoutes } from "./modules/workstreams/workstreams.routes.tsx";
import { workstreamsApi } from "./modules/workstreams/workstreams.api.ts";
import { milestonesService } from "./modules/milestones/milestones.service.ts";
import { milestonesRoutes } from "./modules/milestones/milestones.routes.tsx";
import { milestonesApi } from "./modules/milestones/milestones.api.ts";
import { highlightReportsService } from "./modules/highlight-reports/highlight-reports.service.ts";
import { highlightReportsRoutes } from "./modules/highlight-reports/highlight-reports.routes.tsx";
import { highlightReportsApi } from "./modules/highlight-reports/highlight-reports.api.ts";
import { boardPacksService } from "./modules/board-packs/board-packs.service.ts";
import { boardPacksRoutes } from "./modules/board-packs/board-packs.routes.tsx";
import { boardPacksApi } from "./modules/board-packs/board-packs.api.ts";
import { maturityService } from "./modules/maturity/maturity.service.ts";
import { maturityRoutes } from "./modules/maturity/maturity.routes.tsx";
import { maturityApi } from "./modules/maturity/maturity.api.ts";
import { risksService } from "./modules/risks/risks.service.ts";
import { risksRoutes } from "./modules/risks/risks.routes.tsx";
import { risksApi } from "./modules/risks/risks.api.ts";
import { searchService } from "./modules/search/search.service.ts";
import { searchRoutes } from "./modules/search/search.routes.tsx";
import { searchApi } from "./modules/search/search.api.ts";
import { portfolioService } from "./modules/portfolio/portfolio.service.ts";
import { deepDiveSections } from "./modules/portfolio/portfolio.presenter.ts";
import { portfolioRoutes } from "./modules/portfolio/portfolio.routes.tsx";
import { portfolioApi } from "./modules/portfolio/portfolio.api.ts";
import { portfolioIoService } from "./modules/portfolio-io/portfolio-io.service.ts";
import { portfolioIoRoutes } from "./modules/portfolio-io/portfolio-io.routes.tsx";
import { portfolioIoApi } from "./modules/portfolio-io/portfolio-io.api.ts";

/** Builds every service from the database; the composition root's single source of dependencies. */
export function buildServices(config: Config, database: DatabaseHandle, overrides: { fileStore?: FileStore | undefined } = {}) {
  const { db } = database;
  const fileStore = overrides.fileStore ?? new LocalFileStore(path.join(config.dataDir, "files"));
  const organisations = organisationsService({ db });
  const people = peopleService({ db, organisations });
  const bodies = bodiesService({ db });
  const meetings = meetingsService({ db });
  const interests = interestsService({ db, people, organisations });
  const attendance = attendanceService({ db, bodies, meetings, interests });
  const minutes = minutesService({ db, meetings });
  const forwardPlan = forwardPlanService({ db, meetings });
  const actions = actionsService({ db, bodies, meetings });
  const decisions = decisionsService({ db, forwardPlan, attendance, minutes });
  const papers = papersService({ db, files: fileStore, maxBytes: config.paperMaxBytes });
  const boardUpdates = boardUpdatesService({ db, meetings, minutes, decisions });
  // The programme portfolio.
  const workstreams = workstreamsService({ db, decisions, meetings, actions });
  const plans = plansService({ db, decisions });
  const milestones = milestonesService({ db, decisions });
  const risks = risksService({ db, actions, decisions });
  const highlightReports = highlightReportsService({ db, milestones, plans, risks });
  const portfolio = portfolioService({ db, meetings, decisions, actions, workstreams, plans, milestones, risks, highlightReports });
  return {
    accounts: accountsService({ db }),
    partnerships: partnershipsService({ db, defaultPartnershipSlug: config.defaultPartnership }),
    organisations,
    people,
    bodies,
    meetings,
    papers,
    actions,
    interests,
    attendance,
    minutes,
    forwardPlan,
    decisions,
    risks,
    plans,
    boardPacks: boardPacksService({
      meetings,
      papers,
      publicUrl: config.publicUrl,
      deepDiveSections: async (ctx, agendaItemId) => {
        const deepDive = await portfolio.deepDiveFor(ctx, agendaItemId);
        return deepDive ? deepDiveSections(deepDive) : null;
      },
    }),
    boardUpdates,
    search: searchService({ decisions, minutes, meetings, boardUpdates }),
    workstreams,
    milestones,
    highlightReports,
    maturity: maturityService({ db, organisations, workstreams }),
    portfolio,
    portfolioIo: portfolioIoService({ db, workstreams, risks, milestones, plans, people }),
  };
}

export type Services = ReturnType<typeof buildServices>;

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  services?: Services;
  /** Overrides the logger (tests pass false). */
  logger?: boolean;
  /** Where log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Sees every route as it is registered, including those of plugins (the route × role test lists them). */
  onRoute?: (route: RouteOptions) => void;
  /** Where papers' files are kept (default: LocalFileStore under the data dir); tests pass their own. */
  fileStore?: FileStore;
}

/** The composition root: platform plugins first, then each module, top to bottom. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const services = deps.services ?? buildServices(config, database, { fileStore: deps.fileStore });
  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config, deps.logStream),
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{8,128}$/.test(given) ? given : newRequestId();
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Added before any plugin so that no route, however deeply encapsulated, is registered unseen.
  if (deps.onRoute) app.addHook("onRoute", deps.onRoute);

  // Platform
  // The HTTP platform first, so that its error handler covers every route, /api/v1/openapi.json included.
  await app.register(httpPlatform, { config, accounts: services.accounts, partnerships: services.partnerships });
  await app.register(apiDocs);
  await app.register(healthRoutes, { pool: database.pool });

  // Modules: pages, then the JSON API under /api/v1
  await app.register(publicSiteRoutes, { services, config });
  await app.register(accountsRoutes, { services, config });
  await app.register(partnershipSettingsRoutes, { services });
  await app.register(organisationsRoutes, { services });
  await app.register(peopleRoutes, { services });
  await app.register(bodiesRoutes, { services });
  await app.register(meetingsRoutes, { services });
  await app.register(calendarRoutes, { services, config });
  await app.register(papersRoutes, { services });
  await app.register(actionsRoutes, { services });
  await app.register(interestsRoutes, { services });
  await app.register(attendanceRoutes, { services });
  await app.register(minutesRoutes, { services });
  await app.register(decisionsRoutes, { services });
  await app.register(forwardPlanRoutes, { services });
  await app.register(plansRoutes, { services });
  await app.register(boardUpdatesRoutes, { services, config });
  await app.register(boardPacksRoutes, { services, config });
  await app.register(workstreamsRoutes, { services });
  await app.register(milestonesRoutes, { services });
  await app.register(highlightReportsRoutes, { services });
  await app.register(maturityRoutes, { services });
  await app.register(risksRoutes, { services });
  await app.register(portfolioRoutes, { services });
  await app.register(portfolioIoRoutes, { services });
  await app.register(searchRoutes, { services });
  await app.register(
    async (api) => {
      await api.register(accountsApi);
      await api.register(partnershipsApi, { services });
      await api.register(organisationsApi, { services });
      await api.register(peopleApi, { services });
      await api.register(bodiesApi, { services });
      await api.register(meetingsApi, { services });
      await api.register(papersApi, { services });
      await api.register(actionsApi, { services });
      await api.register(interestsApi, { services });
      await api.register(attendanceApi, { services });
      await api.register(minutesApi, { services });
      await api.register(decisionsApi, { services });
      await api.register(forwardPlanApi, { services });
      await api.register(plansApi, { services });
      await api.register(boardUpdatesApi, { services });
      await api.register(boardPacksApi, { services, config });
      await api.register(workstreamsApi, { services });
      await api.register(milestonesApi, { services });
      await api.register(highlightReportsApi, { services });
      await api.register(maturityApi, { services });
      await api.register(risksApi, { services });
      await api.register(portfolioApi, { services });
      await api.register(portfolioIoApi, { services });
      await api.register(searchApi, { services });
    },
    { prefix: "/api/v1" },
  );
  return app;
}
