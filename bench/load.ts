import autocannon from 'autocannon'

// One round of load with autocannon: either at saturation (C connections, as fast as the server answers) or at a
// steady overall rate. Each request is built by the scenario (so requests rotate over sessions and calls), and each
// answer is checked by it: a wrong status or body counts as an error, as do socket errors and timeouts.

export interface BuiltRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

export interface LoadTarget {
  /** The request number n (0, 1, 2, …) of this round. */
  request(n: number): BuiltRequest
  /** Whether an answer is what a user would have wanted. */
  accept(status: number, body: string): boolean
}

export interface RoundResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  errors: number
}

export async function runRound(
  baseUrl: string,
  target: LoadTarget,
  shape: { connections: number; seconds: number; rate?: number },
): Promise<RoundResult> {
  let n = 0
  let rejected = 0
  const first = target.request(0)
  const result = await autocannon({
    url: baseUrl,
    connections: shape.connections,
    duration: shape.seconds,
    overallRate: shape.rate,
    timeout: 10,
    requests: [
      {
        method: first.method,
        path: first.path,
        setupRequest: (req: autocannon.Request) => {
          const built = target.request(n++)
          return { ...req, method: built.method, path: built.path, headers: built.headers, body: built.body ?? '' }
        },
        onResponse: (status: number, body: string) => {
          if (!target.accept(status, body)) rejected += 1
        },
      },
    ],
  })
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + rejected,
  }
}
