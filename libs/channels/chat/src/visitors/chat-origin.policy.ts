// Which sites may use a chat inbox: the inbox's own allowed origins when it lists any, otherwise the server-wide
// ones (CORS_ORIGINS and CHAT_ORIGINS), as before per-inbox origins existed. The server's own pages (the demo)
// and non-browser clients (no Origin header) always may. Also tells the transport which origins any inbox lists.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { EmbeddingOrigins, isOriginAllowed, type OriginRequest } from '@switchboard/platform';

/** How stale the set of listed origins may be: an inbox's new origin works on every gateway within this. */
const LISTED_ORIGINS_TTL_MS = 5_000;

export const ORIGIN_NOT_ALLOWED_FOR_INBOX = 'ORIGIN_NOT_ALLOWED: this site may not embed this chat inbox';

export function isOriginAllowedForInbox(
  request: OriginRequest,
  inboxOrigins: readonly string[],
  serverWide: readonly string[],
): boolean {
  return isOriginAllowed(request, inboxOrigins.length > 0 ? inboxOrigins : serverWide);
}

@Injectable()
export class ChatOriginPolicy implements OnModuleInit {
  private listed?: { origins: Promise<Set<string>>; readAt: number };

  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly embedding: EmbeddingOrigins,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.embedding.use(async (origin) => (await this.listedOrigins()).has(origin));
  }

  allows(request: OriginRequest, inboxOrigins: readonly string[]): boolean {
    const serverWide = [...this.config.corsOrigins, ...this.config.chat.origins];
    return isOriginAllowedForInbox(request, inboxOrigins, serverWide);
  }

  /** Every origin some chat inbox lists, read at most once per TTL however many handshakes ask. */
  private listedOrigins(now = Date.now()): Promise<Set<string>> {
    if (!this.listed || now - this.listed.readAt > LISTED_ORIGINS_TTL_MS) {
      const origins = this.prisma.inbox
        .findMany({
          where: { channel: 'chat', NOT: { allowedOrigins: { isEmpty: true } } },
          select: { allowedOrigins: true },
        })
        .then((rows) => new Set(rows.flatMap((row) => row.allowedOrigins)));
      this.listed = { origins, readAt: now };
      // A failed read is not cached: the next request tries again.
      origins.catch(() => (this.listed = undefined));
    }
    return this.listed.origins;
  }
}
