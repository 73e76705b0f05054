// The platforms' webhook endpoints, one URL per inbox: `GET` answers the subscription check, `POST` takes a
// signed delivery. Public (the platforms hold no API key): the signature over the raw body is the
// authentication, checked in the use case. Transport only: size and content type here, the rest below.
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  type RawBodyRequest,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { DomainError, ErrorCode, type Channel } from '@switchboard/contracts';
import type { Request, Response } from 'express';
import { ReceiveWebhook, type WebhookReceipt } from './receive-webhook.usecase';
import { VerifyWebhookSubscription } from './webhook-verification.usecase';

export const WEBHOOK_CHANNELS = [
  'whatsapp',
  'messenger',
  'instagram',
  'x',
] as const satisfies readonly Channel[];
type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

@ApiTags('channels')
@Public()
@Controller('v1/channels/:channel/:inboxId/webhook')
export class WebhookController {
  constructor(
    private readonly receive: ReceiveWebhook,
    private readonly verify: VerifyWebhookSubscription,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A platform's subscription check: Meta's hub.challenge echo, or X's CRC response_token",
  })
  async check(
    @Param('channel') channel: string,
    @Param('inboxId') inboxId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | { response_token: string }> {
    const platform = webhookChannel(channel);
    if (platform === 'x') return this.verify.xCrc(inboxId, text(query.crc_token));
    const challenge = await this.verify.meta(platform, inboxId, {
      mode: text(query['hub.mode']),
      verifyToken: text(query['hub.verify_token']),
      challenge: text(query['hub.challenge']),
    });
    res.type('text/plain');
    return challenge;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A signed delivery (X-Hub-Signature-256 or x-twitter-webhooks-signature over the raw body); ' +
      '200 once every record is durable, 503 + Retry-After when not',
  })
  async deliver(
    @Param('channel') channel: string,
    @Param('inboxId') inboxId: string,
    @Headers('x-hub-signature-256') metaSignature: string | undefined,
    @Headers('x-twitter-webhooks-signature') xSignature: string | undefined,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<WebhookReceipt> {
    const platform = webhookChannel(channel);
    const rawBody = req.rawBody;
    if (!rawBody || !req.is('application/json')) {
      throw new DomainError(ErrorCode.InvalidJson, 'A webhook body must be application/json');
    }
    if (rawBody.length > this.config.webhooks.maxBodyBytes) {
      throw new PayloadTooLargeException(
        `A webhook body may be at most ${this.config.webhooks.maxBodyBytes} bytes`,
      );
    }
    return this.receive.execute({
      channel: platform,
      inboxId,
      rawBody,
      body: req.body as unknown,
      signature: platform === 'x' ? xSignature : metaSignature,
    });
  }
}

function webhookChannel(channel: string): WebhookChannel {
  const found = WEBHOOK_CHANNELS.find((c) => c === channel);
  if (found) return found;
  throw new DomainError(ErrorCode.NotFound, `No webhooks for channel ${channel}`, [
    { path: 'channel', message: `one of ${WEBHOOK_CHANNELS.join(', ')}` },
  ]);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
