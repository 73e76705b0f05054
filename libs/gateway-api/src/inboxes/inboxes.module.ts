// Admin API for inboxes.
import { Module } from '@nestjs/common';
import { CreateInbox } from './create-inbox.usecase';
import { DeleteInbox } from './delete-inbox.usecase';
import { GetInbox } from './get-inbox.usecase';
import { InboxSecretsStore } from './inbox-secrets.store';
import { InboxesController } from './inboxes.controller';
import { ListInboxes } from './list-inboxes.usecase';
import { UpdateInbox } from './update-inbox.usecase';

@Module({
  controllers: [InboxesController],
  providers: [InboxSecretsStore, ListInboxes, GetInbox, CreateInbox, UpdateInbox, DeleteInbox],
})
export class InboxesModule {}
