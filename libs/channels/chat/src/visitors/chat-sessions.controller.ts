// POST /v1/chat/sessions: the widget's way in. Anonymous by design (@Public): it names a chat inbox and gets a
// signed visitor token; presenting a still-valid token for the same inbox renews it for the same visitor,
// which is how a returning visitor resumes their conversation.
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@switchboard/auth';
import { DomainError, ErrorCode, IdSchema } from '@switchboard/contracts';
import { ZodBodyPipe } from '@switchboard/platform';
import { z } from 'zod';
import { ChatInboxDirectory } from './chat-inbox.directory';
import { ChatOriginPolicy, ORIGIN_NOT_ALLOWED_FOR_INBOX } from './chat-origin.policy';
import { VisitorTokenService } from './visitor-token.service';

export const ChatSessionBodySchema = z.strictObject({
  inboxId: IdSchema,
  /** The visitor's previous token, to resume the same visitor and conversation. */
  token: z.string().min(1).max(4096).optional(),
});
type ChatSessionBody = z.infer<typeof ChatSessionBodySchema>;

export interface ChatSessionResponse {
  token: string;
  visitorId: string;
  inboxId: string;
  expiresAt: string;
  resumed: boolean;
}

@ApiTags('chat')
@Controller('v1/chat/sessions')
export class ChatSessionsController {
  constructor(
    private readonly inboxes: ChatInboxDirectory,
    private readonly tokens: VisitorTokenService,
    private readonly origins: ChatOriginPolicy,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Start or resume an anonymous web-chat visitor session' })
  async create(
    @Body(new ZodBodyPipe(ChatSessionBodySchema)) body: ChatSessionBody,
    @Headers('origin') origin: string | undefined,
    @Headers('host') host: string | undefined,
  ): Promise<ChatSessionResponse> {
    const inbox = await this.inboxes.byId(body.inboxId);
    if (!inbox) throw new DomainError(ErrorCode.NotFound, `No chat inbox ${body.inboxId}`);
    // An inbox with its own sites refuses the others here too, not only through the browser's CORS.
    if (inbox.allowedOrigins.length > 0 && !this.origins.allows({ origin, host }, inbox.allowedOrigins))
      throw new DomainError(ErrorCode.Forbidden, ORIGIN_NOT_ALLOWED_FOR_INBOX);
    const previous = body.token ? await this.tokens.verify(body.token).catch(() => undefined) : undefined;
    const resumed = previous?.inboxId === inbox.id && previous.tenantId === inbox.tenantId;
    const issued = await this.tokens.issue(
      inbox.tenantId,
      inbox.id,
      resumed ? previous.visitorId : undefined,
    );
    return {
      token: issued.token,
      visitorId: issued.visitorId,
      inboxId: inbox.id,
      expiresAt: issued.expiresAt.toISOString(),
      resumed,
    };
  }
}
