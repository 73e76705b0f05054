// Gets an agent's attention for a new offer: a short Web Audio beep, and a browser notification when the
// page is hidden and the agent allowed notifications. Both fail quietly: the offer card is what counts.

let audio: AudioContext | undefined;

export function beep(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  } catch {
    // No audio device, or autoplay refused before any user gesture.
  }
}

export function notifyOffer(preview: string): void {
  if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
  new Notification('New conversation offered', { body: preview.slice(0, 140), tag: 'switchboard-offer' });
}

/** Asked once, from a click (browsers ignore the request otherwise). */
export function askNotificationPermission(): void {
  if ('Notification' in window && Notification.permission === 'default')
    void Notification.requestPermission();
}
