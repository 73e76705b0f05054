// Webhook media metrics on the process's registry (/metrics): each medium fetched, by channel and outcome,
// so a platform or CDN that keeps failing (or a limit set too low) shows before agents report it.
import { Counter, type Registry } from 'prom-client';

/** `outcome` is `stored` or a fetchError code (`too-large`, `timeout`, ...). */
export type WebhookMediaCounter = Counter<'channel' | 'outcome'>;

export function createWebhookMediaCounter(registry: Registry): WebhookMediaCounter {
  return new Counter({
    name: 'switchboard_webhook_media_total',
    help: 'Webhook media fetched into the blob store, by channel and outcome (stored or the fetch error code)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
}
