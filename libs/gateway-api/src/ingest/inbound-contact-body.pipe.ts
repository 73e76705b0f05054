// The REST ingest body, validated by the shared inbound contract under this deployment's URL policy
// (ALLOW_HTTP_URLS), the same one the router applies to records from Kafka.
import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { inboundContactSchemas, type InboundContactBody } from '@switchboard/contracts';
import { ZodBodyPipe } from '@switchboard/platform';

@Injectable()
export class InboundContactBodyPipe implements PipeTransform<unknown, InboundContactBody> {
  private readonly pipe: ZodBodyPipe<InboundContactBody>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pipe = new ZodBodyPipe(inboundContactSchemas(config.urls).body);
  }

  transform(value: unknown): InboundContactBody {
    return this.pipe.transform(value);
  }
}
