import type { FastifyInstance } from 'fastify';
import { populationClient, type PopulationClient } from './client.ts';
import { DEMO_POPULATION_RECORDS } from './demo-records.ts';
import { startFakePopulationServer } from './fake-server.ts';

/**
 * The app's population-database client from `config.population`: none when no URL is set; with
 * `POPULATION_API_URL=demo` (refused in production) the built-in fake server with the demo
 * records is started when the app is ready and stopped when it closes.
 */
export const populationClientFor = (app: FastifyInstance): PopulationClient | undefined => {
  const { url, apiKey, timeoutMs } = app.config.population;
  if (!url) return undefined;
  if (url !== 'demo') return populationClient({ baseUrl: url, apiKey, timeoutMs });
  let demo: Promise<PopulationClient> | undefined;
  let close: (() => Promise<void>) | undefined;
  const start = () =>
    (demo ??= startFakePopulationServer({ records: DEMO_POPULATION_RECORDS }).then((server) => {
      close = server.close;
      app.log.info(`demo population database (POPULATION_API_URL=demo) at ${server.url}`);
      return populationClient({ baseUrl: server.url, apiKey: undefined, timeoutMs });
    }));
  app.addHook('onReady', async () => {
    await start();
  });
  app.addHook('onClose', async () => close?.());
  return { lookup: async (idNumber) => (await start()).lookup(idNumber) };
};

export { PopulationLookupError, populationClient, type PopulationClient } from './client.ts';
export { startFakePopulationServer, type FakePopulationServer } from './fake-server.ts';
export { DEMO_ID_NUMBERS, DEMO_POPULATION_RECORDS } from './demo-records.ts';
