import autocannon from 'autocannon';

/** One request the load sends; `next` hands out a new one for each request. */
export interface PlannedRequest {
  method: 'GET' | 'PATCH' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One step of what each connection sends, in order and over again; a
 * connection sends its next request only once the previous one is answered.
 * `context` belongs to the connection and is emptied when its steps start over.
 */
export interface LoadStep {
  build(context: Record<string, unknown>): PlannedRequest;
  answered?(status: number, context: Record<string, unknown>): void;
}

export interface LoadPlan {
  url: string;
  connections: number;
  /** Stop after this many requests; otherwise after `durationSeconds`. */
  amount?: number;
  durationSeconds?: number;
  steps: readonly LoadStep[];
}

/** What a load measured. Latency is of answered successes only: refusals are counted apart. */
export interface LoadFigures {
  connections: number;
  requests: number;
  /** 2xx answers per second over the whole load. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, by status, and connection errors: none in a valid run. */
  refused: number;
  refusedByStatus: Record<string, number>;
  errors: number;
  /** The first refusal's answer, to tell why. */
  firstRefusal?: string;
  seconds: number;
}

/** Runs autocannon in this process and sums up what it saw. */
export async function runLoad(plan: LoadPlan): Promise<LoadFigures> {
  let firstRefusal: string | undefined;
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    amount: plan.amount,
    duration: plan.durationSeconds ?? 10,
    // Latency of refusals would make a broken run look fast; they are reported apart.
    excludeErrorStats: true,
    requests: plan.steps.map((step) => ({
      setupRequest: (request, context) => {
        const planned = step.build(context as Record<string, unknown>);
        return {
          ...request,
          method: planned.method,
          path: planned.path,
          headers: { ...planned.headers },
          body: planned.body,
        };
      },
      onResponse: (status, body, context) => {
        if (status >= 300 && firstRefusal === undefined) firstRefusal = `${status} ${body}`;
        step.answered?.(status, context as Record<string, unknown>);
      },
    })),
  });

  const refusedByStatus: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith('2') && stat.count) refusedByStatus[status] = stat.count;
  }
  const ok = result['2xx'];
  return {
    connections: plan.connections,
    requests: ok + result.non2xx,
    okPerSecond: Math.round(ok / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    refused: result.non2xx,
    refusedByStatus,
    errors: result.errors,
    firstRefusal,
    seconds: Math.round(result.duration * 10) / 10,
  };
}
