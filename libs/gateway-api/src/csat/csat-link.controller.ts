// The public CSAT answer page for email customers: `GET /v1/csat/:token` shows a 1-5 form, `POST` stores the
// answer (form or JSON). The signed, expiring token is the only credential; a tampered or expired one is refused.
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import {
  csatLinkKey,
  DomainError,
  ErrorCode,
  parseWith,
  storable,
  verifyCsatLink,
  type CsatLinkClaims,
} from '@switchboard/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CSAT_COMMENT_MAX, RecordCsatAnswer } from './record-csat-answer.usecase';

/** A form posts strings; JSON may post a number. The comment is stored: storable text only. */
export const LinkAnswerSchema = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: storable(z.string().trim().max(CSAT_COMMENT_MAX)).optional(),
});

const REFUSED = 'This survey link is not valid, or it has expired.';

@ApiExcludeController()
@Public()
@Controller('v1/csat')
export class CsatLinkController {
  private readonly key: Buffer;

  constructor(
    private readonly record: RecordCsatAnswer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = csatLinkKey(config.jwt.secret);
  }

  @Get(':token')
  page(@Param('token') token: string, @Res() res: Response): void {
    if (!this.claims(token)) {
      res
        .status(404)
        .type('html')
        .send(page(`<p>${REFUSED}</p>`));
      return;
    }
    const choices = [1, 2, 3, 4, 5]
      .map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`)
      .join(' ');
    res
      .type('html')
      .send(
        page(
          `<form method="post"><p>How did we do? 1 (poor) to 5 (great)</p><p>${choices}</p>` +
            `<p><textarea name="comment" maxlength="${CSAT_COMMENT_MAX}" placeholder="Comment (optional)"></textarea></p>` +
            `<p><button type="submit">Send</button></p></form>`,
        ),
      );
  }

  @Post(':token')
  @HttpCode(200)
  async answer(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ ok: true; score: number } | string> {
    const claims = this.claims(token);
    if (!claims) throw new DomainError(ErrorCode.NotFound, REFUSED);
    const parsed = parseWith(LinkAnswerSchema, body);
    if (!parsed.ok)
      throw new DomainError(
        ErrorCode.ValidationFailed,
        'A score from 1 to 5 is required, and a comment of storable text',
        parsed.issues,
      );
    const { score, comment } = parsed.value;
    await this.record.execute(
      { tenantId: claims.tenantId, signedLink: true },
      { conversationId: claims.conversationId, score, ...(comment ? { comment } : {}) },
    );
    if (req.is('application/json')) return { ok: true, score };
    res.type('html');
    return page('<p>Thank you for your rating.</p>');
  }

  private claims(token: string): CsatLinkClaims | null {
    return verifyCsatLink(this.key, token, Date.now());
  }
}

function page(content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your feedback</title></head><body>${content}</body></html>`;
}
