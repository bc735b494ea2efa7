// Builds the Microsoft Graph client the gateway uses: the real @microsoft/microsoft-graph-client with
// its middleware chain, the agent's delegated token, and a retry policy that never blindly repeats a
// write whose outcome could be unknown (GET retried on 429/503/504; writes only on 429, which Graph
// sends before doing anything).
import type { Dispatcher } from 'undici';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com (no version) */
  graphOrigin: string;
  getAccessToken: () => Promise<string>;
  /** A dispatcher trusting the demo tenant's CA; undefined for Microsoft's clouds. */
  dispatcher?: Dispatcher;
  maxRetries?: number;
  /** Called for every HTTP request that leaves (after retries are decided), for counting and tracing. */
  onRequest?: (method: string, url: string) => void;
}

class CountingHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly onRequest: (method: string, url: string) => void) {}
  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === 'string' ? request : request.url;
    const method = (typeof request === 'string' ? context.options?.method : request.method) ?? 'GET';
    this.onRequest(method.toUpperCase(), url);
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(options: GraphClientOptions): Client {
  const retry = new RetryHandler(
    new RetryHandlerOptions(1, options.maxRetries ?? 5, (_delay, _attempt, request, fetchOptions, response) => {
      const method = (typeof request === 'string' ? fetchOptions?.method : request.method) ?? 'GET';
      return response.status === 429 || method.toUpperCase() === 'GET';
    }),
  );
  const chain: Middleware[] = [
    new AuthenticationHandler({ getAccessToken: options.getAccessToken }),
    retry,
    new RedirectHandler(),
    new TelemetryHandler(),
    ...(options.onRequest ? [new CountingHandler(options.onRequest)] : []),
    new HTTPMessageHandler(),
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);

  const host = new URL(options.graphOrigin).hostname;
  return Client.initWithMiddleware({
    baseUrl: options.graphOrigin.replace(/\/?$/, '/'),
    defaultVersion: 'v1.0',
    middleware: chain[0]!,
    // Without customHosts the client only sends the token to Microsoft's own Graph hosts.
    customHosts: new Set([host]),
    ...(options.dispatcher ? { fetchOptions: { dispatcher: options.dispatcher } as RequestInit } : {}),
  });
}
