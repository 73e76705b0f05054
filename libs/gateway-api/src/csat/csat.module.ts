// CSAT answers, for the channels' edges (the chat visitors' socket) to store a customer's rating.
import { Module } from '@nestjs/common';
import { RecordCsatAnswer } from './record-csat-answer.usecase';

@Module({ providers: [RecordCsatAnswer], exports: [RecordCsatAnswer] })
export class CsatModule {}
