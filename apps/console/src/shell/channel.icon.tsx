// A channel mark: a small chip with the channel's short name, so it reads the same with or without emoji
// fonts, and screen readers hear the full name.
import type { Channel } from '@switchboard/contracts/primitives.schema';

const NAMES: Record<Channel, [short: string, full: string]> = {
  email: ['Email', 'Email'],
  chat: ['Chat', 'Web chat'],
  whatsapp: ['WA', 'WhatsApp'],
  messenger: ['FB', 'Messenger'],
  instagram: ['IG', 'Instagram'],
  x: ['X', 'X'],
  voice: ['Voice', 'Voice'],
};

export function ChannelIcon({ channel }: { channel: string | null }) {
  const [short, full] = channel && channel in NAMES ? NAMES[channel as Channel] : ['?', channel ?? 'Unknown'];
  return (
    <span className={`channel channel-${channel ?? 'unknown'}`} title={full}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{full}</span>
    </span>
  );
}
