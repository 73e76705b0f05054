// CSAT answers: the use case the channels' edges (the chat visitors' socket) store a rating with, and the
// public answer page of email surveys' signed links.
import { Module } from '@nestjs/common';
import { CsatLinkController } from './csat-link.controller';
import { RecordCsatAnswer } from './record-csat-answer.usecase';

@Module({ controllers: [CsatLinkController], providers: [RecordCsatAnswer], exports: [RecordCsatAnswer] })
export class CsatModule {}
