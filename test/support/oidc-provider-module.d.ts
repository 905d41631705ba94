/** The little of oidc-provider 8 (no bundled types) that the loopback test provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type KoaContext = {
    path: string;
    method: string;
    body: unknown;
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string };
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
  };

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    Grant: {
      new (init: {
        clientId: string;
        accountId: string;
      }): {
        addOIDCScope(scope: string): void;
        addOIDCClaims(claims: string[]): void;
        save(): Promise<string>;
      };
      find(id: string): Promise<unknown>;
    };
  }
  export default Provider;
}
