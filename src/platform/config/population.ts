import { z } from 'zod';

/**
 * The national population database's lookup service (modules/identity/population): its base URL,
 * or `demo` for the built-in fake server `npm start` runs beside the app (development only), the
 * key it issued to the province (sent as a bearer token) and how long one lookup may take.
 */
export const PopulationApiUrl = z
  .union([z.literal('demo'), z.url('một URL http(s), hoặc "demo" / a URL, or "demo"')])
  .optional();
export const PopulationApiKey = z.string().min(16, 'cần ít nhất 16 ký tự / at least 16 characters').optional();
export const PopulationTimeoutMs = z.coerce.number().int().min(500).max(60_000).default(5000);

export type PopulationConfig = { url: string | undefined; apiKey: string | undefined; timeoutMs: number };

export const populationConfig = (env: { POPULATION_API_URL?: string; POPULATION_API_KEY?: string; POPULATION_API_TIMEOUT_MS: number }): PopulationConfig => ({
  url: env.POPULATION_API_URL,
  apiKey: env.POPULATION_API_KEY,
  timeoutMs: env.POPULATION_API_TIMEOUT_MS,
});

/** Production refuses the demo server and a real URL without its key (messages name the variable). */
export const populationProblems = (env: { NODE_ENV: string; POPULATION_API_URL?: string; POPULATION_API_KEY?: string }) => {
  const problems: { path: string; message: string }[] = [];
  if (env.NODE_ENV !== 'production' || !env.POPULATION_API_URL) return problems;
  if (env.POPULATION_API_URL === 'demo') {
    problems.push({ path: 'POPULATION_API_URL', message: '"demo" chỉ dùng khi phát triển / "demo" is for development only' });
  } else if (!env.POPULATION_API_KEY) {
    problems.push({ path: 'POPULATION_API_KEY', message: 'bắt buộc khi đặt POPULATION_API_URL trong production / required with POPULATION_API_URL in production' });
  }
  return problems;
};
