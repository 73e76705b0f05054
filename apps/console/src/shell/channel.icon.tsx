// A small, labelled channel mark: the icon is decoration, the name is what screen readers hear.
import type { Channel } from '@switchboard/contracts/primitives.schema';

const ICONS: Record<Channel, string> = {
  email: '✉',
  chat: '💬',
  whatsapp: '🟢',
  messenger: 'ⓜ',
  instagram: '◎',
  x: '𝕏',
  voice: '☎',
};

export function ChannelIcon({ channel }: { channel: string | null }) {
  const icon = channel && channel in ICONS ? ICONS[channel as Channel] : '•';
  return (
    <span className="channel" title={channel ?? 'unknown channel'}>
      <span aria-hidden="true">{icon}</span>
      <span className="visually-hidden">{channel ?? 'unknown channel'}</span>
    </span>
  );
}
