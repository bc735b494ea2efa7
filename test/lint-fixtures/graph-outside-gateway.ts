// Graph requests belong in src/main/core/graph: linted as if it lived anywhere else in src, the request
// and both ways of building a Graph client (lines 6, 7 and 8) are refused.
import { Client } from '@microsoft/microsoft-graph-client';

export async function leak(client: Client, middleware: never) {
  const users = await client.api('/users').get();
  const own = Client.initWithMiddleware({ middleware });
  const other = new Client();
  return [users, own, other];
}
