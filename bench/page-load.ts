import autocannon from 'autocannon';

/**
 * The page load of `bench:pages`, shared with `bench:small-server` so that
 * both drive the same requests: 50 autocannon connections, compressed
 * answers, and the three targets below.
 */

export const pageConnections = 50;
export const pageHeaders = { 'accept-encoding': 'br, gzip', cookie: 'lang=en' };

/** What bench:pages measures, in order: [label, url, a new search each request]. */
export const pageTargets = (baseUrl: string) =>
  [
    ['GET /', `${baseUrl}/`, false],
    ['GET /resources?q=survivors', `${baseUrl}/resources?q=survivors`, false],
    ['search, every query new', `${baseUrl}/resources?q=survivors+x0`, true],
  ] as const;

// Words for searches that are each new to the server, so none is answered from its cache.
const words = ['survivors', 'treatment', 'housing', 'families', 'sentencing', 'justice', 'healing', 'reentry'];
let searchCounter = 0;

/** `duration` seconds of load on `url`: requests/s, p50 and p99 in ms, and every error, non-2xx and timeout. */
export async function drivePages(url: string, duration: number, distinctSearches = false) {
  const result = await autocannon({
    url,
    connections: pageConnections,
    duration,
    headers: pageHeaders,
    pipelining: 1,
    ...(distinctSearches
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                searchCounter++;
                req.path = `/resources?q=${words[searchCounter % words.length]}+x${searchCounter}`;
                return req;
              },
            },
          ],
        }
      : {}),
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}
