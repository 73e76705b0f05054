// Serves the embeddable widget script and its demo page. Both are anonymous (@Public): the script is loaded
// by the embedding site's <script> tag, and the demo page is how a newcomer tries web chat.
import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { demoPage } from './demo-page';
import { WIDGET_SCRIPT } from './widget.script';

@ApiExcludeController()
@Controller()
export class WidgetController {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  @Get('widget.js')
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  // Short enough that a new release reaches embedding sites within the hour.
  @Header('Cache-Control', 'public, max-age=3600')
  script(): string {
    return WIDGET_SCRIPT;
  }

  /** The demo tenant's chat inbox (the demo seed creates one), or the one named by `?inbox=`. */
  @Get('widget/demo')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async demo(@Query('inbox') inbox: string | undefined): Promise<string> {
    const inboxId = inbox ?? (await this.firstChatInbox());
    return demoPage(inboxId);
  }

  private async firstChatInbox(): Promise<string | undefined> {
    const row = await this.prisma.inbox.findFirst({
      where: { channel: 'chat', tenant: { slug: 'demo' } },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    return row?.id;
  }
}
