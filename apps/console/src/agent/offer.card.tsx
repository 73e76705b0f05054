// One incoming offer: channel, preview, a countdown to its expiry, accept and decline.
import type { OfferView } from '../live/console-state.reducer';
import { ChannelIcon } from '../shell/channel.icon';
import { formatRemaining } from '../shell/use-now.hook';

interface Props {
  offer: OfferView;
  now: number;
  first: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

export function OfferCard({ offer, now, first, onAccept, onDecline }: Props) {
  const remaining = Date.parse(offer.expiresAt) - now;
  return (
    <li className="card offer" data-offer-id={offer.offerId} aria-label={`Offer on ${offer.channel}`}>
      <div className="offer-head">
        <ChannelIcon channel={offer.channel} />
        <span className={`countdown ${remaining < 10_000 ? 'countdown-urgent' : ''}`}>
          {'Expires in '}
          {remaining > 0 ? formatRemaining(Date.parse(offer.expiresAt), now) : 'expiring'}
        </span>
      </div>
      <p className="offer-preview">{offer.preview}</p>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onAccept}>
          Accept{first && <kbd aria-hidden="true">a</kbd>}
        </button>
        <button type="button" onClick={onDecline}>
          Decline{first && <kbd aria-hidden="true">d</kbd>}
        </button>
      </div>
    </li>
  );
}
