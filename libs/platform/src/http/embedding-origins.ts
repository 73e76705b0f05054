// Sites that embed the chat widget besides the server-wide CHAT_ORIGINS: the per-inbox allowed origins, which
// live in the database. The chat channel registers the lookup; REST CORS on the chat routes and the socket.io
// transport consult it only for an origin no configured list has, and the visitors' handshake then holds the
// origin to its inbox's own list.
import { Injectable } from '@nestjs/common';

export type EmbeddingOriginLookup = (origin: string) => Promise<boolean>;

@Injectable()
export class EmbeddingOrigins {
  private lookup: EmbeddingOriginLookup = () => Promise.resolve(false);

  use(lookup: EmbeddingOriginLookup): void {
    this.lookup = lookup;
  }

  /** True when some chat inbox lists the origin; false when none does or the lookup fails. */
  isListed(origin: string | undefined): Promise<boolean> {
    if (!origin) return Promise.resolve(false);
    return this.lookup(origin.toLowerCase()).catch(() => false);
  }
}
