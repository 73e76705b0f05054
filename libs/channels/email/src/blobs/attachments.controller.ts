// Attachment downloads for console users. A blob belongs to one tenant: another tenant's id is a 404, the
// same answer as an id that does not exist, so ids cannot be probed across tenants.
import { Controller, Get, Header, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@switchboard/auth';
import { DomainError, ErrorCode, IdSchema } from '@switchboard/contracts';
import type { Response } from 'express';
import { BLOB_STORE, type BlobStore } from './blob-store.port';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('v1/attachments')
export class AttachmentsController {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  @Get(':id')
  @Header('cache-control', 'private, no-store')
  @ApiOkResponse({ description: 'The attachment content, with its type and file name' })
  @ApiNotFoundResponse({ description: 'No attachment of that id in your tenant' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'Console users only');
    const found = IdSchema.safeParse(id).success ? await this.blobs.get(principal.tenantId, id) : undefined;
    if (!found) throw new DomainError(ErrorCode.NotFound, 'No such attachment');
    response.setHeader('content-type', found.blob.contentType);
    // Never rendered inline by the API's origin: attachments are customer-supplied content.
    response.setHeader(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(found.blob.name)}`,
    );
    response.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(found.content);
  }
}
