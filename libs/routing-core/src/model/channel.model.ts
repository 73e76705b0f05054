// Channels as customers see them, and the four capacity classes agents are sized in.
// Routing reasons about classes so that, e.g., WhatsApp and Messenger share one "social" allowance.

export const CHANNELS = ['email', 'chat', 'whatsapp', 'messenger', 'instagram', 'x', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_CLASSES = ['chat', 'email', 'social', 'voice'] as const;
export type ChannelClass = (typeof CHANNEL_CLASSES)[number];

/** Per-class numbers (capacity, weights, timeouts); a missing class means "not set". */
export type PerChannelClass<T> = Partial<Record<ChannelClass, T>>;

const CLASS_OF_CHANNEL: Record<Channel, ChannelClass> = {
  email: 'email',
  chat: 'chat',
  whatsapp: 'social',
  messenger: 'social',
  instagram: 'social',
  x: 'social',
  voice: 'voice',
};

export function channelClassOf(channel: Channel): ChannelClass {
  return CLASS_OF_CHANNEL[channel];
}

const CHANNEL_SET: ReadonlySet<string> = new Set<string>(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_SET.has(value);
}

/** Dense index of a class, used for the per-class arrays on the hot path. */
export function classIndexOf(cls: ChannelClass): number {
  return CHANNEL_CLASSES.indexOf(cls);
}

export const CLASS_COUNT = CHANNEL_CLASSES.length;

const CLASS_INDEX_OF_CHANNEL: Record<Channel, number> = {
  email: 1,
  chat: 0,
  whatsapp: 2,
  messenger: 2,
  instagram: 2,
  x: 2,
  voice: 3,
};

/** classIndexOf(channelClassOf(channel)) as one lookup, for arrivals. */
export function classIndexOfChannel(channel: Channel): number {
  return CLASS_INDEX_OF_CHANNEL[channel];
}
